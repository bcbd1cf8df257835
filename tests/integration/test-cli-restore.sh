#!/usr/bin/env bash
# Restoring a backup through mainstreet-admin: the store is the backup
# again, the replaced one is kept, and the sales recorded after the backup
# are named rather than left behind unnoticed.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store="$work/shop.db"

run() { "$admin" --store "$store" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
sales() { sqlite3 "$1" "SELECT count(*) FROM sale"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
sqlite3 "$store" "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('TEA', 'Earl Grey tea', 349, 1)"
run shift open --float 50.00 --cashier casey --pin 1234 >/dev/null
run sell --cashier casey --pin 1234 --scan TEA --pay cash:5 >/dev/null

run backup "$work/backups" --as olivia --as-pin 4321 >/dev/null

# Backup, restore and export are an owner's: a cashier, a wrong PIN and an
# unknown name are all refused with exit 5, the last two alike.
expect_denied() {
  set +e; run "$@" >/dev/null 2>"$work/err"; local got=$?; set -e
  [ "$got" -eq 5 ] || fail "'$*' exited $got, expected 5: $(cat "$work/err")"
}
expect_denied backup "$work/other" --as casey --as-pin 1234
expect_denied backup "$work/other" --as olivia --as-pin 9999
wrong=$(cat "$work/err")
expect_denied backup "$work/other" --as nobody --as-pin 9999
[ "$(cat "$work/err")" = "mainstreet-admin: Wrong name or PIN" ] || fail "unknown name: $(cat "$work/err")"
[ "${wrong%% (*}" = "mainstreet-admin: Wrong name or PIN" ] || fail "wrong PIN: $wrong"
expect_denied export sales "$work/sales.csv" --as casey --as-pin 1234
expect_denied import products "$work/none.csv" --as casey --as-pin 1234
[ ! -e "$work/other" ] && [ ! -e "$work/sales.csv" ] || fail "a refused command wrote a file"
backup=$(ls "$work"/backups/*)

run --json restore "$backup" --as olivia --as-pin 4321 >"$work/out" 2>"$work/err"
[ ! -s "$work/err" ] || fail "restoring an up-to-date backup warned: $(cat "$work/err")"
first_kept=$(python3 -c "import json; print(json.load(open('$work/out'))['kept_as'])")

# Two sales after the backup: each leaves a journal event (and stock moves).
run sell --cashier casey --pin 1234 --scan TEA --pay cash:5 >/dev/null
run sell --cashier casey --pin 1234 --scan 'TEA*2' --pay cash:10 >/dev/null
[ "$(sales "$store")" -eq 3 ] || fail "expected 3 sales before the restore"

run --json restore "$backup" --as olivia --as-pin 4321 >"$work/out" 2>"$work/err"
grep -q "recorded after that backup" "$work/err" || fail "no word of the newer events: $(cat "$work/err")"
kept=$(python3 -c "import json; print(json.load(open('$work/out'))['kept_as'])")
grep -qF "$kept" "$work/err" || fail "the warning does not say where they are"
newer=$(python3 -c "import json; print(json.load(open('$work/out'))['events_after_backup'])")
[ "$newer" -ge 2 ] || fail "events_after_backup is $newer"
[ "$(sales "$store")" -eq 1 ] || fail "the restored store is not the backup"
[ "$(sales "$kept")" -eq 3 ] || fail "the replaced store was not kept whole"
# Every replaced store stays until the owner removes it.
[ "$kept" != "$first_kept" ] || fail "the second restore reused the first kept name"
[ "$(sales "$first_kept")" -eq 1 ] || fail "the second restore removed the first kept store"

# A file that is no backup changes nothing and says why.
echo "not a store" >"$work/junk.db"
if run restore "$work/junk.db" --as olivia --as-pin 4321 2>"$work/err"; then fail "restored from junk"; fi
[ "$(sales "$store")" -eq 1 ] || fail "a refused restore changed the store"
echo "restore: ok"
