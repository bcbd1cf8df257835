#!/usr/bin/env bash
# e2e-owner-page.sh — the owner's page on the demo corner shop: a cashier
# cannot open it, the owner can, and it works its figures out (the summary
# beside the store appears, up to the newest sale) and saves its PDF.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# The PDF goes to Documents: here, a folder of this test's own.
export XDG_CONFIG_HOME="$E2E_DIR/config"
mkdir -p "$XDG_CONFIG_HOME" "$E2E_DIR/docs"
echo "XDG_DOCUMENTS_DIR=\"$E2E_DIR/docs\"" >"$XDG_CONFIG_HOME/user-dirs.dirs"
summary="$E2E_STORE-summary"

e2e_start --corner-shop
# The owner's monthly fixed costs and cash, for the cash buffer.
e2e_sql "INSERT INTO setting (key, value) VALUES ('monthly_fixed_costs', '950000'), ('cash_on_hand', '1200000')"
e2e_sign_in casey 1234 # casey, cashier
e2e_key alt+7          # the owner's page: not for a cashier
sleep 3
e2e_shot cashier
[ ! -e "$summary" ] || fail "a cashier's Alt+7 opened the owner's page"

e2e_key F2 # switch user
e2e_sign_in olivia 4321 # olivia, owner
e2e_key alt+7
e2e_wait_for "the owner's figures" test -s "$summary"
expect "the summary covers every sale" \
  "ATTACH '$summary' AS s; SELECT (SELECT upto FROM s.covered) = (SELECT max (id) FROM sale)" 1

# Save as PDF works once the figures are there: retried until it does.
pdf="$E2E_DIR/docs/owner-report-$(date +%F).pdf"
saved_pdf() { [ -s "$pdf" ] || { xdotool key alt+p; sleep 1; [ -s "$pdf" ]; }; }
e2e_wait_for "the PDF" saved_pdf
sleep 6 # the "Saved" toast goes
e2e_shot owner
# Further down: concentration and its trend, the cash buffer's scenarios.
for part in 2 3 4; do
  xdotool mousemove 500 500 click --repeat 8 --delay 30 5
  sleep 1
  e2e_shot "owner-$part"
done
[ "$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')" = 1 ] \
  || fail "the PDF is not one page"
echo "PASS"
