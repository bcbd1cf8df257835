#!/usr/bin/env bash
# e2e-expiring.sh — batches and their expiry, first expiry first out, in
# the app. Two batches of milk come in on the Receiving page as GS1 scans
# (AI 17 expiry, AI 10 batch); at the till the newer batch is sold with a
# warning that does not stop the queue, the older one without; the Stock
# page's Expiring view lists this week's batch only, soonest first, and a
# longer horizon both; the batch selected there is what Waste acts on.
# Checked on the store and the app's log.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

milk_gtin=04000417025005 # MILK-1, 12 in stock
pencil=4006381333931     # FAB-1, no batches
soon=$(date -d '+3 days' +%y%m%d)
later=$(date -d '+20 days' +%y%m%d)
# As a scanner with AIM prefixes sends them: ]C1, AI 01, AI 17, then the
# variable-length AI 10 last (no group separator needed).
milk_soon="]C101${milk_gtin}17${soon}10A1"
milk_later="]C101${milk_gtin}17${later}10B2"
pencil_mid="]C10104006381333931""17$(date -d '+10 days' +%y%m%d)10P9"
e2e_start
e2e_sign_in Olivia 4321

e2e_key alt+8 # the Receiving page
sleep 1
e2e_key alt+n # a free delivery
sleep 1
e2e_scan "$milk_soon"
e2e_scan "$milk_soon"
e2e_scan "$milk_later"
e2e_scan "$milk_later"
e2e_scan "$milk_later"
e2e_scan "$pencil_mid"
e2e_key alt+b
expect "two batches received" \
  "SELECT group_concat(batch || ':' || qty, ',') FROM (SELECT batch, sum(qty) AS qty FROM stock_batch GROUP BY batch ORDER BY batch)" \
  "A1:2000,B2:3000,P9:1000"
expect "milk in stock" "SELECT qty FROM stock_level WHERE product_id = (SELECT id FROM product WHERE sku = 'MILK-1')" "17000"

# At the till: the newer batch warns, the older one and a plain code do not.
e2e_key alt+1 # the Sale page
sleep 1
e2e_scan "$milk_later"
e2e_scan "$pencil"
e2e_scan "$milk_soon"
sleep 0.5
e2e_shot fefo-warning
e2e_wait_for "the first-expiry warning" grep -q "Sale: Batch B2 expires on .*batch A1 expires on" "$E2E_LOG"
[ "$(grep -c "Sale: " "$E2E_LOG")" = 1 ] || fail "only the newer batch warns: $(grep "Sale: " "$E2E_LOG")"
# The warning did not stop the queue: all three scans are lines, paid.
e2e_key F12
e2e_key Return # exact cash
expect "three lines sold" "SELECT count(*) FROM sale_line" "3"

# The Stock page's Expiring view. Within the week: only A1 (Home, End
# and Down all stay on it). Within 30 days: A1, then the pencils' batch,
# then B2.
e2e_key Return # new sale
e2e_key alt+2 # the Stock page
sleep 1
e2e_key alt+x # Expiring: the list has the keyboard
sleep 1
e2e_shot expiring-week
e2e_key End
e2e_key alt+w # Waste the selected batch's product
sleep 1
e2e_type 1
e2e_key Return
expect "the week's only batch wasted" \
  "SELECT group_concat(p.sku || ':' || m.qty) FROM stock_move m JOIN product p ON p.id = m.product_id WHERE m.reason = 'waste'" \
  "MILK-1:-1000"
e2e_key alt+d # the days ahead
e2e_key ctrl+a
e2e_type 30
e2e_key Return # the list, soonest first
sleep 1
e2e_shot expiring-month
e2e_key Home
e2e_key Down # the second row: the pencils
e2e_key alt+w
sleep 1
e2e_type 2
e2e_key Return
expect "the month's second batch wasted" \
  "SELECT group_concat(p.sku || ':' || m.qty) FROM stock_move m JOIN product p ON p.id = m.product_id WHERE m.reason = 'waste' ORDER BY m.id" \
  "MILK-1:-1000,FAB-1:-2000"
echo "PASS"
