#!/usr/bin/env bash
# check-include-rule.sh — who may include whom (docs/ARCHITECTURE.md, Layers).
#
#   check-include-rule.sh [ROOT]      ROOT: the source tree (default: this checkout)
#
# Prints one "file:line: what" per breach and exits 1 if there is any:
#   - ui/ reaches past app/ to the store: it includes the store's private
#     headers (pos-store-private.h, pos-backup.h, pos-checkpointer.h,
#     pos-migrate*) or sqlite3.h, names sqlite3_* or PosStmt, or makes
#     threads of its own (g_thread_new, g_task_run_in_thread) instead of
#     calling app/'s _async/_finish functions;
#   - app/ includes GTK, GDK or libadwaita;
#   - db/ or drivers/ include a header that lives in app/ or ui/.
# Comments are left out of the search, so a comment may name what it avoids.
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root"

# C sources and headers under a folder, sorted so the report is stable.
sources_in() {
  [ -d "$1" ] || return 0
  find "$1" -type f \( -name '*.c' -o -name '*.h' \) -not -path '*/build/*' | LC_ALL=C sort
}

# Headers of app/ and ui/, by file name: db/ and drivers/ find headers by
# name through include paths, so the name is what gives a breach away.
upper_headers=$( (sources_in app; sources_in ui) | sed -n 's|.*/||; /\.h$/p' | LC_ALL=C sort -u | tr '\n' ' ')

# One pass over every file: comments are blanked (string literals kept),
# then each line is judged by the layer its file belongs to.
(sources_in ui; sources_in app; sources_in db; sources_in drivers) | xargs -r awk -v upper="$upper_headers" '
  BEGIN {
    n = split (upper, names, " ")
    for (i = 1; i <= n; i++) upper_header[names[i]] = 1
    split ("sqlite3_ PosStmt g_thread_new g_task_run_in_thread", ui_words, " ")
    breaches = 0
  }
  FNR == 1 { in_comment = 0; layer = FILENAME; sub (/\/.*/, "", layer) }
  function breach (what) {
    printf "%s:%d: %s\n", FILENAME, FNR, what
    breaches++
  }
  # The line without its comments.
  function code (line,    out, i, c, two, in_string) {
    out = ""; i = 1; in_string = 0
    while (i <= length (line)) {
      c = substr (line, i, 1); two = substr (line, i, 2)
      if (in_comment) {
        if (two == "*/") { in_comment = 0; i += 2 } else i++
        continue
      }
      if (in_string) {
        out = out c
        if (c == "\\") { out = out substr (line, i + 1, 1); i += 2; continue }
        if (c == "\"") in_string = 0
        i++; continue
      }
      if (two == "/*") { in_comment = 1; i += 2; continue }
      if (two == "//") break
      if (c == "\"") in_string = 1
      out = out c; i++
    }
    return out
  }
  {
    line = code ($0)
    header = ""
    if (match (line, /^[ \t]*#[ \t]*include[ \t]*[<"][^">]+[">]/)) {
      header = substr (line, RSTART, RLENGTH)
      sub (/^[^<"]*[<"]/, "", header)
      sub (/[">]$/, "", header)
    }
    base = header; sub (/.*\//, "", base)
    if (layer == "ui") {
      if (header != "") {
        if (base == "pos-store-private.h" || base == "pos-backup.h" || base == "pos-checkpointer.h" \
            || base ~ /^pos-migrate/ || base == "sqlite3.h")
          breach ("ui/ includes " header " (the store is app/\047s: call app/ instead)")
        next
      }
      for (w in ui_words)
        if (index (line, ui_words[w]))
          breach ("ui/ uses " ui_words[w] " (SQL and worker threads belong in app/; use its _async/_finish)")
    } else if (layer == "app") {
      if (header ~ /^(gtk|gdk)\// || header ~ /^(lib)?adwaita/)
        breach ("app/ includes " header " (app/ has no widgets)")
    } else if (header != "" && (base in upper_header)) {
      breach (layer "/ includes " header ", a header of app/ or ui/")
    }
  }
  END { exit breaches > 0 }
' || {
  echo "the include rule is broken (docs/ARCHITECTURE.md, Layers)" >&2
  exit 1
}
echo "include rule: ui/, app/, db/ and drivers/ keep to their layers"
