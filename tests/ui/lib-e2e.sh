# lib-e2e.sh — sourced by the end-to-end UI tests: a demo store, the real
# app under a private Xvfb in its own D-Bus session, real X input, and
# checks on the store afterwards with sqlite3.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/xvfb-lib.sh"

: "${MAINSTREET:?set by ctest: the mainstreet program}"
: "${POS_UI_DEMO_STORE:?set by ctest: the demo store maker}"
: "${POS_ARTIFACTS:=${TMPDIR:-/tmp}/mainstreet-artifacts}"

E2E_NAME=$(basename "$0" .sh)
E2E_DIR=$(mktemp -d)
E2E_STORE="$E2E_DIR/store.db"
E2E_LOG="$E2E_DIR/app.log"
E2E_APP_PID=
mkdir -p "$POS_ARTIFACTS"

e2e_cleanup() {
  if [ -n "$E2E_APP_PID" ]; then
    kill "$E2E_APP_PID" 2>/dev/null || true
    wait "$E2E_APP_PID" 2>/dev/null || true
  fi
  pos_xvfb_stop
  cp "$E2E_LOG" "$POS_ARTIFACTS/$E2E_NAME.log" 2>/dev/null || true
  rm -rf "$E2E_DIR"
}
trap e2e_cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  e2e_shot "failure"
  exit 1
}

# Saves a screenshot of the whole screen as $POS_ARTIFACTS/<test>-<what>.png.
e2e_shot() {
  import -window root "$POS_ARTIFACTS/$E2E_NAME-$1.png" 2>/dev/null || true
}

e2e_sql() {
  sqlite3 "$E2E_STORE" "$1"
}

# expect "what" "SQL" "expected value"
# The store reaches the expected value within 10 s (work runs in threads).
expect() {
  local got
  for _ in $(seq 1 50); do
    got=$(e2e_sql "$2")
    [ "$got" = "$3" ] && break
    sleep 0.2
  done
  [ "$got" = "$3" ] || fail "$1: expected '$3', got '$got'"
  echo "ok: $1"
}

# Starts the app on a fresh demo store and waits for its window.
e2e_start() {
  "$POS_UI_DEMO_STORE" "$E2E_STORE" "$@"
  pos_xvfb_start
  # GTK 4.8 warns of a missed focus-out when a dialog with a focused entry
  # closes; that is GTK's own noise, so the app under test dies on
  # criticals only (widget tests keep warnings fatal).
  G_DEBUG=fatal-criticals GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    dbus-run-session -- "$MAINSTREET" --store "$E2E_STORE" --report-ready-fd 1 >"$E2E_LOG" 2>&1 &
  E2E_APP_PID=$!
  for _ in $(seq 1 100); do
    xdotool search --name '^Mainstreet$' >/dev/null 2>&1 && break
    kill -0 "$E2E_APP_PID" 2>/dev/null || fail "the app exited: $(cat "$E2E_LOG")"
    sleep 0.2
  done
  # On a loaded machine a freshly shown window can miss a first click.
  sleep 6
}

# Picks a user on the sign-in screen by typing the first letters of her
# name, as a cashier at the keyboard would (the till's window has the
# keyboard first).
e2e_pick_user() {
  xdotool search --onlyvisible --name '^Mainstreet$' windowfocus >/dev/null 2>&1 || true
  sleep 0.3
  xdotool type --delay 120 "$1"
  sleep 0.5
}

# Signs NAME in from the keyboard: her name's letters pick her tile, then
# the PIN at a person's speed and Enter; the first sign-in of the day
# answers the opening float (default 100.00).
e2e_sign_in() {
  local name=$1 pin=$2 float=${3:-100}
  e2e_pick_user "$name"
  xdotool type --delay 120 "$pin"
  xdotool key Return
  # The PIN check is slow on purpose (Argon2id): wait for the float question
  # when no shift is open yet, then for the sale screen.
  if [ "$(e2e_sql "SELECT count(*) FROM shift WHERE closed_at IS NULL")" = 0 ]; then
    e2e_wait_for "the opening float question" e2e_asks_float
    e2e_shot float
    xdotool type --delay 110 "$float"
    xdotool key Return
  else
    sleep 3 # no float question: give the PIN check and the switch to the sale screen time
  fi
  e2e_wait_for "the sale screen" grep -q '^ready' "$E2E_LOG"
  sleep 0.5
}

# A second window of the app is up: the question dialog.
e2e_asks_float() {
  [ "$(xdotool search --onlyvisible --class '^mainstreet$' 2>/dev/null | wc -l)" -ge 2 ]
}

# Polls CONDITION (a command) for up to 20 s; a loaded machine is slow, not wrong.
e2e_wait_for() {
  local what=$1; shift
  for _ in $(seq 1 100); do
    "$@" && return 0
    kill -0 "$E2E_APP_PID" 2>/dev/null || fail "the app exited while waiting for $what: $(cat "$E2E_LOG")"
    sleep 0.2
  done
  fail "waited 20 s for $what"
}

# e2e_printed FILE TEXT: TEXT reaches FILE, a printer that writes to a file,
# within 10 s (the till prints in the background). Returns 1 rather than
# failing, so the caller says which slip or receipt is missing.
e2e_printed() {
  for _ in $(seq 1 50); do
    grep -a -q -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# A keyboard-wedge scanner: the code in a few milliseconds, then Enter.
e2e_scan() {
  xdotool type --delay 5 "$1"
  xdotool key Return
  sleep 0.4
}

# A person typing.
e2e_type() {
  xdotool type --delay 110 "$1"
  sleep 0.3
}

e2e_key() {
  xdotool key "$@"
  sleep 0.6
}
