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
# The running promotion's row: Tab from where the focus is to it (the first
# stop, "New promotion", opens an empty form: Escape, and on); Enter on the
# row opens its form, named as its window.
changing() { xdotool search --onlyvisible --name '^Change promotion$' >/dev/null 2>&1; }
for _ in $(seq 1 8); do
  e2e_key Tab
  e2e_key Return
  sleep 1
  changing && break
  if xdotool search --onlyvisible --name '^New promotion$' >/dev/null 2>&1; then
    e2e_key Escape
  fi
done
changing || fail "the promotion's form did not come up"
e2e_shot form
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
