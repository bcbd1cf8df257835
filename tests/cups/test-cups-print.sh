#!/usr/bin/env bash
# test-cups-print.sh — printing through a real, private cupsd.
#
# Starts cupsd from a temporary folder (its own config, spool, logs; nothing
# of the system's CUPS is touched), adds a raw queue whose device is a
# socket:// to a capturing listener, prints through the cups: transport with
# CUPS_SERVER pointing at it, and checks the listener got exactly our bytes.
# Then the failure paths: a printer that is off, a queue that does not exist,
# a paused queue, no CUPS at all. cupsd is always stopped on exit.
#
# usage: test-cups-print.sh PATH/TO/pos-print-probe
set -euo pipefail

probe=$1
cupsd=${CUPSD:-cupsd}
lpadmin=${LPADMIN:-lpadmin}
base=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-cups-XXXXXX")
chmod 755 "$base" # the backend runs as the unprivileged CUPS user
pids=()
# shellcheck source=cupsd-fixture.sh
source "$(dirname "${BASH_SOURCE[0]}")/cupsd-fixture.sh"

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "${POS_KEEP_TMP:-}" ]; then echo "kept $base"; else rm -rf "$base"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [ -f "$base/log/error_log" ] && tail -n 30 "$base/log/error_log" >&2
  exit 1
}

# Runs the probe and checks it failed with the given error code name.
expect_error() {
  local code=$1
  shift
  local out
  if out=$("$probe" "$@" 2>&1); then fail "expected $code from: $*"; fi
  grep -q "^ERROR $code:" <<<"$out" || fail "expected $code, got: $out"
  echo "ok: $code — $out"
}

cups_port=$(free_port)
hold_dead_port
write_config
start_cupsd
start_capture
add_queue receipt "socket://127.0.0.1:$capture_port"
add_queue switched-off "socket://127.0.0.1:$dead_port"
export CUPS_SERVER="127.0.0.1:$cups_port"

# Every byte value, an init, text and a cut: nothing may be filtered.
python3 -c 'import sys; sys.stdout.buffer.write(b"\x1b@" + bytes(range(256)) * 64 + b"Total 12.50\n\x1dV\x00")' \
  >"$base/receipt.bin"
size=$(stat -c %s "$base/receipt.bin")

"$probe" print cups:receipt "$base/receipt.bin" 30000 || fail "printing to cups:receipt failed"
"$probe" print cups:receipt "$base/receipt.bin" 30000 || fail "second print to cups:receipt failed"
# The transport waited for "completed", so the listener has everything now.
cat "$base/receipt.bin" "$base/receipt.bin" >"$base/expected.bin"
cmp "$base/expected.bin" "$base/captured.bin" || fail "captured bytes differ from what was sent"
echo "ok: two raw jobs of $size bytes arrived unchanged"

listed=$("$probe" list)
grep -q "^cups:receipt" <<<"$listed" || fail "pos_printers_list does not show cups:receipt: $listed"
echo "ok: cups:receipt is listed"

start=$(date +%s)
expect_error TIMEOUT print cups:switched-off "$base/receipt.bin" 2000
[ $(($(date +%s) - start)) -le 10 ] || fail "the switched-off printer took too long to report"
# The job was cancelled, so it will not print by surprise later.
[ -z "$(lpstat -h "127.0.0.1:$cups_port" -o switched-off)" ] || fail "the timed-out job is still queued"

expect_error NOT_FOUND print cups:no-such-queue "$base/receipt.bin" 2000

cupsdisable -h "127.0.0.1:$cups_port" receipt
expect_error OFFLINE print cups:receipt "$base/receipt.bin" 2000
cupsenable -h "127.0.0.1:$cups_port" receipt

CUPS_SERVER="127.0.0.1:$dead_port" expect_error OFFLINE print cups:receipt "$base/receipt.bin" 2000
echo "PASS"
