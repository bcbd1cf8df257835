#!/usr/bin/env bash
# Austria at the till: a shop with the AT-RKSV profile sells through the
# real sale code, signing on a SoftHSM2 token. Every sale and refund gets
# its signed receipt (refunds as Storno), the printed receipt carries the
# QR code of the machine-readable code, a signature device that fails
# does not stop the till (the receipt says "Sicherheitseinrichtung
# ausgefallen") and a signed null receipt precedes the first receipt once
# it works again; monthly and annual closing receipts are null receipts.
# The till's DEP export passes `fiscal verify` and the independent python
# check; an edited receipt in the store is caught. A shop without a
# profile prints no fiscal lines.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
store="$work/shop.db"
run() { "$admin" --store "$store" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$store" "$1"; }
. "$here/lib-softhsm.sh"

softhsm_token "$work/hsm" kasse 2468 rksv-key
run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate R Reduced 10 --as olivia --as-pin 4321
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
run product add TEA --name Tea --price 3.49 --tax R --as olivia --as-pin 4321 >/dev/null
run product add WINE --name Wine --price 12.00 --tax A --as olivia --as-pin 4321 >/dev/null
run shift open --float 100.00 --cashier casey --pin 1234 >/dev/null
sell() { run sell --cashier casey --pin 1234 "$@" | awk '/^receipt/ {print $2}'; }

# Without a profile a receipt has no fiscal lines and nothing is signed.
plain=$(sell --scan TEA --pay cash:5)
run print "$plain" --printer "file:$work/plain.bin" >/dev/null
[ "$(q 'SELECT COUNT(*) FROM fiscal_receipt')" = 0 ] || fail "a sale without a profile was signed"
! grep -qa "_R1-AT0_" "$work/plain.bin" || fail "a receipt without a profile carries an RKSV code"

# The profile alone does not make a cash box: sales wait for the start receipt.
run settings set fiscal_profile AT-RKSV --as olivia --as-pin 4321
if run sell --cashier casey --pin 1234 --scan TEA --pay cash:5 >/dev/null 2>"$work/err"; then
  fail "an AT-RKSV till sold before its start receipt"
fi
grep -q "fiscal setup-at" "$work/err" || fail "no start receipt: $(cat "$work/err")"
run settings set fiscal_profile none --as olivia --as-pin 4321

# Setup signs the start receipt; the PIN stays out of the store.
run fiscal setup-at --cash-box KASSE-1 --key-id U:ATU12345678-K1 --module "$SOFTHSM_MODULE" --token kasse \
  --key rksv-key --pin 2468 --as olivia --as-pin 4321 >/dev/null
[ "$(run settings get fiscal_profile)" = AT-RKSV ] || fail "setup did not choose the AT-RKSV profile"
! q "SELECT value FROM setting" | grep -x 2468 >/dev/null || fail "the token PIN is in the store"

sale=$(sell --scan TEA --scan 'WINE*2' --pay cash:30)
refund=$(run refund "$sale" --line 1 --qty 1 --cashier olivia --pin 4321 --pay cash:3.49 | awk '/^receipt/ {print $2}')
[ "$(q "SELECT group_concat(kind || ':' || receipt_id || ':' || turnover, ' ') FROM fiscal_receipt")" \
  = "start:T1-N1:0 sale:$sale:2749 refund:$refund:2400" ] || fail "receipts: $(q 'SELECT * FROM fiscal_receipt')"

# The QR code on the printed receipt holds the code and its signature.
# qr_holds PNG RECEIPT_ID: a code on the picture is that receipt's code (a
# slip also has its layaway's number as a code).
qr_holds() {
  zbarimg --quiet --raw "$1" >"$work/qr" 2>/dev/null || fail "no QR code on $1"
  python3 - "$(q "SELECT fiscal_data FROM fiscal_receipt WHERE receipt_id = '$2'")" "$work/qr" <<'PY' \
    || fail "the QR code of $1 is not receipt $2's code and signature"
import base64, sys
h, p, s = sys.argv[1].split(".")
d = lambda t: base64.urlsafe_b64decode(t + "=" * (-len(t) % 4))
want = d(p).decode() + "_" + base64.b64encode(d(s)).decode()
sys.exit(0 if want in open(sys.argv[2]).read().splitlines() else 1)
PY
}
run print "$sale" --preview "$work/sale.png" >/dev/null 2>&1
qr_holds "$work/sale.png" "$sale"

# The device fails: the till keeps selling and the receipt says so.
mv "$work/hsm/tokens" "$work/hsm/away"
down=$(sell --scan WINE --pay cash:12 2>/dev/null)
[ "$(q "SELECT device_failed FROM fiscal_receipt WHERE receipt_id = '$down'")" = 1 ] || fail "no device failure noted"
run print "$down" --printer "file:$work/down.bin" >/dev/null
grep -qa "Sicherheitseinrichtung ausgefallen" "$work/down.bin" || fail "the receipt does not say the device failed"

# Back again: a signed null receipt comes before the next sale's receipt.
mv "$work/hsm/away" "$work/hsm/tokens"
back=$(sell --scan TEA --pay cash:5)
[ "$(q "SELECT group_concat(kind || ':' || device_failed, ' ') FROM (SELECT * FROM fiscal_receipt ORDER BY id DESC LIMIT 2)")" \
  = "sale:0 null:0" ] || fail "no null receipt after the device came back: $(q 'SELECT kind, receipt_id, device_failed FROM fiscal_receipt')"

# Every cash payment has its receipt: a payment towards a layaway is signed
# on its own, in the rate sums of the reserved goods and in the turnover
# counter (an advance is turnover when received); the sale collecting the
# goods counts only what was not paid before. Money given back at a
# cancellation is a reversal at the rates it went in with. A payment into
# an account is signed with all rate sums 0: its sale on account was
# counted.
run stock receive 'TEA*10' 'WINE*10' --as olivia --as-pin 4321 >/dev/null
turnover() { q "SELECT turnover FROM fiscal_receipt ORDER BY id DESC LIMIT 1"; }
at() { q "SELECT kind || ':' || turnover FROM fiscal_receipt WHERE receipt_id = 'T1-$1'"; }
start=$(turnover)
run layaway open --name Ada --scan TEA --scan WINE --deposit cash:5.00 --cashier casey --pin 1234 >/dev/null
run layaway pay T1-L1 card:10.49:K7 --cashier casey --pin 1234 >/dev/null
[ "$(q "SELECT group_concat(f.kind || ':' || f.turnover, ' ') FROM layaway_move m
       JOIN fiscal_receipt f ON f.receipt_id = 'T1-R' || m.id ORDER BY m.id")" \
  = "sale:$((start + 500)) sale:$((start + 1549))" ] \
  || fail "layaway payments' receipts: $(q "SELECT receipt_id, kind, turnover FROM fiscal_receipt WHERE receipt_id LIKE 'T1-R%'")"
python3 - "$(q "SELECT fiscal_data FROM fiscal_receipt WHERE receipt_id = (SELECT 'T1-R' || max(id) FROM layaway_move)")" <<'PY' \
  || fail "the layaway payment's code does not carry the goods' rates"
import base64, sys
p = base64.urlsafe_b64decode(sys.argv[1].split(".")[1] + "==").decode().split("_")
# Betrag-Satz-Normal, -Ermaessigt-1: 10.49 split over 12.00 at 20 % and 3.49 at 10 %
sys.exit(0 if (p[5], p[6]) == ("8,13", "2,36") else 1)
PY
# The payment's slip carries its code as the sale's receipt does.
run layaway slip T1-L1 --preview "$work/slip.png" >/dev/null
qr_holds "$work/slip.png" "T1-R$(q "SELECT max(id) FROM layaway_move")"
run layaway collect T1-L1 --cashier casey --pin 1234 >/dev/null
[ "$(turnover)" = "$((start + 1549))" ] || fail "the collecting sale counted the advance again: $(turnover)"
run layaway open --name Bob --scan TEA --deposit cash:2.00 --cashier casey --pin 1234 >/dev/null
run layaway cancel T1-L2 --give-back cash:1.50 --as olivia --as-pin 4321 >/dev/null
[ "$(q "SELECT kind FROM fiscal_receipt ORDER BY id DESC LIMIT 1"):$(turnover)" = "refund:$((start + 1599))" ] \
  || fail "the cancellation's reversal: $(q "SELECT receipt_id, kind, turnover FROM fiscal_receipt ORDER BY id DESC LIMIT 2")"
sqlite3 "$store" "INSERT INTO customer (name, card_code, created_at) VALUES ('Cleo', 'LC-1', '2026-01-01T00:00:00.000Z')"
run account limit LC-1 50.00 --as olivia --as-pin 4321 >/dev/null
sell --scan TEA --customer LC-1 --pay account:3.49 >/dev/null
run account pay LC-1 3.49 --cashier casey --pin 1234 >/dev/null
[ "$(q "SELECT f.kind || ':' || f.turnover FROM account_move m JOIN fiscal_receipt f ON f.receipt_id = 'T1-A' || m.id
       WHERE m.kind = 'payment'")" = "sale:$((start + 1948))" ] \
  || fail "the account payment's receipt: $(q "SELECT receipt_id, kind, turnover FROM fiscal_receipt ORDER BY id DESC LIMIT 2")"
# The customer's slip of that payment carries its receipt's code.
run account slip LC-1 --preview "$work/account-slip.png" >/dev/null
qr_holds "$work/account-slip.png" "T1-A$(q "SELECT max(id) FROM account_move WHERE kind = 'payment'")"

# Closing receipts, then the whole export checks, by the till and independently.
run fiscal receipt month --as olivia --as-pin 4321 >/dev/null
run fiscal receipt year --as olivia --as-pin 4321 >/dev/null
run fiscal verify >/dev/null || fail "fiscal verify refused the till's receipts"
run fiscal export dep "$work/dep" >/dev/null
python3 "$here/rksv-check.py" --till "$work/dep" >/dev/null || fail "the independent check refused the till's DEP"
[ "$(python3 -c "import json; print(len(json.load(open('$work/dep/dep-export.json'))['Belege-Gruppe'][0]['Belege-kompakt']))")" = 15 ] \
  || fail "the DEP does not hold the 15 receipts"

# Someone edits a signed receipt in the store (past the append-only trigger).
q "DROP TRIGGER fiscal_receipt_no_update;
   UPDATE fiscal_receipt SET fiscal_data = replace(fiscal_data, substr(fiscal_data, -10), 'AAAAAAAAAA')
   WHERE receipt_id = '$back';"
if run fiscal verify 2>"$work/err"; then fail "fiscal verify missed an edited receipt"; fi
grep -q "($back): the signature does not verify" "$work/err" || fail "edited receipt: $(cat "$work/err")"
echo ok
