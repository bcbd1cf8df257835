#!/usr/bin/env bash
# The shop's locale on the command line: `settings set locale`, prices typed
# with a decimal comma, a German Excel file imported with its options given
# or detected, and `export --spreadsheet` in the shop's format. JSON stays
# machine-readable ("2.49") whatever the locale.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"
data=${POS_SOURCE_DIR:?}/tests/data/import
as_owner=(--as olivia --as-pin 4321)

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate B Reduced 7 "${as_owner[@]}" >/dev/null

expect_exit 4 run settings set locale Deutsch "${as_owner[@]}"
expect_exit 0 run settings set locale de_DE "${as_owner[@]}"

# A price typed the German way; JSON keeps the point.
expect_exit 0 run product add SEM-1 --name "Semmel" --price 0,45 --tax B "${as_owner[@]}"
expect_exit 0 run --json product show SEM-1
[ "$(json "d['price']")" = "0.45" ] || fail "price: $(cat "$work/out")"
expect_exit 4 run product add SEM-2 --name "Semmel" --price 0,4,5 --tax B "${as_owner[@]}"
grep -q "like 12,50" "$work/err" || fail "garbage price: $(cat "$work/err")"

# Options given, then detected; a bad delimiter is a usage error.
expect_exit 2 run import products "$data/products-excel-de.csv" --delimiter ab "${as_owner[@]}"
expect_exit 0 run import products "$data/products-excel-de.csv" --delimiter ';' --encoding WINDOWS-1252 \
  --decimal-comma --dry-run "${as_owner[@]}"
expect_exit 0 run import products "$data/products-excel-de.csv" "${as_owner[@]}"
expect_exit 0 run --json product show KAE-1
[ "$(json "(d['name'], d['price'])")" = "('Bergkäse „Alm“', '19.90')" ] || fail "import: $(cat "$work/out")"
expect_exit 4 run import products "$data/products-excel-bad-byte.csv" "${as_owner[@]}"
grep -q "WINDOWS-1252" "$work/err" || fail "bad byte: $(cat "$work/err")"

expect_exit 0 run export products "$work/sheet.csv" --spreadsheet "${as_owner[@]}"
grep -q '^KAE-1;Bergkäse „Alm“;;19,90;12,05;kg;B;Käse;' "$work/sheet.csv" || fail "export: $(cat "$work/sheet.csv")"
expect_exit 0 run export products "$work/plain.csv" "${as_owner[@]}"
grep -q '^KAE-1,Bergkäse „Alm“,,19.90,12.05,kg,B,Käse,' "$work/plain.csv" || fail "plain: $(cat "$work/plain.csv")"
echo ok
