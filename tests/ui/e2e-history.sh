#!/usr/bin/env bash
# e2e-history.sh — two sales; the History page finds the first by its
# number, shows it, reprints it on the till's printer and shows it as a QR.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
# The receipt printer is a file: what the till sends can be checked.
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$E2E_DIR/printer.bin')"
e2e_sign_in Alice 1234 # Alice, cashier

# T1-1: two pencils and a milk; T1-2: one milk. Exact cash both times.
e2e_scan 4006381333931
e2e_scan 4000417025005
e2e_key F12
e2e_key Return
e2e_key Return
e2e_scan 4000417025005
e2e_key F12
e2e_key Return
e2e_key Return
expect "two sales" "SELECT count(*) FROM sale" "2"
e2e_wait_for "the receipts printed" test -s "$E2E_DIR/printer.bin"
sleep 1
grep -aq "COPY" "$E2E_DIR/printer.bin" && fail "a copy was printed before any reprint"

e2e_key alt+6 # History
e2e_type T1-1
e2e_key Return
sleep 0.5
e2e_shot found
e2e_key alt+r # Reprint
e2e_wait_for "the reprint" grep -aq "COPY" "$E2E_DIR/printer.bin"
grep -aq "T1-1" "$E2E_DIR/printer.bin" || fail "the reprint does not carry its number"
e2e_key alt+q # Show as QR
e2e_asks_float || fail "no QR dialog"
e2e_shot qr
e2e_key Escape
echo "PASS"
