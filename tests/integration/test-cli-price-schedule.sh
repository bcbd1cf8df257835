#!/usr/bin/env bash
# `product schedule-price` and `product price-changes`: the owner schedules a
# new price a few seconds ahead; a sale before the start is at the old price,
# one after it at the new one (sell applies what is due first), the old one
# kept as a catalog version. A start in the past, a bad date or a negative
# price exits 4 naming the field and writes nothing; a cashier may not.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

as_owner=(--as olivia --as-pin 4321)

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 "${as_owner[@]}"
run product add PEN --name "Pencil" --price 1.20 --tax A "${as_owner[@]}" >/dev/null
run shift open --float 0 --cashier casey --pin 1234 >/dev/null

before=$(sql "SELECT (SELECT count(*) FROM price_change), (SELECT count(*) FROM journal)")
expect_exit 4 run product schedule-price PEN --price 1.35 --from 2020-01-01 "${as_owner[@]}"
grep -q "^mainstreet-admin: from: the start has passed" "$work/err" || fail "past start: $(cat "$work/err")"
expect_exit 4 run product schedule-price PEN --price 1.35 --from "next week" "${as_owner[@]}"
grep -q "^mainstreet-admin: from:" "$work/err" || fail "bad date: $(cat "$work/err")"
expect_exit 4 run product schedule-price PEN --price -1 --from 2099-01-01 "${as_owner[@]}"
grep -q "^mainstreet-admin: price" "$work/err" || fail "negative price: $(cat "$work/err")"
expect_exit 5 run product schedule-price PEN --price 1.35 --from 2099-01-01 --as casey --as-pin 1234
expect_exit 2 run product schedule-price PEN --price 1.35 "${as_owner[@]}"
[ "$(sql "SELECT (SELECT count(*) FROM price_change), (SELECT count(*) FROM journal)")" = "$before" ] \
  || fail "a refused schedule wrote something"

start=$(date -d '+20 seconds' '+%Y-%m-%dT%H:%M:%S')
expect_exit 0 run product schedule-price PEN --price 1.35 --from "$start" "${as_owner[@]}"
expect_exit 0 run --json product price-changes
[ "$(json "[(c['sku'], c['current_price'], c['price'], c['applied']) for c in d]")" \
  = "[('PEN', '1.20', '1.35', False)]" ] || fail "price-changes: $(cat "$work/out")"
expect_exit 0 run sell --cashier casey --pin 1234 --scan PEN --pay cash:5
[ "$(date '+%s')" -lt "$(date -d "$start" '+%s')" ] || fail "too slow to sell before the start"
while [ "$(date '+%s')" -le "$(date -d "$start" '+%s')" ]; do sleep 1; done
expect_exit 0 run sell --cashier casey --pin 1234 --scan PEN --pay cash:5
[ "$(sql "SELECT group_concat(unit_price || ':' || catalog_version, ' ') FROM (SELECT * FROM sale_line ORDER BY id)")" \
  = "120:1 135:2" ] || fail "sale prices: $(sql "SELECT unit_price, catalog_version FROM sale_line")"
[ "$(sql "SELECT price FROM catalog_version")" = "120" ] || fail "no catalog version of the old price"
expect_exit 0 run --json product price-changes
[ "$(json "len(d)")" = "0" ] || fail "still pending: $(cat "$work/out")"
expect_exit 0 run --json product price-changes --all
[ "$(json "[(c['sku'], c['applied']) for c in d]")" = "[('PEN', True)]" ] || fail "--all: $(cat "$work/out")"
echo ok
