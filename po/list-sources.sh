#!/usr/bin/env bash
# list-sources.sh SOURCE-DIR — the files that hold strings marked for
# translation, one a line: what po/POTFILES must list.
set -euo pipefail
cd "$1"
{
  find app ui drivers db -type f -name '*.c' -not -path '*/build/*' -print0 \
    | xargs -0 grep -l -E '(^|[^A-Za-z0-9_])(N?C?_|dngettext|ngettext) \(' || true
  find ui -type f -name '*.ui' -print0 | xargs -0 grep -l 'translatable="yes"' || true
  find packaging -maxdepth 1 -type f -name '*.in'
} | LC_ALL=C sort -u
