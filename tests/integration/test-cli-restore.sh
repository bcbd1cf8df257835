#!/usr/bin/env bash
# Restoring a backup through mainstreet-admin: the store is the backup
# again, the replaced one is kept, and the sales recorded after the backup
# are named rather than left behind unnoticed.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

owner=(--as olivia --as-pin 4321)
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
[ "$(cat "$work/err")" = "$wrong" ] || fail "unknown name: $(cat "$work/err"), wrong PIN: $wrong"
[ "${wrong%% (*}" = "mainstreet-admin: Wrong name or PIN" ] || fail "wrong PIN: $wrong"
expect_denied export sales "$work/sales.csv" --as casey --as-pin 1234
expect_denied import products "$work/none.csv" --as casey --as-pin 1234
[ ! -e "$work/other" ] && [ ! -e "$work/sales.csv" ] || fail "a refused command wrote a file"
backup=$(ls "$work"/backups/*.db)

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

# Receipt numbers are never given twice: sell 3, back up, sell 2, restore.
store="$work/numbers.db"
rm -rf "$work/nb"
run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
sqlite3 "$store" "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('TEA', 'Earl Grey tea', 349, 1)"
run shift open --float 50.00 --cashier casey --pin 1234 >/dev/null
sell() { run --json sell --cashier casey --pin 1234 --scan TEA --pay cash:5 |
  python3 -c "import json,sys; print(json.load(sys.stdin)['receipt'])"; }
for _ in 1 2 3; do sell >/dev/null; done
run backup "$work/nb" "${owner[@]}" >/dev/null
backup=$(ls "$work"/nb/*.db)
[ -s "$backup.manifest.json" ] || fail "the backup has no manifest"
sell >/dev/null
[ "$(sell)" = "T1-5" ] || fail "the fifth sale is not T1-5"
cp "$store" "$work/numbers-before.db"

run --json restore "$backup" "${owner[@]}" >"$work/out" 2>"$work/err"
[ "$(sales "$store")" -eq 3 ] || fail "the restored store is not the backup"
next=$(sell)
[ "$next" = "T1-6" ] || fail "after a restore the next receipt is $next, not T1-6 (a number given twice)"
run verify >/dev/null || fail "verify refuses the store after a restore (the journal's skipped seqs)"
[ "$(sqlite3 "$store" "SELECT count(*) FROM journal WHERE type = 'journal.restored'")" -eq 1 ] \
  || fail "no journal.restored event names the skipped seqs"

# With --merge-newer the two later sales come back, numbering goes on.
rm -f "$store"*
cp "$work/numbers-before.db" "$store"
run --json restore --merge-newer "$backup" "${owner[@]}" >"$work/out" 2>"$work/err"
[ ! -s "$work/err" ] || fail "merged restore still warned: $(cat "$work/err")"
merged=$(python3 -c "import json; print(json.load(open('$work/out'))['merged_events'])")
[ "$merged" -ge 2 ] || fail "merged_events is $merged"
[ "$(sales "$store")" -eq 5 ] || fail "the two later sales were not merged back"
run verify >/dev/null || fail "verify refuses the merged store"
[ "$(sell)" = "T1-6" ] || fail "after a merged restore the next receipt is not T1-6"

# No manifest: refused unless asked for explicitly, and then checked fully.
cp "$backup" "$work/bare.db"
if run restore "$work/bare.db" "${owner[@]}" 2>"$work/err"; then fail "restored a backup without a manifest"; fi
grep -q "no manifest" "$work/err" || fail "unclear refusal: $(cat "$work/err")"
run restore --no-manifest "$work/bare.db" "${owner[@]}" >/dev/null || fail "--no-manifest did not restore"
[ "$(sales "$store")" -eq 3 ] || fail "--no-manifest restored something else"

# A backup that does not match its manifest is refused before anything else.
cp "$backup" "$work/flip.db"
cp "$backup.manifest.json" "$work/flip.db.manifest.json"
sed -i 's/"file" : "[^"]*"/"file" : "flip.db"/' "$work/flip.db.manifest.json"
printf '\x01' | dd of="$work/flip.db" bs=1 seek=3000 count=1 conv=notrunc status=none
if run restore "$work/flip.db" "${owner[@]}" 2>"$work/err"; then fail "restored a backup that does not match its manifest"; fi
grep -q "does not match its manifest" "$work/err" || fail "unclear refusal: $(cat "$work/err")"
[ "$(sales "$store")" -eq 3 ] || fail "a refused restore changed the store"
echo "restore numbering and manifest: ok"

# Encrypted: the passphrase comes on stdin; a wrong one changes nothing.
# With the PIN also given as '-', the PIN is the first line, the passphrase the second.
printf "4321\nowner's long passphrase\n" |
  run --json backup "$work/enc" --encrypt --passphrase - --as olivia --as-pin - >"$work/out"
sealed=$(python3 -c "import json; print(json.load(open('$work/out'))['backup'])")
case "$sealed" in *.db.enc) ;; *) fail "the encrypted backup is $sealed" ;; esac
[ -z "$(ls "$work"/enc/*.db 2>/dev/null)" ] || fail "a plain copy stayed beside the encrypted backup"
! grep -q "SQLite format" "$sealed" || fail "the encrypted backup is readable"
run sell --cashier casey --pin 1234 --scan TEA --pay cash:5 >/dev/null
count=$(sales "$store")
if run restore "$sealed" "${owner[@]}" </dev/null 2>"$work/err"; then fail "restored an encrypted backup without its passphrase"; fi
if echo "wrong" | run restore "$sealed" "${owner[@]}" --passphrase - 2>"$work/err"; then fail "restored with a wrong passphrase"; fi
grep -q "Wrong passphrase" "$work/err" || fail "unclear refusal: $(cat "$work/err")"
[ "$(sales "$store")" -eq "$count" ] || fail "a refused restore changed the store"
echo "owner's long passphrase" | run restore "$sealed" --passphrase - "${owner[@]}" >/dev/null 2>&1 || fail "the right passphrase did not restore"
[ "$(sales "$store")" -eq $((count - 1)) ] || fail "the encrypted backup did not restore"
run verify >/dev/null || fail "verify refuses the store restored from an encrypted backup"
echo "encrypted backups: ok"
