#!/usr/bin/env bash
# mainstreet-admin speaks the environment's language, LANGUAGE included,
# while its --json keys stay English and the receipts it prints speak the
# shop's language. The pseudo locale (po/pseudo.py) stands in for a
# translation: its messages are in brackets.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"


out=$(LC_ALL=C.UTF-8@pseudo run init --owner olivia --owner-pin 4321 --till T1 --currency EUR)
[[ $out == "[Çŕéåţéð "* ]] || fail "init did not speak the environment's language: $out"
out=$(LANGUAGE=C.UTF-8@pseudo run users add casey --role cashier --pin 1234 --language de --as olivia --as-pin 4321 \
  --role nobody 2>&1 || true)
[[ $out == *"[Ţĥé ŕöļé"* ]] || fail "LANGUAGE was not followed: $out"
echo "ok: the command line speaks the environment's language, LANGUAGE included"

LC_ALL=C.UTF-8@pseudo run users add casey --role cashier --pin 1234 --language de --as olivia --as-pin 4321
run users edit olivia --language fr_CH --as olivia --as-pin 4321
json=$(LC_ALL=C.UTF-8@pseudo run --json users list)
python3 - "$json" <<'PY' || fail "--json changed in another language: $json"
import json, sys
users = {u["name"]: u for u in json.loads(sys.argv[1])}
assert users["casey"]["role"] == "cashier" and users["casey"]["language"] == "de"
assert users["olivia"]["language"] == "fr_CH"
PY
LC_ALL=C.UTF-8@pseudo run users edit casey --language German --as olivia --as-pin 4321 2>"$work/err" \
  && fail "a language that is no code was taken"
grep -q '^mainstreet-admin: \[' "$work/err" || fail "the refusal was not in the environment's language"
echo "ok: users have languages; --json keeps its English keys"

# The shop's language is English here: the receipt says TOTAL even though
# the command line speaks the pseudo locale.
run settings set language en --as olivia --as-pin 4321 >/dev/null
sqlite3 "$store" "INSERT INTO product (sku, name, unit, price, tax_rate_id) VALUES ('TEA', 'Earl Grey tea', 'each', 349, 1);"
run shift open --float 100 --cashier casey --pin 1234 >/dev/null
LC_ALL=C.UTF-8@pseudo run sell --cashier casey --pin 1234 --scan TEA --pay cash:5 >"$work/sold"
grep -q '^\[' "$work/sold" || fail "the sale's summary did not speak the environment's language: $(cat "$work/sold")"
LC_ALL=C.UTF-8@pseudo run print T1-1 --printer "file:$work/receipt.bin" >/dev/null
grep -aq 'TOTAL' "$work/receipt.bin" || fail "the receipt is not in the shop's language"
grep -aq '\[' "$work/receipt.bin" && fail "the receipt took the command line's language"
echo "ok: the receipt speaks the shop's language, not the command line's"
