#!/usr/bin/env bash
# Layaways through mainstreet-admin: a basket laid away for a named customer
# with a deposit of at least 20 %, the goods held (stock level shows them
# reserved), part payments up to what is due and no more, cash in the X
# report as its own line and not as takings, collecting only once paid (an
# ordinary sale then), cancelling with a supervisor and a fee kept, the
# overdue list, and a part payment and a deposit with a gift card.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

casey=(--cashier casey --pin 1234)

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add sam --role supervisor --pin 2580 --as olivia --as-pin 4321
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
sqlite3 "$store" "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('BIKE', 'Bicycle', 24900, 1);
  INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('BELL', 'Bell', 1100, 1);"
run stock receive 'BIKE*1' 'BELL*5' --as olivia --as-pin 4321 >/dev/null
run shift open --float 100.00 "${casey[@]}" >/dev/null

# 249.00 + 11.00 = 260.00: at least 52.00 down.
expect_exit 4 run layaway open --name "Ada Lovelace" --scan BIKE --scan BELL --deposit cash:51.99 "${casey[@]}"
grep -q "52.00" "$work/err" || fail "no minimum in: $(cat "$work/err")"
expect_exit 0 run --json layaway open --name "Ada Lovelace" --scan BIKE --scan BELL --deposit cash:52.00 \
  "${casey[@]}"
number=$(json "d['number']")
[ "$number" = T1-L1 ] || fail "number $number"
[ "$(json "d['total']")" = 260.00 ] || fail "total $(json "d['total']")"
[ "$(json "d['due']")" = 208.00 ] || fail "due $(json "d['due']")"
[ "$(json "len(d['lines'])")" = 2 ] || fail "lines $(json "len(d['lines'])")"

# The one bicycle is held: still on the shelf, reserved, not laid away twice.
expect_exit 0 run --json stock level BIKE
[ "$(json "d['level']")" = 1 ] || fail "level $(json "d['level']")"
[ "$(json "d['reserved']")" = 1 ] || fail "reserved $(json "d['reserved']")"
[ "$(json "d['available']")" = 0 ] || fail "available $(json "d['available']")"
expect_exit 8 run layaway open --name "Bob" --scan BIKE --deposit cash:100.00 "${casey[@]}"

# The slip of the deposit, printed: what is held, paid and due.
expect_exit 0 run layaway slip "$number" --printer "file:$work/slip.bin"
for want in LAYAWAY "$number" "Ada Lovelace" Bicycle "Still due" 208.00; do
  grep -a -q -- "$want" "$work/slip.bin" || fail "the slip lacks '$want'"
done
expect_exit 0 run layaway slip "$number" --preview "$work/slip.png"
[ -s "$work/slip.png" ] || fail "the slip did not render"

# Part payments: never more than is due; cash in the drawer, not in takings.
expect_exit 4 run layaway pay "$number" cash:208.01 "${casey[@]}"
expect_exit 0 run layaway pay "$number" card:100.00:TERM-7 "${casey[@]}"
expect_exit 8 run layaway collect "$number" "${casey[@]}"
expect_exit 0 run --json layaway pay "$number" cash:108.00 "${casey[@]}"
[ "$(json "d['due']")" = 0.00 ] || fail "due after paying $(json "d['due']")"
expect_exit 0 run --json report x
python3 - "$work/out" <<'PY' || fail "X report: $(cat "$work/out")"
import json, sys
d = json.load(open(sys.argv[1]))
def find(o, k):
    if isinstance(o, dict):
        if k in o:
            return o[k]
        for v in o.values():
            r = find(v, k)
            if r is not None:
                return r
    if isinstance(o, list):
        for v in o:
            r = find(v, k)
            if r is not None:
                return r
    return None
assert str(find(d, "layaway_payments_in_cash")) in ("160.00", "16000"), find(d, "layaway_payments_in_cash")
assert str(find(d, "cash_taken")) in ("0.00", "0"), find(d, "cash_taken")
assert str(find(d, "expected_cash")) in ("260.00", "26000"), find(d, "expected_cash")
PY
[ "$(sqlite3 "$store" "SELECT count(*) FROM sale")" = 0 ] || fail "takings before collecting"

# Collected: an ordinary sale paid by what was paid; the goods leave.
expect_exit 0 run --json layaway collect "$number" "${casey[@]}"
[ "$(json "d['state']")" = collected ] || fail "state $(json "d['state']")"
receipt=$(json "d['receipt']")
[ "$(sqlite3 "$store" "SELECT total FROM sale WHERE receipt_no = '$receipt'")" = 26000 ] || fail "sale total"
[ "$(sqlite3 "$store" "SELECT method || ':' || amount FROM payment")" = layaway:26000 ] || fail "payment"
expect_exit 0 run --json stock level BIKE
[ "$(json "d['level']")" = 0 ] || fail "level after collecting $(json "d['level']")"
[ "$(json "d['reserved']")" = 0 ] || fail "reserved after collecting $(json "d['reserved']")"
expect_exit 8 run layaway collect "$number" "${casey[@]}"

# Cancelled with a supervisor: 8.00 of 10.00 back, 2.00 kept; the bell is for sale again.
expect_exit 0 run --json layaway open --name "Bob" --scan 'BELL*4' --deposit cash:10.00 "${casey[@]}"
second=$(json "d['number']")
expect_exit 0 run --json stock level BELL
[ "$(json "d['available']")" = 0 ] || fail "bells available $(json "d['available']")"
expect_exit 5 run layaway cancel "$second" --give-back cash:8.00 --as casey --as-pin 1234
expect_exit 4 run layaway cancel "$second" --give-back cash:10.01 --as sam --as-pin 2580
expect_exit 0 run --json layaway cancel "$second" --give-back cash:8.00 --as sam --as-pin 2580
[ "$(json "d['state']")" = cancelled ] || fail "state $(json "d['state']")"
[ "$(json "d['fee_kept']")" = 2.00 ] || fail "fee $(json "d['fee_kept']")"
expect_exit 0 run --json stock level BELL
[ "$(json "d['available']")" = 4 ] || fail "bells available after cancelling $(json "d['available']")"

# Lists: open ones by default, all with --all; overdue after the expiry day.
expect_exit 0 run layaway open --name "Cleo" --scan BELL --deposit cash:2.20 "${casey[@]}"
expect_exit 0 run --json layaway list
[ "$(json "len(d)")" = 1 ] || fail "open layaways $(json "len(d)")"
expires=$(json "d[0]['expires_on']")
expect_exit 0 run --json layaway list --all
[ "$(json "len(d)")" = 3 ] || fail "all layaways $(json "len(d)")"
expect_exit 0 run --json layaway overdue
[ "$(json "len(d)")" = 0 ] || fail "overdue today $(json "len(d)")"
expect_exit 0 run --json layaway overdue --today 2999-01-01
[ "$(json "d[0]['customer']")" = Cleo ] || fail "overdue $(cat "$work/out")"
[ "$(json "len(d)")" = 1 ] || fail "overdue later $(json "len(d)")"
[[ "$expires" < 2999-01-01 ]] || fail "expires $expires"
# Cleo pays 5.00 with a gift card (8.80 due): the card pays no more than is
# due, points need a customer card, and the card's balance goes down.
cleo=$(sqlite3 "$store" "SELECT number FROM layaway WHERE customer_name = 'Cleo'")
expect_exit 0 run voucher issue 20.00 --code GIFT-CLEO "${casey[@]}" --pay cash:20.00
expect_exit 4 run layaway pay "$cleo" voucher:GIFT-CLEO:8.81 "${casey[@]}"
expect_exit 8 run layaway pay "$cleo" points:100 "${casey[@]}"
expect_exit 0 run --json layaway pay "$cleo" voucher:GIFT-CLEO:5.00 "${casey[@]}"
[ "$(json "d['due']")" = 3.80 ] || fail "due after the gift card $(json "d['due']")"
expect_exit 0 run --json voucher balance GIFT-CLEO
[ "$(json "d['balance']")" = 15.00 ] || fail "gift card balance $(cat "$work/out")"
[ "$(sqlite3 "$store" "SELECT method || ':' || reference || ':' || amount FROM layaway_move WHERE method = 'voucher'")" \
  = "voucher:GIFT-CLEO:500" ] || fail "the gift card's move"
# A deposit takes what a payment takes, through the same parser and in the
# one transaction that opens the layaway: Dora puts 3.00 down on a bell with
# the same gift card; an unknown card or points without a customer card
# open nothing.
expect_exit 3 run layaway open --name "Dora" --scan BELL --deposit voucher:NO-SUCH-CARD:3.00 "${casey[@]}"
expect_exit 8 run layaway open --name "Dora" --scan BELL --deposit points:300 "${casey[@]}"
[ "$(sqlite3 "$store" "SELECT count (*) FROM layaway WHERE customer_name = 'Dora'")" = 0 ] \
  || fail "a refused deposit opened a layaway"
expect_exit 0 run --json layaway open --name "Dora" --scan BELL --deposit voucher:GIFT-CLEO:3.00 "${casey[@]}"
[ "$(json "d['paid']")" = 3.00 ] || fail "Dora's deposit $(cat "$work/out")"
expect_exit 0 run --json voucher balance GIFT-CLEO
[ "$(json "d['balance']")" = 12.00 ] || fail "gift card balance after the deposit $(cat "$work/out")"
[ "$(sqlite3 "$store" "SELECT m.method || ':' || m.reference || ':' || m.amount FROM layaway_move m
  JOIN layaway y ON y.id = m.layaway_id WHERE y.customer_name = 'Dora'")" = "voucher:GIFT-CLEO:300" ] \
  || fail "Dora's deposit move"
expect_exit 3 run layaway show T1-L99
expect_exit 0 run layaway show "$number"
grep -q "Ada Lovelace" "$work/out" || fail "show: $(cat "$work/out")"
expect_exit 0 run verify
echo "ok"
