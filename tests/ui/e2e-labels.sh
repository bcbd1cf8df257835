#!/usr/bin/env bash
# e2e-labels.sh — the owner selects products on the Stock page and prints
# their shelf labels from the label dialog to a CUPS queue. A private cupsd
# (tests/cups/cupsd-fixture.sh) has a raw queue whose device is a socket
# this test listens on; the job that arrives must be a PDF whose barcodes
# decode (zbarimg) to exactly the selected products' codes, and the store
# must record that the shelf now shows these prices.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

cupsd=${CUPSD:-$(command -v cupsd || echo /usr/sbin/cupsd)}
lpadmin=${LPADMIN:-$(command -v lpadmin || echo /usr/sbin/lpadmin)}
[ -x "$cupsd" ] && [ -x "$lpadmin" ] || { echo "SKIP: no cupsd"; exit 77; }
base="$E2E_DIR/cups"
mkdir -p "$base"
chmod 755 "$E2E_DIR" "$base" # the backend runs as the unprivileged CUPS user
pids=()
# shellcheck source=../cups/cupsd-fixture.sh
. "$here/../cups/cupsd-fixture.sh"

stop_servers() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop_servers; e2e_cleanup' EXIT

# A network printer: every job's bytes appended to $base/captured.pdf.
start_printer() {
  python3 - "$base/printer.port" "$base/captured.pdf" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(4)
with open(sys.argv[1], "w") as f:
    f.write(str(s.getsockname()[1]))
while True:
    c, _ = s.accept()
    with open(sys.argv[2], "ab") as out:
        while True:
            data = c.recv(65536)
            if not data:
                break
            out.write(data)
    c.close()
PY
  pids+=($!)
  for _ in $(seq 50); do
    [ -s "$base/printer.port" ] && return 0
    sleep 0.1
  done
  fail "the printer listener did not start"
}

cups_port=$(free_port)
write_config
start_cupsd
start_printer
add_queue labels "socket://127.0.0.1:$(cat "$base/printer.port")"
export CUPS_SERVER="127.0.0.1:$cups_port"

e2e_start
e2e_sign_in Olivia 4321
since=$(date -u '+%Y-%m-%dT%H:%M:%S')

e2e_key alt+2 # the Stock page
sleep 2
xdotool key Return # from the search to the list
sleep 0.5
e2e_key ctrl+a # every product listed
e2e_key ctrl+p # Print labels for the selection
e2e_wait_for "the label dialog" e2e_asks_float
sleep 4 # the printers are listed in the background
e2e_shot dialog
e2e_key ctrl+p # Print
printed() { [ -s "$base/captured.pdf" ] && grep -q '%%EOF' "$base/captured.pdf"; }
e2e_wait_for "the job to reach the printer" printed
head -c 5 "$base/captured.pdf" | grep '%PDF-' >/dev/null || fail "the job is not a PDF"
echo "ok: a PDF job arrived through CUPS"

pdftoppm -r 300 -png "$base/captured.pdf" "$base/page" || fail "the PDF does not render"
zbarimg --quiet --raw "$base"/page*.png | sort >"$base/decoded.txt" || fail "no barcode decoded"
# Every active product: its first barcode, or its SKU as Code 128.
e2e_sql "SELECT coalesce((SELECT code FROM barcode b WHERE b.product_id = p.id ORDER BY code LIMIT 1), p.sku)
         FROM product p WHERE p.active = 1" | sort >"$base/expected.txt"
diff "$base/expected.txt" "$base/decoded.txt" || fail "the decoded barcodes differ from the products'"
echo "ok: $(wc -l <"$base/decoded.txt") barcodes decode to the selected products' codes"
expect "the run recorded for every product" \
  "SELECT count(*) FROM label_price WHERE printed_at >= '$since'" \
  "$(e2e_sql "SELECT count(*) FROM product WHERE active = 1")"

# One more job: empties the printer's paper tray, then prints from the
# dialog that is up and checks the codes on what arrived.
print_and_expect() { # WHAT EXPECTED-CODES
  e2e_wait_for "the label dialog for $1" e2e_asks_float
  sleep 4
  : >"$base/captured.pdf"
  rm -f "$base"/page*.png
  e2e_key ctrl+p
  e2e_wait_for "the $1 job to reach the printer" printed
  pdftoppm -r 300 -png "$base/captured.pdf" "$base/page" || fail "the $1 PDF does not render"
  got=$(zbarimg --quiet --raw "$base"/page*.png | sort | tr '\n' ' ')
  [ "$got" = "$2" ] || fail "$1: decoded '$got', expected '$2'"
  echo "ok: $1 printed: $got"
}

# A new price: "Labels for changed prices" has just that product.
e2e_sql "UPDATE product SET price = 135 WHERE sku = 'FAB-1'"
e2e_key alt+b # the Labels menu
e2e_key Down
e2e_key Return # Labels for changed prices…
print_and_expect "changed prices" "4006381333931 "

# A delivery scanned on the Receiving page: its labels, before booking.
e2e_key alt+8
sleep 1
e2e_key alt+n # a free delivery
sleep 1
e2e_scan 5449000000996
e2e_scan 4000417025005
e2e_key alt+l # Labels for this delivery…
print_and_expect "the delivery" "4000417025005 5449000000996 "
echo "PASS"
