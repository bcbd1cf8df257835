#!/usr/bin/env bash
# e2e-promo-sale.sh — "3 for 2" on pencils: the cashier scans three, the
# sale page shows the promotion and the saving as the third goes in, and
# the receipt printed names the promotion and what it saved. Checked on
# the store: the sale's total, the saving recorded on its lines.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

code=4006381333931 # FAB-1, Faber-Castell pencil, 1.20
e2e_start
e2e_sql "INSERT INTO setting (key, value) VALUES ('printer', 'file:$E2E_DIR/printer.bin')"
"$MAINSTREET_ADMIN" --store "$E2E_STORE" promo add "Pencils 3 for 2" --kind multibuy --buy 3 --pay 2 \
  --product FAB-1 --as Olivia --as-pin 4321 >/dev/null || fail "cannot add the promotion"
e2e_sign_in Alice 1234

e2e_scan "$code"
e2e_scan "$code"
e2e_shot two-pencils
e2e_scan "$code"
sleep 0.5
e2e_shot three-pencils
e2e_key F12
e2e_key Return # exact cash
sleep 1
e2e_shot change

expect "three pencils for the price of two" "SELECT total FROM sale" "240"
expect "the saving on the lines" "SELECT sum (amount) FROM sale_line_promotion" "120"
expect "the promotion named on the lines" \
  "SELECT DISTINCT name FROM sale_line_promotion" \
  "Pencils 3 for 2"
sleep 1
[ -s "$E2E_DIR/printer.bin" ] || fail "no receipt was printed"
grep -a -q "Pencils 3 for 2" "$E2E_DIR/printer.bin" || fail "the receipt does not name the promotion"
echo "ok: the receipt names the promotion"
echo "PASS"
