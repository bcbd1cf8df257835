#!/usr/bin/env bash
# e2e-open-item.sh — a cashier scans a code the catalog does not know and,
# not being allowed to create products, sells it as an open item (department,
# price, tax) so the queue keeps moving; the sale line has no product and
# no stock moves. Then a department key with an open price: the till asks
# for the price and refuses one over the key's limit. Checked on the store.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

code=4000000000006
e2e_start
[ "$(e2e_sql "SELECT count(*) FROM barcode WHERE code = '$code'")" = 0 ] || fail "the demo shop knows $code"
e2e_sign_in Alice 1234

e2e_scan "$code"
sleep 1
e2e_shot asked
e2e_key Return # for a cashier the default: sell as an open item
sleep 0.5
e2e_type "Bakery"
xdotool key Tab
e2e_type "1.50"
e2e_shot form
e2e_key Return
sleep 0.5
e2e_scan 4006381333931 # and a known product after it
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "sold as an open item" \
  "SELECT coalesce(product_id, 'none') || ':' || sku || ':' || name || ':' || unit_price || ':' || tax_code || ':' || catalog_version FROM sale_line WHERE line_no = 1" \
  "none:$code:Bakery:150:A:0"
expect "no product made" "SELECT count(*) FROM product WHERE sku = '$code'" "0"
expect "stock moved for the known product only" "SELECT count(*) FROM stock_move WHERE reason = 'sale'" "1"

# A department key: no price of its own, at most 20.00.
e2e_sql "INSERT INTO product (sku, name, price, tax_rate_id, open_price_limit) VALUES ('BAKERY', 'Bakery', 0, 2, 2000)"
e2e_key Return # New sale
e2e_type BAKERY
e2e_key Return
sleep 0.5
e2e_type 25
e2e_key Return # over the limit: refused
sleep 0.5
e2e_shot over-limit
e2e_type BAKERY
e2e_key Return
sleep 0.5
e2e_type 2.40
e2e_shot price
e2e_key Return
sleep 0.5
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "department key at the typed price" \
  "SELECT group_concat(sku || ':' || qty || '@' || unit_price) FROM sale_line WHERE sale_id = (SELECT max(id) FROM sale)" \
  "BAKERY:1000@240"
echo "ok"
