#!/usr/bin/env bash
# e2e-promo-change.sh — the owner changes a running promotion on the
# Promotions page, from the keyboard: "Pencils 3 for 2" becomes "Pencils 2
# for 1". The form shows the promotion filled in and says that sales
# already made keep theirs; after saving, the old one has ended and the
# sale made before still names it, while the next sale gets the new one.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

code=4006381333931 # FAB-1, Faber-Castell pencil, 1.20
e2e_start
"$MAINSTREET_ADMIN" --store "$E2E_STORE" promo add "Pencils 3 for 2" --kind multibuy --buy 3 --pay 2 \
  --product FAB-1 --as Olivia --as-pin 4321 >/dev/null || fail "cannot add the promotion"
"$MAINSTREET_ADMIN" --store "$E2E_STORE" sell --cashier Alice --pin 1234 --scan "$code*3" \
  --pay card:2.40:T-1 >/dev/null || fail "cannot sell three pencils"
old=$(e2e_sql "SELECT uid FROM promotion WHERE name = 'Pencils 3 for 2'")
e2e_sign_in Olivia 4321

# The page list (Alt+0), the promotions page: second from the end.
e2e_key alt+0
e2e_key End
e2e_key Up
e2e_key Return
sleep 1
e2e_shot page
# The first row's button of the running promotion: Tab from the page's
# "New promotion" button; Enter on the row opens its form.
for _ in $(seq 1 12); do
  xdotool search --onlyvisible --class '^mainstreet$' 2>/dev/null | wc -l | grep -q '^2$' && break
  e2e_key Tab
  # a focused row or its Change button opens the form; New promotion (the
  # first stop) opens one too, empty: Escape closes that and goes on.
  e2e_key Return
  sleep 1
  if xdotool search --onlyvisible --class '^mainstreet$' 2>/dev/null | wc -l | grep -q '^2$'; then
    e2e_shot form
    break
  fi
done
e2e_asks_float || fail "no form came up"
# The name is filled in and has the focus: replace it, then the numbers.
e2e_key ctrl+a
e2e_type "Pencils 2 for 1"
e2e_key Tab
e2e_key ctrl+a
e2e_type "2"
e2e_key Tab
e2e_key ctrl+a
e2e_type "1"
e2e_shot filled
e2e_key Return

expect "the old promotion has ended" \
  "SELECT count(*) FROM promotion WHERE uid = '$old' AND ends_at IS NOT NULL" 1
expect "the changed one runs as a promotion of its own" \
  "SELECT buy_qty || '/' || pay_qty FROM promotion WHERE name = 'Pencils 2 for 1' AND uid <> '$old'" "2/1"
expect "the sale made before keeps its promotion" \
  "SELECT DISTINCT promotion_uid || ' ' || name FROM sale_line_promotion" "$old Pencils 3 for 2"
sleep 1
e2e_shot changed
"$MAINSTREET_ADMIN" --store "$E2E_STORE" sell --cashier Alice --pin 1234 --scan "$code*2" \
  --pay card:1.20:T-2 >/dev/null || fail "two pencils do not cost 1.20 now"
expect "the next sale gets the changed promotion" \
  "SELECT name FROM sale_line_promotion WHERE promotion_uid <> '$old'" "Pencils 2 for 1"
echo "PASS"
