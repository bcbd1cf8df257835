#!/usr/bin/env bash
# Reports as text are for people: quantities as quantities, amounts in the
# currency, rates as percents, local times, cashiers by name, no internal
# field names or ids. --json keeps its keys and raw values for scripts.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"
# Five hours east of UTC, no tzdata needed: local times differ from UTC.
export TZ=XYZ-5

has() { grep -Eq -- "$1" "$work/out" || fail "no /$1/ in: $(cat "$work/out")"; }
lacks() { ! grep -Eq -- "$1" "$work/out" || fail "/$1/ in: $(cat "$work/out")"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
sqlite3 "$store" "INSERT INTO product (sku, name, unit, price, tax_rate_id) VALUES
  ('TEA', 'Earl Grey tea', 'each', 349, 1), ('APL', 'Apples', 'kg', 249, 1);"
run shift open --float 100 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan 'TEA*223' --scan 'APL*1.532' --pay cash:1000 >/dev/null

run report sales --by product >"$work/out"
has '^ +TEA +Earl Grey tea +223 +778\.27 '
has '^ +APL +Apples +1\.532 kg +3\.81 '
lacks '223000|1532|product_id|_id|rate_bp'

run report sales --by tax >"$work/out"
has '^ +A +20 % +651\.73 +130\.35 +782\.08$'
lacks 'rate_bp|2000'

run report x >"$work/out"
# The shift opened at a date and time written in the shop's locale.
has '^ +casey +[0-9/.-]+ [0-9:]+ +100\.00 +782\.08 '
lacks 'cashier_id|shift_id|0\.02|first_sale|last_sale|[0-9]T[0-9]{2}:[0-9]{2}.*Z'
# The shift opened at this UTC instant is shown five hours later, written
# as a EUR shop without a locale setting writes it (en_IE: day first).
run --json report x >"$work/x.json"
opened=$(python3 -c "
import json, datetime
x = json.load(open('$work/x.json'))
t = datetime.datetime.strptime(x['shifts'][0]['opened_at'][:19], '%Y-%m-%dT%H:%M:%S')
print((t + datetime.timedelta(hours=5)).strftime('%d/%m/%Y %H:%M'))")
has "$opened"

# JSON is unchanged: raw keys and minor units.
python3 - "$work/x.json" <<'PY' || fail "report x --json changed: $(cat "$work/x.json")"
import json, sys
x = json.load(open(sys.argv[1]))
assert x['taxes'][0]['rate_bp'] == 2000, x['taxes']
assert isinstance(x['shifts'][0]['cashier_id'], int)
assert x['total'] == 78208, x['total']
assert x['first_sale'] == 1
PY
run --json report sales --by product >"$work/p.json"
python3 -c "
import json
rows = {r['sku']: r for r in json.load(open('$work/p.json'))['rows']}
assert rows['TEA']['qty'] == 223000 and rows['APL']['qty'] == 1532, rows
assert 'product_id' in rows['TEA']" || fail "report sales --json changed"
echo ok
