#!/usr/bin/env bash
# e2e-pseudo-locale.sh — the till in the pseudo locale (po/pseudo.py: every
# message in brackets and 40 % longer) on a 1024×768 screen. Read through
# the accessibility tree, every visible label and button on the sign-in,
# sale, payment, stock, reports and settings pages must be translated, and
# no button's text cut off: a string that escaped gettext shows up here.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export POS_XVFB_SIZE=1024x768
. "$here/lib-e2e.sh"

# The system's Python, which python3-gi and the Atspi typelib belong to.
python=/usr/bin/python3
"$python" -c 'import gi; gi.require_version("Atspi", "2.0")' 2>/dev/null \
  || fail "python3-gi and gir1.2-atspi-2.0 are needed (packaging/dev.sh installs them)"

# The app and the checker share one D-Bus session, where the accessibility
# bus is found; the app's accessibility goes to AT-SPI for this test.
pseudo_start() {
  "$POS_UI_DEMO_STORE" "$E2E_STORE"
  pos_xvfb_start
  eval "$(dbus-launch --sh-syntax)"
  PSEUDO_DBUS_PID=$DBUS_SESSION_BUS_PID
  LC_ALL=C.UTF-8@pseudo GTK_A11Y=atspi G_DEBUG=fatal-criticals GDK_BACKEND=x11 GDK_DEBUG=gl-disable \
    GSK_RENDERER=cairo ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    "$MAINSTREET" --store "$E2E_STORE" --report-ready-fd 1 >"$E2E_LOG" 2>&1 &
  E2E_APP_PID=$!
  for _ in $(seq 1 100); do
    xdotool search --name '^Mainstreet$' >/dev/null 2>&1 && break
    kill -0 "$E2E_APP_PID" 2>/dev/null || fail "the app exited: $(cat "$E2E_LOG")"
    sleep 0.2
  done
  sleep 6
}

pseudo_stop_dbus() {
  [ -n "${PSEUDO_DBUS_PID:-}" ] && kill "$PSEUDO_DBUS_PID" 2>/dev/null || true
}
trap 'e2e_cleanup; pseudo_stop_dbus' EXIT

# check PAGE: the page on screen passes pseudo-check.py; a screenshot of it
# is kept either way.
failures=0
check() {
  sleep 1
  e2e_shot "$1"
  "$python" "$here/pseudo-check.py" "$1" "$E2E_STORE" || failures=$((failures + 1))
}

pseudo_start
check sign-in
e2e_sign_in Olivia 4321 # the owner: every page is hers
check sale
e2e_scan 4006381333931
e2e_key F12
check payment
e2e_key Escape
e2e_key alt+2
check stock
e2e_key alt+4
check reports
e2e_key alt+5
check settings

[ "$failures" -eq 0 ] || fail "$failures pages show untranslated or cut-off text (see above)"
echo "ok: every page speaks the pseudo locale and fits 1024×768"
