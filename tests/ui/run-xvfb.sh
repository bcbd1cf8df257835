#!/usr/bin/env bash
# run-xvfb.sh PROGRAM — runs a widget-level test program under a private Xvfb
# inside its own D-Bus session.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/xvfb-lib.sh"
trap pos_xvfb_stop EXIT
pos_xvfb_start
export GDK_BACKEND=x11
dbus-run-session -- "$@"
