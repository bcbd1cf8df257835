#!/usr/bin/env bash
# e2e-account-unplugged.sh — a payment into a customer's account taken on
# the customers page while the receipt printer is unplugged: the payment is
# kept, the cashier is told the slip was not printed, and once the printer
# is back the toast's "Print again" prints the slip, once.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
# A USB printer's device node, gone while it is unplugged: a file in a
# folder that does not exist yet.
printer="$E2E_DIR/usb/lp0"
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$printer')"
e2e_sql "INSERT INTO customer (name, card_code, created_at) VALUES ('Greta Miller', 'LC-9', '2026-11-01T08:00:00.000Z')"
e2e_sql "INSERT INTO account (customer_id, credit_limit, set_hlc, opened_at)
  SELECT id, 5000, '0', '2026-11-01T08:00:00.000Z' FROM customer WHERE card_code = 'LC-9'"
e2e_sign_in Sam 2222 # a supervisor: the customers page is theirs

e2e_key alt+3
sleep 1
e2e_type Greta
sleep 1
e2e_key Tab # to her row in the results
e2e_key Return
sleep 0.5
e2e_key alt+p # Take payment…
sleep 1
e2e_type 1.50
e2e_key Return
sleep 2
e2e_shot slip-not-printed
expect "the payment, kept" "SELECT kind || ':' || amount || ':' || method FROM account_move" "payment:-150:cash"
[ -e "$printer" ] && fail "a slip reached a printer that is unplugged"
echo "ok: the payment is kept while the printer is unplugged"

# The printer is plugged in again; nothing prints by itself. By then the
# toast of the payment has gone and the one of the slip is shown.
mkdir "$E2E_DIR/usb"
sleep 5
e2e_shot toast-print-again
[ -e "$printer" ] && fail "a slip printed before Print again"

# "Print again" on the toast. The toast sits in the window's overlay, past
# the header and the page in the focus chain, so it is clicked: the toast is
# centred at the bottom of the 1024 × 768 window and its button right of the
# message (toast-print-again.png).
xdotool mousemove 620 688 click 1
sleep 1
e2e_shot printed-again
e2e_printed "$printer" "Account payment" || fail "Print again printed nothing"
sleep 2 # a second slip would be on its way by now
slips=$(grep -a -o "Account payment" "$printer" | wc -l)
[ "$slips" = 1 ] || fail "expected one slip of the payment, found $slips"
grep -a "Payment" "$printer" | grep -a "1\.50" >/dev/null || fail "the slip does not show 1.50 paid"
echo "PASS"
