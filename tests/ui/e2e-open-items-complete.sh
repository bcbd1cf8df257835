#!/usr/bin/env bash
# e2e-open-items-complete.sh — two codes the catalog did not know are sold
# as open items; the owner finds them on the stock page's list of open
# items and completes them from the keyboard: the one sold most becomes a
# product of its own, the other one more barcode of a product the shop has.
# Each leaves the list; the past sale lines stay as they were sold.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

bread=4000000000006
jam=5901234123457
e2e_start
sku=$(e2e_sql "SELECT sku FROM product WHERE active = 1 AND has_variants = 0 AND parent_id IS NULL
               AND open_price_limit IS NULL ORDER BY id LIMIT 1")
e2e_sign_in Olivia 4321

no_dialog() { ! e2e_asks_float; }
# Each step waits for the dialog it needs: on a loaded machine a fixed pause
# let alt+o reach the sale screen before the unknown code's question.
sell_open() { # CODE DEPARTMENT PRICE
  e2e_scan "$1"
  e2e_wait_for "the question about the unknown code $1" e2e_asks_float
  e2e_key alt+o # sell as open item (an owner's default is to create the product)
  sleep 0.5
  e2e_type "$2"
  xdotool key Tab
  e2e_type "$3"
  e2e_key Return
  e2e_wait_for "the open item $1 on the sale" no_dialog
}
sell_open "$bread" Bakery 2.10
sell_open "$bread" Bakery 2.10
sell_open "$jam" Grocery 3.40
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "three open item lines" "SELECT count(*) FROM sale_line WHERE product_id IS NULL" "3"

e2e_key Return # new sale
e2e_key alt+2 # the stock page
sleep 1
e2e_key alt+o # its open items
sleep 1
e2e_shot listed
e2e_key Return # create a product from the first (most sold) code, which has the focus
sleep 1
e2e_type "Rye bread"
e2e_key Tab
e2e_type "2.10"
e2e_key Return
sleep 1
expect "a product with the bread's code" \
  "SELECT p.name || ':' || p.price FROM barcode b JOIN product p ON p.id = b.product_id WHERE b.code = '$bread'" \
  "Rye bread:210"
e2e_shot one-left
e2e_key Tab Tab Return # the other code, now first: "Add to product…"
sleep 1
e2e_type "$sku"
e2e_key Return
sleep 1
e2e_key Return # its dialog, the code added to its barcodes: save
sleep 1
expect "the jam's code is one more barcode of $sku" \
  "SELECT p.sku FROM barcode b JOIN product p ON p.id = b.product_id WHERE b.code = '$jam'" "$sku"
expect "the sale lines stay as sold" "SELECT count(*) FROM sale_line WHERE product_id IS NULL" "3"
e2e_shot completed
echo "ok"
