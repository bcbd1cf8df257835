#!/usr/bin/env bash
# e2e-layaway.sh — two pencils laid away for Greta from the sale page
# (Shift+F9: her name, 1.00 down in cash), paid towards from the list of
# open layaways (Shift+F12: the amount, then how it is paid, the sale's
# payment choices: 0.40 with a gift card, the rest in cash), then the goods
# handed over from the same list (no amount: hand over), which rings them up
# as a sale paid by the layaway. A third pencil laid away for Hugo is
# cancelled from the list: 0.30 of his 0.50 given back in cash, which needs
# a supervisor's PIN. Each deposit, payment and cancellation prints its slip
# by itself once saved. Checked on the store and the printer after each step.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
# The receipt printer is a file: the cancellation slip can be checked.
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$E2E_DIR/printer.bin')"
e2e_sign_in Alice 1234 # Alice, cashier

# A gift card of 1.00, sold at the back office (receipt T1-1).
"$MAINSTREET_ADMIN" --store "$E2E_STORE" voucher issue 1.00 --code GIFT-E2E --cashier Alice --pin 1234 \
  --pay cash:1.00 >/dev/null || fail "the gift card was not issued"

# Two pencils (2 × 1.20), held for Greta against 1.00 in cash.
e2e_scan 4006381333931
e2e_scan 4006381333931
e2e_key shift+F9
sleep 1
e2e_shot lay-away-form
e2e_type "Greta Miller"
e2e_key Tab
e2e_type 1.00
e2e_key Tab
e2e_key Return # no card reference: cash
sleep 1
e2e_shot laid-away
expect "the layaway" "SELECT number || ':' || customer_name || ':' || total FROM layaway" "T1-L1:Greta Miller:240"
expect "its deposit, in the drawer" \
  "SELECT kind || ':' || amount || ':' || method || ':' || (shift_id IS NOT NULL) FROM layaway_move" \
  "payment:100:cash:1"
expect "the pencils held" "SELECT qty FROM layaway_reserved" "2000"
expect "no sale of goods yet" "SELECT count(*) FROM sale_line WHERE sku = 'FAB-1'" "0"
e2e_printed "$E2E_DIR/printer.bin" "T1-L1" || fail "the deposit slip was not printed"
grep -a -q "Deposit" "$E2E_DIR/printer.bin" || fail "the slip does not show the deposit"
echo "ok: the deposit slip printed"

# 0.40 with the gift card: the amount, then the card's code and "Gift card"
# from the payment choices (Cash, Card, Gift card, Points).
e2e_key shift+F12
sleep 1
e2e_shot layaways
e2e_type 0.40
e2e_key Return
sleep 1
e2e_type GIFT-E2E
e2e_key Tab
e2e_key space
e2e_key Down
e2e_key Down
e2e_key Return
e2e_shot gift-card-chosen
e2e_key shift+Tab
e2e_key Return
sleep 1
expect "paid with the gift card" \
  "SELECT amount || ':' || reference || ':' || (shift_id IS NULL) FROM layaway_move WHERE method = 'voucher'" \
  "40:GIFT-E2E:1"
expect "taken off the card" "SELECT sum (amount) FROM voucher_move WHERE code = 'GIFT-E2E'" "60"
e2e_printed "$E2E_DIR/printer.bin" "Gift card GIFT-E2E" || fail "the slip of the gift card payment was not printed"
echo "ok: the payment slip printed"

# The rest, 1.00, in cash (the first payment choice).
e2e_key shift+F12
sleep 1
e2e_type 1.00
e2e_key Return
sleep 1
e2e_key Return
sleep 1
expect "paid in full" "SELECT sum (amount) FROM layaway_move WHERE kind = 'payment'" "240"

# Handed over: no amount, then "Hand the goods over" (the first choice).
e2e_key shift+F12
sleep 1
e2e_key Return
sleep 1
e2e_shot hand-over-or-cancel
e2e_key Tab
e2e_key Return
sleep 2
e2e_shot collected
expect "one sale of the goods" "SELECT count(*) || ':' || sum (total) FROM sale WHERE receipt_no <> 'T1-1'" "1:240"
expect "paid by the layaway" "SELECT method || ':' || amount || ':' || reference FROM payment WHERE method = 'layaway'" \
  "layaway:240:T1-L1"
expect "collected" "SELECT kind || ':' || receipt_no FROM layaway_move WHERE kind = 'collect'" "collect:T1-2"
expect "nothing held" "SELECT count(*) FROM layaway_reserved" "0"

# A pencil for Hugo, 0.50 down, then cancelled: 0.30 back in cash, with Sam's PIN.
e2e_scan 4006381333931
e2e_key shift+F9
sleep 1
e2e_type "Hugo Brandt"
e2e_key Tab
e2e_type 0.50
e2e_key Tab
e2e_key Return
sleep 1
expect "Hugo's layaway" "SELECT number FROM layaway WHERE customer_name = 'Hugo Brandt'" "T1-L2"
e2e_key shift+F12 # the only open one
sleep 1
e2e_key Return
sleep 1
e2e_type 0.30
e2e_key Tab # the card reference: none, cash
e2e_key Tab
e2e_key space
e2e_key Down
e2e_key Return
e2e_shot cancel-chosen
e2e_key shift+Tab
e2e_key Return
sleep 1
e2e_shot cancel-approval
# Sam picks his name from the list (Olivia, Sam), then types his PIN.
e2e_key shift+Tab
e2e_key space
e2e_key Down
e2e_key Return
e2e_key Tab
e2e_type 2222
e2e_key Return
sleep 2
e2e_shot cancelled
expect "cancelled, 0.30 back in cash" \
  "SELECT kind || ':' || amount || ':' || method || ':' || note FROM layaway_move WHERE layaway_id = 2 AND kind = 'cancel'" \
  "cancel:-30:cash:fee_kept=20"
expect "approved by Sam" "SELECT u.name FROM audit a JOIN user u ON u.id = a.approver_id WHERE a.action = 'layaway_cancel'" "Sam"
expect "the pencil for sale again" "SELECT count(*) FROM layaway_reserved" "0"
e2e_printed "$E2E_DIR/printer.bin" "Layaway cancelled" || fail "the cancellation slip was not printed"
echo "ok: the cancellation slip printed"
echo "PASS"
