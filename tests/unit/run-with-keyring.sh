#!/bin/bash
# Runs a test program in a private D-Bus session with its own unlocked
# gnome-keyring (an empty login password, data in a temporary folder), as a
# desktop session has one, and tells it so with POS_TEST_KEYRING=1.
set -eu
program="$1"
home=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-keyring-XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" POS_TEST_KEYRING=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY
# The session ends, and the keyring daemon with it, when the program does.
exec dbus-run-session -- sh -c '
  printf keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
  exec "$0"' "$program"
