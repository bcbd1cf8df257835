#!/usr/bin/env bash
# `quickkeys`: pages and keys made, listed (text and --json), moved within a
# page and across pages, labelled and removed, each change journalled once.
# A cashier may not change them (exit 5); an unknown page, key or product
# exits 3, a bad position or colour exits 4, and nothing refused is written.
# A product's --key-position (and --key-page) puts its key on a page, as
# `quickkeys move` does, and `product show` says which page and where.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

as_owner=(--as olivia --as-pin 4321)
# The SKUs of a page's keys in order, as `quickkeys list --json` gives them.
keys_of() {
  expect_exit 0 run --json quickkeys list
  json "' '.join(k['sku'] for p in d if p['name'] == '$1' for k in p['keys'])"
}

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate R Reduced 7 "${as_owner[@]}" >/dev/null
run users add casey --role cashier --pin 1234 "${as_owner[@]}"
run product add ROLL --name "Bread roll" --price 0.45 --tax R "${as_owner[@]}" >/dev/null
run product add CROI --name "Croissant" --price 1.20 --tax R "${as_owner[@]}" --barcode 4006381333931 >/dev/null
run product add LATTE --name "Latte" --price 3.20 --tax R "${as_owner[@]}" >/dev/null

expect_exit 0 run --json quickkeys page-add Bakery "${as_owner[@]}"
bakery=$(json "d['id']")
expect_exit 0 run quickkeys page-add Drinks "${as_owner[@]}"
expect_exit 0 run quickkeys add Bakery ROLL "${as_owner[@]}"
expect_exit 0 run --json quickkeys add "$bakery" 4006381333931 --label "Croissant, butter" --colour "#F6D32D" "${as_owner[@]}"
croissant=$(json "d['id']")
expect_exit 0 run quickkeys add Drinks LATTE "${as_owner[@]}"
[ "$(keys_of Bakery)" = "ROLL CROI" ] || fail "bakery keys: $(keys_of Bakery)"
expect_exit 0 run quickkeys list
grep -q "Croissant, butter" "$work/out" || fail "the text list lacks the label: $(cat "$work/out")"

# Moved to the front of its page, then to the end of the drinks.
expect_exit 0 run quickkeys move "$croissant" --position 0 "${as_owner[@]}"
[ "$(keys_of Bakery)" = "CROI ROLL" ] || fail "after the move: $(keys_of Bakery)"
expect_exit 0 run quickkeys move "$croissant" --page Drinks --position 1 "${as_owner[@]}"
[ "$(keys_of Bakery)" = "ROLL" ] || fail "bakery after the move across: $(keys_of Bakery)"
[ "$(keys_of Drinks)" = "LATTE CROI" ] || fail "drinks after the move across: $(keys_of Drinks)"
[ "$(sql "SELECT colour FROM quick_key WHERE id = $croissant")" = "#f6d32d" ] || fail "colour"

# Refused, with nothing written.
before=$(sql "SELECT (SELECT count(*) FROM quick_key), (SELECT count(*) FROM quick_key_page),
                     (SELECT count(*) FROM journal)")
expect_exit 5 run quickkeys page-add Snacks --as casey --as-pin 1234
expect_exit 3 run quickkeys add Snacks ROLL "${as_owner[@]}"
grep -q "no quick-key page" "$work/err" || fail "unknown page message: $(cat "$work/err")"
expect_exit 3 run quickkeys add Bakery NOPE "${as_owner[@]}"
expect_exit 3 run quickkeys remove 999 "${as_owner[@]}"
grep -q "no quick key 999" "$work/err" || fail "unknown key message: $(cat "$work/err")"
expect_exit 4 run quickkeys move "$croissant" --position 7 "${as_owner[@]}"
expect_exit 4 run quickkeys add Bakery LATTE --colour red "${as_owner[@]}"
expect_exit 2 run quickkeys move "$croissant" "${as_owner[@]}"
[ "$(sql "SELECT (SELECT count(*) FROM quick_key), (SELECT count(*) FROM quick_key_page),
                 (SELECT count(*) FROM journal)")" = "$before" ] || fail "a refused change wrote something"

expect_exit 0 run quickkeys page-rename Drinks "Hot drinks" "${as_owner[@]}"
expect_exit 0 run quickkeys page-move "Hot drinks" --position 0 "${as_owner[@]}"
expect_exit 0 run --json quickkeys list
[ "$(json "' '.join(p['name'] for p in d)")" = "Hot drinks Bakery" ] || fail "pages: $(cat "$work/out")"
expect_exit 0 run quickkeys remove "$croissant" "${as_owner[@]}"
expect_exit 0 run quickkeys page-remove Bakery "${as_owner[@]}"
[ "$(sql "SELECT count(*) FROM quick_key")" = "1" ] || fail "the bakery's keys were not removed with it"
[ "$(sql "SELECT count(*) FROM journal WHERE type = 'quick_keys.saved'")" = "11" ] \
  || fail "journalled: $(sql "SELECT count(*) FROM journal WHERE type = 'quick_keys.saved'")"

# A product's key goes onto the pages: the first page unless --key-page
# names one, at its position (past the last key: last), one layout change each.
events=$(sql "SELECT count(*) FROM journal WHERE type = 'quick_keys.saved'")
expect_exit 0 run quickkeys page-add Bakery "${as_owner[@]}"
expect_exit 0 run product edit ROLL --key-position 1 "${as_owner[@]}"
[ "$(keys_of "Hot drinks")" = "ROLL LATTE" ] || fail "the first page after the product's edit: $(keys_of "Hot drinks")"
expect_exit 0 run --json product show ROLL
[ "$(json "(d['key_page'], d['key_position'])")" = "('Hot drinks', 1)" ] || fail "show: $(cat "$work/out")"
[ "$(sql "SELECT quick_key_position IS NULL FROM product WHERE sku = 'ROLL'")" = "1" ] ||
  fail "the product's own position was set beside its page"
expect_exit 0 run product add BAGEL --name Bagel --price 0.90 --tax R --key-page Bakery --key-position 5 \
  "${as_owner[@]}"
[ "$(keys_of Bakery)" = "BAGEL" ] || fail "a new product's key: $(keys_of Bakery)"
expect_exit 0 run product edit ROLL --key-page Bakery --key-position 1 "${as_owner[@]}"
[ "$(keys_of Bakery)" = "ROLL BAGEL" ] || fail "moved onto the bakery: $(keys_of Bakery)"
[ "$(keys_of "Hot drinks")" = "LATTE" ] || fail "the page it left: $(keys_of "Hot drinks")"
expect_exit 0 run product show ROLL
grep -Eq "^key_page +Bakery$" "$work/out" || fail "the text show lacks the page: $(cat "$work/out")"
grep -Eq "^key_position +1$" "$work/out" || fail "the text show lacks the position: $(cat "$work/out")"
[ "$(sql "SELECT count(*) FROM journal WHERE type = 'quick_keys.saved'")" = "$((events + 4))" ] ||
  fail "layout changes: $(sql "SELECT count(*) FROM journal WHERE type = 'quick_keys.saved'")"
# A page that is not there refuses the whole edit.
before=$(sql "SELECT (SELECT count(*) FROM journal), (SELECT name FROM product WHERE sku = 'ROLL')")
expect_exit 4 run product edit ROLL --name "Roll" --key-page Snacks --key-position 1 "${as_owner[@]}"
grep -q "key-page: There is no quick-key page “Snacks”" "$work/err" || fail "missing page: $(cat "$work/err")"
[ "$(sql "SELECT (SELECT count(*) FROM journal), (SELECT name FROM product WHERE sku = 'ROLL')")" = "$before" ] ||
  fail "a refused edit wrote something"
# Position 0 takes it off.
expect_exit 0 run product edit ROLL --key-position 0 "${as_owner[@]}"
[ "$(keys_of Bakery)" = "BAGEL" ] || fail "after taking it off: $(keys_of Bakery)"
expect_exit 0 run --json product show ROLL
[ "$(json "(d['key_page'], d['key_position'])")" = "(None, 0)" ] || fail "show when off: $(cat "$work/out")"
echo "ok"
