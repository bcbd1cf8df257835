#!/usr/bin/env bash
# e2e-quick-keys.sh — the owner arranges the quick keys: from the stock
# page's quick-key editor she makes a page, adds two products to it by
# search, puts the second first with Alt+Left, drags it back behind the
# other with the mouse, then sells on the sale screen by clicking a key of
# the new page.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# The SKUs of the keys, page by page in order.
keys="SELECT group_concat (sku, ' ') FROM (SELECT p.sku FROM quick_key k
      JOIN product p ON p.id = k.product_id ORDER BY k.page_id, k.position)"

e2e_start
e2e_sign_in Olivia 4321
e2e_key alt+2 # the stock page
sleep 1
e2e_key alt+q # its quick-key editor
sleep 1.5
e2e_shot editor
e2e_key alt+n # a new page
e2e_type "Bakery"
e2e_key Return
sleep 1
expect "a page" "SELECT name FROM quick_key_page" "Bakery"
e2e_key alt+a
e2e_type "sourdough"
e2e_key Return
sleep 1
e2e_key alt+a
e2e_type "coffee"
e2e_key Return
sleep 1
expect "two keys in the order added" "$keys" "BREAD-1 COFFEE-1"
e2e_shot added

# The coffee, added last, is the chosen key: Alt+Left puts it first.
e2e_key alt+Left
expect "Alt+Left moved the coffee first" "$keys" "COFFEE-1 BREAD-1"
e2e_shot moved-by-keyboard

# A real mouse drag of the coffee onto the bread: it takes the bread's
# place. The keys are the first two of the editor's grid, four to a row,
# which is where the editor lays them out on the 1280×800 test screen.
read -r wx wy < <(xdotool search --onlyvisible --name '^Quick keys$' getwindowgeometry --shell | awk -F= '/^[XY]=/ { printf "%s ", $2 } END { print "" }')
from_x=$((wx + 100)) to_x=$((wx + 273)) key_y=$((wy + 247))
xdotool mousemove "$from_x" "$key_y"
sleep 0.3
xdotool mousedown 1
sleep 0.3
for step in $(seq 1 10); do
  xdotool mousemove $((from_x + (to_x - from_x) * step / 10)) "$key_y"
  sleep 0.1
done
sleep 0.5
xdotool mouseup 1
sleep 1
expect "the drag put the coffee behind the bread" "$keys" "BREAD-1 COFFEE-1"
e2e_shot moved-by-mouse
e2e_key Escape # the editor closes
e2e_key alt+1 # the sale screen, showing the new page
sleep 2
e2e_shot sale

# A click on the page's second key, the coffee, rings it up as a scan would.
read -r mx my < <(xdotool search --onlyvisible --name '^Mainstreet$' getwindowgeometry --shell | awk -F= '/^[XY]=/ { printf "%s ", $2 } END { print "" }')
xdotool mousemove $((mx + 783)) $((my + 190))
sleep 0.5 # GTK sees the pointer first
xdotool click 1
sleep 1
e2e_shot rung-up
e2e_key F12
e2e_key Return # exact cash
expect "the coffee was sold by its key" \
  "SELECT group_concat (p.sku) FROM sale_line l JOIN product p ON p.id = l.product_id" "COFFEE-1"
echo "ok"
