#!/usr/bin/env bash
# e2e-shift-required.sh — selling needs an open shift: cancelling the
# opening float signs the cashier out instead of opening the till.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
e2e_pick_user Sam
xdotool type --delay 120 2222
xdotool key Return
e2e_wait_for "the opening float question" e2e_asks_float
xdotool key Escape
sleep 2
e2e_shot float-cancelled
grep -q '^ready' "$E2E_LOG" && fail "the sale screen opened with no shift"
expect "no shift opened" "SELECT count(*) FROM shift" "0"

# Back at the sign-in screen: signing in asks for the float again.
e2e_sign_in Sam 2222 50
expect "shift opened on the second try" "SELECT opening_float FROM shift WHERE closed_at IS NULL" "5000"
echo "PASS"
