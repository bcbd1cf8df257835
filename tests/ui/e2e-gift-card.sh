#!/usr/bin/env bash
# e2e-gift-card.sh — a gift card is sold from the sale page (Shift+F8, its
# value), paid in cash and issued; the next customer pays a pencil with it
# by scanning its code on the payment page, which shows its balance and
# takes what the sale needs. An unknown card is refused with a message.
# Checked on the store: the card's moves and its balance.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
e2e_sign_in Alice 1234

# Sell a gift card of 20.00: the value, the kind left at "gift card".
e2e_key shift+F8
sleep 1
e2e_type 20
e2e_key Return
sleep 0.5
e2e_shot card-on-sale
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "the card sold" "SELECT count(*) FROM voucher WHERE kind = 'mpv'" "1"
expect "its value" "SELECT sum (amount) FROM voucher_move" "2000"
card=$(e2e_sql "SELECT code FROM voucher")

# The next customer: a pencil, paid with the card, scanned at the payment page.
e2e_key Return # new sale
e2e_scan 4006381333931
e2e_key F12
sleep 0.5
e2e_scan GCNOSUCHCARD22
sleep 1
e2e_shot unknown-card
expect "an unknown card pays nothing" "SELECT count(*) FROM sale" "1"
e2e_key Escape # close the gift-card window
sleep 0.5
e2e_scan "$card"
sleep 1
e2e_shot card-balance
e2e_key Return # use what the sale needs
sleep 1
e2e_shot change

expect "paid with the card" "SELECT method || ':' || amount || ':' || reference FROM payment WHERE sale_id = 2" \
  "voucher:120:$card"
expect "the card's balance reduced" "SELECT sum (amount) FROM voucher_move WHERE code = '$card'" "1880"
echo "PASS"
