#!/usr/bin/env bash
# check-clang-format.sh — every .c and .h of the project formatted as the
# project's .clang-format says. Checks only: it never rewrites a file.
#
#   check-clang-format.sh [ROOT]      ROOT: the source tree (default: this checkout)
#
# Lists each file clang-format would change and exits 1 if there is any;
# `clang-format -i FILE` formats one. CLANG_FORMAT picks the program.
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root"
clang_format=${CLANG_FORMAT:-clang-format}

# The project's sources, not what a build or a test left behind.
files=$(find db drivers app ui tests -type f \( -name '*.c' -o -name '*.h' \) \
          -not -path '*/build/*' -not -path '*/_build/*' -not -path 'tests/artifacts/*' | LC_ALL=C sort)

total=$(wc -w <<<"$files")
# One run over every file; each place it would change is reported as
# "FILE:LINE:COL: error: code should be clang-formatted".
# shellcheck disable=SC2086
report=$("$clang_format" --style=file --dry-run --Werror $files 2>&1) && status=0 || status=$?
unformatted=$(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' <<<"$report" | LC_ALL=C sort -u)

if [ -n "$unformatted" ]; then
  sed 's/$/: not formatted (clang-format -i FILE formats it)/' <<<"$unformatted"
  echo "$(wc -l <<<"$unformatted") of $total files are not formatted as .clang-format says" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "$report" >&2
  exit 1
fi
echo "clang-format: all $total files formatted"
