#!/usr/bin/env bash
# e2e-layaway.sh — two pencils laid away for Greta from the sale page
# (Shift+F9: her name, 1.00 down in cash), the rest paid towards it from the
# list of open layaways (Shift+F12), then the goods handed over from the
# same list (no amount: collect), which rings them up as a sale paid by the
# layaway. Checked on the store after each step.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
e2e_sign_in Alice 1234

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
expect "no sale yet" "SELECT count(*) FROM sale" "0"

# The rest, 1.40, from the list of open layaways.
e2e_key shift+F12
sleep 1
e2e_shot layaways
e2e_type 1.40
e2e_key Tab
e2e_key Return
sleep 1
expect "paid in full" "SELECT sum (amount) FROM layaway_move WHERE kind = 'payment'" "240"

# Handed over: no amount collects it, a sale paid by what was paid.
e2e_key shift+F12
sleep 1
e2e_key Tab
e2e_key Return
sleep 2
e2e_shot collected
expect "one sale" "SELECT count(*) || ':' || sum (total) FROM sale" "1:240"
expect "paid by the layaway" "SELECT method || ':' || amount || ':' || reference FROM payment" "layaway:240:T1-L1"
expect "collected" "SELECT kind || ':' || receipt_no FROM layaway_move WHERE kind = 'collect'" "collect:T1-1"
expect "nothing held" "SELECT count(*) FROM layaway_reserved" "0"
echo "PASS"
