#!/usr/bin/env bash
# e2e-sale-keys.sh — a cashier rings up by keyboard alone: a name typed and
# Enter at once, a SKU in lower case, "3*" before a scan; lowers a quantity
# and voids a line with Del (both need a supervisor), overrides a price
# (F11, approved), finds the customer by name (F7) and pays.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# Types like a person and presses Enter straight after the last key.
type_and_enter() {
  xdotool type --delay 110 "$1"
  xdotool key Return
  sleep 0.6
}

# A supervisor approves in the question that is up.
# Sam picks his name from the list (Olivia, Sam), then types his PIN.
approve_as_sam() {
  sleep 0.5
  e2e_key shift+Tab
  e2e_key space
  e2e_key Down
  e2e_key Return
  e2e_key Tab
  e2e_type 2222
  e2e_key Return
}

e2e_start
e2e_sql "INSERT INTO customer (name, phone, created_at) VALUES ('Greta Miller', '+4930123456', '2026-11-01T08:00:00.000Z')"
e2e_sign_in Alice 1234 # Alice, cashier

type_and_enter sourd # the bread, by the start of its name
type_and_enter fab-1 # the pencil, by its SKU in lower case
xdotool type --delay 110 "3*" # no Enter: the next item's quantity
sleep 0.3
e2e_scan 4000417025005 # milk
e2e_shot rung-up

# F5 lowers the milk (the newest, selected line) to 1: a supervisor approves.
e2e_key F5
e2e_key ctrl+a
e2e_type 1
e2e_key Return
approve_as_sam
expect "lowering a quantity is audited as a void" \
  "SELECT json_extract (detail, '\$.sku') || ':' || json_extract (detail, '\$.qty_removed') FROM audit WHERE action = 'void_line'" \
  "MILK-1:2000"

# Del with the search field focused voids the selected line (the milk).
e2e_key Delete
approve_as_sam
expect "Del voided the milk" "SELECT count(*) FROM audit WHERE action = 'void_line'" "2"

# F11: the pencil (now the newest line) at 1.00, approved.
e2e_key Up
e2e_key Down
e2e_key F11
e2e_key ctrl+a
e2e_type 1.00
e2e_key Return
approve_as_sam

# F7: the customer by the start of her name.
e2e_key F7
e2e_type Greta
e2e_key Return
e2e_shot before-pay

e2e_key F12
e2e_key Return # exact cash
sleep 0.5
expect "one sale" "SELECT count(*) FROM sale" "1"
expect "sale lines" \
  "SELECT group_concat(sku || 'x' || qty || '@' || unit_price, ' ') FROM (SELECT * FROM sale_line ORDER BY line_no)" \
  "BREAD-1x1000@450 FAB-1x1000@100"
expect "customer found by name" "SELECT c.name FROM sale s JOIN customer c ON c.id = s.customer_id" "Greta Miller"
echo "PASS"
