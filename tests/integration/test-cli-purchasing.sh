#!/usr/bin/env bash
# Suppliers, the moving average cost of deliveries, margins and stock value
# through mainstreet-admin, with figures worked out by hand; bad input is
# refused with its exit code and writes nothing.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

owner() { run "$@" --as olivia --as-pin 4321; }
expect_exit() {
  local want=$1; shift
  local got=0
  "$@" 2>"$work/err" >/dev/null || got=$?
  [ "$got" -eq "$want" ] || fail "$* exited $got, not $want: $(cat "$work/err")"
}
moves() { sqlite3 "$store" "SELECT count(*) FROM stock_move"; }
check() { python3 -c "import json, sys; d = json.load(open('$work/out')); $1" || fail "$1 in: $(cat "$work/out")"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
owner product add TEA --name "Earl Grey tea" --price 3.49 --tax A >/dev/null

owner supplier add "Hillside Farm" --contact Jo --customer-number C-17 --lead-time 3 --minimum-order 50 \
  --region Kent --local
expect_exit 4 owner supplier add "Hillside Farm"
expect_exit 3 owner supplier edit Nobody --region Sussex
expect_exit 4 owner supplier edit "Hillside Farm" --lead-time -2
expect_exit 5 run supplier add Other --as casey --as-pin 1234
owner supplier edit "Hillside Farm" --phone "01234 567890"
owner product edit TEA --supplier "Hillside Farm" >/dev/null
owner supplier link "Hillside Farm" TEA --order-code HF-1 --cost 1.10
expect_exit 3 owner supplier link Nobody TEA
expect_exit 3 owner supplier link "Hillside Farm" NOPE

run --json supplier show "Hillside Farm" >"$work/out"
check "assert d['lead_time_days'] == 3 and d['minimum_order'] == '50.00' and d['local'] and d['region'] == 'Kent'
assert d['phone'] == '01234 567890' and d['customer_number'] == 'C-17'
assert d['products'] == [{'sku': 'TEA', 'name': 'Earl Grey tea', 'order_code': 'HF-1', 'cost': '1.10', 'preferred': True}], d"
run --json supplier list >"$work/out"
check "assert [s['name'] for s in d] == ['Hillside Farm'], d"

# Bad deliveries write nothing.
expect_exit 4 owner stock receive 'TEA*-1@1.00'
expect_exit 3 owner stock receive 'TEA*1@1.00' --supplier Nobody
[ "$(moves)" -eq 0 ] || fail "a refused delivery wrote stock moves"

# 10 at 1.20 then 5 at 1.50: (12.00 + 7.50) / 15 = 1.30.
owner stock receive 'TEA*10@1.20' --supplier "Hillside Farm"
owner stock receive 'TEA*5@1.50'
run --json product show TEA >"$work/out"
check "assert d['cost'] == '1.30', d"

run shift open --float 100 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan 'TEA*2' --pay cash:10 >/dev/null
# 3 at 2.00 onto 13 at 1.30: (16.90 + 6.00) / 16 = 1.43125 → 1.43; the sale keeps 1.30.
owner stock receive 'TEA*3@2.00'

# 2 × 3.49 = 6.98 incl. 20 %: tax 1.16, net 5.82, cost 2.60, margin 3.22.
for by in product supplier day-margin; do
  run --json report sales --by $by >"$work/out"
  check "t = d['totals']; assert (t['cost'], t['margin'], t['uncosted']) == (260, 322, 0), t"
done
run --json report sales --by line >"$work/out"
check "r = d['rows'][0]; assert (r['unit_cost'], r['cost'], r['margin']) == (130, 260, 322), r"
run report sales --by supplier >"$work/out"
grep -Eq '^ +Hillside Farm +2 +6\.98 +1\.16 +5\.82 +0\.00 +2\.60 +3\.22 +0$' "$work/out" || fail "$(cat "$work/out")"

# 16 on hand at 1.43 = 22.88; nothing before the shop had stock.
run --json report stock-value >"$work/out"
check "assert d['value'] == 2288 and d['rows'][0]['qty'] == 16000 and d['rows'][0]['unit_cost'] == 143, d"
run --json report stock-value --at 2020-01-01 >"$work/out"
check "assert d['value'] == 0 and d['rows'] == [], d"
expect_exit 4 run report stock-value --at 2020-13-01

# Purchase orders. 16 on hand, reorder level 20, 2 sold in the last 28
# days, lead time 3: 2 × (3 + 7) / 28 = 0.71 → 1; 20 + 1 − 16 = 5 to order,
# 5 × 1.10 = 5.50, under the 50.00 minimum order.
owner product edit TEA --reorder 20 >/dev/null
run --json po suggest "Hillside Farm" >"$work/out"
check "l = d['lines']; assert d['below_minimum_order'] and len(l) == 1 and l[0]['qty'] == '5', d"
expect_exit 3 run po suggest Nobody
expect_exit 3 owner po create Nobody 'TEA*1'
expect_exit 4 owner po create "Hillside Farm" 'TEA*-2'
[ "$(sqlite3 "$store" "SELECT count(*) FROM purchase_order")" -eq 0 ] || fail "a refused order was written"
owner po create "Hillside Farm" --suggested >"$work/out"
grep -q '^purchase order 1$' "$work/out" || fail "$(cat "$work/out")"
owner po send 1 --pdf "$work/po.pdf" --csv "$work/po.csv"
head -c 5 "$work/po.pdf" | grep '%PDF-' >/dev/null || fail "no PDF"
grep -q '^TEA,HF-1,Earl Grey tea,5,1.10,5.50' "$work/po.csv" || fail "$(cat "$work/po.csv")"

# 2 at 1.10 onto 16 at 1.43: (22.88 + 2.20) / 18 = 1.3933 → 1.39; then the rest.
owner po receive 1 'TEA*2' --note DN-9
run --json po show 1 >"$work/out"
check "assert d['status'] == 'partly_received' and d['lines'][0]['received'] == '2', d"
run --json product show TEA >"$work/out"
check "assert d['cost'] == '1.39', d"
owner po receive 1
run --json po show 1 >"$work/out"
check "assert d['status'] == 'received' and d['total'] == '5.50', d"
owner po close 1
expect_exit 8 owner po close 1

run verify >/dev/null
