#!/usr/bin/env bash
# e2e-login.sh — wrong PINs lock a user out with a message; a supervisor or
# owner unlocks her with their PIN and she signs in; switching cashier (F2)
# keeps the sale on screen for the next one.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

e2e_tries_counted() {
  [ "$(e2e_sql "SELECT failed_tries >= $1 OR locked_until IS NOT NULL FROM user WHERE name = 'Alice'")" = 1 ]
}

e2e_start
# Five wrong PINs for Alice, all typed on the keyboard.
e2e_pick_user Alice
for try in 1 2 3 4 5; do
  e2e_type 9999
  e2e_key Return
  # Each try is checked before the next is typed, as a person would wait.
  e2e_wait_for "try $try to count" e2e_tries_counted "$try"
done
e2e_shot locked
expect "wrong PINs counted and locked" "SELECT locked_until IS NOT NULL FROM user WHERE name = 'Alice'" "1"
# Even the right PIN is refused now.
e2e_type 1234
e2e_key Return
sleep 0.5
expect "no shift opened by a locked user" "SELECT count(*) FROM shift" "0"

# Unlock (Alt+U): the approval dialog offers Olivia and Sam by name, Olivia
# first and preselected, with the focus in the PIN entry.
e2e_key alt+u
e2e_wait_for "the approval dialog" e2e_asks_float
e2e_shot unlock
e2e_type 4321
e2e_key Return
expect "Alice unlocked" "SELECT locked_until IS NULL AND failed_tries = 0 FROM user WHERE name = 'Alice'" "1"
expect "the unlock is recorded in Olivia's name" \
  "SELECT u.name FROM audit a JOIN user u ON u.id = a.user_id WHERE a.action = 'user_unlock'" "Olivia"
e2e_sign_in Alice 1234 # Alice, unlocked
expect "Alice opened the shift" "SELECT u.name FROM shift s JOIN user u ON u.id = s.user_id" "Alice"
e2e_key F2

e2e_sign_in Sam 2222
e2e_scan 4006381333931
e2e_key F2 # switch cashier: the cart stays
e2e_sign_in Olivia 4321
e2e_shot switched
e2e_key F12
e2e_key Return # exact cash
sleep 0.5
expect "the sale started by Sam is paid by Olivia" \
  "SELECT u.name || ':' || s.total FROM sale s JOIN user u ON u.id = s.user_id" "Olivia:120"
echo "PASS"
