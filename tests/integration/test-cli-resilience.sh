#!/usr/bin/env bash
# `report resilience` on the demo shop: text with every section, --json with
# the figures the page shows, the cash buffer from the owner's settings, a
# restore drill that proves the newest backup, and a one-page PDF.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"
has() { grep -Eq -- "$1" "$work/out" || fail "no /$1/ in: $(cat "$work/out")"; }
fig() { python3 -c "
import json, sys
r = json.load(open('$work/r.json'))
f = [f for s in r['sections'] for f in s['figures'] if f['id'] == sys.argv[1]][0]
print(f[sys.argv[2]])" "$1" "$2"; }

run init --demo >/dev/null
run report resilience >"$work/out"
for title in 'How the shop is doing' Concentration 'Local sourcing' Customers 'Cash buffer' \
  'Slow movers and dead stock' 'Data safety'; do
  has "^$title"
done
has 'Concentration by products +[0-9]+ — '
has 'Cash buffer +Needs the monthly fixed costs'

# The owner's costs and cash: the buffer becomes a number of days, or covered.
run settings set monthly_fixed_costs 1500000 --as olivia --as-pin 4321
run settings set cash_on_hand 3000000 --as olivia --as-pin 4321
run --json report resilience --drop 35 >"$work/r.json"
[ "$(fig cash_days value)" = 60 ] || fail "30,000.00 cash against 15,000.00 a month is not 60 days: $(fig cash_days text)"
[ "$(fig buffer_days status)" != missing ] || fail "the buffer still lacks data: $(fig buffer_days text)"
fig stress_35 label | grep '35 %' >/dev/null || fail "no stress test at the chosen 35 %"
[ "$(fig hhi_product status)" = good ] || fail "the demo shop's products look concentrated"

# Dead stock: a shorter window finds at least as many products; the list
# holds at most 20, largest tied-up cost first, within the total.
run --json report resilience --dead-days 1 >"$work/r1.json"
python3 - "$work/r.json" "$work/r1.json" <<'PY' || fail "dead stock figures do not add up"
import json, sys
def stock(path):
    r = json.load(open(path))
    s = [s for s in r['sections'] if s['id'] == 'stock'][0]
    f = {f['id']: f['value'] for f in s['figures']}
    return r['dead_days'], f, s['items']
d60, f60, i60 = stock(sys.argv[1])
d1, f1, i1 = stock(sys.argv[2])
assert (d60, d1) == (60, 1), (d60, d1)
assert f1['dead_stock'] >= f60['dead_stock'] and f1['dead_stock'] > 0, (f1, f60)
assert f1['dead_stock_cost'] >= f60['dead_stock_cost'], (f1, f60)
for f, items in ((f60, i60), (f1, i1)):
    assert len(items) == min(20, f['dead_stock']), (len(items), f)
    tied = [i['tied_up'] or 0 for i in items]
    assert tied == sorted(tied, reverse=True) and sum(tied) <= f['dead_stock_cost'], tied
PY
expect_exit 2 run report resilience --dead-days 0
grep -q 'dead-days is a number of days' "$work/err" || fail "--dead-days 0: $(cat "$work/err")"

# A restore drill proves the newest backup.
run backup "$work/backups" --as olivia --as-pin 4321 >/dev/null
mkdir "$work/tmp"
TMPDIR="$work/tmp" run report resilience --backups "$work/backups" --drill >"$work/out"
has '^Restore drill: store-[0-9-]+\.db restored into a scratch file and checked'
has 'Newest backup proved +Yes'
has 'Last restore drill +0 days ago'
[ -z "$(ls -A "$work/tmp")" ] || fail "the drill left its scratch files: $(ls -A "$work/tmp")"
expect_exit 3 run --json report resilience --backups "$work/nothing-here" --drill
grep -q 'no backup' "$work/err" || fail "a drill without a backup: $(cat "$work/err")"

# One A4 page that renders.
run report resilience --pdf "$work/owner.pdf" >/dev/null
[ "$(pdfinfo "$work/owner.pdf" | awk '/^Pages:/ {print $2}')" = 1 ] || fail "the PDF is not one page"
pdfinfo "$work/owner.pdf" | grep 'Page size: *595 x 842' >/dev/null || fail "the PDF is not A4"
pdftoppm -r 60 -png -singlefile "$work/owner.pdf" "$work/owner"
[ -s "$work/owner.png" ] || fail "the PDF does not render"
echo ok
