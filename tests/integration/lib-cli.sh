# lib-cli.sh — the start every mainstreet-admin script shares: a store in a
# temporary folder that goes away on exit, and the helpers to run the
# program, expect its exit status and read its --json output.
# Source it after `set -euo pipefail`.

admin=${MAINSTREET_ADMIN:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store="$work/shop.db"

run() { "$admin" --store "$store" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
sql() { sqlite3 "$store" "$1"; }
# The Python expression $1 over the JSON in $work/out, as `d`.
json() { python3 -c "import json,sys; d=json.load(open('$work/out')); print($1)"; }

# expect_exit WANT COMMAND…: runs COMMAND with its output in $work/out and
# its errors in $work/err, and fails unless it exits WANT. A refusal must
# say why in one line (the command-line contract); a usage error (2) may
# add the usage line.
expect_exit() {
  local want=$1; shift
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want: $(cat "$work/err")"
  [ "$want" -eq 0 ] || [ "$want" -eq 2 ] || [ "$(wc -l <"$work/err")" -eq 1 ] || fail "'$*' printed more than one error line"
}
