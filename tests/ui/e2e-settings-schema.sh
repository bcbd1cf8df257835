#!/usr/bin/env bash
# e2e-settings-schema.sh — run from the build tree with nothing saying where
# its settings schema is, the app still finds the one compiled next to it:
# this till's settings are kept (here, the window size on closing).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# As someone starting build/…/ui/mainstreet by hand: no schema folder given,
# and settings kept in a file this test can read.
unset GSETTINGS_SCHEMA_DIR
export GSETTINGS_BACKEND=keyfile
export XDG_CONFIG_HOME="$E2E_DIR/config"
keyfile="$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

e2e_start
e2e_shot started
e2e_key ctrl+q
for _ in $(seq 1 100); do
  kill -0 "$E2E_APP_PID" 2>/dev/null || break
  sleep 0.2
done
kill -0 "$E2E_APP_PID" 2>/dev/null && fail "the app did not close on Ctrl+Q"
E2E_APP_PID=
[ -f "$keyfile" ] || fail "no settings were kept: the schema was not found"
grep -q '^window-size=' "$keyfile" || fail "the window size was not kept: $(cat "$keyfile")"
echo "ok: this till's settings are kept without GSETTINGS_SCHEMA_DIR"
