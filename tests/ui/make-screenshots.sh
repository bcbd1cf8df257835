#!/usr/bin/env bash
# make-screenshots.sh MAINSTREET DEMO_STORE_MAKER OUTDIR [SIZE] [SCHEME]
#
# Screenshots of the till on the demo corner shop for the docs: sign-in,
# sale, payment, change, stock, day close and settings, at SIZE (default
# 1280x800) in the colour scheme SCHEME (default, prefer-dark). Not a test:
#   tests/ui/make-screenshots.sh build/release/ui/mainstreet \
#     build/release/tests/ui/pos-ui-demo-store docs/screenshots
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/xvfb-lib.sh"

mainstreet=$(realpath "$1")
maker=$(realpath "$2")
out=$(realpath "$3")
size=${4:-1280x800}
scheme=${5:-default}
work=$(mktemp -d)
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  pos_xvfb_stop
  rm -rf "$work"
}
trap cleanup EXIT

store="$work/shop.db"
"$maker" "$store" --corner-shop
# Receipts go to a file, so no "not printed" message covers the pictures.
sqlite3 "$store" "INSERT OR REPLACE INTO setting (key, value) VALUES ('printer', 'file:$work/printer.bin')"
mkdir -p "$out" "$work/config"
export XDG_CONFIG_HOME="$work/config" GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="${GSETTINGS_SCHEMA_DIR:-$(dirname "$mainstreet")/schemas}"
gsettings set org.mainstreet.Mainstreet window-size "(${size%x*}, ${size#*x})"

POS_XVFB_SIZE=$size pos_xvfb_start
GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo ADW_DEBUG_COLOR_SCHEME=$scheme \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
  dbus-run-session -- "$mainstreet" --store "$store" >"$work/app.log" 2>&1 &
app_pid=$!
sleep 4

shot() {
  sleep "${2:-1}"
  xdotool mousemove 0 $((${size#*x} - 1)) # no hover highlight
  import -window root "$out/$1.png"
  echo "$out/$1.png"
}

shot login 0
# olivia, the owner, picked by typing her name.
xdotool search --onlyvisible --name '^Mainstreet$' windowfocus >/dev/null 2>&1 || true
xdotool type --delay 100 olivia
sleep 0.5
xdotool type --delay 100 4321
xdotool key Return
sleep 2
# The first sign-in of the day opens the shift with a float.
if [ "$(sqlite3 "$store" "SELECT count(*) FROM shift WHERE closed_at IS NULL")" = 0 ]; then
  xdotool type --delay 100 150
  xdotool key Return
  sleep 1
fi
for code in $(sqlite3 "$store" "SELECT b.code FROM barcode b JOIN product p ON p.id = b.product_id
    WHERE p.unit = 'each' AND length (b.code) = 13 ORDER BY p.id LIMIT 6 OFFSET 300"); do
  xdotool type --delay 5 "$code"
  xdotool key Return
  sleep 0.4
done
shot sale
xdotool key F12
shot payment
xdotool type --delay 100 20
xdotool key Return
shot change 2
xdotool key Return # new sale
sleep 0.5
xdotool key alt+2
shot stock 2
xdotool key alt+4
shot day-close 2
xdotool key alt+5
shot settings 2
