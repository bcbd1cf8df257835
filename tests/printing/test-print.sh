#!/usr/bin/env bash
# test-print.sh — `mainstreet-admin print` and `drawer open`, end to end.
#
# A store made with `init --owner`, users, settings and a tax rate set with
# the CLI, a product added with SQL, a sale rung up with `sell`. Its receipt
# is printed through a private cupsd raw queue, tcp: and file: (each to a
# capture), and to an emulated USB printer under umockdev, and the ESC/POS
# bytes that arrived are checked: init, the receipt number, the total in
# CP858, the cut. Then the failures: a printer that is off (clear error,
# exit code, the receipt still printable), a USB printer out of paper
# (nothing printed), a no-sale drawer opening without approval (refused, not
# audited) and with it (kick sent, audit row with the reason).
#
# usage: test-print.sh PATH/TO/pos-print-probe
set -euo pipefail

probe=$1
admin=${MAINSTREET_ADMIN:?}
cupsd=${CUPSD:-cupsd}
lpadmin=${LPADMIN:-lpadmin}
base=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-print-XXXXXX")
chmod 755 "$base" # the CUPS backend runs as the unprivileged CUPS user
pids=()
# shellcheck source=../cups/cupsd-fixture.sh
source "${POS_SOURCE_DIR:?}/tests/cups/cupsd-fixture.sh"

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "${POS_KEEP_TMP:-}" ]; then echo "kept $base"; else rm -rf "$base"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [ -f "$base/log/error_log" ] && tail -n 30 "$base/log/error_log" >&2
  exit 1
}

ms() { "$admin" --store "$base/store.db" "$@"; }
as_owner=(--as olivia --as-pin 4321)

# Read the whole help first: grep -q stops at the first match, and under
# pipefail the writer's SIGPIPE would make the check fail.
if ! grep -q '^  print ' <<<"$("$admin" help)"; then
  echo "SKIP: this mainstreet-admin has no print command"
  exit 77
fi

# Checks the bytes a printer got: ESC @, the receipt number, the total
# after CP858's € (0xD5), a cut after all of it.
check_receipt() {
  local file=$1 what=$2
  python3 - "$file" "$receipt" <<'PY' || fail "$what: the printer did not get the receipt"
import sys
data = open(sys.argv[1], "rb").read()
receipt = sys.argv[2].encode()
init = data.find(b"\x1b@")
checks = {
    "ESC @": init >= 0,
    "receipt number": data.find(receipt, init) > init,
    "total in CP858": data.find(b"\xd5" + b"6.98", init) > init,
    "no UTF-8 euro": b"\xe2\x82\xac" not in data,
    "cut last": data.rfind(b"\x1dV") > data.find(b"\xd5" + b"6.98"),
}
bad = [name for name, ok in checks.items() if not ok]
if bad:
    print("missing: " + ", ".join(bad) + f" in {len(data)} bytes", file=sys.stderr)
    sys.exit(1)
PY
  echo "ok: $what got the receipt ($(stat -c %s "$file") bytes)"
}

# Waits until a capture file holds a cut (the listener writes as it reads).
wait_for_cut() {
  for _ in $(seq 100); do
    [ -f "$1" ] && grep -q $'\x1dV' "$1" && return 0
    sleep 0.1
  done
  fail "nothing arrived in $1"
}

sql() {
  python3 - "$base/store.db" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(sys.argv[2]).fetchall()
db.commit()
for row in rows:
    print("|".join(str(v) for v in row))
PY
}

# --- a store, a product and a sale --------------------------------------
ms init --owner olivia --owner-pin 4321 >/dev/null
ms users add casey --role cashier --pin 1234 "${as_owner[@]}" >/dev/null
ms users add sam --role supervisor --pin 2580 "${as_owner[@]}" >/dev/null
ms settings set shop_name "Corner Grocer" "${as_owner[@]}" >/dev/null
ms settings set shop_address "12 Main Street, Berlin" "${as_owner[@]}" >/dev/null
ms settings set currency EUR "${as_owner[@]}" >/dev/null
ms settings tax-rates | grep '^A .* 20 %' >/dev/null || ms settings add-tax-rate A Standard 20 "${as_owner[@]}" >/dev/null
sql "INSERT INTO product (sku, name, price, tax_rate_id) SELECT 'TEA', 'Earl Grey tea', 349, id FROM tax_rate WHERE code = 'A'" >/dev/null
sql "INSERT INTO barcode (code, product_id) SELECT '4006381333931', id FROM product WHERE sku = 'TEA'" >/dev/null

ms shift open --float 100.00 --cashier casey --pin 1234 >/dev/null
receipt=$(ms --json sell --cashier casey --pin 1234 --scan '4006381333931*2' --pay cash:10 \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["receipt"])')
[ -n "$receipt" ] || fail "the sale has no receipt number"
echo "ok: sold $receipt"

# --- file: ----------------------------------------------------------------
ms print "$receipt" --printer "file:$base/file.bin" >/dev/null || fail "print to file: failed"
head -c 2 "$base/file.bin" | cmp -s - <(printf '\033@') || fail "file: does not start with ESC @"
check_receipt "$base/file.bin" "file:"

# --- tcp: -----------------------------------------------------------------
start_capture "$base/tcp.port" "$base/tcp.bin"
ms print "$receipt" --printer "tcp:127.0.0.1:$capture_port" >/dev/null || fail "print to tcp: failed"
wait_for_cut "$base/tcp.bin"
check_receipt "$base/tcp.bin" "tcp:"

# --- cups: through a private cupsd raw queue --------------------------------
cups_port=$(free_port)
write_config
start_cupsd
start_capture "$base/cups.port" "$base/cups.bin"
add_queue receipt "socket://127.0.0.1:$capture_port"
CUPS_SERVER="127.0.0.1:$cups_port" ms print "$receipt" --printer cups:receipt >/dev/null \
  || fail "print to cups: failed"
wait_for_cut "$base/cups.bin"
check_receipt "$base/cups.bin" "cups:"
CUPS_SERVER="127.0.0.1:$cups_port" ms --json printers | python3 -c '
import json, sys
uris = [p["uri"] for p in json.load(sys.stdin)]
sys.exit(0 if "cups:receipt" in uris else 1)' || fail "printers --json does not list cups:receipt"
echo "ok: printers --json lists cups:receipt"
ms --json scanners | python3 -c 'import json, sys; assert isinstance(json.load(sys.stdin), list)' \
  || fail "scanners --json is not a JSON list"

# --- the setting, the preview, a copy ---------------------------------------
ms settings set printer "file:$base/setting.bin" "${as_owner[@]}" >/dev/null
ms print "$receipt" --copy >/dev/null || fail "print to the set printer failed"
check_receipt "$base/setting.bin" "the printer setting"
grep -q COPY "$base/setting.bin" || fail "a reprint does not say COPY"
mkdir -p "${POS_ARTIFACTS:-$base}"
preview="${POS_ARTIFACTS:-$base}/cli-print-preview.png"
rm -f "$preview"
ms print "$receipt" --preview "$preview" >/dev/null || fail "--preview failed"
head -c 8 "$preview" | cmp -s - <(printf '\211PNG\r\n\032\n') || fail "--preview wrote no PNG"
echo "ok: preview written to $preview"

# --- a printer that is off ----------------------------------------------------
hold_dead_port
set +e
out=$(ms print "$receipt" --printer "tcp:127.0.0.1:$dead_port" 2>&1)
status=$?
set -e
[ "$status" -ne 0 ] || fail "printing to a printer that is off succeeded"
[ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "^mainstreet-admin: .*127.0.0.1" <<<"$out" \
  || fail "no clear one-line error for a printer that is off: $out"
echo "ok: printer off → exit $status: $out"
ms print "$receipt" --printer "file:$base/again.bin" >/dev/null || fail "the receipt cannot be printed again"
check_receipt "$base/again.bin" "the reprint after a failure"

set +e
out=$(ms print T1-999 --printer "file:$base/none.bin" 2>&1)
status=$?
set -e
[ "$status" -eq 3 ] || fail "an unknown receipt gave exit $status: $out"

# --- usb: the emulated printer of tests/usb ---------------------------------
if [ -n "${USB_PRINTER_RUN:-}" ]; then
  "$UMOCKDEV_WRAPPER" "$USB_PRINTER_RUN" "$base/usb.bin" -- \
    "$admin" --store "$base/store.db" print "$receipt" --printer usb:04b8:0202 >/dev/null \
    || fail "print to usb: failed"
  check_receipt "$base/usb.bin" "usb:"

  set +e
  out=$("$UMOCKDEV_WRAPPER" "$USB_PRINTER_RUN" "$base/usb-empty.bin" --paper-out -- \
    "$admin" --store "$base/store.db" print "$receipt" --printer usb:04b8:0202 2>&1)
  status=$?
  set -e
  [ "$status" -eq 8 ] && grep -qi "paper" <<<"$out" || fail "a USB printer out of paper gave exit $status: $out"
  ! grep -q "$receipt" "$base/usb-empty.bin" || fail "the receipt was sent to a printer without paper"
  echo "ok: USB printer out of paper → exit $status: $out"
else
  echo "umockdev is not available: the usb: part is not run"
fi

# --- the cash drawer ----------------------------------------------------------
audits() { sql "SELECT count(*) FROM audit WHERE action = 'drawer_open'"; }
set +e
out=$(ms drawer open --reason "change for the bakery" --cashier casey --pin 1234 \
  --printer "file:$base/drawer.bin" 2>&1)
status=$?
set -e
[ "$status" -eq 5 ] || fail "a cashier's no-sale without approval gave exit $status: $out"
[ ! -e "$base/drawer.bin" ] || fail "the drawer was kicked without approval"
[ "$(audits)" -eq 0 ] || fail "a refused drawer opening was audited"
echo "ok: no-sale without approval refused: $out"

ms drawer open --reason "change for the bakery" --cashier casey --pin 1234 --approver sam \
  --approver-pin 2580 --printer "file:$base/drawer.bin" >/dev/null || fail "approved drawer opening failed"
cmp -s "$base/drawer.bin" <(printf '\033p\000\031\372') || fail "the drawer kick bytes are wrong"
row=$(sql "SELECT u.name, v.name, json_extract (a.detail, '$.reason'), a.sale_id IS NULL
           FROM audit a JOIN user u ON u.id = a.user_id JOIN user v ON v.id = a.approver_id
           WHERE a.action = 'drawer_open'")
[ "$row" = "casey|sam|change for the bakery|1" ] || fail "unexpected drawer audit row: $row"
[ "$(sql "SELECT count(*) FROM journal WHERE type = 'drawer.open'")" -eq 1 ] || fail "no drawer journal event"
ms verify >/dev/null || fail "the store does not verify after printing and the drawer"
echo "ok: approved no-sale kicked the drawer and was audited: $row"
echo "PASS"
