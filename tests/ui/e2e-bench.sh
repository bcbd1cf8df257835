#!/usr/bin/env bash
# e2e-bench.sh — the app's bench modes each print one line of JSON with
# their figures and quit by themselves; pos-ui-bench refuses to run
# without a display.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

: "${POS_UI_BENCH:?set by ctest: the UI bench runner}"
"$POS_UI_DEMO_STORE" "$E2E_STORE" 500
if DISPLAY= "$POS_UI_BENCH" "$MAINSTREET" "$E2E_DIR/bench" 10 20 2>"$E2E_DIR/err"; then
  fail "pos-ui-bench ran without a display"
fi
grep -q "DISPLAY" "$E2E_DIR/err" || fail "no word about the display: $(cat "$E2E_DIR/err")"
echo "ok: no display, a clear error"

pos_xvfb_start
bench() {
  GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
    MAINSTREET_BENCH=$1 MAINSTREET_BENCH_USER=Alice MAINSTREET_BENCH_PIN=1234 MAINSTREET_BENCH_SCANS=5 \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    timeout 300 dbus-run-session -- "$MAINSTREET" --store "$E2E_STORE" 2>>"$E2E_LOG" | tail -1
}
for mode_keys in "startup:ready_ms rss_kb signin_ms" "scan:frames_p50 frames_p95 frames_max" \
  "scroll:interval_p50_ms interval_p90_ms"; do
  mode=${mode_keys%%:*}
  line=$(bench "$mode")
  for key in ${mode_keys#*:}; do
    echo "$line" | grep -q "\"$key\": [0-9]" || fail "$mode: no $key in '$line'"
  done
  echo "ok: $mode → $line"
done
line=$(bench nonsense 2>&1)
grep -q "use startup, scan or scroll" "$E2E_LOG" || fail "an unknown mode was not refused"
echo "ok: unknown mode refused"
echo "PASS"
