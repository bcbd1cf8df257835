#!/usr/bin/env bash
# mainstreet-admin bench on a store of a chosen size: every figure in --json
# with its budget, the stock take (15) and the valuation (16) with the limit
# measured beside them and their ratio, each named at the scale it ran.
set -euo pipefail

. "$(dirname "$0")/lib-cli.sh"

status=0
"$admin" bench --quick --products 1500 --sales-lines 3000 --json --dir "$work" >"$work/out" 2>"$work/err" \
  || status=$?
# 0 when all pass, 1 when a figure misses its budget on a busy machine; never a usage or store error.
[ "$status" -le 1 ] || fail "bench exited $status: $(cat "$work/err")"
[ -f "$work/bench-1500-3000.db" ] || fail "no store of the size asked for"
python3 - "$work/out" <<'PY' || fail "figures: $(cat "$work/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["store"]["products"] == 1500 and d["store"]["sale_lines"] == 3000, d["store"]
figures = {str(f["id"]): f for f in d["figures"]}
for f in d["figures"]:
    assert "budget" in f and "pass" in f, f
for fid in ("15", "16"):
    f = figures[fid]
    assert f["limit"]["median"] > 0 and f["limit"]["samples"] > 0, f
    assert f["ratio"] > 0, f
    assert f["p95"] >= f["median"] > 0, f
assert figures["15"]["samples"] == 4000 and "4000 scans" in figures["15"]["name"], figures["15"]
assert figures["15"]["budget"]["p95_ms"] < 34, figures["15"]
assert "1500 products" in figures["16"]["name"] and figures["16"]["budget"]["p95_ms"] == 1000, figures["16"]
assert "6b" in d["skipped"], d["skipped"]
PY
echo "ok: figures 15 and 16 with their limits, at the store's own scale"

# --sales-lines alone names no store size.
status=0
"$admin" bench --sales-lines 10 --dir "$work" >/dev/null 2>"$work/err" || status=$?
[ "$status" -eq 2 ] || fail "--sales-lines without --products exited $status"
echo "PASS"
