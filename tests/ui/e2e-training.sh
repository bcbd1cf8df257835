#!/usr/bin/env bash
# e2e-training.sh — training mode at the till: a cashier asks for it
# (Ctrl+Shift+T) and a supervisor approves; an orange banner then stands
# above every page; a sale rung up prints a receipt marked TRAINING and
# leaves sales, payments and stock as they were; switched off again, the
# banner goes and the next real sale is the shop's first receipt.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# The banner's colour (style.css) somewhere on the screen.
banner_shown() {
  local shot="$E2E_DIR/banner.png"
  import -window root "$shot" 2>/dev/null || return 1
  # grep reads it all (no -q): under pipefail, convert cut off by an early
  # exit would fail the check on a colourful page such as the history.
  convert "$shot" -format %c histogram:info:- | grep -i "#E66100" >/dev/null
}

# Ctrl+Shift+T, then Olivia (owner) approves with her PIN.
toggle_training() {
  e2e_key ctrl+shift+t
  e2e_wait_for "the approval question" e2e_asks_float
  e2e_type 4321
  e2e_key Return
}

e2e_start
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$E2E_DIR/printer.bin')"
e2e_sign_in Alice 1234 # Alice, cashier
stock=$(e2e_sql "SELECT qty FROM stock_level WHERE product_id = 1")
if banner_shown; then fail "the training banner shows before training mode is on"; fi

toggle_training
expect "training mode on" "SELECT value FROM setting WHERE key = 'training_mode'" "1"
expect "journalled, approved by Olivia" \
  "SELECT json_extract(payload, '$.by') || ':' || json_extract(payload, '$.approver') FROM journal WHERE type = 'training.on'" \
  "Alice:Olivia"
e2e_wait_for "the training banner" banner_shown
e2e_shot banner-sale
echo "ok: banner on the sale page"

# A sale as any other: two pencils, cash.
e2e_scan 4006381333931
e2e_scan 4006381333931
e2e_key F12
e2e_type 10
e2e_key Return
expect "a training sale journalled" "SELECT json_extract(payload, '$.receipt_no') FROM journal WHERE type = 'training.sale'" "T1-T1"
expect "no sale recorded" "SELECT count(*) FROM sale" "0"
expect "no payment recorded" "SELECT count(*) FROM payment" "0"
expect "stock unchanged" "SELECT qty FROM stock_level WHERE product_id = 1" "$stock"
expect "no Z period opened by it" "SELECT count(*) FROM z_period_of_rows" "0"
e2e_printed "$E2E_DIR/printer.bin" "TRAINING" || fail "the receipt printed does not say TRAINING"
grep -q "T1-T1" "$E2E_DIR/printer.bin" || fail "the receipt printed does not carry its training number"
echo "ok: the receipt says TRAINING"
e2e_key Return # New sale

# Every page: the history page (Alt+6) shows it too.
e2e_key alt+6
sleep 1
e2e_wait_for "the training banner on the history page" banner_shown
e2e_shot banner-history
echo "ok: banner on the history page"
e2e_key alt+1
sleep 1

toggle_training
expect "training mode off" "SELECT value FROM setting WHERE key = 'training_mode'" "0"
expect "switching off journalled" "SELECT count(*) FROM journal WHERE type = 'training.off'" "1"
sleep 1
if banner_shown; then fail "the training banner stays after training mode is off"; fi
echo "ok: banner gone"

e2e_scan 4006381333931
e2e_key F12
e2e_key Return # exact cash
expect "the next real sale is the first receipt" "SELECT receipt_no FROM sale" "T1-1"
expect "its stock moved" "SELECT qty FROM stock_level WHERE product_id = 1" "$((stock - 1000))"
e2e_shot after
echo "PASS"
