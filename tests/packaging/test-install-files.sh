#!/usr/bin/env bash
# test-install-files.sh BUILD-DIR EXPECTED — installs the build into an
# empty DESTDIR with prefix /usr and compares the files there with the list
# in EXPECTED, so a file that goes missing or lands in the wrong folder fails.
set -euo pipefail

build=$1
expected=$2
dest=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT

# The build's prefix stays as configured; --prefix only changes this install.
DESTDIR="$dest" cmake --install "$build" --prefix /usr >/dev/null

actual=$(cd "$dest" && find . -type f -o -type l | sed 's|^\./|/|' | LC_ALL=C sort)
if ! diff -u <(LC_ALL=C sort "$expected") <(echo "$actual"); then
  echo "FAIL: the installed files differ from $expected (- expected, + installed)" >&2
  exit 1
fi

# Installed programs must run from where they are installed.
"$dest/usr/bin/mainstreet-admin" --version | grep '^mainstreet-admin ' >/dev/null
echo "ok: $(echo "$actual" | wc -l) files installed as listed"
