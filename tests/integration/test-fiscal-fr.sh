#!/usr/bin/env bash
# France, NF525-style: under FR-NF525 every sale and refund adds to the
# till's perpetual grand total and every daily, monthly and annual closing
# records its period's total; each line is chained to the one before and
# signed with the till's Ed25519 key. The receipt shows the grand total.
# `fiscal verify` checks it all and names the first line that an edit, a
# deletion or a forged total breaks.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
store="$work/shop.db"
run() { "$admin" --store "$store" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$store" "$1"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
run product add CAFE --name Café --price 2.40 --tax A --as olivia --as-pin 4321 >/dev/null
run settings set fiscal_profile FR-NF525 --as olivia --as-pin 4321
run shift open --float 100.00 --cashier casey --pin 1234 >/dev/null
sell() { run sell --cashier casey --pin 1234 "$@" >/dev/null; }

sell --scan 'CAFE*2' --pay cash:10
sell --scan CAFE --pay cash:10
run refund T1-1 --line 1 --qty 1 --cashier olivia --pin 4321 --pay cash:2.40 >/dev/null
[ "$(q "SELECT group_concat(kind || ':' || receipt_id || ':' || turnover, ' ') FROM fiscal_receipt")" \
  = "sale:T1-1:480 sale:T1-2:720 refund:T1-3:480" ] || fail "grand totals: $(q 'SELECT * FROM fiscal_receipt')"
run print T1-2 --printer "file:$work/r.bin" >/dev/null
grep -qa "Grand total perp" "$work/r.bin" || fail "the receipt does not show the perpetual grand total"

[ "$(run fiscal receipt day --as olivia --as-pin 4321 | awk '{print $2}')" = "4.80" ] || fail "day total"
sell --scan CAFE --pay cash:10
[ "$(run fiscal receipt day --as olivia --as-pin 4321 | awk '{print $2}')" = "2.40" ] || fail "second day total"
[ "$(run fiscal receipt month --as olivia --as-pin 4321 | awk '{print $2}')" = "7.20" ] || fail "month total"
# Closings are numbered per till and kind, so two in one second stay apart.
[ "$(q "SELECT group_concat(receipt_id, ' ') FROM fiscal_receipt WHERE kind IN ('day', 'month')")" \
  = "T1-D000001 T1-D000002 T1-M000001" ] || fail "closing ids: $(q "SELECT receipt_id FROM fiscal_receipt")"
run fiscal verify >"$work/out" || fail "fiscal verify refused the till's own lines"
grep -q "ok: 7 " "$work/out" || fail "verify: $(cat "$work/out")"

# Tampering, each on a copy: an edited amount, a dropped line.
tamper() {
  cp "$store" "$work/t.db"
  sqlite3 "$work/t.db" "DROP TRIGGER fiscal_receipt_no_update; DROP TRIGGER fiscal_receipt_no_delete; $1"
  if "$admin" --store "$work/t.db" fiscal verify >/dev/null 2>"$work/err"; then fail "verify missed: $1"; fi
  grep -q "$2" "$work/err" || fail "tamper '$1': $(cat "$work/err") (expected $2)"
}
tamper "UPDATE fiscal_receipt SET fiscal_data = replace(fiscal_data, '|240|720|', '|140|620|') WHERE receipt_id = 'T1-2'" \
  "line 2 (T1-2): the signature does not verify"
tamper "DELETE FROM fiscal_receipt WHERE receipt_id = 'T1-2'" "line 2 (T1-3): it does not chain"
# Even with the till's own key, a closing that misstates its period is caught:
# the month's total is changed and the line signed again.
month_line=$(q "SELECT fiscal_data FROM fiscal_receipt WHERE kind = 'month'")
forged=$(python3 - "$month_line" "$XDG_CONFIG_HOME"/mainstreet/keys/*.key <<'PY'
import base64, hashlib, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
f = sys.argv[1].split("|")
f[5] = "999"
text = "|".join(f[:8])
key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(open(sys.argv[2]).read().strip()))
print(text + "|" + base64.b64encode(key.sign(hashlib.sha256(text.encode()).hexdigest().encode())).decode())
PY
)
tamper "UPDATE fiscal_receipt SET fiscal_data = '$forged' WHERE kind = 'month'" "the closing's totals do not add up"

# An advance towards a layaway is no turnover until the goods are
# delivered: neither the deposit nor a payment enters the grand total; the
# sale collecting the goods adds their full total, once. A payment into an
# account settles what was counted at the sale on account.
total() { q "SELECT turnover FROM fiscal_receipt WHERE kind IN ('sale', 'refund') ORDER BY id DESC LIMIT 1"; }
run stock receive 'CAFE*10' --as olivia --as-pin 4321 >/dev/null
before=$(total)
run layaway open --name Ada --scan 'CAFE*3' --deposit cash:2.00 --cashier casey --pin 1234 >/dev/null
run layaway pay T1-L1 cash:5.20 --cashier casey --pin 1234 >/dev/null
[ "$(total)" = "$before" ] || fail "an advance entered the grand total: $before, then $(total)"
run layaway collect T1-L1 --cashier casey --pin 1234 >/dev/null
[ "$(total)" = "$((before + 720))" ] || fail "the collecting sale did not add the goods once: $before, then $(total)"
sqlite3 "$store" "INSERT INTO customer (name, card_code, created_at) VALUES ('Bob', 'LC-1', '2026-01-01T00:00:00.000Z')"
run account limit LC-1 50.00 --as olivia --as-pin 4321 >/dev/null
sell --scan CAFE --customer LC-1 --pay account:2.40
before=$(total)
run account pay LC-1 2.40 --cashier casey --pin 1234 >/dev/null
[ "$(total)" = "$before" ] || fail "a payment into an account entered the grand total: $before, then $(total)"
run fiscal verify >/dev/null || fail "fiscal verify refused the till's lines after the layaway"
echo ok
