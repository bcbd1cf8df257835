#!/usr/bin/env bash
# Germany at the till: under DE-KassenSichV each sale and refund gets the
# process data a TSE signs ("Beleg^<gross at 19_7_10.7_5.5_0 %>^<payments>"),
# stored in the sale's own transaction; so does money that moves with no
# sale (a layaway's deposit, payment and cancellation, a payment into a
# customer's account, the drawer's float, cash paid in and out, the count
# at a shift's close), as a receipt of its own. No certified TSE driver is
# registered here, so every receipt is recorded unsigned and says plainly
# that no TSE secured it; nothing resembling a TSE signature is printed. A
# tax rate the process data has no place for refuses the sale whole.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"
q() { sqlite3 "$store" "$1"; }

# The help names every fiscal command, the German export too.
run fiscal --help >"$work/help" 2>&1 || true
for c in "export dsfinvk --from DAY --to DAY DIR" "export archive" "verify-archive" "export dep" "verify"; do
  grep -q "fiscal $c" "$work/help" || fail "fiscal --help does not name 'fiscal $c': $(cat "$work/help")"
done

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

run stock receive 'BREAD*10' 'SOAP*10' --as olivia --as-pin 4321 >/dev/null
# A layaway: soap (2.50 at 19 %) and two breads (6.40 at 7 %). Each payment
# towards it is an advance of its own, split pro rata over the goods' rates
# and paid Bar or Unbar; collecting it releases the advance at those rates,
# so the collecting receipt holds no turnover not already secured and no
# payment (the advance is neither Bar nor Unbar money paid then).
run layaway open --name Ada --scan SOAP --scan 'BREAD*2' --deposit cash:3.00 --cashier casey --pin 1234 >/dev/null
run layaway pay T1-L1 card:5.90:T9 --cashier casey --pin 1234 >/dev/null
run layaway collect T1-L1 --cashier casey --pin 1234 >/dev/null
moves() {
  q "SELECT group_concat(m.kind || ' ' || f.kind || ' ' || f.fiscal_data || ' ' || f.device_failed, '|')
     FROM layaway_move m JOIN layaway y ON y.id = m.layaway_id
     JOIN fiscal_receipt f ON f.receipt_id = 'T1-R' || m.id WHERE y.number = '$1' ORDER BY m.id"
}
[ "$(moves T1-L1)" = "payment sale Beleg^0.84_2.16_0.00_0.00_0.00^3.00:Bar 1|payment sale Beleg^1.66_4.24_0.00_0.00_0.00^5.90:Unbar 1" ] \
  || fail "layaway payments' process data: $(moves T1-L1)"
[ "$(q "SELECT f.fiscal_data FROM fiscal_receipt f JOIN payment p ON p.sale_id = f.sale_id WHERE p.method = 'layaway'")" \
  = "Beleg^0.00_0.00_0.00_0.00_0.00^" ] \
  || fail "collecting receipt: $(q "SELECT fiscal_data FROM fiscal_receipt WHERE sale_id IS NOT NULL ORDER BY id DESC LIMIT 1")"

# Cancelled with 1.50 of the 2.00 paid given back: the money given back
# reverses its part of the advance; the fee kept was taxed when paid.
run layaway open --name Bob --scan 'SOAP*2' --deposit cash:2.00 --cashier casey --pin 1234 >/dev/null
run layaway cancel T1-L2 --give-back cash:1.50 --as olivia --as-pin 4321 >/dev/null
[ "$(moves T1-L2)" = "payment sale Beleg^2.00_0.00_0.00_0.00_0.00^2.00:Bar 1|cancel sale Beleg^-1.50_0.00_0.00_0.00_0.00^-1.50:Bar 1" ] \
  || fail "cancelled layaway's process data: $(moves T1-L2)"
run layaway slip T1-L2 --printer "file:$work/slip.bin" >/dev/null
grep -qa "Keine TSE in Betrieb" "$work/slip.bin" || fail "the layaway's slip does not say that no TSE secured it"

# A payment into a customer's account settles a claim: not taxable (0 %).
sqlite3 "$store" "INSERT INTO customer (name, card_code, created_at) VALUES ('Ada', 'LC-1', '2026-01-01T00:00:00.000Z')"
run account limit LC-1 50.00 --as olivia --as-pin 4321 >/dev/null
run account pay LC-1 5.00 --cashier casey --pin 1234 >/dev/null
[ "$(q "SELECT f.fiscal_data || ' ' || f.device_failed FROM account_move m
       JOIN fiscal_receipt f ON f.receipt_id = 'T1-A' || m.id WHERE m.kind = 'payment'")" \
  = "Beleg^0.00_0.00_0.00_0.00_5.00^5.00:Bar 1" ] \
  || fail "account payment's process data: $(q "SELECT receipt_id, fiscal_data FROM fiscal_receipt")"
run account slip LC-1 --printer "file:$work/account-slip.bin" >/dev/null
grep -qa "Keine TSE in Betrieb" "$work/account-slip.bin" || fail "the account's slip does not say that no TSE secured it"

# The drawer's cash that is no sale is a TSE-secured process of its own,
# under the receipt id the DSFinV-K export gives it, not taxable (0 %) and
# paid Bar: the opening float, cash paid in and out, the cash a shift's
# close takes away and the count's difference; the balance a Z carries
# into the next closing too. A case of no amount has no receipt.
cash() { q "SELECT fiscal_data || ' ' || device_failed FROM fiscal_receipt WHERE receipt_id = '$1'"; }
[ "$(cash T1-S1)" = "Beleg^0.00_0.00_0.00_0.00_100.00^100.00:Bar 1" ] || fail "opening float: $(cash T1-S1)"
run shift paid-in 20.00 --reason 'Change from the bank' --cashier olivia --pin 4321 >/dev/null
run shift paid-out 7.50 --reason 'Window cleaner' --cashier olivia --pin 4321 >/dev/null
[ "$(q "SELECT group_concat(f.fiscal_data || ' ' || f.device_failed, '|') FROM cash_move c
       JOIN fiscal_receipt f ON f.receipt_id = 'T1-C' || c.id ORDER BY c.id")" \
  = "Beleg^0.00_0.00_0.00_0.00_20.00^20.00:Bar 1|Beleg^0.00_0.00_0.00_0.00_-7.50^-7.50:Bar 1" ] \
  || fail "paid in and out: $(q "SELECT receipt_id, fiscal_data FROM fiscal_receipt WHERE receipt_id LIKE 'T1-C%'")"
expected=$(q "SELECT 10000 + (SELECT sum(amount) FROM payment WHERE method = 'cash') + 2000 - 750
              + (SELECT ifnull(sum(amount), 0) FROM layaway_move WHERE method = 'cash')
              + (SELECT ifnull(-sum(amount), 0) FROM account_move WHERE method = 'cash')")
run --json report z --as olivia --as-pin 4321 >/dev/null
[ "$(cash T1-S1-Z2)" = "$(printf 'Beleg^0.00_0.00_0.00_0.00_%d.%02d^%d.%02d:Bar 1' \
   $((expected / 100)) $((expected % 100)) $((expected / 100)) $((expected % 100)))" ] \
  || fail "balance carried over at the Z ($expected): $(cash T1-S1-Z2)"
# Closed 0.50 short of what the drawer should hold.
count=$((expected - 50))
run shift close --count "0.01=$count" --cashier casey --pin 1234 >/dev/null
[ "$(cash T1-S1-E)" = "$(printf 'Beleg^0.00_0.00_0.00_0.00_-%d.%02d^-%d.%02d:Bar 1' \
   $((count / 100)) $((count % 100)) $((count / 100)) $((count % 100)))" ] \
  || fail "cash taken away at the close: $(cash T1-S1-E)"
[ "$(cash T1-S1-D)" = "Beleg^0.00_0.00_0.00_0.00_-0.50^-0.50:Bar 1" ] || fail "count difference: $(cash T1-S1-D)"
# A shift opened with no float and closed even has no such receipt.
run shift open --float 0 --cashier casey --pin 1234 >/dev/null
run shift close --cashier casey --pin 1234 >/dev/null
[ "$(q "SELECT count(*) FROM fiscal_receipt WHERE receipt_id IN ('T1-S2', 'T1-S2-E', 'T1-S2-D')")" = 0 ] \
  || fail "a cash case of no amount has a TSE record: $(q "SELECT receipt_id FROM fiscal_receipt WHERE receipt_id LIKE 'T1-S2%'")"
run shift open --float 10.00 --cashier casey --pin 1234 >/dev/null

# With no fiscal profile nothing is kept for a TSE and nothing printed
# says anything of one.
run settings set fiscal_profile none --as olivia --as-pin 4321
kept=$(q "SELECT COUNT(*) FROM fiscal_receipt")
receipt=$(run sell --cashier casey --pin 1234 --scan SOAP --pay cash:5 | awk '/^receipt/ {print $2}')
run layaway open --name Dora --scan SOAP --deposit cash:1.00 --cashier casey --pin 1234 >/dev/null
run print "$receipt" --printer "file:$work/none.bin" >/dev/null
run layaway slip T1-L3 --printer "file:$work/none-slip.bin" >/dev/null
run account pay LC-1 1.00 --cashier casey --pin 1234 >/dev/null
run account slip LC-1 --printer "file:$work/none-account.bin" >/dev/null
grep -qa -e "Not a sales receipt" -e "Kein Kassenbon" "$work/none-account.bin" \
  || fail "no account slip was printed with no profile"
[ "$(q "SELECT COUNT(*) FROM fiscal_receipt")" = "$kept" ] || fail "a TSE record was kept with no profile"
! grep -qa "TSE" "$work/none.bin" "$work/none-slip.bin" "$work/none-account.bin" || fail "a receipt with no profile speaks of a TSE"
echo ok
