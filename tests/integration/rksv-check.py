#!/usr/bin/env python3
"""Independent check of an Austrian RKSV DEP export against the BMF scenario
it was replayed from. Shares no code with the till: it decodes every JWS,
recomputes every chain value, decrypts every turnover counter with the
scenario's AES key (AES-256-CTR, IV = first 16 bytes of SHA-256 of cash box
id + receipt id), verifies every ES256 signature with the public key the
cryptographic material container gives for the key id, and compares each
receipt's fields with the scenario's instruction.

usage: rksv-check.py SCENARIO.json DIR   (DIR holds dep-export.json and
       cryptographicMaterialContainer.json); exits 1 naming the first failure.
       rksv-check.py --till DIR   checks a till's own export, which has no
       scenario: the same checks, the sums taken from the receipts themselves.
"""
import base64
import hashlib
import json
import sys
from decimal import Decimal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

FAILED = "Sicherheitseinrichtung ausgefallen"
SUMS = ["taxSetNormal", "taxSetErmaessigt1", "taxSetErmaessigt2", "taxSetNull", "taxSetBesonders"]


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def chain_value(previous):
    return base64.b64encode(hashlib.sha256(previous.encode()).digest()[:8]).decode()


def decrypt_counter(key, cash_box, receipt, value):
    iv = hashlib.sha256((cash_box + receipt).encode()).digest()[:16]
    data = base64.b64decode(value)
    plain = Cipher(algorithms.AES(key), modes.CTR(iv)).decryptor().update(data.ljust(16, b"\0"))
    return int.from_bytes(plain[: len(data)], "big", signed=True)


def cents(number):
    return int((Decimal(str(number)) * 100).to_integral_value())


def amount(c):
    sign = "-" if c < 0 else ""
    return "%s%d,%02d" % (sign, abs(c) // 100, abs(c) % 100)


def check(scenario, dep, container):
    steps = scenario["cashBoxInstructionList"]
    receipts = [r for group in dep["Belege-Gruppe"] for r in group["Belege-kompakt"]]
    if len(receipts) != len(steps):
        return "the DEP holds %d receipts, the scenario %d" % (len(receipts), len(steps))
    key = base64.b64decode(container["base64AESKey"])
    if base64.b64encode(key).decode() != scenario["base64AesKey"]:
        return "the container's AES key is not the scenario's"
    keys = container["certificateOrPublicKeyMap"]
    cash_box = scenario["cashBoxId"]
    previous, turnover, seen, last_date = None, 0, set(), ""
    for n, (jws, step) in enumerate(zip(receipts, steps), 1):
        where = "receipt %d (%s)" % (n, step["receiptIdentifier"])
        header, payload, signature = jws.split(".")
        if json.loads(b64url(header)) != {"alg": "ES256"}:
            return where + ": header is not ES256"
        code = b64url(payload).decode()
        f = code.split("_")
        if len(f) != 13 or f[0] != "" or f[1] != "R1-AT0":
            return where + ": malformed code " + code
        _, _, box, rid, date, *rest = f
        sums, counter, key_id, chain = rest[:5], rest[5], rest[6], rest[7]
        kind = step["typeOfReceipt"]
        if box != cash_box or rid != step["receiptIdentifier"] or date != step["dateToUse"]:
            return where + ": cash box, number or date differ from the scenario"
        if rid in seen:
            return where + ": receipt number used twice"
        if date < last_date:
            return where + ": dated before the receipt before it"
        seen.add(rid)
        last_date = date
        want = [0] * 5 if kind in ("START_BELEG", "NULL_BELEG") else [cents(step["simplifiedReceipt"][s]) for s in SUMS]
        if sums != [amount(c) for c in want]:
            return where + ": sums %s, expected %s" % (sums, [amount(c) for c in want])
        if chain != chain_value(previous if previous else cash_box):
            return where + ": chain value does not match the previous receipt"
        if kind == "TRAINING_BELEG":
            if base64.b64decode(counter) != b"TRA":
                return where + ": a training receipt must say TRA"
        else:
            turnover += sum(want)
            if kind == "STORNO_BELEG":
                if base64.b64decode(counter) != b"STO":
                    return where + ": a reversal must say STO"
            elif decrypt_counter(key, cash_box, rid, counter) != turnover:
                return where + ": turnover counter decrypts to %d, expected %d" % (
                    decrypt_counter(key, cash_box, rid, counter), turnover)
        if key_id != "%s-K%d" % (scenario["companyID"], step["usedSignatureDevice"]):
            return where + ": signed under key id " + key_id
        raw = b64url(signature)
        if step["signatureDeviceDamaged"]:
            if raw != FAILED.encode():
                return where + ": device was out of order but the receipt does not say so"
        else:
            entry = keys[key_id]
            public = serialization.load_der_public_key(base64.b64decode(entry["signatureCertificateOrPublicKey"]))
            der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
            try:
                public.verify(der, (header + "." + payload).encode(), ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                return where + ": signature does not verify"
        previous = jws
    return None


def check_till(dep, container):
    """A till's export: chain, signatures, counters from the receipts' own sums."""
    receipts = [r for group in dep["Belege-Gruppe"] for r in group["Belege-kompakt"]]
    key = base64.b64decode(container["base64AESKey"])
    keys = container["certificateOrPublicKeyMap"]
    previous, turnover, seen = None, 0, set()
    for n, jws in enumerate(receipts, 1):
        header, payload, signature = jws.split(".")
        f = b64url(payload).decode().split("_")
        _, suite, box, rid, date, *rest = f
        where = "receipt %d (%s)" % (n, rid)
        sums = [int(a.replace(",", "")) for a in rest[:5]]
        counter, key_id, chain = rest[5], rest[6], rest[7]
        if suite != "R1-AT0" or rid in seen:
            return where + ": bad suite or receipt number used twice"
        seen.add(rid)
        if chain != chain_value(previous if previous else box):
            return where + ": chain value does not match the previous receipt"
        if base64.b64decode(counter) != b"TRA":
            turnover += sum(sums)
            if base64.b64decode(counter) != b"STO" and decrypt_counter(key, box, rid, counter) != turnover:
                return where + ": turnover counter does not match"
        raw = b64url(signature)
        if raw != FAILED.encode():
            public = serialization.load_der_public_key(
                base64.b64decode(keys[key_id]["signatureCertificateOrPublicKey"]))
            der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
            try:
                public.verify(der, (header + "." + payload).encode(), ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                return where + ": signature does not verify"
        elif n == 1:
            return where + ": the start receipt must be signed"
        previous = jws
    print("ok: %d receipts" % len(receipts))
    return None


def main():
    if sys.argv[1] == "--till":
        dep = json.load(open(sys.argv[2] + "/dep-export.json"))
        container = json.load(open(sys.argv[2] + "/cryptographicMaterialContainer.json"))
        problem = check_till(dep, container)
        if problem:
            print("FAIL: " + problem, file=sys.stderr)
        return 1 if problem else 0
    scenario = json.load(open(sys.argv[1]))
    dep = json.load(open(sys.argv[2] + "/dep-export.json"))
    container = json.load(open(sys.argv[2] + "/cryptographicMaterialContainer.json"))
    problem = check(scenario, dep, container)
    if problem:
        print("FAIL: " + problem, file=sys.stderr)
        return 1
    print("ok: %d receipts" % len(scenario["cashBoxInstructionList"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
