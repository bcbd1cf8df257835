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

# The till's smallest screen, where the cart shows the fewest lines.
POS_XVFB_SIZE=1024x768 pos_xvfb_start
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
# Figure 6b: 20 promotions open and 50-line baskets, on the corner shop,
# whose products all have barcodes. Each scan counts only once its line is
# whole on screen, so a cart that leaves its newest line below the edge
# (it did past about 20 lines at 1024×768) gives no figure at all.
"$POS_UI_DEMO_STORE" "$E2E_DIR/corner.db" --corner-shop
categories=("Pantry" "Dairy & eggs" "Soft drinks, beer & wine" "Household" "Snacks & sweets")
for i in $(seq 1 20); do
  case $((i % 3)) in
    0) kind=(--kind percent --percent $((5 + i))) ;;
    1) kind=(--kind multibuy --buy 3 --pay 2) ;;
    2) kind=(--kind amount --amount 0.$((10 + i))) ;;
  esac
  "$MAINSTREET_ADMIN" --store "$E2E_DIR/corner.db" promo add "Bench promotion $i" "${kind[@]}" \
    --category "${categories[$((i % 5))]}" --as olivia --as-pin 4321 >/dev/null 2>>"$E2E_LOG" ||
    fail "promotion $i not added: $(tail -1 "$E2E_LOG")"
done
[ "$(sqlite3 "$E2E_DIR/corner.db" "SELECT count(*) FROM promotion")" = 20 ] || fail "not 20 promotions"
line=$(GDK_BACKEND=x11 GDK_DEBUG=gl-disable GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
  timeout 300 dbus-run-session -- "$MAINSTREET_BENCH_APP" --mode scan --user casey --pin 1234 --scans 60 \
  --lines 50 --store "$E2E_DIR/corner.db" 2>>"$E2E_LOG" | tail -1)
echo "$line" | grep '"scans": 60, "lines": 50, "frames_p50": [0-9]' >/dev/null || fail "scan --lines 50: '$line'"
echo "ok: scan in 50-line baskets with 20 promotions → $line"
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
