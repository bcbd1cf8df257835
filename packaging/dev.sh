#!/usr/bin/env bash
# dev.sh — install what Mainstreet needs, build it, and run, test or benchmark it.
#
#   packaging/dev.sh run     build and open the app on a demo shop
#   packaging/dev.sh test    build with sanitizers and run every test
#   packaging/dev.sh bench   build optimised and run the benchmarks
#   packaging/dev.sh package build the Debian package into build/package/
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Debian 12 packages: toolchain, libraries, and the real servers and devices
# the tests talk to (cupsd, PostgreSQL, umockdev, Xvfb), and clang with
# libFuzzer for the fuzz targets.
packages=(
  build-essential cmake ninja-build pkg-config git
  libglib2.0-dev libglib2.0-bin libsqlite3-dev sqlite3 libjson-glib-dev libsodium-dev libpq-dev libicu-dev
  libsecret-1-dev gnome-keyring
  libusb-1.0-0-dev libcups2-dev libcairo2-dev libpango1.0-dev libgdk-pixbuf-2.0-dev libqrencode-dev libzint-dev
  libgtk-4-dev libadwaita-1-dev libcmocka-dev libp11-kit-dev libssl-dev
  softhsm2 opensc python3-cryptography
  cups cups-client cups-bsd postgresql umockdev libumockdev-dev
  xvfb xauth xdotool imagemagick zbar-tools poppler-utils dbus dbus-x11 fonts-dejavu-core
  python3-gi gir1.2-atspi-2.0
  desktop-file-utils appstream gettext python3 clang-format libxml2-utils
  clang libclang-rt-14-dev
  debhelper lintian debootstrap
)
# Installed without their recommends: yelp-tools recommends a desktop portal
# whose D-Bus service changes how GTK behaves in the UI tests.
bare_packages=(yelp-tools)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing_of() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep 'install ok installed' >/dev/null || echo "$p"
  done
}

install_packages() {
  local missing bare
  mapfile -t missing < <(missing_of "${packages[@]}")
  mapfile -t bare < <(missing_of "${bare_packages[@]}")
  [ ${#missing[@]} -eq 0 ] && [ ${#bare[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]} ${bare[*]}"
  as_root apt-get update -q
  if [ ${#missing[@]} -gt 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
  if [ ${#bare[@]} -gt 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${bare[@]}"
  fi
}

# The locales the language tests switch between (po/, docs/ARCHITECTURE.md,
# Languages): glibc translates only into a locale the system has generated.
test_locales=(de_DE fr_FR es_ES it_IT nl_NL pl_PL de_CH en_US)

ensure_locales() {
  local missing=() l
  for l in "${test_locales[@]}"; do
    locale -a 2>/dev/null | grep -ix "$l.utf-\?8" >/dev/null || missing+=("$l")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Generating locales: ${missing[*]}"
  for l in "${missing[@]}"; do
    as_root sh -c "grep -qx '$l.UTF-8 UTF-8' /etc/locale.gen || echo '$l.UTF-8 UTF-8' >>/etc/locale.gen"
  done
  as_root locale-gen
}

build() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
}

# The store the app opens in `run`: a demo shop in the user's data folder,
# made once and kept, so sales rung up while trying it out stay.
demo_store() {
  local dir="${XDG_DATA_HOME:-$HOME/.local/share}/mainstreet"
  mkdir -p "$dir"
  local store="$dir/demo.db"
  if [ ! -f "$store" ]; then
    echo "Creating the demo shop in $store …" >&2
    build/release/app/mainstreet-admin --store "$store" init --demo >/dev/null
  fi
  echo "$store"
}

cmd_run() {
  install_packages
  build release
  local store
  store=$(demo_store)
  if [ -x build/release/ui/mainstreet ]; then
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "No display: run this from a desktop session, or start one with:"
      echo "  Xvfb :99 & DISPLAY=:99 packaging/dev.sh run"
      exit 1
    fi
    # The schema compiled in the build tree: "This till" and "Backups" need it.
    GSETTINGS_SCHEMA_DIR="$root/build/release/ui/schemas${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
      exec build/release/ui/mainstreet --store "$store"
  fi
  echo "Demo shop ready: $store"
  echo "Try: build/release/app/mainstreet-admin --store $store report x"
}

# The package test (label `package`) installs the .deb into a fresh Debian
# root and takes minutes: it runs only with POS_TEST_PACKAGE=1.
cmd_test() {
  install_packages
  ensure_locales
  build dev
  local skip=()
  [ "${POS_TEST_PACKAGE:-0}" = 1 ] || skip=(-LE package)
  ctest --preset dev --output-on-failure -j "$(nproc)" "${skip[@]}" "$@"
}

# A Debian package built with dpkg-buildpackage from a copy of the tracked
# sources (dpkg-buildpackage writes next to the source folder), checked
# with lintian. Prints the path of the .deb.
cmd_package() {
  install_packages
  local out="$root/build/package"
  rm -rf "$out"
  mkdir -p "$out/src"
  local f
  while IFS= read -r -d '' f; do
    if [ -e "$f" ]; then cp --parents "$f" "$out/src"; fi
  done < <(git ls-files -z --cached --others --exclude-standard)
  (cd "$out/src" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -us -uc -b >&2)
  local deb
  deb=$(ls "$out"/mainstreet_*.deb)
  lintian --fail-on error "$out"/mainstreet_*.changes >&2
  echo "$deb"
}

# The benchmarks, with a PostgreSQL of their own for the sync figure and a
# private X server for the app's figures. Both live in a scratch folder
# and stop on any exit; arguments go to `mainstreet-admin bench` (--quick,
# --json, --dir DIR, --hub CONNINFO, --app PATH).
cmd_bench() {
  install_packages
  build release
  . tests/sync/pg-lib.sh
  . tests/ui/xvfb-lib.sh
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/mainstreet-bench-XXXXXX")
  chmod 755 "$scratch"
  trap 'pos_xvfb_stop; pos_pg_stop_all "$scratch"; rm -rf "$scratch"' EXIT INT TERM
  local extra=() run=()
  if [ -x build/release/ui/mainstreet-bench ] && command -v Xvfb >/dev/null; then
    echo "Starting a private X server for the app's figures …" >&2
    pushd "$scratch" >/dev/null
    pos_xvfb_start
    popd >/dev/null
    extra+=(--app build/release/ui/mainstreet-bench)
    run=(dbus-run-session --)
  fi
  if [ -x "$(pos_pg_bin)/initdb" ]; then
    echo "Starting a private PostgreSQL for the sync figure …" >&2
    extra+=(--hub "$(pos_pg_start "$scratch")")
  else
    echo "PostgreSQL is not installed: the sync figure is skipped" >&2
  fi
  "${run[@]}" build/release/app/mainstreet-admin bench "${extra[@]}" "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  package) shift; cmd_package "$@" ;;
  *)
    echo "usage: packaging/dev.sh run|test|bench|package" >&2
    exit 2
    ;;
esac
