#!/usr/bin/env bash
# France's signed archive of a period: `fiscal export archive` writes the
# period's receipts, closings, event-log lines and grand totals with a
# manifest of their SHA-256 hashes signed by the till's key; `fiscal
# verify-archive` checks it offline and names what was altered: a byte of a
# receipt, a hash in the manifest, the signature. A bad range or a folder
# that cannot be written is refused and leaves nothing behind. The export
# is an event of the event log.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
store="$work/shop.db"
run() { "$admin" --store "$store" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$store" "$1"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run product add CAFE --name Café --price 2.40 --tax A --as olivia --as-pin 4321 >/dev/null
if run fiscal export archive --from 2000-01-01 --to 2100-12-31 "$work/none" >/dev/null 2>"$work/err"; then
  fail "an archive without FR-NF525"
fi
grep -q "FR-NF525" "$work/err" || fail "no profile: $(cat "$work/err")"
run settings set fiscal_profile FR-NF525 --as olivia --as-pin 4321
run shift open --float 100.00 --cashier olivia --pin 4321 >/dev/null
run sell --cashier olivia --pin 4321 --scan 'CAFE*2' --pay cash:10 >/dev/null
run sell --cashier olivia --pin 4321 --scan CAFE --pay cash:10 >/dev/null
run fiscal receipt day --as olivia --as-pin 4321 >/dev/null

today=$(date -u +%F)
run fiscal export archive --from "$today" --to "$today" "$work/a" >"$work/out" || fail "export: $(cat "$work/out")"
grep -q "2 receipts, 1 closings" "$work/out" || fail "export said: $(cat "$work/out")"
[ "$(q "SELECT count(*) FROM fiscal_event WHERE kind = 'archive' AND line LIKE '%$work/a%'")" = 1 ] \
  || fail "the export is not in the event log"
for f in receipts.jsonl closings.txt grand-totals.txt jet.txt manifest.txt manifest.sig; do
  [ -s "$work/a/$f" ] || fail "$f missing or empty"
done
grep -q '"receipt":"T1-2"' "$work/a/receipts.jsonl" || fail "receipts: $(cat "$work/a/receipts.jsonl")"
grep -q '"sku":"CAFE"' "$work/a/receipts.jsonl" || fail "receipt lines missing"
[ "$(wc -l <"$work/a/grand-totals.txt")" = 3 ] || fail "grand totals: $(cat "$work/a/grand-totals.txt")"
grep -q '|day|T1-D000001|' "$work/a/closings.txt" || fail "closings: $(cat "$work/a/closings.txt")"
grep -q '^JET|T1|1|setting|' "$work/a/jet.txt" || fail "jet: $(cat "$work/a/jet.txt")"
# The key in the manifest is the till's.
key=$(sed -n 's/^public_key //p' "$work/a/manifest.txt")
[ "$(q "SELECT lower(hex(public_key)) FROM till_key WHERE till_id = 'T1'")" = "$key" ] || fail "public key"

# Checked with no store at all: only the archive's own key.
"$admin" --store "$work/nowhere.db" fiscal verify-archive "$work/a" >"$work/out" || fail "verify: $(cat "$work/out")"
grep -q "ok: 2 receipts, 1 closings" "$work/out" || fail "verify said: $(cat "$work/out")"
[ ! -e "$work/nowhere.db" ] || fail "verify-archive opened a store"

# One change at a time, each on a fresh copy.
altered() {
  rm -rf "$work/t"
  cp -r "$work/a" "$work/t"
  python3 - "$work/t/$1" "$2" <<'PY'
import sys
path, needle = sys.argv[1], sys.argv[2].encode()
data = bytearray(open(path, "rb").read())
i = data.index(needle) if needle else len(data) // 2
data[i] = ord("9") if data[i] != ord("9") else ord("8")
open(path, "wb").write(bytes(data))
PY
  if "$admin" fiscal verify-archive "$work/t" >/dev/null 2>"$work/err"; then fail "verify missed a change to $1"; fi
  grep -q "$3" "$work/err" || fail "change to $1: $(cat "$work/err") (expected $3)"
}
altered receipts.jsonl '"total":480' "receipts.jsonl was altered"
altered grand-totals.txt '|720|' "grand-totals.txt was altered"
altered manifest.txt "$(head -c 8 <(sed -n 's/  receipts.jsonl$//p' "$work/a/manifest.txt"))" \
  "The manifest or its signature was altered"
altered manifest.sig "" "The manifest or its signature was altered"
rm -rf "$work/t"; cp -r "$work/a" "$work/t"; rm "$work/t/jet.txt"
if "$admin" fiscal verify-archive "$work/t" >/dev/null 2>"$work/err"; then fail "verify missed a missing file"; fi
grep -q "jet.txt is missing" "$work/err" || fail "missing file: $(cat "$work/err")"

# Refused, and nothing left behind.
touch "$work/plain"
before=$(ls -A "$work" | sort)
if run fiscal export archive --from "$today" --to 2000-01-01 "$work/b" >/dev/null 2>"$work/err"; then
  fail "a range that ends before it starts"
fi
grep -q "is after the last day" "$work/err" || fail "bad range: $(cat "$work/err")"
if run fiscal export archive --from 2026-13-01 --to "$today" "$work/b" >/dev/null 2>"$work/err"; then
  fail "a month 13"
fi
grep -q "YYYY-MM-DD" "$work/err" || fail "bad day: $(cat "$work/err")"
if run fiscal export archive --from "$today" --to "$today" "$work/a" >/dev/null 2>"$work/err"; then
  fail "an archive over an existing folder"
fi
grep -q "already exists" "$work/err" || fail "existing folder: $(cat "$work/err")"
# A path under a plain file cannot be written, even by root.
if run fiscal export archive --from "$today" --to "$today" "$work/plain/c" >/dev/null 2>"$work/err"; then
  fail "an archive in a folder that cannot be written"
fi
grep -q "Cannot write the archive in $work/plain" "$work/err" || fail "unwritable: $(cat "$work/err")"
[ "$(ls -A "$work" | sort)" = "$before" ] || fail "left behind: $(ls -A "$work")"
[ "$(q "SELECT count(*) FROM fiscal_event WHERE kind = 'archive'")" = 1 ] || fail "a refused export is logged"
echo ok
