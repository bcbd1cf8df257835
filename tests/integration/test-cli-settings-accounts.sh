#!/usr/bin/env bash
# The accounting export's accounts through mainstreet-admin settings: the
# gift card, customer account, write-off and layaway accounts are listed
# with their defaults, take an account number (4 to 8 digits) and nothing
# else, and acct_layaway also takes one account per tax code the shop has
# (A=1718,B=1711), not a code it has not.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

owner=(--as olivia --as-pin 4321)

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null

# Listed, with the accounts the export falls back to.
expect_exit 0 run --json settings list
for pair in acct_voucher=1700 acct_account=1400 acct_account_adjust=2400 acct_layaway= acct_layaway_fee=2700; do
  key=${pair%%=*}
  [ "$(json "d.get('$key', 'missing')")" = "${pair#*=}" ] || fail "$key listed as $(json "d.get('$key', 'missing')")"
done
expect_exit 0 run settings list
grep -q "^acct_layaway " "$work/out" || fail "acct_layaway not in the plain listing"

# An account number is set and read back.
for key in acct_voucher acct_account acct_account_adjust acct_layaway_fee; do
  expect_exit 0 run settings set "$key" 17050 "${owner[@]}"
  [ "$(run settings get "$key")" = 17050 ] || fail "$key not stored"
done

# Anything else is refused, and the stored account stays.
for value in 170 123456789 17O5 "1705 "; do
  expect_exit 4 run settings set acct_voucher "$value" "${owner[@]}"
  grep -q "acct_voucher" "$work/err" || fail "the refusal of '$value' does not name the setting: $(cat "$work/err")"
done
expect_exit 4 run settings set acct_account_adjust Forderungsverluste "${owner[@]}"
[ "$(run settings get acct_voucher)" = 17050 ] || fail "a refused value replaced acct_voucher"
# Empty: the export's default again.
expect_exit 0 run settings set acct_voucher "" "${owner[@]}"

# acct_layaway: one account for every rate, or per tax code of the shop
# (its standard rate and a reduced one added here).
expect_exit 0 run settings add-tax-rate R Reduced 7 "${owner[@]}"
first=$(sql "SELECT code FROM tax_rate WHERE code <> 'R' ORDER BY id LIMIT 1")
second=R
expect_exit 0 run settings set acct_layaway 1719 "${owner[@]}"
expect_exit 0 run settings set acct_layaway "$first=1718, $second=1711" "${owner[@]}"
[ "$(run settings get acct_layaway)" = "$first=1718, $second=1711" ] || fail "acct_layaway not stored"
expect_exit 4 run settings set acct_layaway "$first=1718,ZZ=1711" "${owner[@]}"
grep -q "ZZ" "$work/err" || fail "the unknown tax code is not named: $(cat "$work/err")"
expect_exit 4 run settings set acct_layaway "$first=17x8" "${owner[@]}"
expect_exit 4 run settings set acct_layaway "$first=" "${owner[@]}"
expect_exit 4 run settings set acct_layaway "=1718" "${owner[@]}"
expect_exit 4 run settings set acct_layaway "Anzahlungen" "${owner[@]}"
[ "$(run settings get acct_layaway)" = "$first=1718, $second=1711" ] || fail "a refused value replaced acct_layaway"

# Only the owner sets them.
expect_exit 5 run settings set acct_layaway 1719 --as nobody --as-pin 9999
echo PASS
