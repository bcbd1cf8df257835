#!/usr/bin/env bash
# e2e-scan-capitals.sh — a wedge scanner types capital letters with Shift:
# a code with capitals arrives as one scan wherever the focus is, not as a
# letter in the search box and an unknown rest.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_start
# An in-store label with capitals on the olive oil soap.
e2e_sql "INSERT INTO barcode (code, product_id) VALUES ('MS100001', 6)"
e2e_sign_in Alice 1234 # Alice
e2e_scan MS100001
e2e_shot scanned
e2e_key F12
e2e_key Return # exact cash
expect "the scan became one soap line" \
  "SELECT group_concat(l.name || ':' || l.qty) FROM sale_line l" "Olive oil soap:1000"
expect "the sale is the soap's price" "SELECT total FROM sale" "350"
echo "PASS"
