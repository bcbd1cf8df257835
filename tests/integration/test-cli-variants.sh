#!/usr/bin/env bash
# `product add --parent … --option …` and `product variants`: an owner gives a
# T-shirt sizes and colours from the command line. A variant takes its
# product's name, tax and price unless given its own; `--price parent` makes
# it follow the product's price again; the product's new price reaches the
# variants that follow it as a catalog version. Bad options exit 4 naming
# the field and write nothing; the product itself cannot be sold, a variant
# can, by its barcode, with its own stock.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

as_owner=(--as olivia --as-pin 4321)
snapshot() { sql "SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM barcode), (SELECT count(*) FROM journal)"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate B Reduced 7 "${as_owner[@]}" >/dev/null
run users add casey --role cashier --pin 1234 "${as_owner[@]}"

expect_exit 0 run product add TS --name "T-shirt" --price 15.00 --tax A "${as_owner[@]}"
expect_exit 0 run product add TS-S-RED --parent TS --option size=S --option colour=red \
  --barcode 4006381333948 "${as_owner[@]}"
expect_exit 0 run product add TS-XL-RED --parent TS --option size=XL --option colour=red --price 18.00 \
  "${as_owner[@]}"
expect_exit 0 run --json product show 4006381333948
[ "$(json "(d['name'], d['price'], d['tax'], d['parent'], d['options'], d['own_price'])")" \
  = "('T-shirt (S, red)', '15.00', 'A', 'TS', {'size': 'S', 'colour': 'red'}, False)" ] \
  || fail "show: $(cat "$work/out")"

# Bad variants: one line naming the field, exit 4, nothing written.
before=$(snapshot)
bad() {
  local field=$1; shift
  expect_exit 4 run product add TS-NEW "$@" "${as_owner[@]}"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "more than one line for $field: $(cat "$work/err")"
  grep -q "^mainstreet-admin: $field" "$work/err" || fail "error for $field: $(cat "$work/err")"
  [ "$(snapshot)" = "$before" ] || fail "a refused variant ($field) wrote something"
}
bad "options: the variants of this product have the options size, colour" --parent TS --option colour=blue \
  --option size=M
bad "options: variant TS-S-RED has these options already" --parent TS --option size=S --option colour=red
bad "options: “large” is not written name=value" --parent TS --option large
bad "parent: TS-S-RED is a variant itself" --parent TS-S-RED --option size=S --option colour=blue
bad "parent: No product" --parent NO-SUCH --option size=S
bad "tax: a variant has its product's tax rate" --parent TS --option size=M --option colour=red --tax B
bad "options: only a variant has options" --name Mug --price 5 --tax A --option size=M
expect_exit 2 run product add TS-NEW --parent TS "${as_owner[@]}"

# The grid as the till shows it, with each variant's stock.
expect_exit 0 run --json product variants TS
[ "$(json "[(v['sku'], v['price'], v['own_price'], v['stock']) for v in d]")" \
  = "[('TS-S-RED', '15.00', False, '0'), ('TS-XL-RED', '18.00', True, '0')]" ] \
  || fail "variants: $(cat "$work/out")"

# The product's new price reaches the variant that follows it, as a new version.
expect_exit 0 run product edit TS --price 16.00 "${as_owner[@]}"
[ "$(sql "SELECT group_concat(sku || ':' || price || ':v' || version, ' ') FROM product WHERE parent_id IS NOT NULL ORDER BY id")" \
  = "TS-S-RED:1600:v2 TS-XL-RED:1800:v1" ] || fail "variant prices after the edit"
# Its own price, then back to the product's.
expect_exit 0 run product edit TS-S-RED --price 14.00 "${as_owner[@]}"
[ "$(sql "SELECT price || ':' || own_price FROM product WHERE sku = 'TS-S-RED'")" = "1400:1" ] || fail "own price"
expect_exit 0 run product edit TS-S-RED --price parent "${as_owner[@]}"
[ "$(sql "SELECT price || ':' || own_price FROM product WHERE sku = 'TS-S-RED'")" = "1600:0" ] || fail "back to the product's"

# At the till: the T-shirt itself is refused, a variant's barcode sells it.
run shift open --float 0 --cashier casey --pin 1234 >/dev/null
set +e; run sell --cashier casey --pin 1234 --scan TS --pay cash:20.00 >"$work/out" 2>"$work/err"; got=$?; set -e
[ "$got" -ne 0 ] && grep -q "comes in variants" "$work/err" || fail "sold the product itself: $(cat "$work/err")"
expect_exit 0 run sell --cashier casey --pin 1234 --scan 4006381333948 --pay cash:20.00
expect_exit 0 run --json product variants TS-XL-RED
[ "$(json "[(v['sku'], v['stock']) for v in d]")" = "[('TS-S-RED', '-1'), ('TS-XL-RED', '0')]" ] \
  || fail "stock after the sale: $(cat "$work/out")"
echo ok
