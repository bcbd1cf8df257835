#!/usr/bin/env bash
# make-pot.sh SOURCE-DIR OUT — extracts every string marked for translation
# in the files listed in po/POTFILES into the template OUT.
#
# Locations are written without line numbers, so the template changes only
# when a string or a file does: tests/house/check-pot.sh compares it with
# po/mainstreet.pot, which translators start from.
set -euo pipefail

src=$1
out=$2
xgettext=${XGETTEXT:-xgettext}

cd "$src"
mapfile -t files < <(grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES)
"$xgettext" --from-code=UTF-8 --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
  --package-name=mainstreet --msgid-bugs-address=mainstreet@packages.invalid \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 --keyword=dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --flag=g_error_new:3:c-format --flag=g_prefix_error:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_printerr:1:c-format --flag=g_print:1:c-format \
  -o "$out.tmp" "${files[@]}"
# The header's creation date changes on every run and means nothing here.
sed -i -e '/^"POT-Creation-Date:/d' -e 's/charset=CHARSET/charset=UTF-8/' "$out.tmp"
mv "$out.tmp" "$out"
