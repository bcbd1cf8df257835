#!/usr/bin/env bash
# e2e-setup-join.sh — a second till joins a shop from the app's first-run
# assistant. A real PostgreSQL hub on loopback holds a shop made at till T1
# with mainstreet-admin (a reduced tax rate, a product, the owner); the app
# opens on no store, the assistant is driven by keyboard to join as T2,
# the owner of T1 signs in and sells T1's product, and the sale has the
# same price and tax as at T1. The hub password is kept in the session's
# keyring, never in the app's settings, and the till syncs with it.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"
. "$here/../sync/pg-lib.sh"

: "${MAINSTREET_ADMIN:?set by ctest: the mainstreet-admin program}"
: "${POS_SCREENSHOTS:=$POS_ARTIFACTS}"
mkdir -p "$POS_SCREENSHOTS"

pg_parent=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-join-XXXXXX")
chmod 755 "$pg_parent"
join_cleanup() {
  e2e_cleanup
  pos_pg_stop_all "$pg_parent"
  rm -rf "$pg_parent"
}
trap join_cleanup EXIT

BARCODE=4006381333931
T1_STORE="$E2E_DIR/t1.db"
OWNER=(--cashier Olga --pin 2580)

t1() {
  XDG_CONFIG_HOME="$E2E_DIR/t1-config" "$MAINSTREET_ADMIN" --store "$T1_STORE" "$@" >/dev/null
}

hub_sql() {
  psql "$shop" -Atqc "$1"
}

# The hub, and the shop as made at till T1.
admin=$(pos_pg_start "$pg_parent") || fail "PostgreSQL did not start"
psql "$admin" -qc "CREATE DATABASE shop" || fail "no shop database"
shop=${admin/dbname=postgres/dbname=shop}
port=$(sed -E 's/.* port=([0-9]+).*/\1/' <<<"$admin")
"$MAINSTREET_ADMIN" hub init --hub "$shop" >/dev/null
"$MAINSTREET_ADMIN" hub add-till --hub "$shop" --till T1 --password t1-password >/dev/null
"$MAINSTREET_ADMIN" hub add-till --hub "$shop" --till T2 --password t2-password >/dev/null
t1 init --till T1 --currency EUR --owner Olga --owner-pin 2580
t1 settings add-tax-rate B Reduced 7 --as Olga --as-pin 2580
t1 settings set shop_name "Harbour Deli" --as Olga --as-pin 2580
printf 'sku,name,barcode,price,tax\nOLIVE-1,Olive oil,%s,8.40,B\n' "$BARCODE" >"$E2E_DIR/products.csv"
t1 import products "$E2E_DIR/products.csv" --as Olga --as-pin 2580
t1 shift open --float 0 "${OWNER[@]}"
t1 sell "${OWNER[@]}" --scan "$BARCODE" --pay cash:8.40
t1 sync --hub "$shop user=shop_till_t1 password=t1-password"
t1_sale=$(sqlite3 "$T1_STORE" "SELECT total || ':' || tax_total FROM sale")
[ "$t1_sale" = "840:55" ] || fail "T1's sale: expected 840:55, got $t1_sale"
echo "ok: the shop is on the hub, T1 sold olive oil for 8.40 with 0.55 tax"

# The app on no store, in a session whose keyring is unlocked (as a desktop
# login leaves it), with its settings in a file the test can read.
export XDG_CONFIG_HOME="$E2E_DIR/config" XDG_DATA_HOME="$E2E_DIR/data" HOME="$E2E_DIR/home"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$HOME"
pos_xvfb_start
G_DEBUG=fatal-criticals GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo GSETTINGS_BACKEND=keyfile \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
  dbus-run-session -- sh -c '
    printf keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
    exec "$0" --store "$1" --report-ready-fd 1' "$MAINSTREET" "$E2E_STORE" >"$E2E_LOG" 2>&1 &
E2E_APP_PID=$!
for _ in $(seq 1 100); do
  xdotool search --name '^Mainstreet$' >/dev/null 2>&1 && break
  kill -0 "$E2E_APP_PID" 2>/dev/null || fail "the app exited: $(cat "$E2E_LOG")"
  sleep 0.2
done
sleep 6
xdotool mousemove 512 20 click 1
sleep 0.5
e2e_shot join-start

# 1. "Add this till to an existing shop": the second choice.
e2e_key Down
e2e_key space
e2e_shot join-kind
e2e_key alt+n
sleep 2

# 2. The hub's address, this till's id and its password.
e2e_type "host=127.0.0.1 port=$port dbname=shop sslmode=disable"
e2e_key Return
e2e_key ctrl+a
e2e_type T2
e2e_key Return
e2e_type t2-password
sleep 0.5
e2e_shot join
cp "$POS_ARTIFACTS/$E2E_NAME-join.png" "$POS_SCREENSHOTS/setup-join.png"
[ ! -e "$E2E_STORE" ] || fail "the store was written before the last step"

# The hub must answer before the next step: it checks this till's login.
e2e_key alt+n
sleep 4
e2e_shot join-printer
# 3. No receipt printer on this till; 4. no backups folder yet: join.
e2e_key alt+n
sleep 2
e2e_shot join-backups
[ ! -e "$E2E_STORE" ] || fail "the store was written before the last step"
e2e_key alt+j
e2e_wait_for "the joined store" test -e "$E2E_STORE"
expect "the till's id" "SELECT value FROM setting WHERE key = 'till_id'" "T2"
expect "the shop's name from the hub" "SELECT value FROM setting WHERE key = 'shop_name'" "Harbour Deli"
expect "T1's owner" "SELECT name || ':' || role FROM user" "Olga:owner"
expect "T1's product" "SELECT name || ':' || price FROM product WHERE sku = 'OLIVE-1'" "Olive oil:840"
expect "T1's reduced rate" "SELECT rate_bp FROM tax_rate WHERE code = 'B'" "700"

# The settings keep the hub's address, never its password.
settings="$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
e2e_wait_for "the saved hub connection" grep -q "hub-conninfo=.*shop_till_t2" "$settings"
! grep -q "t2-password\|password=" "$settings" || fail "the settings hold the hub password: $(cat "$settings")"
[ ! -e "$XDG_CONFIG_HOME/mainstreet/hub-passwords" ] || fail "the password went to the file, not the keyring"
echo "ok: the settings hold the hub's address without the password"

# The sign-in screen; T1's owner sells T1's product at T1's price and tax.
sleep 6
e2e_shot join-sign-in
e2e_sign_in Olga 2580 0
e2e_scan "$BARCODE"
e2e_key F12
e2e_key Return # exact cash
sleep 0.5
e2e_shot join-sale
expect "one sale at T2" "SELECT count(*) FROM sale WHERE till_id = 'T2'" "1"
expect "the same price and tax as at T1" "SELECT total || ':' || tax_total FROM sale WHERE till_id = 'T2'" \
  "$t1_sale"

# The till syncs with the password from the keyring: the sale reaches the hub.
for _ in $(seq 1 90); do
  [ "$(hub_sql "SELECT count(*) FROM event WHERE till_id = 'T2' AND type = 'sale'")" = 1 ] && break
  sleep 1
done
[ "$(hub_sql "SELECT count(*) FROM event WHERE till_id = 'T2' AND type = 'sale'")" = 1 ] ||
  fail "T2's sale did not reach the hub: $(grep -i 'sync\|hub' "$E2E_LOG" | tail -5)"
echo "ok: T2 syncs with the hub"
echo "PASS"
