#!/usr/bin/env bash
# run-xvfb.sh PROGRAM — runs a widget-level test program under a private Xvfb
# inside its own D-Bus session.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/xvfb-lib.sh"
trap pos_xvfb_stop EXIT
pos_xvfb_start
# Software rendering without GL: no driver is loaded whose one-time
# allocations would look like leaks.
export GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo
dbus-run-session -- "$@"
