#!/usr/bin/env bash
# Who may do what from the command line: settings changes are an owner's,
# a name and PIN given with any command are checked (a wrong PIN exits 5
# even where no PIN is needed), and the answer to a wrong name is the
# answer to a wrong PIN.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

shop_name() { run settings get shop_name; }

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
run users add casey --role cashier --pin 1234 --as olivia --as-pin 4321
run users add sam --role supervisor --pin 55667788 --as olivia --as-pin 4321

# settings set: nobody, a cashier, a supervisor, the owner with a wrong PIN
# and an unknown name are all refused, and the setting stays as it was.
before=$(shop_name)
expect_exit 4 run settings set shop_name "No PIN"
expect_exit 5 run settings set shop_name "Cashier" --as casey --as-pin 1234
expect_exit 5 run settings set shop_name "Supervisor" --as sam --as-pin 55667788
expect_exit 5 run settings set shop_name "Wrong PIN" --as olivia --as-pin 9999
cp "$work/err" "$work/err-known"
expect_exit 5 run settings set shop_name "Nobody" --as nobody --as-pin 9999
cmp -s "$work/err" "$work/err-known" || fail "unknown name: $(cat "$work/err") vs $(cat "$work/err-known")"
[ "$(shop_name)" = "$before" ] || fail "a refused settings set changed shop_name to $(shop_name)"
printf '4321\n' | expect_exit 0 run settings set shop_name "Corner Shop" --as olivia --as-pin -
[ "$(shop_name)" = "Corner Shop" ] || fail "the owner's settings set did not apply"

# report x needs no PIN, but one given is checked: a wrong one exits 5,
# and so does an unknown name, alike.
expect_exit 0 run report x
expect_exit 0 run report x --as casey --as-pin 1234
expect_exit 5 run report x --as casey --as-pin 9999
grep -q "^mainstreet-admin: Wrong name or PIN" "$work/err" || fail "report x, wrong PIN: $(cat "$work/err")"
expect_exit 5 run report x --as nobody --as-pin 9999
expect_exit 5 run report sales --as casey --as-pin 9999
expect_exit 0 run report sales --as casey --as-pin 1234

# Errors never tell whether a name exists: six wrong PINs for a real user
# and for a name nobody has give the same messages and exit codes, through
# the lock.
run users add robin --role cashier --pin 2468 --as olivia --as-pin 4321
for attempt in 1 2 3 4 5 6; do
  set +e
  run report x --as robin --as-pin 1357 >/dev/null 2>"$work/err-known"; known=$?
  run report x --as ghost --as-pin 1357 >/dev/null 2>"$work/err-unknown"; unknown=$?
  set -e
  [ "$known" -ne 0 ] || fail "attempt $attempt: a wrong PIN was accepted"
  [ "$known" -eq "$unknown" ] || fail "attempt $attempt: exit $known for a user, $unknown for an unknown name"
  # each lock runs from its own fifth try, a moment apart: compare the
  # messages with their clock times left out
  known_text=$(sed -E 's/[0-9]{1,2}:[0-9]{2}/HH:MM/g' "$work/err-known")
  unknown_text=$(sed -E 's/[0-9]{1,2}:[0-9]{2}/HH:MM/g' "$work/err-unknown")
  [ "$known_text" = "$unknown_text" ] || fail "attempt $attempt: '$known_text' vs '$unknown_text'"
done
grep -q "Locked until" "$work/err-known" || fail "no lock after six wrong PINs: $(cat "$work/err-known")"
echo "authorization: ok"
