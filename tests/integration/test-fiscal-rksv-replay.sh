#!/usr/bin/env bash
# Austria: the BMF's four test-suite scenarios are replayed through the
# till's receipt code, signing on a real PKCS#11 token (SoftHSM2), and the
# DEP export is checked twice: by `fiscal verify`, and independently by
# rksv-check.py (python3-cryptography: chain values, turnover counters
# decrypted with the scenario's AES key, every ES256 signature with the
# container's public key, numbers, dates and sums against the scenario). A
# tampered export — an amount changed, a receipt dropped, a signature
# swapped, a counter altered — is caught by both, which name the receipt.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
here=$(cd "$(dirname "$0")" && pwd)
scenarios="$here/../data/fiscal/rksv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
. "$here/lib-softhsm.sh"

softhsm_token "$work/hsm" rksv 4711 rksv-0 rksv-1 rksv-2
replay() {
  "$admin" fiscal replay "$1" --out "$2" --module "$SOFTHSM_MODULE" --token rksv --pin 4711 \
    --key rksv-0 --key rksv-1 --key rksv-2
}

for n in 1 2 3 4; do
  scenario="$scenarios/TESTSUITE_TEST_SZENARIO_$n.json"
  out="$work/scenario-$n"
  replay "$scenario" "$out" >/dev/null || fail "scenario $n did not replay"
  "$admin" fiscal verify "$out" >/dev/null || fail "scenario $n: fiscal verify refused its own DEP"
  python3 "$here/rksv-check.py" "$scenario" "$out" >/dev/null || fail "scenario $n: the independent check failed"
done

# A wrong PIN or a missing key is a clear error, and nothing is written.
if "$admin" fiscal replay "$scenarios/TESTSUITE_TEST_SZENARIO_1.json" --out "$work/bad" --module \
  "$SOFTHSM_MODULE" --token rksv --pin 0000 --key rksv-0 --key rksv-1 --key rksv-2 2>"$work/err"; then
  fail "a wrong token PIN replayed"
fi
grep -q "Signature device" "$work/err" || fail "wrong PIN: $(cat "$work/err")"
[ ! -e "$work/bad" ] || fail "a failed replay wrote files"

# Tampering: each edit of scenario 1's DEP is caught by both checkers.
tamper() {
  local edit=$1 want=$2 name=tampered-$1
  rm -rf "$work/$name"
  cp -r "$work/scenario-1" "$work/$name"
  python3 - "$work/$name/dep-export.json" "$edit" <<'PY'
import base64, json, sys
path, edit = sys.argv[1], sys.argv[2]
dep = json.load(open(path))
r = dep["Belege-Gruppe"][0]["Belege-kompakt"]
def enc(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")
def dec(t): return base64.urlsafe_b64decode(t + "=" * (-len(t) % 4))
if edit == "amount":     # receipt 6 (a standard receipt): 120,34 becomes 12,34
    h, p, s = r[5].split(".")
    r[5] = ".".join([h, enc(dec(p).replace(b"_120,34_", b"_12,34_")), s])
elif edit == "drop":     # receipt 12 vanishes
    del r[11]
elif edit == "signature":  # receipt 3 carries receipt 2's signature
    r[2] = ".".join(r[2].split(".")[:2] + [r[1].split(".")[2]])
elif edit == "counter":  # receipt 5's turnover counter of receipt 4
    h, p, s = r[4].split(".")
    f4, f5 = dec(r[3].split(".")[1]).split(b"_"), dec(p).split(b"_")
    f5[10] = f4[10]
    r[4] = ".".join([h, enc(b"_".join(f5)), s])
json.dump(dep, open(path, "w"))
PY
  if "$admin" fiscal verify "$work/$name" >/dev/null 2>"$work/err"; then fail "fiscal verify missed: $name"; fi
  grep -q "$want" "$work/err" || fail "fiscal verify on $name: $(cat "$work/err") (expected $want)"
  if python3 "$here/rksv-check.py" "$scenarios/TESTSUITE_TEST_SZENARIO_1.json" "$work/$name" 2>/dev/null; then
    fail "the independent check missed: $name"
  fi
}
tamper amount "Receipt 6 (CASHBOX-DEMO-1-Receipt-ID-6): the turnover counter does not match"
tamper drop "Receipt 12 (CASHBOX-DEMO-1-Receipt-ID-13): its chain value"
tamper signature "Receipt 3 (CASHBOX-DEMO-1-Receipt-ID-3): the signature does not verify"
tamper counter "Receipt 5 (CASHBOX-DEMO-1-Receipt-ID-5): the signature does not verify"
echo "ok"
