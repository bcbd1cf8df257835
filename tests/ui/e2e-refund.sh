#!/usr/bin/env bash
# e2e-refund.sh — a cashier sells two pencils, then refunds one against the
# receipt; refunds need a supervisor, who approves with their PIN.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
# A printer that is off (nothing listens): the sale must not wait for it.
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'tcp:127.0.0.1:9')"
e2e_sign_in Alice 1234 # Alice, cashier
e2e_scan 4006381333931
e2e_scan 4006381333931
e2e_key F12
e2e_key Return # exact cash
e2e_shot printer-off
expect "sale recorded although the printer is off" "SELECT receipt_no || ':' || total FROM sale" "T1-1:240"
e2e_key Return # new sale

e2e_key F10
e2e_type T1-1
e2e_key Return
e2e_type 1 # one pencil comes back
e2e_shot refund
e2e_key F12 # refund in cash: a cashier needs approval
e2e_shot approval
# Sam picks his name from the list (Olivia, Sam), then types his PIN.
e2e_key shift+Tab
e2e_key space
e2e_key Down
e2e_key Return
e2e_shot approver-chosen
e2e_key Tab
e2e_type 2222
e2e_key Return
sleep 0.5

expect "refund recorded" "SELECT count(*) FROM sale WHERE kind = 'refund'" "1"
expect "refund of the receipt" "SELECT o.receipt_no FROM sale r JOIN sale o ON o.id = r.refund_of WHERE r.kind = 'refund'" "T1-1"
expect "one pencil back" "SELECT sku || ':' || qty FROM sale_line WHERE sale_id = (SELECT id FROM sale WHERE kind = 'refund')" "FAB-1:-1000"
expect "cash paid back" "SELECT method || ':' || amount FROM payment WHERE sale_id = (SELECT id FROM sale WHERE kind = 'refund')" "cash:-120"
expect "approved by Sam" "SELECT u.name FROM audit a JOIN user u ON u.id = a.approver_id WHERE a.action = 'refund'" "Sam"
expect "stock back" "SELECT qty FROM stock_level WHERE product_id = 1" "49000"
echo "PASS"
