# lib-softhsm.sh — a real PKCS#11 token for the fiscal tests, in a folder.
#
# Sourced by a test: softhsm_token DIR LABEL PIN KEY… initialises a SoftHSM2
# token labelled LABEL under DIR (SOFTHSM2_CONF points there, so nothing
# outside DIR is touched) and makes one EC P-256 key pair per KEY label with
# pkcs11-tool. SOFTHSM_MODULE is the module to give the till.

SOFTHSM_MODULE=
for candidate in /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so; do
  [ -e "$candidate" ] && SOFTHSM_MODULE=$candidate && break
done

softhsm_token() {
  local dir=$1 label=$2 pin=$3 id=1
  shift 3
  [ -n "$SOFTHSM_MODULE" ] || { echo "FAIL: SoftHSM2 is not installed (softhsm2)" >&2; exit 1; }
  command -v pkcs11-tool >/dev/null || { echo "FAIL: pkcs11-tool is not installed (opensc)" >&2; exit 1; }
  mkdir -p "$dir/tokens"
  printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir" \
    >"$dir/softhsm2.conf"
  export SOFTHSM2_CONF="$dir/softhsm2.conf"
  softhsm2-util --init-token --free --label "$label" --pin "$pin" --so-pin 87654321 >/dev/null
  for key in "$@"; do
    pkcs11-tool --module "$SOFTHSM_MODULE" --token-label "$label" --login --pin "$pin" --keypairgen \
      --key-type EC:prime256v1 --label "$key" --id "$(printf '%02x' $id)" >/dev/null 2>&1
    id=$((id + 1))
  done
}
