#!/usr/bin/env bash
# The command line's contract for scripts: every command answers --help,
# --version, negative numbers are arguments, documented defaults hold, bad
# input exits 4, --json is valid JSON whatever the text holds, barcodes say
# what they carry, and the command line leaves SQL to app/.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"
here=$(cd "$(dirname "$0")" && pwd)

# --help answers for every command, on stdout, with exit 0; --version too.
commands=$("$admin" help | sed -n 's/^  \([a-z-]*\).*/\1/p' | sort -u)
[ "$(echo "$commands" | wc -l)" -ge 20 ] || fail "help lists too few commands: $commands"
for c in $commands; do
  expect_exit 0 run "$c" --help
  grep -q "usage: mainstreet-admin .*$c" "$work/out" || fail "$c --help: $(cat "$work/out")"
done
expect_exit 0 run stock adjust --help
expect_exit 0 "$admin" --version
grep -Eq '^mainstreet-admin [0-9]+\.[0-9]+\.[0-9]+' "$work/out" || fail "--version: $(cat "$work/out")"

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321

# PINs need not be on the command line: "-" reads one line of standard input,
# in the order the options are used (the signed-in user's PIN first).
printf '4321\n5678\n' | run users add dana --role supervisor --pin - --as olivia --as-pin -
expect_exit 0 run users unlock casey --as dana --as-pin 5678
printf '5678\n' | expect_exit 0 run users unlock casey --as dana --as-pin -
printf '0000\n' | expect_exit 5 run users unlock casey --as dana --as-pin -
expect_exit 4 run users unlock casey --as dana --as-pin - </dev/null
run users add erin --role cashier --pin 1111 --as olivia --as-pin 4321
printf '24681357\n' | run users set-pin erin --pin - --as olivia --as-pin 4321
expect_exit 5 run users unlock casey --as erin --as-pin 24681357 # signed in, but may not unlock
grep -q "approval" "$work/err" || fail "new PIN from standard input: $(cat "$work/err")"
sql "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('TEA', 'Earl Grey tea', 349, 1);"
level() { run --json stock level TEA >"$work/out"; json "d['level']"; }

# Negative quantities are arguments, with or without "--".
run stock receive 'TEA*10' --as olivia --as-pin 4321
expect_exit 0 run stock adjust TEA -2 --reason waste --as olivia --as-pin 4321
[ "$(level)" = 8 ] || fail "after adjust -2 the level is $(level)"
expect_exit 0 run stock adjust --as olivia --as-pin 4321 -- TEA -1.5
[ "$(level)" = 6.5 ] || fail "after adjust -- -1.5 the level is $(level)"
expect_exit 2 run stock adjust TEA -2 --no-such-option --as olivia --as-pin 4321

# export sales without --from/--to: everything.
run shift open --float 100 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan TEA --pay cash:5 >/dev/null
expect_exit 0 run export sales "$work/sales.csv" --as olivia --as-pin 4321
[ "$(wc -l <"$work/sales.csv")" -eq 2 ] || fail "export sales: $(cat "$work/sales.csv")"

# A line number that is not one is invalid input.
expect_exit 4 run refund T1-1 --cashier olivia --pin 4321 --line 0
expect_exit 4 run refund T1-1 --cashier olivia --pin 4321 --line x

# --json stays JSON when a path holds a quote or a backslash.
mkdir -p "$work/it's \"here\"\\x"
expect_exit 0 run --json backup "$work/it's \"here\"\\x" --as olivia --as-pin 4321
python3 -c "import json,sys,os; p=json.load(open('$work/out'))['backup']; assert os.path.exists(p), p" \
  || fail "backup --json: $(cat "$work/out")"
sql "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('Q\"1', 'Quote', 100, 1);"
expect_exit 0 run --json stock level 'Q"1'
[ "$(json "d['sku']")" = 'Q"1' ] || fail "stock level --json: $(cat "$work/out")"

# Tax rates are listed through app/.
expect_exit 0 run --json settings tax-rates
[ "$(json "d[0]['code'], d[0]['rate_bp']")" = 'A 2000' ] || fail "tax rates: $(cat "$work/out")"

# Barcodes: the ISSN behind 977, the ISBN-10 behind 978, in text and JSON.
expect_exit 0 run barcode 9770317847001
grep -Eq '^issn +0317-8471$' "$work/out" || fail "barcode issn: $(cat "$work/out")"
expect_exit 0 run --json barcode 9783161484100
[ "$(json "d['isbn10']")" = 316148410X ] || fail "barcode isbn10: $(cat "$work/out")"
expect_exit 0 run barcode 9780306406157
grep -Eq '^isbn10 +0306406152$' "$work/out" || fail "barcode isbn10 text: $(cat "$work/out")"

# The command line runs no SQL of its own: app/ does.
if grep -nE 'sqlite3_|PosStmt|pos_store_(prepare|exec)|pos-store-private\.h|\b(SELECT|INSERT|UPDATE|DELETE) ' \
  "$here"/../../app/cli/*.c "$here"/../../app/cli/*.h; then
  fail "app/cli runs SQL (above)"
fi
echo "ok"
