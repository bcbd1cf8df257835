#!/usr/bin/env bash
# Only the commands that vouch for the whole store file (verify, backup,
# restore) read all of it with quick_check: every other command opens in a
# time that does not grow with the store. A store with one damaged page that
# a settings lookup never reads still answers it, while verify and backup
# refuse it (exit 7).
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"


run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
expect_exit 0 run verify

# Break the root page of an index no settings command reads (no customers yet).
page=$(sqlite3 "$store" "SELECT rootpage FROM sqlite_schema WHERE name = 'customer_uid'")
size=$(sqlite3 "$store" "PRAGMA page_size")
printf '\x00' | dd of="$store" bs=1 seek=$(((page - 1) * size)) conv=notrunc status=none
sqlite3 "$store" "PRAGMA quick_check" | grep "Page $page" >/dev/null || fail "the damage is not where quick_check looks"

expect_exit 0 run settings get currency
[ "$(cat "$work/out")" = EUR ] || fail "settings get currency: $(cat "$work/out")"
expect_exit 7 run verify
grep -q "damaged" "$work/err" || fail "verify: $(cat "$work/err")"
expect_exit 7 run backup "$work/backups" --as olivia --as-pin 4321
grep -q "damaged" "$work/err" || fail "backup: $(cat "$work/err")"
[ -z "$(ls -A "$work/backups" 2>/dev/null)" ] || fail "a backup of the damaged store was written"
echo "ok"
