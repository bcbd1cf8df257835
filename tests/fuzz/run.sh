#!/usr/bin/env bash
# run.sh — build the libFuzzer targets with clang and run each for a while.
#
#   tests/fuzz/run.sh [TARGET…]     (default: every target)
#
# Configures a build of its own (POS_FUZZ=ON, clang, ASan+UBSan+libFuzzer)
# in build/fuzz, builds only the fuzz targets, replays every input in
# tests/fuzz/regressions/<target>/, then fuzzes each target for
# POS_FUZZ_SECONDS (default 20) from its seed corpus in tests/fuzz/corpus/.
# Prints the executions per target; fails on any crash, leak or broken
# property, leaving the input in the artifacts folder to be committed as a
# regression input.
set -euo pipefail

source_dir=${POS_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build_dir=${POS_FUZZ_BUILD_DIR:-$source_dir/build/fuzz}
artifacts=${POS_ARTIFACTS:-$build_dir/artifacts}/fuzz
seconds=${POS_FUZZ_SECONDS:-20}
here=$source_dir/tests/fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(barcode csv escpos json sync-apply)

if ! command -v clang >/dev/null; then
  echo "clang is not installed (packaging/dev.sh installs clang and libclang-rt-14-dev)" >&2
  exit 1
fi

echo "Building the fuzz targets in $build_dir …"
CC=clang cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPOS_FUZZ=ON \
  -DPOS_BUILD_UI=OFF >/dev/null
cmake --build "$build_dir" --target fuzz-targets -j 2 | tail -3

mkdir -p "$artifacts"
# The fuzzers' own leak and UB checks decide; a GLib critical is a finding too.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:detect_odr_violation=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$source_dir/tests/lsan.supp:print_suppressions=0
export G_DEBUG=fatal-criticals

failed=()
for target in "${targets[@]}"; do
  exe=$build_dir/tests/fuzz/fuzz-$target
  log=$artifacts/$target.log
  regressions=$here/regressions/$target
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    if ! "$exe" -rss_limit_mb=2048 "$regressions"/* >"$artifacts/$target-regressions.log" 2>&1; then
      echo "FAIL $target: a regression input crashes again (see $artifacts/$target-regressions.log)"
      failed+=("$target")
      continue
    fi
  fi
  # New inputs go to a scratch corpus; the committed seeds stay as they are.
  work=$build_dir/corpus/$target
  mkdir -p "$work"
  if "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "$work" "$here/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "ok   $target: ${runs:-?} executions in ${seconds}s"
  else
    echo "FAIL $target: see $log; commit the input it names to tests/fuzz/regressions/$target/"
    # The seed replays the run (-seed=N); the lines before the crash say
    # what broke when it was an abort rather than a sanitizer's report.
    grep -E '^INFO: Seed:' "$log" || true
    grep -vE '^#[0-9]+|^INFO:|^\s*$' "$log" | tail -n 25 || true
    # …and the input itself, so a crash found elsewhere can be replayed here.
    for unit in "$artifacts/$target"-*; do
      case $unit in *.log) continue ;; esac
      [ -f "$unit" ] && echo "input $(basename "$unit") as base64: $(head -c 4096 "$unit" | base64 -w0)"
    done
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
