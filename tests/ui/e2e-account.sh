#!/usr/bin/env bash
# e2e-account.sh — a sale on a customer's account (the "On account" tender,
# F9), then a payment against the account from the customers page: cash
# into the drawer, the balance down, and the customer's slip of it printed
# by itself. Checked on the store and the printer afterwards.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
e2e_sql "INSERT INTO customer (name, card_code, created_at) VALUES ('Greta Miller', 'LC-9', '2026-11-01T08:00:00.000Z')"
# The owner opened Greta's account with a limit of 50.00.
e2e_sql "INSERT INTO account (customer_id, credit_limit, set_hlc, opened_at)
  SELECT id, 5000, '0', '2026-11-01T08:00:00.000Z' FROM customer WHERE card_code = 'LC-9'"
# The receipt printer is a file: the payment's slip can be checked.
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$E2E_DIR/printer.bin')"
e2e_sign_in Sam 2222 # a supervisor: the customers page is theirs

# Two pencils for Greta, on her account.
e2e_scan 4006381333931
e2e_scan 4006381333931
e2e_key F7
e2e_type LC-9
e2e_key Return
e2e_key F12
e2e_shot payment
e2e_key F9 # on account: the whole amount
sleep 1
e2e_shot on-account
expect "one sale" "SELECT count(*) FROM sale" "1"
expect "paid on account" "SELECT group_concat(method || ':' || amount, ' ') FROM payment" "account:240"
expect "charged to Greta" \
  "SELECT m.kind || ':' || m.amount || ':' || m.receipt_no FROM account_move m JOIN customer c ON c.id = m.customer_id
   WHERE c.card_code = 'LC-9'" "charge:240:T1-1"

# Greta pays 1.50 in cash at the customers page.
e2e_key Return # new sale
e2e_key alt+3
sleep 1
e2e_type Greta
sleep 1
e2e_key Tab # to her row in the results
e2e_key Return
sleep 0.5
e2e_shot customer
e2e_key alt+p # Take payment…
sleep 1
e2e_type 1.50
e2e_key Return
sleep 1
e2e_shot paid
expect "payment against the account" \
  "SELECT kind || ':' || amount || ':' || method || ':' || (shift_id IS NOT NULL) FROM account_move WHERE kind = 'payment'" \
  "payment:-150:cash:1"
expect "balance" "SELECT sum(amount) FROM account_move" "90"
expect "no sale for the payment" "SELECT count(*) FROM sale" "1"
# The sale's receipt went to the printer first; the slip comes after it.
e2e_printed "$E2E_DIR/printer.bin" "Account payment" || fail "the payment's slip was not printed"
grep -a "Payment" "$E2E_DIR/printer.bin" | grep -a "1\.50" >/dev/null || fail "the slip does not show 1.50 paid"
grep -a -q "LC-9" "$E2E_DIR/printer.bin" || fail "the slip does not name the card"
echo "PASS"
