#!/usr/bin/env bash
# A day at the till through mainstreet-admin: sales, a refund, X and Z
# reports that agree with what was sold, and bad input that changes nothing.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

count() { sqlite3 "$store" "$1"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate B Reduced 7 --as olivia --as-pin 4321
run users add sam --role supervisor --pin 2580 --as olivia --as-pin 4321
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
sqlite3 "$store" "INSERT INTO product (sku, name, price, tax_rate_id) VALUES
  ('TEA', 'Earl Grey tea', 349, 1), ('MILK', 'Whole milk 1l', 119, 2);
  INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1);"

run shift open --float 100.00 --cashier casey --pin 1234 >/dev/null

expect_exit 0 run --json sell --cashier casey --pin 1234 --scan 4006381333931 --scan 'MILK*2' --pay cash:10
[ "$(json "d['receipt']")" = T1-1 ] || fail "first receipt is not T1-1"
[ "$(json "d['total']")" = 5.87 ] || fail "total is $(json "d['total']")"
[ "$(json "d['change']")" = 4.13 ] || fail "change is $(json "d['change']")"

expect_exit 0 run sell --cashier casey --pin 1234 --scan TEA --pay card:2.00:TERM-77 --pay cash:1.49
grep -q 'receipt  T1-2' "$work/out" || fail "second sale: $(cat "$work/out")"

# Bad input: a wrong check digit, a short tender, a card number, a wrong PIN.
expect_exit 4 run sell --cashier casey --pin 1234 --scan 4006381333932 --pay cash:5
grep -q 'check digit' "$work/err" || fail "check digit message: $(cat "$work/err")"
expect_exit 8 run sell --cashier casey --pin 1234 --scan TEA --pay cash:1
expect_exit 4 run sell --cashier casey --pin 1234 --scan TEA --pay card:3.49:4111111111111111
expect_exit 5 run sell --cashier casey --pin 9999 --scan TEA --pay cash:5
[ "$(count 'SELECT count(*) FROM sale')" = 2 ] || fail "a refused sale left a record"

# A refund needs a supervisor; then it nets out.
expect_exit 5 run refund T1-1 --cashier casey --pin 1234 --line 2 --qty 1
expect_exit 0 run refund T1-1 --cashier casey --pin 1234 --line 2 --qty 1 --approver sam --approver-pin 2580
expect_exit 8 run refund T1-1 --cashier sam --pin 2580 --line 2 --qty 2

# X changes nothing and agrees with the sales: 5.87 + 3.49 − 1.19.
before=$(count 'SELECT count(*) FROM journal')
expect_exit 0 run --json report x
[ "$(count 'SELECT count(*) FROM journal')" = "$before" ] || fail "X report wrote something"
python3 - "$work/out" <<'PY' || fail "X report totals: $(cat "$work/out")"
import json, sys
x = json.load(open(sys.argv[1]))
def find(d, key):
    if isinstance(d, dict):
        for k, v in d.items():
            if k == key: return v
            r = find(v, key)
            if r is not None: return r
    if isinstance(d, list):
        for v in d:
            r = find(v, key)
            if r is not None: return r
assert find(x, "total") == 587 + 349 - 119, find(x, "total")
assert find(x, "expected_cash") == 10000 + 587 + 149 - 119, find(x, "expected_cash")
PY

expect_exit 5 run report z --as casey --as-pin 1234
# The Z closes the day and backs it up, with the manifest a restore checks.
expect_exit 0 run --json report z --as sam --as-pin 2580 --backup-folder "$work/backups"
[ "$(json "d['number']")" = 1 ] || fail "first Z is not number 1"
[ "$(json "d['total']")" = "$((587 + 349 - 119))" ] || fail "Z total $(json "d['total']")"
backup=$(json "d['backup']['path']")
[ -f "$backup" ] && [ -f "$backup.manifest.json" ] || fail "the Z left no checked backup: $(cat "$work/out")"
[ "$(sqlite3 "$backup" 'SELECT count(*) FROM z_report')" = 1 ] || fail "the backup does not hold the Z"
expect_exit 8 run report z --as sam --as-pin 2580

# A backup that fails after a Z says so and fails the command, and the Z
# stays recorded: a closed day is never lost to a full or missing disk.
(
  store="$work/other.db"
  run init --owner olivia --owner-pin 4321 --till T2 --currency EUR >/dev/null
  run shift open --float 10.00 --cashier olivia --pin 4321 >/dev/null
  touch "$work/not-a-folder"
  expect_exit 1 run report z --as olivia --as-pin 4321 --backup-folder "$work/not-a-folder"
  grep -q 'Z report is recorded but its backup failed' "$work/err" || fail "backup failure: $(cat "$work/err")"
  [ "$(count 'SELECT count(*) FROM z_report')" = 1 ] || fail "the Z was lost with its backup"
)

expect_exit 0 run verify
grep -q '^ok' "$work/out" || fail "verify: $(cat "$work/out")"
! grep -q '^note' "$work/out" || fail "verify notes changed signatures in an untouched store: $(cat "$work/out")"
# A sale's signature changed alone: a later signature of the till proves
# its content, and verify says so without calling the journal broken.
sqlite3 "$store" "DROP TRIGGER journal_no_update; UPDATE journal SET signature = randomblob (64) WHERE type = 'sale' AND till_seq = (SELECT min(till_seq) FROM journal WHERE type = 'sale')"
expect_exit 0 run verify
grep -q '^note: 1 journal event carries a signature that does not verify' "$work/out" \
  || fail "verify did not count the changed signature: $(cat "$work/out")"
expect_exit 0 run --json verify
grep -q '"events_proven_by_a_later_signature" : 1' "$work/out" || fail "verify --json: $(cat "$work/out")"
# Tampering with a sale's journal event is found and named.
sqlite3 "$store" "UPDATE journal SET payload = replace(payload, '587', '500') WHERE type = 'sale' AND till_seq = (SELECT min(till_seq) FROM journal WHERE type = 'sale')"
expect_exit 7 run verify
grep -q 'Journal broken at till T1' "$work/err" || fail "verify did not name the record: $(cat "$work/err")"
echo "1 passed, 0 failed"
