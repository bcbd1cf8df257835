#!/usr/bin/env bash
# e2e-backup-warning.sh — the till's backup folder is on a USB stick that is
# not plugged in: the till says so in a warning under the header that stays
# (on the sign-in screen and after it), it makes no folder on its own disk,
# and the owner sees the same in the header.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib-e2e.sh"

# This till's settings as a desktop keeps them, with the folder on the stick.
export XDG_CONFIG_HOME="$E2E_DIR/config" GSETTINGS_BACKEND=keyfile
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
stick="$E2E_DIR/usb-stick"
printf "[org/mainstreet/Mainstreet]\nbackup-folder='%s/backups'\n" "$stick" \
  >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

# The warning band under the header (y 52..92 of the 1024-wide window) is
# red: its mean red well above its mean green.
banner_is_red() {
  local shot="$POS_ARTIFACTS/$E2E_NAME-$1.png" rg
  rg=$(convert "$shot" -crop 1000x30+10+58 +repage -format '%[fx:mean.r] %[fx:mean.g]' info:)
  awk -v r="${rg% *}" -v g="${rg#* }" 'BEGIN { exit !(r > 0.55 && g < 0.35) }' ||
    fail "no red warning under the header in the $1 screenshot (red, green: $rg)"
  echo "ok: warning shown ($1)"
}

e2e_start
sleep 5
e2e_wait_for "the warning in the log" grep -q "Backups: The backup folder $stick/backups is missing" "$E2E_LOG"
e2e_shot sign-in
banner_is_red sign-in
[ -e "$stick" ] && fail "the till made the missing folder on its own disk"

e2e_sign_in Olivia 4321 100
e2e_shot owner
banner_is_red owner
[ -e "$stick" ] && fail "the till made the missing folder on its own disk"
echo "ok: no folder made in place of the stick"
