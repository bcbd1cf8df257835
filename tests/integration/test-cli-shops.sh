#!/usr/bin/env bash
# Stock per shop through mainstreet-admin: a till set up in a shop counts
# its stock there, a transfer takes goods out of it, and bad input is
# refused with its exit code and writes nothing.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

owner() { run "$@" --as olivia --as-pin 4321; }
expect_exit() {
  local want=$1; shift
  local got=0
  "$@" 2>"$work/err" >/dev/null || got=$?
  [ "$got" -eq "$want" ] || fail "$* exited $got, not $want: $(cat "$work/err")"
}
check() { python3 -c "import json, sys; d = json.load(open('$work/out')); $1" || fail "$1 in: $(cat "$work/out")"; }

# A shop id that is not one makes no store at all.
expect_exit 4 "$admin" --store "$work/bad.db" init --owner olivia --owner-pin 4321 --shop "north shop"
[ ! -e "$work/bad.db" ] || fail "a refused init left a store behind"

run init --owner olivia --owner-pin 4321 --till T1 --shop north >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
owner product add TEA --name "Earl Grey tea" --price 3.49 --tax A >/dev/null
owner product add MILK --name "Milk" --price 1.19 --tax A >/dev/null
owner stock receive 'TEA*20' 'MILK*4'

run --json stock shop >"$work/out"
check "assert d['shop'] == 'north' and d['shops'] == ['north'], d"
[ "$(sql "SELECT group_concat (DISTINCT shop_id) FROM stock_move")" = north ] || fail "moves are not in the north"

# Bad transfers write nothing.
moves=$(sql "SELECT count(*) FROM stock_move")
expect_exit 4 owner transfer send north 'TEA*1'
expect_exit 4 owner transfer send 'so uth' 'TEA*1'
expect_exit 4 owner transfer send south 'TEA*0'
expect_exit 4 owner transfer send south 'TEA*1' 'TEA*2'
expect_exit 3 owner transfer send south 'NOPE*1'
expect_exit 5 run transfer send south 'TEA*1' --as casey --as-pin 1234
expect_exit 3 owner transfer receive TR-T9-1
[ "$(sql "SELECT count(*) FROM stock_move")" -eq "$moves" ] || fail "a refused transfer wrote stock moves"

run --json transfer send south 'TEA*5' 'MILK*1' --note van --as olivia --as-pin 4321 >"$work/out"
check "assert d['id'] == 'TR-T1-1', d"
run --json stock level TEA >"$work/out"
check "assert d['level'] == '15', d"
run --json stock level TEA --shop south >"$work/out"
check "assert d['level'] == '0', d"
expect_exit 4 run stock level TEA --shop 'so uth'
run --json transfer list --open >"$work/out"
check "assert [(t['id'], t['from_shop'], t['to_shop'], t['qty'], t['received']) for t in d] == [('TR-T1-1', 'north', 'south', '6', False)], d"
# This till is in the north: the south receives it.
expect_exit 4 owner transfer receive TR-T1-1
run --json stock shop >"$work/out"
check "assert d['shops'] == ['north', 'south'], d"

# Batches: a GS1 delivery code carries the batch and expiry; what expires
# this week is listed; selling a newer batch while an older one is on
# hand warns.
owner product add YOG --name "Yoghurt" --price 0.89 --tax A --barcode 4006381333931 >/dev/null
soon=$(date -d '+3 days' +%y%m%d)
later=$(date -d '+40 days' +%y%m%d)
expect_exit 4 owner stock receive "(01)04006381333931(17)261301(10)BAD*1"
[ "$(sql "SELECT count(*) FROM stock_batch")" -eq 0 ] || fail "a refused delivery wrote a batch"
owner stock receive "(01)04006381333931(17)${soon}(10)L1*4"
owner stock receive "(01)04006381333931(17)${later}(10)L2*6" --ref DN-9
run --json stock expiring --days 7 >"$work/out"
check "assert [(r['sku'], r['batch'], r['qty'], r['expired']) for r in d] == [('YOG', 'L1', '4', False)], d"
run --json stock expiring --days 60 >"$work/out"
check "assert [r['batch'] for r in d] == ['L1', 'L2'], d"
run shift open --float 100 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan "(01)04006381333931(17)${later}(10)L2" --pay cash:1 \
  >/dev/null 2>"$work/err"
grep -q "L1" "$work/err" || fail "no first-expiry-first-out warning: $(cat "$work/err")"
run sell --cashier casey --pin 1234 --scan "(01)04006381333931(17)${soon}(10)L1" --pay cash:1 \
  >/dev/null 2>"$work/err"
[ ! -s "$work/err" ] || fail "the oldest batch warned: $(cat "$work/err")"
run --json stock expiring --days 7 >"$work/out"
check "assert [(r['batch'], r['qty']) for r in d] == [('L1', '2')], d"

# The day's bookings for the accountant: DATEV needs its numbers first.
today=$(date +%Y-%m-%d)
mkdir "$work/books"
expect_exit 4 run report accounting --day "$today" --format datev "$work/books"
expect_exit 4 run report accounting --day 2026-02-30 --format csv "$work/books"
expect_exit 3 run report accounting --day "$today" --format csv "$work/nowhere"
expect_exit 2 run report accounting --day "$today" --format pdf "$work/books"
[ -z "$(ls "$work/books")" ] || fail "a refused export wrote a file"
owner settings set datev_advisor 1234567 >/dev/null
owner settings set datev_client 42 >/dev/null
run report accounting --day "$today" --format datev "$work/books" >/dev/null
run --json report accounting --day "$today" --format csv "$work/books" >"$work/out"
check "assert d['file'].endswith('bookings_$today.csv'), d"
python3 - "$work/books/bookings_$today.csv" <<'PY' || fail "the bookings do not balance"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
debit = sum(float(r['debit'] or 0) for r in rows)
credit = sum(float(r['credit'] or 0) for r in rows)
assert rows and abs(debit - credit) < 0.001, (debit, credit)
# Two yoghurts at 0.89, paid cash: 1.78 of takings at the standard rate.
assert [r['debit'] for r in rows if r['account'] == '1000'] == ['1.78'], rows
PY
head -c 5 "$work/books/EXTF_Buchungsstapel_$today.csv" | grep '"EXTF' >/dev/null || fail "no EXTF header"

run verify >/dev/null
echo "ok"
