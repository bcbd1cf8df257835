#!/usr/bin/env bash
# test-man-commands.sh MAN-PAGE — every command `mainstreet-admin --help`
# lists has an entry in the manual page, so a new command cannot ship
# undocumented.
set -euo pipefail

man_page=$1
: "${MAINSTREET_ADMIN:?set by ctest: the mainstreet-admin program}"

# The headings of the page's entries (the line after each .TP), roff
# escapes taken out: "\-" is "-", "\fB" and the like change fonts only.
headings=$(awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$man_page" | sed 's/\\-/-/g; s/\\f[BIRP]//g; s/"//g')

commands=$("$MAINSTREET_ADMIN" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || { echo "FAIL: no commands in mainstreet-admin --help" >&2; exit 1; }

missing=()
for command in $commands; do
  grep -Eq "(^|[ ,.])${command}( |,|$)" <<<"$headings" || missing+=("$command")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "FAIL: $(basename "$man_page") has no entry for: ${missing[*]}" >&2
  exit 1
fi
echo "ok: $(wc -w <<<"$commands") commands, each with an entry in $(basename "$man_page")"
