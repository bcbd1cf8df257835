#!/usr/bin/env bash
# Shelf labels through mainstreet-admin: a sheet as PDF and PNG whose every
# barcode decodes (zbarimg) to the product's code, labels for a delivery,
# "changed since the last run", a label printer, and bad input.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

# The values of every symbol zbarimg finds in a PNG, sorted, one a line.
decoded() { zbarimg -q --raw "$1" 2>/dev/null | sort; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
sqlite3 "$store" "INSERT INTO product (sku, name, price, tax_rate_id, unit) VALUES
  ('TEA', 'Earl Grey tea, 100 bags', 349, 1, 'each'), ('MINT', 'Mints', 99, 1, 'each'),
  ('CANDY', 'Peanut candy bar', 150, 1, 'each'), ('APL', 'Apples Elstar', 299, 1, 'kg'),
  ('JAM', 'Apricot jam', 425, 1, 'each'), ('BAG', 'Paper bag', 10, 1, 'each'),
  ('TEA-12', 'Earl Grey tea, case of 12', 3990, 1, 'each');
  INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1), ('96385074', 2),
  ('0036000291452', 3), ('2012345000009', 4), ('JAM-0042', 5), ('14006381333938', 7);"
# EAN-13, EAN-8, UPC-A (stored with its leading 0), EAN-13 and Code 128; the
# bag has no barcode, so its SKU is the code. The case's GTIN-14 is GS1
# DataBar, which zbarimg reads as the element string (01)GTIN-14, the form
# the till's scanner sends and looks up.
expected=$(printf '%s\n' 4006381333931 96385074 0036000291452 2012345000009 JAM-0042 BAG 0114006381333938 | sort)

expect_exit 0 run --json labels --sku TEA --sku MINT --sku CANDY --sku APL --sku JAM --sku BAG --sku TEA-12 \
  --layout 3x8 --pdf "$work/a4.pdf" --png "$work/a4.png"
[ "$(json "len(d['labels'])")" = 7 ] || fail "labels: $(cat "$work/out")"
[ "$(json "d['labels'][2]['symbology']")" = UPC-A ] || fail "symbology: $(cat "$work/out")"
[ "$(json "d['labels'][6]['symbology']")" = "GS1 DataBar" ] || fail "DataBar: $(cat "$work/out")"
# Apples are sold by the kg: their unit price is per kg; tea has none.
[ "$(json "d['labels'][3]['unit_price']")" = "1 kg = €2.99" ] || fail "unit price: $(cat "$work/out")"
[ "$(json "d['labels'][0]['unit_price']")" = None ] || fail "tea has a unit price: $(cat "$work/out")"
[ "$(head -c 5 "$work/a4.pdf")" = "%PDF-" ] || fail "not a PDF"
[ "$(decoded "$work/a4.png")" = "$expected" ] || fail "PNG decodes to: $(decoded "$work/a4.png")"
# The PDF itself, rasterised as a printer would, decodes the same.
pdftoppm -r 300 -png -singlefile "$work/a4.pdf" "$work/from-pdf"
[ "$(decoded "$work/from-pdf.png")" = "$expected" ] || fail "PDF decodes to: $(decoded "$work/from-pdf.png")"
if [ -n "${POS_ARTIFACTS:-}" ]; then mkdir -p "$POS_ARTIFACTS" && cp "$work/a4.png" "$POS_ARTIFACTS/labels-a4.png"; fi

# Two sheets of 2x7 for 15 labels; QR stickers carry the same codes.
keys=(); for i in $(seq 15); do keys+=(--sku TEA); done
expect_exit 0 run --json labels "${keys[@]}" --layout 2x7 --pdf "$work/two.pdf"
[ "$(json "d['pages']")" = 2 ] || fail "pages: $(cat "$work/out")"
[ "$(pdfinfo "$work/two.pdf" | awk '/^Pages:/ {print $2}')" = 2 ] || fail "the PDF has not 2 pages"
expect_exit 0 run labels --sku JAM --sku BAG --qr --layout 4x10 --png "$work/qr.png"
[ "$(zbarimg -q "$work/qr.png" 2>/dev/null | sort | tr '\n' ' ')" = "QR-Code:BAG QR-Code:JAM-0042 " ] \
  || fail "QR: $(zbarimg -q "$work/qr.png" 2>/dev/null)"

# Changed since the last run: only the repriced product, then nothing.
expect_exit 0 run --json labels --changed-since-last --pdf "$work/none.pdf"
[ "$(json "len(d['labels'])")" = 0 ] || fail "nothing changed yet: $(cat "$work/out")"
[ ! -e "$work/none.pdf" ] || fail "an empty run wrote a PDF"
sqlite3 "$store" "UPDATE product SET price = 379 WHERE sku = 'TEA'"
# A preview alone does not count as relabelled.
expect_exit 0 run labels --changed-since-last --png "$work/changed.png"
expect_exit 0 run --json labels --changed-since-last --pdf "$work/changed.pdf"
[ "$(json "[l['sku'] for l in d['labels']]")" = "['TEA']" ] || fail "changed: $(cat "$work/out")"
[ "$(json "d['labels'][0]['price']")" = 3.79 ] || fail "new price: $(cat "$work/out")"
expect_exit 0 run --json labels --changed-since-last --pdf "$work/again.pdf"
[ "$(json "len(d['labels'])")" = 0 ] || fail "second run: $(cat "$work/out")"

# A delivery: one label per product received with that note.
run stock receive 'JAM*12' 'APL*5' 'JAM*6' --ref DN-2024-17 --as olivia --as-pin 4321 >/dev/null
expect_exit 0 run --json labels --delivery DN-2024-17 --png "$work/delivery.png"
[ "$(json "[l['sku'] for l in d['labels']]")" = "['JAM', 'APL']" ] || fail "delivery: $(cat "$work/out")"
[ "$(decoded "$work/delivery.png" | tr '\n' ' ')" = "2012345000009 JAM-0042 " ] || fail "delivery PNG"

# A label printer: raster labels with a cut each, through any printer URI.
expect_exit 0 run labels --sku TEA --sku APL --layout roll-58x40 --print --printer "file:$work/printer.bin"
[ "$(python3 -c "import sys; print(open(sys.argv[1],'rb').read().count(b'\x1dV'))" "$work/printer.bin")" = 2 ] \
  || fail "printer bytes"

# Bad input: one clear line, a usage or lookup exit code, no file.
expect_exit 3 run labels --sku NOPE --pdf "$work/bad.pdf"
expect_exit 3 run labels --delivery DN-0 --pdf "$work/bad.pdf"
expect_exit 4 run labels --sku TEA --layout 9x9 --pdf "$work/bad.pdf"
expect_exit 2 run labels --pdf "$work/bad.pdf"
expect_exit 2 run labels --sku TEA --changed-since-last --pdf "$work/bad.pdf"
expect_exit 2 run labels --sku TEA
[ ! -e "$work/bad.pdf" ] || fail "bad input wrote a PDF"
echo "labels: ok"
