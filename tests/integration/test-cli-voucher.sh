#!/usr/bin/env bash
# Gift cards through mainstreet-admin: sold as a sale, balance, paid with,
# refused beyond the balance, voided by a supervisor, store credit from a
# refund.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"


run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add sam --role supervisor --pin 2580 --as olivia --as-pin 4321
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
sqlite3 "$store" "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('TEA', 'Earl Grey tea', 349, 1);
  INSERT INTO customer (name, card_code, created_at) VALUES ('Ada', 'LC-1', '2026-01-01T00:00:00.000Z');"
run shift open --float 100.00 --cashier casey --pin 1234 >/dev/null

expect_exit 0 run --json voucher issue 20.00 --code gift-0001 --cashier casey --pin 1234 --pay card:20.00:T-1
[ "$(json "d['code']")" = GIFT-0001 ] || fail "issued code is $(json "d['code']")"
expect_exit 0 run --json voucher issue 10.00 --cashier casey --pin 1234 --pay cash:10
code=$(json "d['code']")
[[ "$code" =~ ^GC[A-Z2-9]{12}$ ]] || fail "new code $code"

expect_exit 0 run --json sell --cashier casey --pin 1234 --scan 'TEA*2' --pay voucher:GIFT-0001:6.98
[ "$(json "d['tendered']")" = 6.98 ] || fail "tendered $(json "d['tendered']")"
expect_exit 0 run --json voucher balance GIFT-0001
[ "$(json "d['balance']")" = 13.02 ] || fail "balance $(json "d['balance']")"

# More than is left, an unknown code, a malformed tender: refused, nothing written.
expect_exit 8 run sell --cashier casey --pin 1234 --scan 'TEA*4' --pay voucher:GIFT-0001:13.96
grep -q "13.02" "$work/err" || fail "no balance in: $(cat "$work/err")"
expect_exit 3 run sell --cashier casey --pin 1234 --scan TEA --pay voucher:NOPE-1:3.49
expect_exit 4 run sell --cashier casey --pin 1234 --scan TEA --pay voucher:3.49
[ "$(sqlite3 "$store" "SELECT count(*) FROM sale")" = 3 ] || fail "a refused sale was written"

# A void needs a supervisor.
expect_exit 5 run voucher void GIFT-0001 --as casey --as-pin 1234
expect_exit 0 run voucher void GIFT-0001 --as casey --as-pin 1234 --approver sam --approver-pin 2580 --reason lost
expect_exit 0 run --json voucher balance GIFT-0001
[ "$(json "d['balance']")" = 0.00 ] || fail "voided balance $(json "d['balance']")"
[ "$(json "d['voided']")" = True ] || fail "not voided"
expect_exit 8 run voucher void GIFT-0001 --as sam --as-pin 2580

# Store credit from a refund, for the sale's customer alone.
expect_exit 0 run --json sell --cashier casey --pin 1234 --scan TEA --customer LC-1 --pay cash:3.49
receipt=$(json "d['receipt']")
expect_exit 0 run refund "$receipt" --cashier sam --pin 2580 --pay credit:3.49
credit=$(sqlite3 "$store" "SELECT code FROM voucher WHERE kind = 'credit'")
[ -n "$credit" ] || fail "no store credit"
expect_exit 8 run sell --cashier casey --pin 1234 --scan TEA --pay "voucher:$credit:3.49"
expect_exit 0 run sell --cashier casey --pin 1234 --scan TEA --customer LC-1 --pay "voucher:$credit:3.49"

expect_exit 0 run --json voucher list
[ "$(json "len(d)")" = 3 ] || fail "list has $(json "len(d)") vouchers"
expect_exit 0 run voucher overdraws
grep -q "No card was overdrawn" "$work/out" || fail "overdraws: $(cat "$work/out")"
expect_exit 0 run verify
echo "ok"
