#!/usr/bin/env bash
# The sales history on the command line: list with filters, newest first,
# show one sale with its lines, taxes, payments and the refunds against it.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

receipts() { run --json sales list "$@" | python3 -c "import json,sys; print(' '.join(r['receipt'] for r in json.load(sys.stdin)))"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add sam --role supervisor --pin 2580 --as olivia --as-pin 4321
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
sqlite3 "$store" "INSERT INTO product (sku, name, unit, price, tax_rate_id) VALUES
  ('TEA', 'Earl Grey tea', 'each', 349, 1), ('APL', 'Apples', 'kg', 249, 1);
  INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1);"

run shift open --float 100 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan TEA --scan 'APL*1.5' --pay cash:10 >/dev/null   # T1-1 7.23
run sell --cashier sam --pin 2580 --scan 'TEA*3' --pay card:10.47:TERM-5 >/dev/null     # T1-2 10.47
run sell --cashier casey --pin 1234 --scan 'APL*0.5' --pay cash:2 >/dev/null             # T1-3 1.25
run refund T1-1 --cashier sam --pin 2580 --line 1 --qty 1 >/dev/null                     # T1-4 -3.49

[ "$(receipts)" = "T1-4 T1-3 T1-2 T1-1" ] || fail "all: $(receipts)"
[ "$(receipts --cashier casey)" = "T1-3 T1-1" ] || fail "casey: $(receipts --cashier casey)"
[ "$(receipts --product 4006381333931)" = "T1-4 T1-2 T1-1" ] || fail "by barcode: $(receipts --product 4006381333931)"
[ "$(receipts --product APL --max 5)" = "T1-3" ] || fail "APL ≤ 5: $(receipts --product APL --max 5)"
[ "$(receipts --min 5)" = "T1-2 T1-1" ] || fail "≥ 5: $(receipts --min 5)"
[ "$(receipts --receipt T1-2)" = "T1-2" ] || fail "receipt: $(receipts --receipt T1-2)"
today=$(run --json sales show T1-1 | python3 -c "import json,sys; print(json.load(sys.stdin)['sale']['business_day'])")
[ "$(receipts --from "$today" --to "$today" --limit 2)" = "T1-4 T1-3" ] || fail "today, 2 rows"
[ "$(receipts --to 2000-01-01)" = "" ] || fail "before the shop opened"

expect_exit 0 run sales list --cashier casey
grep -Eq '^T1-3 .* casey .* 1\.25$' "$work/out" || fail "list text: $(cat "$work/out")"
expect_exit 0 run sales list --receipt T1-4
grep -q 'refund of T1-1' "$work/out" || fail "refund in list: $(cat "$work/out")"

expect_exit 0 run sales show T1-1
grep -Eq '^ +1 +TEA +Earl Grey tea +1 x +3\.49 +3\.49 A$' "$work/out" || fail "show line 1: $(cat "$work/out")"
grep -Eq '^ +2 +APL +Apples +1\.5 kg x +2\.49 +3\.74 A$' "$work/out" || fail "show line 2: $(cat "$work/out")"
grep -q '^paid cash ' "$work/out" || fail "show payment: $(cat "$work/out")"
grep -Eq '^refunded T1-4 .*: -3\.49$' "$work/out" || fail "show refund: $(cat "$work/out")"
expect_exit 0 run --json sales show T1-2
python3 - "$work/out" <<'PY' || fail "show --json: $(cat "$work/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d['sale']['receipt'] == 'T1-2' and d['sale']['cashier'] == 'sam' and d['sale']['total'] == 1047
assert [l['qty'] for l in d['lines']] == [3000]
assert d['payments'] == [{'method': 'card', 'amount': 1047, 'reference': 'TERM-5', 'points': 0}], d['payments']
assert d['taxes'][0]['code'] == 'A' and d['refunds'] == []
PY

expect_exit 3 run sales show T1-99
expect_exit 4 run sales list --from 2026-13-01
expect_exit 4 run sales list --min lots
expect_exit 2 run sales
echo ok
