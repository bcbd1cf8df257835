#!/usr/bin/env bash
# Stock per shop through mainstreet-admin: a till set up in a shop counts
# its stock there, a transfer takes goods out of it, and bad input is
# refused with its exit code and writes nothing.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store="$work/shop.db"

run() { "$admin" --store "$store" "$@"; }
owner() { run "$@" --as olivia --as-pin 4321; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {
  local want=$1; shift
  local got=0
  "$@" 2>"$work/err" >/dev/null || got=$?
  [ "$got" -eq "$want" ] || fail "$* exited $got, not $want: $(cat "$work/err")"
}
sql() { sqlite3 "$store" "$1"; }
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
run verify >/dev/null
echo "ok"
