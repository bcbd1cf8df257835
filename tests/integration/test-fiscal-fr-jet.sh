#!/usr/bin/env bash
# France's event log (JET): under FR-NF525 the start-ups of mainstreet-admin,
# sign-ins and refused sign-ins, exports, backups, restores, setting changes
# and closings are chained, signed lines of fiscal_event; with no profile
# nothing is written. `fiscal verify` checks them and names the first line
# an edit or a deletion breaks. After a restore, receipt, closing and event
# numbers go on after the highest the replaced store used.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
store="$work/shop.db"
run() { "$admin" --store "$store" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$store" "$1"; }
kinds() { q "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM fiscal_event WHERE id > $1 ORDER BY id)"; }
last_id() { q "SELECT coalesce(max(id), 0) FROM fiscal_event"; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
run product add CAFE --name Café --price 2.40 --tax A --as olivia --as-pin 4321 >/dev/null
[ "$(q 'SELECT count(*) FROM fiscal_event')" = 0 ] || fail "events recorded with no fiscal profile"

run settings set fiscal_profile FR-NF525 --as olivia --as-pin 4321
# The change that turns the profile on is the first line.
[ "$(kinds 0)" = "setting" ] || fail "profile change: $(kinds 0)"
q "SELECT line FROM fiscal_event" | grep '^JET|T1|1|setting|.*fiscal_profile.*FR-NF525' >/dev/null \
  || fail "setting line: $(q 'SELECT line FROM fiscal_event')"

mark=$(last_id)
run shift open --float 100.00 --cashier casey --pin 1234 >/dev/null
[ "$(kinds "$mark")" = "start sign_in" ] || fail "start-up and sign-in: $(kinds "$mark")"

mark=$(last_id)
if run sell --cashier casey --pin 9999 --scan CAFE --pay cash:10 >/dev/null 2>&1; then fail "wrong PIN sold"; fi
[ "$(kinds "$mark")" = "start sign_in_failed" ] || fail "refused sign-in: $(kinds "$mark")"
q "SELECT line FROM fiscal_event WHERE kind = 'sign_in_failed'" | grep '|casey|' >/dev/null || fail "who failed"

run sell --cashier casey --pin 1234 --scan 'CAFE*2' --pay cash:10 >/dev/null
run sell --cashier casey --pin 1234 --scan CAFE --pay cash:10 >/dev/null

mark=$(last_id)
run export sales "$work/sales.csv" --as olivia --as-pin 4321 >/dev/null
[ "$(kinds "$mark")" = "start sign_in export" ] || fail "export: $(kinds "$mark")"

mark=$(last_id)
run fiscal receipt day --as olivia --as-pin 4321 >/dev/null
[ "$(kinds "$mark")" = "start sign_in closing" ] || fail "closing: $(kinds "$mark")"
q "SELECT line FROM fiscal_event WHERE kind = 'closing'" | grep '|T1-D000001|' >/dev/null || fail "closing id"

mark=$(last_id)
run backup "$work/backups" --as olivia --as-pin 4321 >/dev/null
[ "$(kinds "$mark")" = "start sign_in backup" ] || fail "backup: $(kinds "$mark")"
backup=$(ls "$work"/backups/*.db | head -1)

# Work on after the backup: receipt T1-3 and more events; then restore it.
run sell --cashier casey --pin 1234 --scan CAFE --pay cash:10 >/dev/null
run fiscal receipt day --as olivia --as-pin 4321 >/dev/null # T1-D000002, lost with the restore
used_seq=$(q "SELECT max(seq) FROM fiscal_event")
run restore "$backup" --as olivia --as-pin 4321 >/dev/null
restore_seq=$(q "SELECT seq FROM fiscal_event WHERE kind = 'restore'")
[ -n "$restore_seq" ] || fail "no restore line: $(kinds 0)"
[ "$restore_seq" -gt "$used_seq" ] || fail "restore line $restore_seq reuses a number up to $used_seq"
run sell --cashier casey --pin 1234 --scan CAFE --pay cash:10 >/dev/null
[ "$(q "SELECT receipt_no FROM sale ORDER BY id DESC LIMIT 1")" = "T1-4" ] \
  || fail "receipt number after restore: $(q 'SELECT receipt_no FROM sale')"
# Nor is a closing number given twice.
run fiscal receipt day --as olivia --as-pin 4321 >/dev/null
[ "$(q "SELECT group_concat(receipt_id, ' ') FROM fiscal_receipt WHERE kind = 'day'")" = "T1-D000001 T1-D000003" ] \
  || fail "closing numbers after restore: $(q "SELECT receipt_id FROM fiscal_receipt WHERE kind = 'day'")"

run fiscal verify >"$work/out" || fail "fiscal verify refused the till's own lines: $(cat "$work/out")"
events=$(q "SELECT count(*) FROM fiscal_event")
grep -q "receipts and closings, $events events" "$work/out" || fail "verify: $(cat "$work/out")"

# Tampering, each on a copy: an edited line, a dropped line.
tamper() {
  cp "$store" "$work/t.db"
  sqlite3 "$work/t.db" "DROP TRIGGER fiscal_event_no_update; DROP TRIGGER fiscal_event_no_delete; $1"
  if "$admin" --store "$work/t.db" fiscal verify >/dev/null 2>"$work/err"; then fail "verify missed: $1"; fi
  grep -q "$2" "$work/err" || fail "tamper '$1': $(cat "$work/err") (expected $2)"
}
tamper "UPDATE fiscal_event SET line = replace(line, '|casey|', '|olivia|') WHERE kind = 'sign_in_failed'" \
  "JET line 5 (event 5): the signature does not verify"
tamper "DELETE FROM fiscal_event WHERE seq = 2" "JET line 2 (event 3): it does not chain to the line before it"
echo ok
