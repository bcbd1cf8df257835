#!/usr/bin/env bash
# e2e-no-sale.sh — the drawer opens without a sale from the sale screen
# (Ctrl+D): with no printer the cashier is told plainly where to choose one,
# before any reason or approval is asked;
# with one, a cashier says why and a supervisor approves with their PIN, and
# the opening is recorded in both names, as the command line records it.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# Asks for a no-sale by keyboard: the reason, then the approval (Olivia,
# owner, is offered first with the focus in the PIN entry).
no_sale() {
  e2e_key ctrl+d
  e2e_wait_for "the reason question" e2e_asks_float
  e2e_type "change for the bank"
  e2e_key Return
  e2e_wait_for "the approval question" e2e_asks_float
  e2e_shot approval
  e2e_type 4321
  e2e_key Return
}

e2e_start
e2e_sign_in Alice 1234 # Alice, cashier

# With no printer at all the cashier is told so at once: no reason is
# asked and no supervisor is fetched for a drawer that cannot open.
e2e_key ctrl+d
sleep 3
e2e_shot no-printer
if e2e_asks_float; then fail "a question was asked although no printer is set up"; fi
echo "ok: no question without a printer"
expect "nothing recorded without a printer" "SELECT count(*) FROM audit WHERE action = 'drawer_open'" "0"

printer="$E2E_DIR/printer.bin"
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$printer')"
no_sale
expect "the drawer opening is recorded as a no-sale" \
  "SELECT count(*) FROM audit WHERE action = 'drawer_open' AND sale_id IS NULL" "1"
expect "in Alice's name, approved by Olivia" \
  "SELECT u.name || ':' || a.name FROM audit d JOIN user u ON u.id = d.user_id JOIN user a ON a.id = d.approver_id WHERE d.action = 'drawer_open'" \
  "Alice:Olivia"
expect "with its reason" "SELECT json_extract(detail, '$.reason') FROM audit WHERE action = 'drawer_open'" \
  "change for the bank"
expect "journalled" "SELECT count(*) FROM journal WHERE type = 'drawer.open'" "1"
[ -s "$printer" ] || fail "no drawer kick reached the printer"
e2e_shot opened
echo "PASS"
