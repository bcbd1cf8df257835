#!/usr/bin/env bash
# e2e-product-details.sh — the owner creates a product from an unknown scan
# and fills in, from the keyboard, what its shelf label and quick key need:
# the content of the pack (its unit price), the key's colour, position and
# picture. A content without its unit is pointed out on its own row first.
# The picture is chosen in the file chooser and shown in the dialog; a file
# that is no picture is refused as `product edit --image` refuses it.
# Checked on the store; the picture is kept beside it.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

code=5901234123457
# The file chooser opens in the home folder (no pictures folder there): the
# pictures are typed by name, which a loaded machine completes reliably.
home="$E2E_DIR/home"
mkdir -p "$home"
picture="$home/oil.png"
convert -size 64x64 xc:'#e0b040' "$picture"
echo "not a picture" >"$home/fake.png"
HOME="$home" e2e_start
e2e_sign_in Olivia 4321

e2e_scan "$code"
sleep 1
e2e_key Return # create the product with this code
sleep 1
e2e_type "Olive oil 0.5 l"
e2e_key Tab
e2e_type "6.90"
# Tax, sold by, cost, category, brand, supplier, reorder, open price, new price, from: to the content.
for _ in $(seq 1 11); do e2e_key Tab; done
e2e_type "0.5"
e2e_key Tab Tab # unit price per (per litre), to the colour
e2e_type "#A0C4FF"
e2e_key Tab Tab # past the colour button
e2e_type "1"
# The picture: Choose… (Alt+H) opens the file chooser, where its name is typed.
choose_picture() {
  e2e_key alt+h
  sleep 2
  e2e_key ctrl+l
  sleep 1
  e2e_type "$1"
  sleep 1
  e2e_key Return
  sleep 2
}
choose_picture fake.png
e2e_shot not-a-picture
# Refused, the button still says Choose… (Alt+H): had the file been taken,
# it would say Replace… and the picture below would never be chosen.
choose_picture oil.png
e2e_shot picture-chosen
# The picture itself is on screen (its colour, scaled to its frame), not its path.
shown=$(convert "$POS_ARTIFACTS/$E2E_NAME-picture-chosen.png" -format %c histogram:info:- |
  awk 'tolower($0) ~ /#e0b040/ { print $1 + 0 }')
[ "${shown:-0}" -ge 2000 ] || fail "the chosen picture is not shown (${shown:-0} pixels of its colour)"
echo "ok: the chosen picture is shown"
# Back in the dialog (the chooser has closed), Save by its mnemonic: the content has no unit.
xdotool search --onlyvisible --name '^New product$' windowfocus >/dev/null 2>&1 || true
sleep 0.5
e2e_key alt+s
sleep 1
e2e_shot content-unit-missing
expect "nothing written without the content's unit" "SELECT count(*) FROM product WHERE sku = '$code'" "0"
e2e_type "0.5 l" # the content row has the focus, its text selected
e2e_key Return
sleep 1
expect "product with its content and quick key" \
  "SELECT name || ':' || price || ':' || content_qty || ':' || content_unit || ':' || unit_price_base || ':' ||
          quick_key_colour || ':' || quick_key_position FROM product WHERE sku = '$code'" \
  "Olive oil 0.5 l:690:500:l:1000:#a0c4ff:1"
image=$(e2e_sql "SELECT image_path FROM product WHERE sku = '$code'")
case "$image" in images/*.png) ;; *) fail "picture path: '$image'" ;; esac
cmp -s "$picture" "$E2E_DIR/$image" || fail "the picture was not kept beside the store"
e2e_shot saved
echo "ok"
