#!/usr/bin/env bash
# Germany at the till: under DE-KassenSichV each sale and refund gets the
# process data a TSE signs ("Beleg^<gross at 19_7_10.7_5.5_0 %>^<payments>"),
# stored in the sale's own transaction. No certified TSE driver is
# registered here, so every receipt is recorded unsigned and says plainly
# that no TSE secured it; nothing resembling a TSE signature is printed. A
# tax rate the process data has no place for refuses the sale whole.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"
q() { sqlite3 "$store" "$1"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run settings add-tax-rate N Normal 19 --as olivia --as-pin 4321
run settings add-tax-rate R Reduced 7 --as olivia --as-pin 4321
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
run product add BREAD --name Bread --price 3.20 --tax R --as olivia --as-pin 4321 >/dev/null
run product add SOAP --name Soap --price 2.50 --tax N --as olivia --as-pin 4321 >/dev/null
run product add WINE --name Wine --price 12.00 --tax A --as olivia --as-pin 4321 >/dev/null
run settings set fiscal_profile DE-KassenSichV --as olivia --as-pin 4321
run shift open --float 100.00 --cashier casey --pin 1234 >/dev/null

run sell --cashier casey --pin 1234 --scan 'BREAD*2' --scan SOAP --pay cash:5 --pay card:3.90:T42 >/dev/null
[ "$(q "SELECT fiscal_data FROM fiscal_receipt WHERE receipt_id = 'T1-1'")" \
  = "Beleg^2.50_6.40_0.00_0.00_0.00^5.00:Bar_3.90:Unbar" ] \
  || fail "process data: $(q 'SELECT fiscal_data FROM fiscal_receipt')"
[ "$(q "SELECT device_failed FROM fiscal_receipt WHERE receipt_id = 'T1-1'")" = 1 ] \
  || fail "a receipt with no TSE was recorded as signed"
run print T1-1 --printer "file:$work/r1.bin" >/dev/null
grep -qa "Keine TSE in Betrieb" "$work/r1.bin" || fail "the receipt does not say that no TSE secured it"
! grep -qai "signatur" "$work/r1.bin" || fail "the receipt shows something like a TSE signature"

run refund T1-1 --line 2 --qty 1 --cashier olivia --pin 4321 --pay cash:2.50 >/dev/null
[ "$(q "SELECT kind || ' ' || fiscal_data FROM fiscal_receipt WHERE receipt_id = 'T1-2'")" \
  = "refund Beleg^-2.50_0.00_0.00_0.00_0.00^-2.50:Bar" ] \
  || fail "refund process data: $(q "SELECT fiscal_data FROM fiscal_receipt WHERE receipt_id = 'T1-2'")"

# 20 % is no German rate: the sale is refused whole, with the reason.
if run sell --cashier casey --pin 1234 --scan WINE --pay cash:12 >/dev/null 2>"$work/err"; then
  fail "a sale at a rate the process data cannot hold was recorded"
fi
grep -q "no place in the TSE process data" "$work/err" || fail "refused sale: $(cat "$work/err")"
[ "$(q "SELECT COUNT(*) FROM sale")" = 2 ] || fail "the refused sale left rows behind"
echo ok
