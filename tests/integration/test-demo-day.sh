#!/usr/bin/env bash
# The demo shop end to end: init --demo, a scripted sale with exact totals,
# then a Z report and verify that agree with what was sold today.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

run init --demo >/dev/null
[ "$(sql 'SELECT count(*) FROM product')" -ge 1500 ] || fail "the demo shop has too few products"
[ "$(sql "SELECT count(DISTINCT business_day) FROM sale")" -ge 20 ] || fail "the demo shop has too little history"
run verify >/dev/null || fail "the demo shop does not verify"

# Two products sold by the piece, one by barcode and one by SKU (×3), paid in cash.
read -r code price1 < <(sql "SELECT b.code, p.price FROM barcode b JOIN product p ON p.id = b.product_id
                           WHERE p.unit = 'each' AND p.active = 1 AND b.code NOT LIKE '2%' ORDER BY p.id LIMIT 1" | tr '|' ' ')
read -r sku price2 < <(sql "SELECT sku, price FROM product WHERE unit = 'each' AND active = 1 ORDER BY id DESC LIMIT 1" | tr '|' ' ')
expected=$((price1 + 3 * price2))
run shift open --float 150.00 --cashier casey --pin 1234 >/dev/null
run --json sell --cashier casey --pin 1234 --scan "$code" --scan "$sku*3" --pay cash:500 >"$work/sale.json"
receipt=$(python3 -c "import json; print(json.load(open('$work/sale.json'))['receipt'])")
total=$(python3 -c "import json; print(json.load(open('$work/sale.json'))['total'].replace('.', ''))")
[ "$((10#$total))" -eq "$expected" ] || fail "sale total $total, expected $expected"
[ "$(sql "SELECT total FROM sale WHERE receipt_no = '$receipt'")" -eq "$expected" ] || fail "stored total differs"

run --json report z --as sam --as-pin 2580 >"$work/z.json"
python3 - "$work/z.json" "$expected" <<'PY' || fail "Z report: $(cat "$work/z.json")"
import json, sys
z, expected = json.load(open(sys.argv[1])), int(sys.argv[2])
assert z["total"] == expected, (z["total"], expected)
assert z["sales"] == 1, z["sales"]
assert sum(p["amount"] for p in z["payments"]) == expected
PY
run verify >/dev/null || fail "verify after the sale and the Z"
echo "1 passed, 0 failed"
