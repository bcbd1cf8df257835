#!/usr/bin/env bash
# check-pot.sh [ROOT] — the translations are in order: po/POTFILES lists
# every file with strings marked for translation, po/mainstreet.pot is what
# those files say today (translators start from it), and every po/*.po
# passes `msgfmt --check`.
#
# After marking strings: `cmake --build --preset dev --target pot` rewrites
# the template; `bash po/list-sources.sh .` prints what POTFILES should list.
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-pot-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
status=0

bash po/list-sources.sh . >"$tmp/sources"
grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES | LC_ALL=C sort >"$tmp/listed"
if ! diff -u "$tmp/listed" "$tmp/sources" >"$tmp/diff"; then
  echo "FAIL: po/POTFILES is not the list of files with marked strings (- listed, + marked):" >&2
  sed -n 's/^[-+]\([^-+].*\)/  &/p' "$tmp/diff" >&2
  status=1
fi

bash po/make-pot.sh . "$tmp/mainstreet.pot"
if ! diff -u po/mainstreet.pot "$tmp/mainstreet.pot" >"$tmp/pot.diff"; then
  echo "FAIL: po/mainstreet.pot is stale; \`cmake --build --preset dev --target pot\` rewrites it:" >&2
  grep -E '^[-+](msgid|msgctxt|msgid_plural)' "$tmp/pot.diff" | head -20 >&2
  status=1
fi

shopt -s nullglob
for po in po/*.po; do
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "FAIL: $po does not pass msgfmt --check" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "ok: $(grep -c '^msgid ' po/mainstreet.pot) strings in the template, $(echo po/*.po | wc -w) translations"
exit "$status"
