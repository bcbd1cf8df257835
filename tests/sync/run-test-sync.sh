#!/bin/bash
# Runs test-sync with TMPDIR in a folder of its own, and whatever happens to
# the test (a crash skips its teardown), stops every PostgreSQL server it
# started there and removes the folder.
set -u
program="$1"
parent=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-sync-XXXXXX")
chmod 755 "$parent"
bin="${POS_PG_BIN:-/usr/lib/postgresql/15/bin}"

cleanup() {
  for data in "$parent"/*/data; do
    [ -f "$data/postmaster.pid" ] || continue
    if [ "$(id -u)" = 0 ]; then
      runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1
    else
      "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1
    fi
  done
  rm -rf "$parent"
}
trap cleanup EXIT INT TERM

TMPDIR="$parent" "$program"
