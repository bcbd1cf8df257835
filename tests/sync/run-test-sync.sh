#!/bin/bash
# Runs test-sync with TMPDIR in a folder of its own, and whatever happens to
# the test (a crash skips its teardown), stops every PostgreSQL server it
# started there and removes the folder.
set -u
program="$1"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/pg-lib.sh"
parent=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-sync-XXXXXX")
chmod 755 "$parent"

cleanup() {
  pos_pg_stop_all "$parent"
  rm -rf "$parent"
}
trap cleanup EXIT INT TERM

TMPDIR="$parent" "$program"
