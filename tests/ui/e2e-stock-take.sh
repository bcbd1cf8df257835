#!/usr/bin/env bash
# e2e-stock-take.sh — the owner counts the shop with the scanner on the
# Stock take page: scans count one each (or the quantity typed first), an
# unknown code is noted, a negative quantity is refused, nothing lands in a
# sale, and the approved variance becomes a count move. Checked on the store.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

pencil=4006381333931 # FAB-1, 50 in stock
milk=4000417025005   # MILK-1, 12 in stock
e2e_start
e2e_sign_in Olivia 4321

e2e_key alt+9 # the Stock take page
sleep 1
e2e_key alt+s # start a stock take of the whole shop
sleep 1
expect "a stock take is open" "SELECT count(*) FROM stock_take WHERE status = 'open' AND scope = 'shop'" "1"

# Two pencils by scan, then 45 typed as the quantity of the next scan.
e2e_scan "$pencil"
e2e_scan "$pencil"
e2e_key alt+q
e2e_key ctrl+a
e2e_type 45
e2e_key Return # back to the code field
e2e_scan "$pencil"
e2e_scan "$milk"
e2e_scan 5901234123457 # no product has it
expect "pencils counted" "SELECT sum(qty) FROM stock_take_count WHERE product_id = 1" "47000"
expect "milk counted" "SELECT sum(qty) FROM stock_take_count WHERE product_id = 2" "1000"
expect "unknown code noted" "SELECT code || ':' || qty FROM stock_take_unknown" "5901234123457:1000"
expect "nothing went to a sale" "SELECT count(*) FROM sale_line" "0"
e2e_shot counting

# A negative quantity is refused and counts nothing.
e2e_key alt+q
e2e_key ctrl+a
e2e_key minus
e2e_type 3
e2e_key Return
e2e_scan "$milk"
expect "negative count refused" "SELECT sum(qty) FROM stock_take_count WHERE product_id = 2" "1000"

e2e_key alt+v # the variance report
sleep 1
e2e_shot variance
e2e_key alt+a # approve
expect "approved" "SELECT status FROM stock_take" "approved"
expect "pencils: 3 short" "SELECT qty FROM stock_move WHERE reason = 'count' AND product_id = 1" "-3000"
expect "milk: 11 short" "SELECT qty FROM stock_move WHERE reason = 'count' AND product_id = 2" "-11000"
expect "pencil stock" "SELECT qty FROM stock_level WHERE product_id = 1" "47000"
echo "PASS"
