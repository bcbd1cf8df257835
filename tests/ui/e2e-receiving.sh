#!/usr/bin/env bash
# e2e-receiving.sh — the owner scans deliveries in on the Receiving page:
# a free delivery, then one against a purchase order that brings more than
# was ordered (taken in, flagged on the order's line). Nothing lands in a
# sale. Checked on the store.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

pencil=4006381333931 # FAB-1, 50 in stock
coffee=5449000000996 # COFFEE-1, 20 in stock
e2e_start
# Purchase order 1: 2 bags of coffee from Valley Farm at 4.00.
e2e_sql "INSERT INTO purchase_order (id, supplier_id, status, created_at) VALUES (1, 1, 'sent', '2026-01-01T00:00:00Z');
         INSERT INTO purchase_order_line (order_id, product_id, qty, unit_cost) VALUES (1, 5, 2000, 400)"
e2e_sign_in Olivia 4321

e2e_key alt+8 # the Receiving page
sleep 1
e2e_key alt+n # a free delivery
sleep 1
e2e_scan "$pencil"
e2e_scan "$pencil"
e2e_scan "$pencil"
expect "nothing booked before the delivery is" "SELECT qty FROM stock_level WHERE product_id = 1" "50000"
e2e_key alt+b # book it
expect "free delivery booked" "SELECT qty FROM stock_level WHERE product_id = 1" "53000"

# Against the order: the order's number, then three scans of two ordered.
e2e_key alt+o # the order's number
e2e_type 1
e2e_key alt+n
sleep 1
e2e_scan "$coffee"
e2e_scan "$coffee"
e2e_scan "$coffee"
e2e_scan "$pencil" # not on the order: refused
sleep 0.5
e2e_shot over-ordered
e2e_key alt+b
expect "order line received, over" "SELECT received_qty FROM purchase_order_line" "3000"
expect "order received" "SELECT status FROM purchase_order" "received"
expect "coffee stock" "SELECT qty FROM stock_level WHERE product_id = 5" "23000"
expect "pencils unchanged by the refused scan" "SELECT qty FROM stock_level WHERE product_id = 1" "53000"
expect "nothing went to a sale" "SELECT count(*) FROM sale_line" "0"
echo "PASS"
