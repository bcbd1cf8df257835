#!/usr/bin/env bash
# `product`: an owner adds, edits, deactivates, shows and lists products from
# the command line with the catalog's own checks. Bad input (duplicate or
# miscoded barcode, negative or absurd price, empty or too long name,
# unknown tax rate) exits 4 naming the field and writes nothing; a price
# edit makes a new catalog version and leaves the past sale as it was.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

as_owner=(--as olivia --as-pin 4321)
# Nothing written: the product, barcode and journal tables are as before.
snapshot() { sql "SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM barcode),
                         (SELECT count(*) FROM journal), (SELECT count(*) FROM category)"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate B Reduced 7 "${as_owner[@]}" >/dev/null
run users add casey --role cashier --pin 1234 "${as_owner[@]}"

# A complete product. Its picture is copied beside the store under its
# SHA-256, and the event names it without carrying it.
convert -size 16x16 xc:'#c08040' "$work/tea.png"
printf 'not a picture' >"$work/tea.txt"
expect_exit 0 run product add TEA-1 --name "Earl Grey tea 100 g" --price 3.49 --tax A \
  --barcode 4006381333931 --barcode 96385074 --cost 1.80 --unit piece --content 0.1 --content-unit kg \
  --unit-price-per 1 --category Tea --supplier "Hill Farm" --reorder 5 --key-colour '#a0c4ff' \
  --key-position 3 --image "$work/tea.png" "${as_owner[@]}"
tea_sha=$(sha256sum "$work/tea.png" | cut -d' ' -f1)
[ "$(sql "SELECT image_path FROM product WHERE sku = 'TEA-1'")" = "images/$tea_sha.png" ] ||
  fail "picture path: $(sql "SELECT image_path FROM product WHERE sku = 'TEA-1'")"
cmp -s "$work/tea.png" "$work/images/$tea_sha.png" || fail "the picture was not kept beside the store"
[ "$(sql "SELECT json_extract (payload, '\$.picture') FROM journal WHERE type = 'product.saved'")" \
  = "$tea_sha.png" ] || fail "the journal event does not name the picture"
expect_exit 0 run --json product show 4006381333931
[ "$(json "(d['sku'], d['price'], d['tax'], d['category'], d['supplier'], d['key_colour'], d['version'])")" \
  = "('TEA-1', '3.49', 'A', 'Tea', 'Hill Farm', '#a0c4ff', 1)" ] || fail "show: $(cat "$work/out")"
# Without quick-key pages the product's own position places its key.
[ "$(json "(d['key_position'], d['key_page'])")" = "(3, None)" ] || fail "show: $(cat "$work/out")"
[ "$(sql "SELECT quick_key_position FROM product WHERE sku = 'TEA-1'")" = "3" ] || fail "key position"
[ "$(json "(d['barcodes'], d['content'], d['content_unit'], d['unit_price_per'], d['unit'], d['cost'])")" \
  = "(['4006381333931', '96385074'], '0.1', 'kg', '1', 'piece', '1.80')" ] || fail "show: $(cat "$work/out")"
[ "$(sql "SELECT json_extract (payload, '\$.barcodes') FROM journal WHERE type = 'product.saved'")" \
  = '["4006381333931","96385074"]' ] || fail "the journal event lacks the barcodes"

# Bad input: one clear line naming the field, exit 4, nothing written.
before=$(snapshot)
bad() {
  local field=$1; shift
  expect_exit 4 run product add NEW-1 "$@" "${as_owner[@]}"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "more than one line for $field: $(cat "$work/err")"
  grep -q "^mainstreet-admin: $field" "$work/err" || fail "error for $field: $(cat "$work/err")"
  [ "$(snapshot)" = "$before" ] || fail "a refused product ($field) wrote something"
}
long=$(printf 'x%.0s' $(seq 121))
bad "barcode 4006381333931 already belongs to product TEA-1" --name Tea --price 1 --tax A --barcode 4006381333931
bad "barcode “4006381333932”" --name Tea --price 1 --tax A --barcode 4006381333932 --category New
bad "price: a price cannot be negative" --name Tea --price -1 --tax A --category New
bad "price: .* not a believable price" --name Tea --price 2000000 --tax A
bad "name: a product needs a name" --name "  " --price 1 --tax A
bad "name: 121 characters" --name "$long" --price 1 --tax A --supplier New
bad "tax: the shop has no tax rate “Z”" --name Tea --price 1 --tax Z
bad "barcode 5901234123457 is given twice" --name Tea --price 1 --tax A --barcode 5901234123457 \
  --barcode 5901234123457
bad "quick_key_colour" --name Tea --price 1 --tax A --key-colour red
bad "image: this is not a PNG, JPEG, WebP or SVG picture" --name Tea --price 1 --tax A --image "$work/tea.txt"
expect_exit 4 run product edit TEA-1 --price -3 "${as_owner[@]}"
grep -q "price" "$work/err" || fail "edit with a negative price: $(cat "$work/err")"
long_sku=$(printf 'S%.0s' $(seq 65))
expect_exit 4 run product add "$long_sku" --name Tea --price 1 --tax A "${as_owner[@]}"
grep -q "^mainstreet-admin: sku: more than 64 characters" "$work/err" || fail "long SKU: $(cat "$work/err")"
[ "$(snapshot)" = "$before" ] || fail "a refused product (long SKU) wrote something"
# An exact 120-character name is fine.
expect_exit 0 run product add LONG-1 --name "${long:1}" --price 1 --tax B "${as_owner[@]}"

# Who may: a cashier may not add, and nobody without a PIN.
expect_exit 5 run product add CASH-1 --name Tea --price 1 --tax A --as casey --as-pin 1234
expect_exit 5 run product add CASH-1 --name Tea --price 1 --tax A --as olivia --as-pin 0000
expect_exit 3 run product show NO-SUCH
expect_exit 2 run product add NEW-2 --price 1 "${as_owner[@]}"

# Same rules as an import: a too long name or an absurd price is a row error there too.
printf 'sku,name,price,tax\nIMP-1,%s,1.00,A\nIMP-2,Fine,2000000,A\n' "$long" >"$work/bad.csv"
expect_exit 4 run import products "$work/bad.csv" "${as_owner[@]}"
grep -q "line 2: name: 121 characters" "$work/err" "$work/out" || fail "import long name: $(cat "$work/err" "$work/out")"
grep -q "line 3: price" "$work/err" "$work/out" || fail "import absurd price: $(cat "$work/err" "$work/out")"

# Sell at 3.49, then change price and tax: a new version, the sale unchanged.
run shift open --float 100 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan 4006381333931 --pay cash:5 >/dev/null
expect_exit 0 run product edit 96385074 --price 3.99 --tax B --name "Earl Grey tea" "${as_owner[@]}"
expect_exit 0 run --json product show TEA-1
[ "$(json "(d['price'], d['tax'], d['version'], d['category'])")" = "('3.99', 'B', 2, 'Tea')" ] \
  || fail "after edit: $(cat "$work/out")"
[ "$(sql "SELECT unit_price, tax_code, catalog_version, name FROM sale_line")" = "349|A|1|Earl Grey tea 100 g" ] \
  || fail "the past sale line changed: $(sql "SELECT * FROM sale_line")"
[ "$(sql "SELECT version, price, name FROM catalog_version")" = "1|349|Earl Grey tea 100 g" ] \
  || fail "catalog version 1 not kept: $(sql "SELECT * FROM catalog_version")"
[ "$(sql "SELECT count(*) FROM journal WHERE type = 'product.saved'")" -eq 3 ] || fail "no event for the edit"
[ "$(sql "SELECT json_extract (payload, '\$.picture') FROM journal WHERE type = 'product.saved'
           ORDER BY id DESC LIMIT 1")" = "$tea_sha.png" ] || fail "the edit lost the picture"
# An empty --image takes the picture away, and the event says so by naming none.
expect_exit 0 run product edit TEA-1 --image "" "${as_owner[@]}"
[ -z "$(sql "SELECT image_path FROM product WHERE sku = 'TEA-1'")" ] || fail "the picture stayed"
[ -z "$(sql "SELECT json_extract (payload, '\$.picture') FROM journal WHERE type = 'product.saved'
             ORDER BY id DESC LIMIT 1")" ] || fail "the last event still names the picture"

# Deactivate, never delete: it stays, is listed only with --all, and is no longer sold.
expect_exit 0 run product deactivate TEA-1 "${as_owner[@]}"
[ "$(sql "SELECT active FROM product WHERE sku = 'TEA-1'")" = 0 ] || fail "still active"
expect_exit 0 run --json product list
[ "$(json "[p['sku'] for p in d]")" = "['LONG-1']" ] || fail "list: $(cat "$work/out")"
expect_exit 0 run --json product list --all
[ "$(json "[p['sku'] for p in d]")" = "['LONG-1', 'TEA-1']" ] || fail "list --all: $(cat "$work/out")"
expect_exit 8 run sell --cashier casey --pin 1234 --scan TEA-1 --pay cash:5
expect_exit 0 run product activate TEA-1 "${as_owner[@]}"
expect_exit 0 run product list
grep -q "^TEA-1 " "$work/out" || fail "text list: $(cat "$work/out")"

# An open-price key: the price is typed at the sale (CODE@PRICE), never over its limit.
expect_exit 0 run product add BAKERY --name "Bakery" --price 0 --tax B --open-price-limit 20 "${as_owner[@]}"
expect_exit 0 run --json product show BAKERY
[ "$(json "d['open_price_limit']")" = "20.00" ] || fail "open price limit: $(cat "$work/out")"
expect_exit 8 run sell --cashier casey --pin 1234 --scan BAKERY --pay cash:5
expect_exit 4 run sell --cashier casey --pin 1234 --scan BAKERY@20.01 --pay cash:30
grep -q "up to 20.00" "$work/err" || fail "over the limit: $(cat "$work/err")"
expect_exit 0 run sell --cashier casey --pin 1234 --scan BAKERY@2.40*2 --pay cash:5
[ "$(sql "SELECT qty || '@' || unit_price FROM sale_line WHERE sku = 'BAKERY'")" = "2000@240" ] \
  || fail "open price sale: $(sql "SELECT * FROM sale_line WHERE sku = 'BAKERY'")"
expect_exit 4 run product edit BAKERY --open-price-limit -1 "${as_owner[@]}"
grep -q "^mainstreet-admin: open price limit" "$work/err" || fail "negative limit: $(cat "$work/err")"
# Sold by the litre and the metre: decimal quantities, kept in thousandths.
expect_exit 0 run product add OIL --name "Olive oil from the tap" --price 9.80 --tax A --unit l "${as_owner[@]}"
expect_exit 0 run product add CABLE --name "Speaker cable" --price 1.20 --tax A --unit M "${as_owner[@]}"
expect_exit 0 run --json product show CABLE
[ "$(json "d['unit']")" = "m" ] || fail "metre product: $(cat "$work/out")"
expect_exit 4 run product add GAL --name Oil --price 1 --tax A --unit gallon "${as_owner[@]}"
grep -q "^mainstreet-admin: unit: “gallon”" "$work/err" || fail "unknown unit: $(cat "$work/err")"
expect_exit 0 run sell --cashier casey --pin 1234 --scan 'OIL*0.75' --scan 'CABLE*2.5' --pay cash:20
[ "$(sql "SELECT group_concat (unit || ':' || qty || ':' || line_total, ' ') FROM sale_line
          WHERE sku IN ('OIL', 'CABLE')")" = "l:750:735 m:2500:300" ] \
  || fail "litre and metre sale: $(sql "SELECT * FROM sale_line WHERE sku IN ('OIL', 'CABLE')")"
echo "ok"
