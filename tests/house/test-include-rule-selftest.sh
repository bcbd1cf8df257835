#!/usr/bin/env bash
# test-include-rule-selftest.sh — check-include-rule.sh on small made-up trees:
# a clean one must pass, and each kind of breach must fail naming its
# file:line, while a comment that names a forbidden thing must not.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
check="$here/check-include-rule.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# A tree that keeps to its layers, including the allowed reaches: ui/ to
# app/ and the store's public face, app/ to the store's private header.
clean_tree() {
  rm -rf "$tmp/tree"
  mkdir -p "$tmp/tree"/{db/include,drivers,app/sale,ui/sale}
  cd "$tmp/tree"
  printf '#pragma once\ntypedef struct _PosStore PosStore;\n' >db/include/pos-store.h
  printf '#pragma once\n#include "pos-store.h"\ntypedef struct sqlite3_stmt PosStmt;\n' >db/pos-store-private.h
  printf '#include "pos-store-private.h"\n#include <sqlite3.h>\nint x (void) { return sqlite3_libversion_number (); }\n' \
    >db/pos-store.c
  printf '#pragma once\n#include <glib.h>\n' >drivers/pos-escpos.h
  printf '#include "pos-escpos.h"\n' >drivers/pos-escpos.c
  printf '#pragma once\n#include "pos-store.h"\n#include "pos-escpos.h"\n' >app/sale/pos-cart.h
  printf '#include "pos-cart.h"\n#include "pos-store-private.h"\nstatic PosStmt *s;\n' >app/sale/pos-cart.c
  printf '#pragma once\n#include <gtk/gtk.h>\n#include "pos-cart.h"\n' >ui/sale/pos-sale-page.h
  printf '%s\n' '#include "pos-sale-page.h"' '#include "pos-store.h"' '#include "pos-escpos.h"' \
    '/* Never sqlite3_step here, nor g_task_run_in_thread:' ' * app/ does that (pos-store-private.h). */' \
    'static const char *why = "see app/"; // not PosStmt' >ui/sale/pos-sale-page.c
  cd - >/dev/null
}

expect_pass() {
  local what=$1 out
  if ! out=$(bash "$check" "$tmp/tree" 2>&1); then
    fail "$what: expected to pass, got: $out"
  fi
}

# expect_breach WHAT FILE:LINE: the check must fail and name FILE:LINE.
expect_breach() {
  local what=$1 where=$2 out
  if out=$(bash "$check" "$tmp/tree" 2>&1); then
    fail "$what: expected a breach at $where, but the check passed"
  elif ! grep -q "^$where: " <<<"$out"; then
    fail "$what: expected a breach at $where, got: $out"
  fi
}

clean_tree
expect_pass "a clean tree"

# Each case: a fresh clean tree, one line appended to one file.
breach_case() {
  local what=$1 file=$2 line=$3 n
  clean_tree
  printf '%s\n' "$line" >>"$tmp/tree/$file"
  n=$(wc -l <"$tmp/tree/$file")
  expect_breach "$what" "$file:$n"
}

breach_case "ui/ includes the store's private header" ui/sale/pos-sale-page.c '#include "pos-store-private.h"'
breach_case "ui/ includes pos-backup.h" ui/sale/pos-sale-page.h '#include "pos-backup.h"'
breach_case "ui/ includes pos-checkpointer.h" ui/sale/pos-sale-page.c '#  include "pos-checkpointer.h"'
breach_case "ui/ includes a pos-migrate header" ui/sale/pos-sale-page.c '#include "pos-migrate.h"'
breach_case "ui/ includes sqlite3.h" ui/sale/pos-sale-page.c '#include <sqlite3.h>'
breach_case "ui/ calls sqlite3_" ui/sale/pos-sale-page.c 'int y (void) { return sqlite3_step (0); }'
breach_case "ui/ names PosStmt" ui/sale/pos-sale-page.c 'static void *s = (PosStmt *) 0;'
breach_case "ui/ makes a thread" ui/sale/pos-sale-page.c 'void t (void) { g_thread_new ("x", 0, 0); }'
breach_case "ui/ runs a task in a thread" ui/sale/pos-sale-page.c \
  'void r (void *t) { g_task_run_in_thread (t, 0); } /* a comment after code */'
breach_case "app/ includes GTK" app/sale/pos-cart.c '#include <gtk/gtk.h>'
breach_case "app/ includes libadwaita" app/sale/pos-cart.h '#include <adwaita.h>'
breach_case "db/ includes an app/ header" db/pos-store.c '#include "pos-cart.h"'
breach_case "drivers/ includes a ui/ header" drivers/pos-escpos.c '#include "sale/pos-sale-page.h"'

# A comment that spans lines hides what it names, but the code after it counts.
clean_tree
printf '%s\n' '/* sqlite3_exec' ' PosStmt */ static int z = sqlite3_errcode (0);' >>"$tmp/tree/ui/sale/pos-sale-page.c"
expect_breach "code after a multi-line comment" "ui/sale/pos-sale-page.c:$(wc -l <"$tmp/tree/ui/sale/pos-sale-page.c")"

if [ "$failures" -gt 0 ]; then
  echo "$failures case(s) failed"
  exit 1
fi
echo "check-include-rule.sh: every case behaves"
