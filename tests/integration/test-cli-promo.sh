#!/usr/bin/env bash
# `promo add|list|change|end`, promotions at the till through `sell`, and what they
# cost (`report promotions`): a "3 for 2" on cola (19 %) and a pasta-and-wine
# bundle across 7 % and 19 %, figures worked out by hand. A partial refund
# of the promoted cola gives back what the customer paid for it, net of the
# promotion, and the report nets it out. Only an owner may change
# promotions; a bad one exits 4 and writes nothing.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

as_owner=(--as olivia --as-pin 4321)

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate R Reduced 7 "${as_owner[@]}" >/dev/null
run settings add-tax-rate N Normal 19 "${as_owner[@]}" >/dev/null
run users add sam --role supervisor --pin 2580 "${as_owner[@]}"
run users add casey --role cashier --pin 1234 "${as_owner[@]}"
run product add COLA --name "Cola 0.5l" --price 1.00 --tax N "${as_owner[@]}" >/dev/null
run product add PASTA --name "Spaghetti" --price 1.99 --tax R "${as_owner[@]}" >/dev/null
run product add WINE --name "Red wine" --price 6.99 --tax N "${as_owner[@]}" >/dev/null
run shift open --float 0 --cashier casey --pin 1234 >/dev/null

# Refused: a cashier, a multi-buy that pays for all, an unknown product.
before=$(sql "SELECT (SELECT count(*) FROM promotion), (SELECT count(*) FROM journal)")
expect_exit 5 run promo add "3 for 2" --kind multibuy --buy 3 --pay 2 --product COLA --as casey --as-pin 1234
expect_exit 4 run promo add "3 for 3" --kind multibuy --buy 3 --pay 3 --product COLA "${as_owner[@]}"
expect_exit 3 run promo add "Nothing" --kind percent --percent 10 --product NOPE "${as_owner[@]}"
[ "$(sql "SELECT (SELECT count(*) FROM promotion), (SELECT count(*) FROM journal)")" = "$before" ] \
  || fail "a refused promotion wrote something"

expect_exit 0 run promo add "Cola 3 for 2" --kind multibuy --buy 3 --pay 2 --product COLA "${as_owner[@]}"
expect_exit 0 run promo add "Pasta night" --kind bundle --product PASTA --product WINE --price 7.99 "${as_owner[@]}"
expect_exit 0 run --json promo list
[ "$(json "sorted(p['name'] for p in d)")" = "['Cola 3 for 2', 'Pasta night']" ] || fail "list: $(cat "$work/out")"
[ "$(sql "SELECT count(*) FROM journal WHERE type = 'promotion.saved'")" = "2" ] || fail "not journalled"

# Cola 3.00 − 1.00; pasta 1.99 + wine 6.99 = 8.98 for 7.99: 0.99 off, 0.22 on
# the pasta (7 %), 0.77 on the wine (19 %). Total 9.99; tax 19 % of 8.22 =
# 1.31 and 7 % of 1.77 = 0.12.
expect_exit 0 run --json sell --cashier casey --pin 1234 --scan PASTA --scan COLA*3 --scan WINE --pay cash:20
[ "$(json "d['total'], d['tax']")" = "9.99 1.43" ] || fail "sale: $(cat "$work/out")"
[ "$(sql "SELECT group_concat(tax_code || ':' || net || ':' || tax, ' ') FROM (SELECT * FROM sale_tax ORDER BY tax_code)")" \
  = "N:691:131 R:165:12" ] || fail "tax per rate: $(sql "SELECT * FROM sale_tax")"
[ "$(sql "SELECT group_concat(name || '=' || amount, ', ') FROM (SELECT * FROM sale_line_promotion ORDER BY amount)")" \
  = "Pasta night=22, Pasta night=77, Cola 3 for 2=100" ] || fail "allocations: $(sql "SELECT * FROM sale_line_promotion")"
[ "$(sql "SELECT sum(discount) FROM sale_line")" = "199" ] || fail "line discounts"

# The receipt names each promotion and what it saved.
expect_exit 0 run print T1-1 --printer "file:$work/receipt.bin"
grep -a -q "Cola 3 for 2" "$work/receipt.bin" || fail "the receipt does not name the promotion"
python3 -c "import sys; d=open('$work/receipt.bin','rb').read(); i=d.find(b'Cola 3 for 2'); sys.exit(not (i >= 0 and b'1.00' in d[i:i+64]))" \
  || fail "the receipt does not show the saving"

# Cola is line 1 (3 × 1.00, 1.00 off): one back refunds 0.67, not 1.00.
cola_line=$(sql "SELECT line_no FROM sale_line WHERE sku = 'COLA'")
expect_exit 0 run --json refund T1-1 --line "$cola_line" --qty 1 --cashier sam --pin 2580
[ "$(json "d['total']")" = "-0.67" ] || fail "refund of a promoted cola: $(cat "$work/out")"
[ "$(sql "SELECT amount FROM sale_line_promotion a JOIN sale_line l ON l.id = a.sale_line_id WHERE l.qty < 0")" \
  = "-33" ] || fail "the refund line does not carry back its share"
# The other two refund exactly what is left: 2.00 paid in all.
expect_exit 0 run --json refund T1-1 --line "$cola_line" --qty 2 --cashier sam --pin 2580
[ "$(json "d['total']")" = "-1.33" ] || fail "rest of the cola: $(cat "$work/out")"

expect_exit 0 run --json report promotions
[ "$(json "[(p['name'], p['sales'], p['given'], p['refunded'], p['cost']) for p in d['promotions']]")" \
  = "[('Cola 3 for 2', 1, 100, -100, 0), ('Pasta night', 1, 99, 0, 99)]" ] || fail "report: $(cat "$work/out")"
[ "$(json "d['cost']")" = "99" ] || fail "report total: $(cat "$work/out")"
expect_exit 0 run report promotions
grep -q "Pasta night" "$work/out" || fail "report text: $(cat "$work/out")"

# Ended: the next sale pays full price; the promotion stays in the history.
expect_exit 0 run promo end "Cola 3 for 2" "${as_owner[@]}"
expect_exit 0 run --json sell --cashier casey --pin 1234 --scan COLA*3 --pay cash:5
[ "$(json "d['total']")" = "3.00" ] || fail "ended promotion still applies: $(cat "$work/out")"
expect_exit 0 run --json promo list
[ "$(json "[p['name'] for p in d]")" = "['Pasta night']" ] || fail "list after end: $(cat "$work/out")"
expect_exit 0 run --json promo list --all
[ "$(json "len(d)")" = "2" ] || fail "list --all: $(cat "$work/out")"
[ "$(sql "SELECT count(*) FROM promotion")" = "3" ] || fail "ending is a new version"
expect_exit 3 run promo end "Cola 3 for 2" "${as_owner[@]}"

# A coupon: refused until a promotion takes it; then 10 % off.
expect_exit 3 run sell --cashier casey --pin 1234 --coupon SAVE10 --scan WINE --pay cash:10
expect_exit 0 run promo add "Ten off" --kind percent --percent 10 --coupon save10 "${as_owner[@]}"
expect_exit 0 run --json sell --cashier casey --pin 1234 --scan WINE --pay cash:10
[ "$(json "d['total']")" = "6.99" ] || fail "coupon applied without the code: $(cat "$work/out")"
expect_exit 0 run --json sell --cashier casey --pin 1234 --coupon SAVE10 --scan WINE --pay cash:10
[ "$(json "d['total']")" = "6.29" ] || fail "coupon: $(cat "$work/out")"

# A brand: the wine is Castello's (product edit --brand); 1.00 off each unit
# of the brand, however it is typed, and `promo list` names it.
expect_exit 0 run product edit WINE --brand "Castello" "${as_owner[@]}"
expect_exit 0 run --json product show WINE
[ "$(json "d['brand']")" = "Castello" ] || fail "product brand: $(cat "$work/out")"
expect_exit 0 run promo add "Castello week" --kind amount --amount 1.00 --brand CASTELLO "${as_owner[@]}"
expect_exit 0 run --json sell --cashier casey --pin 1234 --scan WINE --scan PASTA --pay cash:10
[ "$(json "d['total']")" = "7.98" ] || fail "brand promotion: $(cat "$work/out")"
expect_exit 0 run --json promo list
[ "$(json "[p['brand'] for p in d if p['name'] == 'Castello week']")" = "['CASTELLO']" ] \
  || fail "list brand: $(cat "$work/out")"

# Changed while running: "Ten off" becomes 20 % off. It ends now and its
# successor starts now, one transaction: the sale made before keeps the
# promotion it had, the next sale gets the new one.
ten_uid=$(sql "SELECT uid FROM promotion WHERE name = 'Ten off' LIMIT 1")
expect_exit 5 run promo change "Ten off" --kind percent --percent 20 --coupon save10 --as casey --as-pin 1234
expect_exit 3 run promo change "Nothing such" --kind percent --percent 20 "${as_owner[@]}"
expect_exit 4 run promo change "Ten off" --kind percent --percent 0 --coupon save10 "${as_owner[@]}"
[ "$(sql "SELECT count(*) FROM promotion WHERE uid = '$ten_uid'")" = "1" ] || fail "a refused change wrote something"
expect_exit 0 run --json promo change "Ten off" --kind percent --percent 20 --coupon save10 --name "Twenty off" \
  "${as_owner[@]}"
[ "$(json "d['changed'], d['successor']")" = "$ten_uid True" ] || fail "change: $(cat "$work/out")"
new_uid=$(json "d['uid']")
[ "$new_uid" != "$ten_uid" ] || fail "a running promotion was changed in place"
[ "$(sql "SELECT count(*) FROM promotion WHERE uid = '$ten_uid' AND ends_at IS NOT NULL")" = "1" ] \
  || fail "the running promotion did not end"
[ "$(sql "SELECT (SELECT ends_at FROM promotion WHERE uid = '$ten_uid' AND version = 2) = starts_at FROM promotion WHERE uid = '$new_uid'")" = "1" ] \
  || fail "the successor does not start when the old one ends"
# Pasta 1.99, 20 % off: 0.40 off, 1.59.
expect_exit 0 run --json sell --cashier casey --pin 1234 --coupon SAVE10 --scan PASTA --pay cash:10
[ "$(json "d['total']")" = "1.59" ] || fail "changed promotion: $(cat "$work/out")"
[ "$(sql "SELECT count(DISTINCT promotion_uid) FROM sale_line_promotion WHERE promotion_uid IN ('$ten_uid', '$new_uid')")" = "2" ] \
  || fail "the sales do not keep the promotion they had"
expect_exit 0 run --json promo list
[ "$(json "sorted(p['name'] for p in d)")" = "['Castello week', 'Pasta night', 'Twenty off']" ] \
  || fail "list after change: $(cat "$work/out")"

# Changed before it starts: a new version of the same promotion.
expect_exit 0 run promo add "Autumn" --kind percent --percent 5 --product PASTA --from 2099-09-01 "${as_owner[@]}"
autumn_uid=$(sql "SELECT uid FROM promotion WHERE name = 'Autumn'")
expect_exit 0 run --json promo change "$autumn_uid" --kind percent --percent 15 --product PASTA --from 2099-09-01 \
  "${as_owner[@]}"
[ "$(json "d['uid'], d['successor']")" = "$autumn_uid False" ] || fail "coming change: $(cat "$work/out")"
[ "$(sql "SELECT version || ':' || value FROM promotion WHERE uid = '$autumn_uid' ORDER BY version DESC LIMIT 1")" \
  = "2:1500" ] || fail "the coming promotion's new version: $(sql "SELECT * FROM promotion WHERE uid = '$autumn_uid'")"
expect_exit 0 run verify
echo ok
