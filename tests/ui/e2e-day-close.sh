#!/usr/bin/env bash
# e2e-day-close.sh — a supervisor opens the shift with a float, sells, looks
# at the X report, counts the drawer by denomination, and takes the Z.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# Taps a spot, waiting for GTK to see the pointer first.
tap() {
  xdotool mousemove "$1" "$2"
  sleep 0.3
  xdotool click 1
  sleep 0.3
}

e2e_start
# The receipt printer is a file: what the till sends can be checked.
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$E2E_DIR/printer.bin')"
e2e_sign_in Sam 2222 100 # Sam, supervisor, opens with 100.00
expect "shift opened with the float" "SELECT opening_float FROM shift WHERE closed_at IS NULL" "10000"
e2e_scan 4006381333931
e2e_key F12
e2e_key Return # exact cash, 1.20
e2e_key Return # new sale

e2e_key alt+4 # day close page
e2e_key alt+x
e2e_shot x-report
expect "X report reads only" "SELECT count(*) FROM z_report" "0"
e2e_key alt+p
e2e_wait_for "the printed X report" test -s "$E2E_DIR/printer.bin"
sleep 0.5
grep -aq "X report" "$E2E_DIR/printer.bin" || fail "the printout is not the X report"
grep -aq "Gross sales" "$E2E_DIR/printer.bin" || fail "the printed X report has no totals"
grep -aq "rate_bp\|cashier_id" "$E2E_DIR/printer.bin" && fail "the printed X report shows internal fields"

# The drawer: one 100.00 note, one 1.00 coin, one 0.20 coin.
e2e_key alt+c
for spot in "130 186" "315 106" "315 186"; do
  tap $spot
  xdotool key ctrl+a
  e2e_type 1
done
xdotool key Tab
e2e_shot cash-count
tap 331 476 # Close Shift (below the running total)
sleep 0.5
expect "shift closed" "SELECT count(*) FROM shift WHERE closed_at IS NOT NULL" "1"
expect "counted by denomination" "SELECT counted_cash || ':' || expected_cash || ':' || counted_json FROM shift" \
  '10120:10120:{"100":1,"10000":1,"20":1}'

# Closing the shift signed Sam out: signing in again opens a new shift.
e2e_sign_in Sam 2222 100
expect "a new shift after the count" "SELECT count(*) FROM shift WHERE closed_at IS NULL" "1"
e2e_key alt+4

# Cash in and out of the drawer, with a reason, outside any sale.
e2e_key alt+i
e2e_type 20
xdotool key Tab
e2e_type "change from the bank"
e2e_key Return
e2e_key alt+o
e2e_type 5.50
xdotool key Tab
e2e_type "window cleaner"
e2e_key Return
e2e_shot paid-out
expect "paid in and out" "SELECT group_concat(kind || ':' || amount || ':' || reason, ' / ') FROM (SELECT * FROM cash_move ORDER BY id)" \
  "paid_in:2000:change from the bank / paid_out:550:window cleaner"

xdotool mousemove 600 400
e2e_key alt+z
e2e_key Tab
e2e_key Return # Close the Day
sleep 0.5
e2e_shot z-report
expect "Z number 1" "SELECT number || ':' || total || ':' || grand_total FROM z_report" "1:120:120"
expect "closed by Sam" "SELECT u.name FROM z_report z JOIN user u ON u.id = z.closed_by" "Sam"

# Sales by hour, with the chart.
e2e_key alt+s
e2e_shot sales-report
echo "PASS"
