#!/usr/bin/env bash
# e2e-unknown-scan.sh — the owner scans a code the catalog does not know,
# creates the product from the till with the code filled in (a missing price
# is pointed out on its own row first), and sells it. Checked on the store.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

code=5901234123457
e2e_start
[ "$(e2e_sql "SELECT count(*) FROM barcode WHERE code = '$code'")" = 0 ] || fail "the demo shop knows $code"
e2e_sign_in Olivia 4321

# The scanner sends the code and Enter: the till asks what to do with it.
e2e_scan "$code"
sleep 1
e2e_shot asked
e2e_key Return # the default for an owner: create the product with this code
sleep 1
e2e_type "Rye bread 500 g"
e2e_key Return # no price yet: refused, the price row marked, nothing written
sleep 0.5
e2e_shot price-missing
expect "nothing written without a price" "SELECT count(*) FROM product WHERE sku = '$code'" "0"
e2e_type "2.60"
e2e_key Return # save
sleep 1
expect "product created" "SELECT name || ':' || price || ':' || active FROM product WHERE sku = '$code'" \
  "Rye bread 500 g:260:1"
expect "with the scanned code" "SELECT p.sku FROM barcode b JOIN product p ON p.id = b.product_id WHERE b.code = '$code'" \
  "$code"
expect "journalled" "SELECT count(*) FROM journal WHERE type = 'product.saved' AND payload LIKE '%$code%'" "1"
e2e_shot created

# It is in the sale already; a second scan finds it like any product.
e2e_scan "$code"
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "sold twice" "SELECT group_concat(sku || 'x' || qty || '@' || unit_price) FROM sale_line" "${code}x2000@260"
expect "sale total" "SELECT total FROM sale" "520"
echo "ok"
