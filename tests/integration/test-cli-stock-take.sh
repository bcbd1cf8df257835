#!/usr/bin/env bash
# Stock takes and receiving more than ordered through mainstreet-admin:
# counts by code, a sale during the count, the variance report, approval
# into stock moves, and bad input (a negative count, an unknown code, a
# cashier approving) with its exit code.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

owner() { run "$@" --as olivia --as-pin 4321; }
casey() { run "$@" --as casey --as-pin 1234; }
expect_exit() {
  local want=$1; shift
  local got=0
  "$@" 2>"$work/err" >/dev/null || got=$?
  [ "$got" -eq "$want" ] || fail "$* exited $got, not $want: $(cat "$work/err")"
}
level() { sqlite3 "$store" "SELECT qty FROM stock_level l JOIN product p ON p.id = l.product_id WHERE sku = '$1'"; }
check() { python3 -c "import json, sys; d = json.load(open('$work/out')); $1" || fail "$1 in: $(cat "$work/out")"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
owner product add TEA --name "Earl Grey tea" --price 3.49 --tax A --barcode 4006381333931 >/dev/null
owner product add JAM --name "Plum jam" --price 2.99 --tax A >/dev/null
owner stock receive 'TEA*10' 'JAM*4' >/dev/null

expect_exit 8 casey stock-take count TEA   # none open yet
expect_exit 3 casey stock-take start --category Nowhere
casey stock-take start >"$work/out"
grep -q '^stock take 1$' "$work/out" || fail "$(cat "$work/out")"
expect_exit 8 casey stock-take start       # one at a time

# 2 tea sold before the count, 7 on the shelf (one lost), 1 sold after.
run shift open --float 100 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan 'TEA*2' --pay cash:10 >/dev/null
casey stock-take count 4006381333931 4006381333931 'TEA*5' 'JAM*4' >/dev/null
run sell --cashier casey --pin 1234 --scan TEA --pay cash:5 >/dev/null
expect_exit 4 casey stock-take count 'TEA*-1'
casey --json stock-take count 2000000000008 >"$work/out"
check "assert d == [{'code': '2000000000008', 'unknown': True}], d"

run --json stock-take variance >"$work/out"
check "l = {x['sku']: x for x in d['lines']}
assert (l['TEA']['counted'], l['TEA']['expected'], l['TEA']['variance']) == ('7', '8', '-1'), l
assert l['JAM']['variance'] == '0', l
assert d['unknown_codes'] == [{'code': '2000000000008', 'counted': '1'}], d
assert d['status'] == 'open' and d['category'] is None, d"
run stock-take variance >"$work/out"
grep -q 'unknown code 2000000000008' "$work/out" || fail "$(cat "$work/out")"

expect_exit 5 casey stock-take approve
[ "$(level TEA)" -eq 7000 ] || fail "a refused approval moved stock: $(level TEA)"
owner stock-take approve --reason "shelf count"
[ "$(level TEA)" -eq 6000 ] || fail "TEA is $(level TEA), not 6000"
[ "$(level JAM)" -eq 4000 ] || fail "JAM is $(level JAM), not 4000"
[ "$(sqlite3 "$store" "SELECT count(*) FROM stock_move WHERE reason = 'count' AND reference = 'ST-1 shelf count'")" -eq 1 ] ||
  fail "not one count move"
expect_exit 8 owner stock-take approve 1
run --json stock-take variance 1 >"$work/out"
check "assert d['status'] == 'approved', d"

# Receiving more than ordered is taken in and flagged on the order's line.
owner supplier add "Hillside Farm" >/dev/null
owner po create "Hillside Farm" 'JAM*5@1.00' >/dev/null
owner po receive 1 'JAM*6' --note DN-7
run --json po show 1 >"$work/out"
check "l = d['lines'][0]; assert l['received'] == '6' and l['over_received'] and d['status'] == 'received', d"
run po show 1 >"$work/out"
grep -q 'more than ordered' "$work/out" || fail "$(cat "$work/out")"
[ "$(level JAM)" -eq 10000 ] || fail "JAM is $(level JAM), not 10000"

run verify >/dev/null
echo ok
