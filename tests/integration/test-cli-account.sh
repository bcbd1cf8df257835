#!/usr/bin/env bash
# Customers' accounts through mainstreet-admin: the owner sets a limit, a
# sale goes on account, over the limit only with a supervisor, a cash
# payment against it lands in the drawer (X report) but not in takings, a
# refund credits it, and the statement PDF says it all.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"


run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add sam --role supervisor --pin 2580 --as olivia --as-pin 4321
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
run settings set shop_name "Corner Shop" >/dev/null 2>&1 || true
sqlite3 "$store" "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('TEA', 'Earl Grey tea', 349, 1);
  INSERT INTO customer (name, card_code, created_at) VALUES ('Ada Lovelace', 'LC-1', '2026-01-01T00:00:00.000Z');
  INSERT INTO customer (name, card_code, created_at) VALUES ('Bob', 'LC-2', '2026-01-01T00:00:00.000Z');"
run shift open --float 100.00 --cashier casey --pin 1234 >/dev/null

# Only the owner opens an account and sets its limit; no account, no tab.
expect_exit 5 run account limit LC-1 10.00 --as sam --as-pin 2580
expect_exit 0 run --json account limit LC-1 10.00 --as olivia --as-pin 4321
[ "$(json "d['credit_limit']")" = 10.00 ] || fail "limit $(json "d['credit_limit']")"
expect_exit 3 run sell --cashier casey --pin 1234 --scan TEA --customer LC-2 --pay account:3.49
expect_exit 8 run sell --cashier casey --pin 1234 --scan TEA --pay account:3.49

# 2 × 3.49 = 6.98 on the tab; 2 more are over 10.00 without a supervisor.
expect_exit 0 run --json sell --cashier casey --pin 1234 --scan 'TEA*2' --customer LC-1 --pay account:6.98
receipt=$(json "d['receipt']")
expect_exit 5 run sell --cashier casey --pin 1234 --scan 'TEA*2' --customer LC-1 --pay account:6.98
grep -q "credit limit" "$work/err" || fail "no limit in: $(cat "$work/err")"
[ "$(sqlite3 "$store" "SELECT count(*) FROM sale")" = 1 ] || fail "a refused sale was written"
expect_exit 0 run sell --cashier casey --pin 1234 --scan TEA --customer LC-1 --pay account:3.49 \
  --approver sam --approver-pin 2580
expect_exit 0 run --json account show LC-1
[ "$(json "d['balance']")" = 10.47 ] || fail "balance $(json "d['balance']")"
[ "$(json "d['over_limit']")" = True ] || fail "not over its limit"
[ "$(json "len(d['moves'])")" = 2 ] || fail "moves $(json "len(d['moves'])")"

# A cash payment against the account: into the drawer, not takings.
expect_exit 0 run --json account pay LC-1 5.00 --cashier casey --pin 1234
[ "$(json "d['balance']")" = 5.47 ] || fail "balance after payment $(json "d['balance']")"
expect_exit 0 run --json report x
python3 - "$work/out" <<'PY' || fail "X report: $(cat "$work/out")"
import json, sys
d = json.load(open(sys.argv[1]))
def find(o, k):
    if isinstance(o, dict):
        if k in o:
            return o[k]
        for v in o.values():
            r = find(v, k)
            if r is not None:
                return r
    if isinstance(o, list):
        for v in o:
            r = find(v, k)
            if r is not None:
                return r
    return None
assert str(find(d, "account_cash_paid_in")) in ("5.00", "500"), find(d, "account_cash_paid_in")
assert str(find(d, "expected_cash")) in ("105.00", "10500"), find(d, "expected_cash")
PY
expect_exit 5 run account pay LC-1 5.00 --cashier casey --pin 9999
expect_exit 4 run account pay LC-1 5.00 --method cheque --cashier casey --pin 1234

# A refund of the sale on account credits the account.
expect_exit 0 run refund "$receipt" --cashier sam --pin 2580 --pay account:6.98
expect_exit 0 run --json account show LC-1
[ "$(json "d['balance']")" = -1.51 ] || fail "balance after refund $(json "d['balance']")"
# In credit, the plain-text line says so with what the shop holds, not a negative debt.
expect_exit 0 run account show LC-1
grep -q "in credit *1\.51" "$work/out" || fail "show of an account in credit: $(cat "$work/out")"
if grep -q "owes" "$work/out"; then fail "an account in credit owes: $(cat "$work/out")"; fi
expect_exit 0 run account list
grep -q "LC-1.*in credit *1\.51" "$work/out" || fail "list of an account in credit: $(cat "$work/out")"

# A correction needs a supervisor and a reason.
expect_exit 5 run account adjust LC-1 1.51 --note "rounding" --as casey --as-pin 1234
expect_exit 0 run account adjust LC-1 1.51 --note "rounding" --as sam --as-pin 2580
expect_exit 0 run --json account list
[ "$(json "len(d)")" = 1 ] || fail "list has $(json "len(d)") accounts"
[ "$(json "d[0]['balance']")" = 0.00 ] || fail "listed balance $(json "d[0]['balance']")"

# The statement: a PDF with the shop, the customer, every move and the balances.
expect_exit 0 run account statement LC-1 --pdf "$work/statement.pdf"
pdftotext -layout "$work/statement.pdf" "$work/statement.txt"
for want in "Account statement" "Ada Lovelace" "LC-1" "Opening balance" "Closing balance" "$receipt" \
  "Sale on account" "Payment" "Refund" "Adjustment"; do
  grep -q -- "$want" "$work/statement.txt" || fail "statement lacks '$want': $(cat "$work/statement.txt")"
done
pdftoppm -png -r 50 -singlefile "$work/statement.pdf" "$work/statement"
[ -s "$work/statement.png" ] || fail "statement did not render"
set +e; run account statement LC-1 >/dev/null 2>&1; got=$?; set -e
[ "$got" -eq 2 ] || fail "a statement without --pdf exited $got, expected 2 (usage)"

expect_exit 0 run account overdrawn
grep -q "No account is over its limit" "$work/out" || fail "overdrawn: $(cat "$work/out")"
expect_exit 0 run verify
echo "ok"
