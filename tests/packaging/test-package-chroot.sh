#!/usr/bin/env bash
# test-package-chroot.sh — the Debian package on a clean Debian 12: builds
# it (packaging/dev.sh package), makes a fresh bookworm root with debootstrap
# from the archive this machine's apt uses, installs the .deb there with apt,
# runs mainstreet-admin (--version, init --demo, a sale), starts the till
# under Xvfb and keeps a screenshot, then purges the package and checks that
# nothing of it is left behind. Slow (minutes): it runs only with
# POS_TEST_PACKAGE=1, and needs root for debootstrap and chroot.
set -euo pipefail

if [ "${POS_TEST_PACKAGE:-0}" != 1 ]; then
  echo "skipped: set POS_TEST_PACKAGE=1 to build the package and test it in a fresh Debian root"
  exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "skipped: needs root for debootstrap and chroot"
  exit 77
fi

src=${POS_SOURCE_DIR:?}
art=${POS_ARTIFACTS:-/tmp}/package
mkdir -p "$art"
started=$(date +%s)
lap() { echo "[$(($(date +%s) - started)) s] $*"; }

# The Debian archive apt already uses here: the first bookworm URI.
mirror() {
  local uri
  uri=$(awk '/^URIs:/ { u = $2 } /^Suites:/ && /bookworm( |$)/ && u { print u; exit }' \
          /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && / bookworm / { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
                           /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# POS_PACKAGE_DEB: a .deb already built by `packaging/dev.sh package`.
deb=${POS_PACKAGE_DEB:-}
if [ -z "$deb" ]; then
  lap "building the package"
  deb=$("$src/packaging/dev.sh" package | tail -n 1)
fi
[ -f "$deb" ]
lap "built $(basename "$deb")"

root=$(mktemp -d /var/tmp/mainstreet-root-XXXXXX)
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc"
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

debootstrap --variant=minbase bookworm "$root" "$(mirror)" >"$art/debootstrap.log" 2>&1
lap "fresh bookworm root in $root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/mainstreet.deb"

# A desktop session's folders under HOME, so nothing the programs keep
# (GL shader caches, settings) lands in root's own home and outlives the purge.
in_root() {
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home LANG=C.UTF-8 \
    XDG_CACHE_HOME=/tmp/home/.cache XDG_CONFIG_HOME=/tmp/home/.config XDG_DATA_HOME=/tmp/home/.local/share "$@"
}
apt_in_root() { in_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }

# What the test itself needs, then the package once so its dependencies
# are in place: the install measured below adds only the package's files.
apt_in_root update >"$art/apt.log"
apt_in_root install --no-install-recommends xvfb xauth dbus fonts-dejavu-core >>"$art/apt.log"
apt_in_root install --no-install-recommends /tmp/mainstreet.deb >>"$art/apt.log"
apt_in_root purge mainstreet >>"$art/apt.log"
lap "dependencies installed"

# Every path on the root but scratch, logs, caches and dpkg's own records.
snapshot() {
  in_root find / -xdev \( -path /tmp -o -path /proc -o -path /var/log -o -path /var/cache \
                         -o -path /var/lib/apt -o -path /var/lib/dpkg \) -prune -o -print | LC_ALL=C sort
}
snapshot >"$art/before.txt"

apt_in_root install --no-install-recommends /tmp/mainstreet.deb >>"$art/apt.log"
in_root dpkg -L mainstreet >"$art/dpkg-L.txt"
lap "installed: $(wc -l <"$art/dpkg-L.txt") paths"

in_root mkdir -p /tmp/home
in_root mainstreet-admin --version | tee "$art/version.txt" | grep '^mainstreet-admin ' >/dev/null
in_root mainstreet-admin --store /tmp/shop.db init --demo >"$art/init.txt"
in_root mainstreet-admin --store /tmp/shop.db shift open --float 100 --cashier casey --pin 1234
in_root mainstreet-admin --store /tmp/shop.db sell --cashier casey --pin 1234 --scan DAI-0001 --pay cash:50 \
  | tee "$art/sell.txt"
receipt=$(awk '$1 == "receipt" { print $2 }' "$art/sell.txt")
[ -n "$receipt" ]
in_root mainstreet-admin --store /tmp/shop.db sales show "$receipt" >"$art/sale.txt"
lap "mainstreet-admin: version, demo shop, sale $receipt"

# The till on a private X server; the server keeps its screen in a file,
# read from outside until the window is drawn: a fixed wait gave a blank
# screen on a loaded machine, before the first frame.
spread_of() { convert "xwd:$1" -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0; }
in_root sh -c '
  mkdir -p /tmp/fb
  Xvfb :77 -screen 0 1280x800x24 -fbdir /tmp/fb -nolisten tcp >/tmp/xvfb.log 2>&1 &
  xvfb=$!
  sleep 2
  DISPLAY=:77 dbus-run-session -- sh -c "/usr/bin/mainstreet --store /tmp/shop.db >/tmp/app.log 2>&1 &
                                         echo \$! >/tmp/app.pid; wait" &
  for i in $(seq 1 180); do [ -e /tmp/shot-taken ] && break; sleep 1; done
  app=$(cat /tmp/app.pid)
  alive=0
  kill -0 "$app" 2>/dev/null && alive=1
  kill "$app" 2>/dev/null || true
  sleep 1
  kill "$xvfb"
  wait
  [ "$alive" = 1 ]' >"$art/till.log" 2>&1 &
till=$!
spread=0
for _ in $(seq 1 120); do
  sleep 1
  [ -s "$root/tmp/fb/Xvfb_screen0" ] || continue
  cp "$root/tmp/fb/Xvfb_screen0" "$root/tmp/screen.xwd"
  spread=$(spread_of "$root/tmp/screen.xwd")
  # Drawn, and given a moment more so the screenshot shows the whole window.
  if awk -v s="$spread" 'BEGIN { exit !(s > 0.02) }'; then
    sleep 3
    cp "$root/tmp/fb/Xvfb_screen0" "$root/tmp/screen.xwd"
    break
  fi
done
touch "$root/tmp/shot-taken"
wait "$till" || { cat "$root/tmp/app.log" >&2; echo "FAIL: the till did not stay up" >&2; exit 1; }
convert "xwd:$root/tmp/screen.xwd" "$art/mainstreet-in-debian.png"
spread=$(spread_of "$root/tmp/screen.xwd")
echo "screenshot: $art/mainstreet-in-debian.png (spread $spread)"
awk -v s="$spread" 'BEGIN { exit !(s > 0.02) }' || { echo "FAIL: the screen is blank" >&2; exit 1; }
lap "the till ran under Xvfb"

apt_in_root purge mainstreet >>"$art/apt.log"
snapshot >"$art/after.txt"
left=$(while read -r path; do
         [ "$path" = "/." ] && continue
         [ -e "$root$path" ] && ! [ -d "$root$path" ] && echo "$path"
       done <"$art/dpkg-L.txt" || true)
if [ -n "$left" ]; then
  echo "FAIL: files of the package left after purge:" >&2
  echo "$left" >&2
  exit 1
fi
if ! diff -u "$art/before.txt" "$art/after.txt"; then
  echo "FAIL: install and purge left the root different (- before, + after)" >&2
  exit 1
fi
lap "purged: no stray files"
