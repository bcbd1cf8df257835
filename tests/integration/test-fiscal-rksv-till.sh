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
run print "$sale" --preview "$work/sale.png" >/dev/null 2>&1
zbarimg --quiet --raw "$work/sale.png" >"$work/qr" 2>/dev/null || fail "no QR code on the receipt"
python3 - "$(q "SELECT fiscal_data FROM fiscal_receipt WHERE receipt_id = '$sale'")" "$(head -1 "$work/qr")" <<'PY' \
  || fail "the QR code is not the receipt's code and signature"
import base64, sys
h, p, s = sys.argv[1].split(".")
d = lambda t: base64.urlsafe_b64decode(t + "=" * (-len(t) % 4))
want = d(p).decode() + "_" + base64.b64encode(d(s)).decode()
sys.exit(0 if sys.argv[2] == want else 1)
PY

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

# Closing receipts, then the whole export checks, by the till and independently.
run fiscal receipt month --as olivia --as-pin 4321 >/dev/null
run fiscal receipt year --as olivia --as-pin 4321 >/dev/null
run fiscal verify >/dev/null || fail "fiscal verify refused the till's receipts"
run fiscal export dep "$work/dep" >/dev/null
python3 "$here/rksv-check.py" --till "$work/dep" >/dev/null || fail "the independent check refused the till's DEP"
[ "$(python3 -c "import json; print(len(json.load(open('$work/dep/dep-export.json'))['Belege-Gruppe'][0]['Belege-kompakt']))")" = 8 ] \
  || fail "the DEP does not hold the 8 receipts"

# Someone edits a signed receipt in the store (past the append-only trigger).
q "DROP TRIGGER fiscal_receipt_no_update;
   UPDATE fiscal_receipt SET fiscal_data = replace(fiscal_data, substr(fiscal_data, -10), 'AAAAAAAAAA')
   WHERE receipt_id = '$back';"
if run fiscal verify 2>"$work/err"; then fail "fiscal verify missed an edited receipt"; fi
grep -q "($back): the signature does not verify" "$work/err" || fail "edited receipt: $(cat "$work/err")"
echo ok
