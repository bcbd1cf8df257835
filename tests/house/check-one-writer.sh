#!/usr/bin/env bash
# check-one-writer.sh — one writer per table (docs/ARCHITECTURE.md, Data model).
#
#   check-one-writer.sh [ROOT]      ROOT: the source tree (default: this checkout)
#
# Prints one "file:line: what" per statement that writes a table outside
# the module that owns it, and exits 1 if there is any. Others call the
# owner, so its checks (a product name's length, say) hold for every path:
#   - product: app/catalog/ (the catalog);
#   - tax_rate: app/catalog/pos-tax-rate.c.
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root"

# table|owner (a path prefix)
owners=(
  "product|app/catalog/"
  "tax_rate|app/catalog/pos-tax-rate.c"
)

breaches=0
for entry in "${owners[@]}"; do
  table=${entry%%|*}
  owner=${entry#*|}
  writes="(INSERT([[:space:]]+OR[[:space:]]+[A-Z]+)?[[:space:]]+INTO|REPLACE[[:space:]]+INTO|UPDATE|DELETE[[:space:]]+FROM)[[:space:]]+${table}([^A-Za-z0-9_]|$)"
  while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    file=${hit%%:*}
    line=${hit#*:}
    line=${line%%:*}
    case "$file" in "$owner"*) continue ;; esac
    echo "$file:$line: writes $table, which only $owner may write"
    breaches=$((breaches + 1))
  done < <(find app ui db drivers -type f \( -name '*.c' -o -name '*.h' \) -not -path '*/build/*' 2>/dev/null \
             | LC_ALL=C sort | xargs -r grep -nHE "$writes" || true)
done
[ "$breaches" -eq 0 ] || exit 1
