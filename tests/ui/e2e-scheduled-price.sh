#!/usr/bin/env bash
# e2e-scheduled-price.sh — the owner schedules a new price for a pencil a
# few seconds ahead while the till runs; a sale before the moment is at the
# old price, a sale after it at the new one, with no restart. Checked on the
# store: the two sale lines, the catalog version the switch made, and the
# label listed as changed.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

code=4006381333931 # FAB-1, Faber-Castell pencil, 1.20
e2e_start
e2e_sign_in Alice 1234
start=$(date -d '+30 seconds' '+%Y-%m-%dT%H:%M:%S')
"$MAINSTREET_ADMIN" --store "$E2E_STORE" product schedule-price FAB-1 --price 1.35 --from "$start" \
  --as Olivia --as-pin 4321 >/dev/null || fail "cannot schedule the price"

e2e_scan "$code"
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "before the moment: the old price" \
  "SELECT unit_price FROM sale_line WHERE sale_id = (SELECT max(id) FROM sale)" "120"
# Wait out the clock itself, then give the till's timer (which fires at
# the start) its moment to switch the price.
while [ "$(date '+%s')" -le "$(date -d "$start" '+%s')" ]; do sleep 0.5; done
switched() { [ "$(sqlite3 "$E2E_STORE" "SELECT price FROM product WHERE sku = 'FAB-1'")" = 135 ]; }
e2e_wait_for "the till to switch the price" switched
expect "switched by the till itself" "SELECT price FROM product WHERE sku = 'FAB-1'" "135"
e2e_shot switched
e2e_key Return # new sale
e2e_scan "$code"
e2e_key F12
e2e_key Return # exact cash
sleep 1
expect "after the moment: the new price" \
  "SELECT unit_price || ':' || catalog_version FROM sale_line WHERE sale_id = (SELECT max(id) FROM sale)" \
  "135:2"
expect "the old price kept as a catalog version" \
  "SELECT price FROM catalog_version WHERE product_id = (SELECT id FROM product WHERE sku = 'FAB-1')" "120"
expect "its shelf label listed as changed" \
  "SELECT l.price FROM label_price l JOIN product p ON p.id = l.product_id WHERE p.sku = 'FAB-1' AND l.price <> p.price" \
  "120"
echo "ok"
