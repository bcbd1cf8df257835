#!/usr/bin/env bash
# e2e-variant.sh — a hoodie sold in sizes and colours: the cashier types its
# name, the till offers the grid of its variants, and she picks one with the
# keyboard (Tab through the cells, Enter). Then a variant's own barcode sells
# that variant straight away. Checked on the store: each line is the variant
# with its own price and its own stock move, never the hoodie itself.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

code=4000000000013
e2e_start
[ "$(e2e_sql "SELECT count(*) FROM barcode WHERE code = '$code'")" = 0 ] || fail "the demo shop knows $code"
admin() { "$MAINSTREET_ADMIN" --store "$E2E_STORE" "$@" --as Olivia --as-pin 4321 >/dev/null || fail "admin $*"; }
admin product add HOODIE --name "Zip hoodie" --price 30.00 --tax A
admin product add HOODIE-S-GREY --parent HOODIE --option size=S --option colour=grey --barcode "$code"
admin product add HOODIE-M-GREY --parent HOODIE --option size=M --option colour=grey
admin product add HOODIE-M-NAVY --parent HOODIE --option size=M --option colour=navy --price 32.00
e2e_sign_in Alice 1234

e2e_type "zip hood"
e2e_key Return # the hoodie itself: the till asks which one
sleep 1
e2e_shot grid
# Focus starts on S grey; M grey is next, then M navy (there is no S navy).
e2e_key Tab
e2e_key Tab
e2e_key Return
sleep 0.5
e2e_scan "$code"
sleep 0.5
e2e_shot cart
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "the variants chosen, at their prices" \
  "SELECT group_concat(sku || ':' || name || ':' || unit_price, ' | ') FROM (SELECT * FROM sale_line WHERE sale_id = (SELECT max(id) FROM sale) ORDER BY line_no)" \
  "HOODIE-M-NAVY:Zip hoodie (M, navy):3200 | HOODIE-S-GREY:Zip hoodie (S, grey):3000"
expect "stock moved for each variant" \
  "SELECT group_concat(p.sku || ':' || m.qty, ' ') FROM (SELECT * FROM stock_move WHERE reason = 'sale' ORDER BY id) m JOIN product p ON p.id = m.product_id WHERE p.sku LIKE 'HOODIE%'" \
  "HOODIE-M-NAVY:-1000 HOODIE-S-GREY:-1000"
echo "ok"
