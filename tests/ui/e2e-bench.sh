#!/usr/bin/env bash
# e2e-bench.sh — mainstreet-bench's modes each print one line of JSON with
# their figures and quit by themselves; pos-ui-bench refuses to run
# without a display; the shipped app has no bench mode at all.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

: "${POS_UI_BENCH:?set by ctest: the UI bench runner}"
: "${MAINSTREET_BENCH_APP:?set by ctest: the mainstreet-bench program}"
"$POS_UI_DEMO_STORE" "$E2E_STORE" 500
if DISPLAY= "$POS_UI_BENCH" "$MAINSTREET_BENCH_APP" "$E2E_DIR/bench" 10 20 2>"$E2E_DIR/err"; then
  fail "pos-ui-bench ran without a display"
fi
grep -q "DISPLAY" "$E2E_DIR/err" || fail "no word about the display: $(cat "$E2E_DIR/err")"
echo "ok: no display, a clear error"

pos_xvfb_start
bench() {
  GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    timeout 300 dbus-run-session -- "$MAINSTREET_BENCH_APP" --mode "$1" --user Alice --pin 1234 --scans 5 \
    --store "$E2E_STORE" 2>>"$E2E_LOG" | tail -1
}
for mode_keys in "startup:ready_ms rss_kb signin_ms" "scan:frames_p50 frames_p95 frames_max" \
  "scroll:interval_p50_ms interval_p90_ms"; do
  mode=${mode_keys%%:*}
  line=$(bench "$mode")
  for key in ${mode_keys#*:}; do
    echo "$line" | grep "\"$key\": [0-9]" >/dev/null || fail "$mode: no $key in '$line'"
  done
  echo "ok: $mode → $line"
done
# Figure 6b's baskets: a new sale every --lines scans; on the corner shop,
# whose products all have barcodes. (12 lines: past about 16 the cart shows
# its newest line cut off at the bottom, and the scan is never seen whole.)
"$POS_UI_DEMO_STORE" "$E2E_DIR/corner.db" --corner-shop
line=$(GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
  timeout 300 dbus-run-session -- "$MAINSTREET_BENCH_APP" --mode scan --user casey --pin 1234 --scans 14 \
  --lines 12 --store "$E2E_DIR/corner.db" 2>>"$E2E_LOG" | tail -1)
echo "$line" | grep '"scans": 14, "lines": 12, "frames_p50": [0-9]' >/dev/null || fail "scan --lines 12: '$line'"
echo "ok: scan in 12-line baskets → $line"
line=$(bench nonsense 2>&1)
grep -q "use startup, scan or scroll" "$E2E_LOG" || fail "an unknown mode was not refused"
echo "ok: unknown mode refused"
# The shipped app knows no bench: neither the old switch nor the option.
GDK_BACKEND=x11 MAINSTREET_BENCH=startup timeout 60 dbus-run-session -- "$MAINSTREET" --mode startup \
  --store "$E2E_STORE" >"$E2E_DIR/shipped" 2>&1 && fail "mainstreet took a bench option"
grep -q "mode" "$E2E_DIR/shipped" || fail "mainstreet gave no word on --mode: $(cat "$E2E_DIR/shipped")"
# No -q: under pipefail, nm cut off by an early exit would hide a match.
if nm -C "$MAINSTREET" 2>/dev/null | grep pos_bench_mode_start >/dev/null; then
  fail "the shipped app contains the bench driver"
fi
echo "ok: the shipped app has no bench mode"
echo "PASS"
