#!/usr/bin/env bash
# A German shop hands its auditor the DSFinV-K export of two days: mixed
# 19 % and 7 % baskets paid in cash and by card, a refund each day, a Z
# report each day. The export must hold every file the specification names,
# index.xml must be valid against the GDPdU DTD that comes with it, every
# CSV header must match index.xml, and per Z the receipts, their VAT and
# their payments must add up to the Z report to the cent; the drawer's cash
# that is no sale (opening float, paid in, paid out, the cash taken away at
# a shift's close and its difference) is exported as its business cases,
# so each closing's cash is opening float + cash takings + paid in − paid
# out, which is the cash the Z expects in the drawer; a training sale is an
# AVTraining receipt with its lines outside every sum. Vouchers and sales on
# account are business cases, not payments: gift cards (multi-purpose) and
# single-purpose vouchers sold and spent, a sale on account (a claim
# arises) and cash paid against the account (the claim settled), each
# reconciled to the cent. A layaway's deposit and part payments (day one
# and two) are receipts of their own, advance payments split by the VAT of
# the reserved goods, released at those rates when the goods are
# collected; a second layaway cancelled with part of its deposit given
# back reverses that part and turns the fee kept into revenue; a third
# laid away and paid partly from the gift card is an advance the card's
# redemption pays; their cash is in the drawer the Z expects. Every VAT key, business case and payment
# type is one of the specification's closed lists. The same range
# exported twice gives the same bytes; bad input writes nothing, and each
# export is recorded in the journal with its files' checksums.
#
# Two business days with the real clock: the till's day is the local date
# of its time zone, so day one is rung up far west of UTC (UTC-12) and day
# two far east (UTC+14), whose date is always a day or two later.
set -euo pipefail

admin=${MAINSTREET_ADMIN:?}
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
store="$work/shop.db"
run() { "$admin" --store "$store" "$@"; }
west() { TZ=Etc/GMT+12 run "$@"; }
east() { TZ=Etc/GMT-14 run "$@"; }
export_as() { TZ=Europe/Berlin run "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$store" "$1"; }
expect_exit() {
  local want=$1 got=0
  shift
  "$@" >"$work/out" 2>"$work/err" || got=$?
  [ "$got" = "$want" ] || fail "$* exited $got, not $want: $(cat "$work/err")"
}

run init --owner olivia --owner-pin 4321 --till T1 --currency EUR >/dev/null
as_owner=(--as olivia --as-pin 4321)
run settings add-tax-rate N Normal 19 "${as_owner[@]}"
run settings add-tax-rate R Reduced 7 "${as_owner[@]}"
# A name with a semicolon and quotes, which the CSV files must quote.
run settings set shop_name 'Bäckerei "Zum Eck"; Inh. Müller' "${as_owner[@]}"
run settings set shop_address 'Hauptstraße 1, 10115 Berlin' "${as_owner[@]}"
run settings set shop_tax_id DE123456789 "${as_owner[@]}"
run settings set fiscal_profile DE-KassenSichV "${as_owner[@]}"
run users add casey --role cashier --pin 1234 "${as_owner[@]}"
run product add BREAD --name Bread --price 3.20 --tax R "${as_owner[@]}" >/dev/null
run product add MILK --name 'Milk 1,5 %' --price 1.19 --tax R "${as_owner[@]}" >/dev/null
run product add SOAP --name Soap --price 2.50 --tax N "${as_owner[@]}" >/dev/null
run product add WINE --name Wine --price 7.99 --tax N "${as_owner[@]}" >/dev/null
# A rate of 10.7 % (VAT key 3) and goods exempt from VAT at 0 % (key 6).
run settings add-tax-rate F Farm 10.7 "${as_owner[@]}"
run settings add-tax-rate Z Exempt 0 "${as_owner[@]}"
run product add HONEY --name Honey --price 4.50 --tax F "${as_owner[@]}" >/dev/null
run product add STAMP --name Stamp --price 0.95 --tax Z "${as_owner[@]}" >/dev/null
run stock receive 'BREAD*20' 'MILK*20' 'SOAP*20' 'WINE*20' "${as_owner[@]}" >/dev/null
sqlite3 "$store" "INSERT INTO customer (name, card_code, created_at) VALUES ('Ada Lovelace', 'LC-1', '2026-01-01T00:00:00.000Z')"
run account limit LC-1 50.00 "${as_owner[@]}" >/dev/null
mkdir "$work/backups"
west shift open --float 100.00 --cashier casey --pin 1234 >/dev/null

# Day one: T1-1 … T1-3, a refund T1-4 of one soap, cash paid in and out, a
# training sale T1-T1, Z 1.
west shift paid-in 20.00 --reason 'Change from the bank' --cashier olivia --pin 4321 >/dev/null
west sell --cashier casey --pin 1234 --scan 'BREAD*2' --scan SOAP --pay cash:20 >/dev/null
west fiscal training on --as olivia --as-pin 4321 >/dev/null
west sell --cashier casey --pin 1234 --scan WINE --pay cash:10 >/dev/null
west fiscal training off --as olivia --as-pin 4321 >/dev/null
west shift paid-out 7.50 --reason 'Window cleaner' --cashier olivia --pin 4321 >/dev/null
west sell --cashier casey --pin 1234 --scan MILK --scan WINE --scan 'SOAP*3' --pay card:16.68:A1 >/dev/null
west sell --cashier casey --pin 1234 --scan 'MILK*4' --scan WINE --pay cash:5 --pay card:7.75:A2 >/dev/null
west refund T1-1 --line 2 --qty 1 --cashier olivia --pin 4321 --pay cash:2.50 >/dev/null
# Layaway T1-L1: wine and bread (11.19), 3.00 down in cash, 4.00 by card.
west layaway open --name 'Ada Lovelace' --scan WINE --scan BREAD --deposit cash:3.00 \
  --cashier casey --pin 1234 >/dev/null
west layaway pay T1-L1 card:4.00:A3 --cashier casey --pin 1234 >/dev/null
west --json report z "${as_owner[@]}" --backup-folder "$work/backups" >"$work/z1.json"
# Day two: the shift carries its cash over; T1-5, cash paid out, the shift
# closed a little short and a new one opened, T1-6, a card refund T1-7 of
# day one's wine, Z 2.
east sell --cashier casey --pin 1234 --scan 'BREAD*3' --scan 'WINE*2' --pay card:25.58:B1 >/dev/null
east shift paid-out 12.00 --reason Stamps --cashier olivia --pin 4321 >/dev/null
east shift close --count 50.00=2 --count 5.00=3 --cashier casey --pin 1234 >/dev/null
east shift open --float 50.00 --cashier casey --pin 1234 >/dev/null
east sell --cashier casey --pin 1234 --scan SOAP --scan MILK --pay cash:10 >/dev/null
east refund T1-2 --line 2 --qty 1 --cashier olivia --pin 4321 --pay card:7.99:B2 >/dev/null
# Vouchers and an account: a gift card (multi-purpose) sold T1-8 and
# partly spent T1-9; honey, soap and a stamp on account T1-10 and cash paid
# against the account; a single-purpose voucher for bread sold T1-11 and
# spent in full T1-12, which no payment pays.
east voucher issue 20.00 --code GIFT-0001 --cashier casey --pin 1234 --pay cash:20 >/dev/null
east sell --cashier casey --pin 1234 --scan WINE --scan 'BREAD*2' --pay voucher:GIFT-0001:12.00 \
  --pay card:2.39:B3 >/dev/null
east sell --cashier casey --pin 1234 --scan HONEY --scan SOAP --scan STAMP --customer LC-1 --pay account:7.95 >/dev/null
east account pay LC-1 5.00 --cashier casey --pin 1234 >/dev/null
east voucher issue 9.60 --kind spv --tax R --code SPV-0001 --cashier casey --pin 1234 --pay card:9.60:B4 >/dev/null
east sell --cashier casey --pin 1234 --scan 'BREAD*3' --pay voucher:SPV-0001:9.60 >/dev/null
# T1-L1 paid off in cash and collected (T1-13); T1-L2, soap and milk
# (6.19) with 2.00 down by card, cancelled: 1.40 given back in cash, 0.60
# kept.
east layaway pay T1-L1 cash:4.19 --cashier casey --pin 1234 >/dev/null
east layaway collect T1-L1 --cashier casey --pin 1234 >/dev/null
east layaway open --name Bob --scan 'SOAP*2' --scan MILK --deposit card:2.00:B5 --cashier casey --pin 1234 >/dev/null
east layaway cancel T1-L2 --give-back cash:1.40 "${as_owner[@]}" >/dev/null
# T1-L3, two soaps (5.00), 1.00 down in cash and 2.00 from the gift card.
east layaway open --name Cleo --scan 'SOAP*2' --deposit cash:1.00 --cashier casey --pin 1234 >/dev/null
east layaway pay T1-L3 voucher:GIFT-0001:2.00 --cashier casey --pin 1234 >/dev/null
east --json report z "${as_owner[@]}" --backup-folder "$work/backups" >"$work/z2.json"

day1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["business_day"])' "$work/z1.json")
day2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["business_day"])' "$work/z2.json")
[ "$day1" \< "$day2" ] || fail "the two Z reports close $day1 and $day2"

# Bad input: a clear error, and no folder, file or journal event left behind.
events() { q "SELECT count (*) FROM journal WHERE type = 'fiscal.export'"; }
expect_exit 4 export_as fiscal export dsfinvk --from 2026-02-30 --to "$day2" "$work/bad"
grep -q "is not a day" "$work/err" || fail "unknown day: $(cat "$work/err")"
expect_exit 4 export_as fiscal export dsfinvk --from "$day2" --to "$day1" "$work/bad"
grep -q "before it starts" "$work/err" || fail "reversed range: $(cat "$work/err")"
expect_exit 3 export_as fiscal export dsfinvk --from 2001-01-01 --to 2001-12-31 "$work/bad"
grep -q "no Z report" "$work/err" || fail "empty range: $(cat "$work/err")"
touch "$work/a-file"
expect_exit 1 export_as fiscal export dsfinvk --from "$day1" --to "$day2" "$work/a-file/out"
grep -q "Cannot write the export" "$work/err" || fail "unwritable folder: $(cat "$work/err")"
mkdir "$work/full" && echo keep >"$work/full/notes.txt"
expect_exit 4 export_as fiscal export dsfinvk --from "$day1" --to "$day2" "$work/full"
[ "$(ls -A "$work/full")" = notes.txt ] || fail "a refused export touched the folder it was given"
expect_exit 2 export_as fiscal export dsfinvk --from "$day1" "$work/bad"
[ ! -e "$work/bad" ] || fail "a refused export left $work/bad behind"
[ "$(find "$work" -name '.*' -newer "$work/z2.json" | wc -l)" = 0 ] || fail "a refused export left files behind"
[ "$(events)" = 0 ] || fail "a refused export was journaled"
if [ "$(id -u)" != 0 ]; then
  mkdir "$work/locked" && chmod 500 "$work/locked"
  expect_exit 1 export_as fiscal export dsfinvk --from "$day1" --to "$day2" "$work/locked/out"
  [ -z "$(ls -A "$work/locked")" ] || fail "an export into a read-only folder left files"
fi

# The export, twice: the same bytes.
export_as fiscal export dsfinvk --from "$day1" --to "$day2" "$work/one" >"$work/out"
grep -q "2 Z reports (13 receipts)" "$work/out" || fail "summary: $(cat "$work/out")"
export_as --json fiscal export dsfinvk --from "$day1" --to "$day2" "$work/two" >"$work/out"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["closings"] == 2 and d["receipts"] == 13, d' \
  "$work/out" || fail "--json summary: $(cat "$work/out")"
for f in "$work"/one/*; do
  cmp "$f" "$work/two/$(basename "$f")" || fail "$(basename "$f") differs between two exports of one range"
done
[ "$(ls "$work/one" | wc -l)" = "$(ls "$work/two" | wc -l)" ] || fail "the two exports hold different files"
export_as fiscal export dsfinvk --from "$day2" --to "$day2" "$work/day2/" >/dev/null
[ -f "$work/day2/index.xml" ] || fail "a folder given with a trailing slash was not written"
[ "$(events)" = 3 ] || fail "the exports were not journaled: $(events) events"

# (xmllint also remarks that the published DTD's Media model is not
# deterministic; that remark does not fail the check.)
xmllint --noout --dtdvalid "$work/one/gdpdu-01-09-2004.dtd" "$work/one/index.xml" 2>"$work/err" \
  || fail "index.xml is not valid against the GDPdU DTD: $(cat "$work/err")"
grep -q '<!DOCTYPE DataSet SYSTEM "gdpdu-01-09-2004.dtd">' "$work/one/index.xml" || fail "index.xml names no DTD"

python3 - "$work" "$store" <<'EOF'
import csv, glob, hashlib, io, json, os, sqlite3, sys
import xml.etree.ElementTree as ET
from decimal import Decimal

work, store = sys.argv[1], sys.argv[2]
out = os.path.join(work, "one")

def fail(msg):
    sys.exit("FAIL: " + msg)

required = """cashpointclosing location cashregister slaves pa tse vat businesscases payment
cash_per_currency transactions datapayment lines itemamounts subitems transactions_tse
transactions_vat lines_vat allocation_groups references""".split()
present = sorted(os.path.basename(p) for p in glob.glob(os.path.join(out, "*")))
if present != sorted([f + ".csv" for f in required] + ["index.xml", "gdpdu-01-09-2004.dtd"]):
    fail("files: %s" % present)

# index.xml declares the format; every file follows it.
index = ET.parse(os.path.join(out, "index.xml")).getroot()
tables = index.findall("./Media/Table")
if [t.findtext("URL") for t in tables] != [f + ".csv" for f in required]:
    fail("index.xml tables: %s" % [t.findtext("URL") for t in tables])
numeric = {}
for t in tables:
    url = t.findtext("URL")
    vl = t.find("VariableLength")
    if (t.find("UTF8") is None or t.findtext("DecimalSymbol") != "," or vl.findtext("ColumnDelimiter") != ";"
            or vl.findtext("RecordDelimiter") != "\r\n" or vl.findtext("TextEncapsulator") != '"'):
        fail("%s: format in index.xml" % url)
    columns = vl.findall("VariableColumn")
    raw = open(os.path.join(out, url), "rb").read()
    raw.decode("utf-8")
    if not raw.endswith(b"\r\n") or b"\n" in raw.replace(b"\r\n", b""):
        fail("%s: records must end in CR LF" % url)
    header = raw.split(b"\r\n")[0].decode().split(";")
    if header != [c.findtext("Name") for c in columns]:
        fail("%s: header %s does not match index.xml" % (url, header))
    numeric[url] = {c.findtext("Name"): int(c.findtext("Numeric/Accuracy") or 0)
                    for c in columns if c.find("Numeric") is not None}

def rows(name):
    url = name + ".csv"
    with open(os.path.join(out, url), newline="", encoding="utf-8") as f:
        result = list(csv.DictReader(f, delimiter=";", quotechar='"'))
    for r in result:
        for col, acc in numeric[url].items():
            v = r[col]
            if v == "":
                continue
            whole, _, frac = v.lstrip("-").partition(",")
            if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > acc or "." in v:
                fail("%s.%s: %r is not a number with a decimal comma" % (url, col, v))
    return result

def cents(text):
    return int(Decimal(text.replace(",", ".")) * 100)

tx, tx_vat, pay = rows("transactions"), rows("transactions_vat"), rows("datapayment")
lines_vat, cases, z_pay = rows("lines_vat"), rows("businesscases"), rows("payment")
closings, vat = rows("cashpointclosing"), rows("vat")
lines = rows("lines")

# The closed lists of the specification: VAT keys (Anlage 2), business
# cases (Anhang C), payment types (Anhang D); and what each tender is.
ust = {"1": ("19,00", "Regelsteuersatz"), "2": ("7,00", "Ermäßigter Steuersatz"),
       "3": ("10,70", "Durchschnittsatz (§ 24 Abs. 1 Nr. 3 UStG) übrige Fälle"),
       "4": ("5,50", "Durchschnittsatz (§ 24 Abs. 1 Nr. 1 UStG)"), "5": ("0,00", "Nicht Steuerbar"),
       "6": ("0,00", "Umsatzsteuerfrei"), "7": ("0,00", "UmsatzsteuerNichtErmittelbar")}
key_rate = {"1": 1900, "2": 700, "3": 1070, "6": 0}
gv_types = set("""Umsatz Pfand PfandRueckzahlung Rabatt Aufschlag ZuschussEcht ZuschussUnecht TrinkgeldAG
TrinkgeldAN EinzweckgutscheinKauf EinzweckgutscheinEinloesung MehrzweckgutscheinKauf
MehrzweckgutscheinEinloesung Forderungsentstehung Forderungsaufloesung Anzahlungseinstellung
Anzahlungsaufloesung Anfangsbestand Privatentnahme Privateinlage Geldtransit Lohnzahlung Einzahlung
Auszahlung DifferenzSollIst""".split())
zahlart = {("Bar", "Bargeld"): "cash", ("Unbar", "Karte"): "card", ("Unbar", "Treuepunkte"): "points",
           ("Keine", "Keine Zahlung"): "none"}
for r in vat:
    if (r["UST_SATZ"], r["UST_BESCHR"]) != ust.get(r["UST_SCHLUESSEL"]):
        fail("vat.csv: key %s is %s %s" % (r["UST_SCHLUESSEL"], r["UST_SATZ"], r["UST_BESCHR"]))
for r in lines + cases:
    if r["GV_TYP"] not in gv_types:
        fail("%s is no business case of the DSFinV-K" % r["GV_TYP"])
for r in pay + z_pay:
    if (r["ZAHLART_TYP"], r["ZAHLART_NAME"]) not in zahlart:
        fail("payment type %s / %s" % (r["ZAHLART_TYP"], r["ZAHLART_NAME"]))
method = lambda r: zahlart[(r["ZAHLART_TYP"], r["ZAHLART_NAME"])]

import re
def sale(r):
    """A sale's or refund's record, or one of the closing itself."""
    return "BON_ID" not in r or re.fullmatch(r"T1-\d+", r["BON_ID"]) is not None
def layaway(r):
    """A payment towards a layaway, or its cancellation."""
    return re.fullmatch(r"T1-R\d+", r["BON_ID"]) is not None
gv_of = {(l["Z_NR"], l["BON_ID"], l["POS_ZEILE"]): l["GV_TYP"] for l in lines}
advance = ("Anzahlungseinstellung", "Anzahlungsaufloesung")

# The drawer's cash that is no sale, and money paid against accounts.
drawer_cases = {"Anfangsbestand", "Einzahlung", "Auszahlung", "Geldtransit", "DifferenzSollIst",
                "Forderungsaufloesung"}
for n in (1, 2):
    z = json.load(open(os.path.join(work, "z%d.json" % n)))
    nr = str(z["number"])
    every = lambda rs: [r for r in rs if r["Z_NR"] == nr and r["Z_KASSE_ID"] == "T1"]
    mine = lambda rs: [r for r in every(rs) if sale(r)]
    z_methods = {p["method"]: p["amount"] for p in z["payments"]}
    # Vouchers and sales on account are business cases, not payments: a
    # receipt's total is what was paid for it.
    paid = z["total"] - z_methods.get("voucher", 0) - z_methods.get("account", 0) - z_methods.get("layaway", 0)
    if len(mine(tx)) != z["sales"] + z["refunds"]:
        fail("Z %s: %d receipts, the Z counts %d" % (nr, len(mine(tx)), z["sales"] + z["refunds"]))
    if sum(cents(r["UMS_BRUTTO"]) for r in mine(tx)) != paid:
        fail("Z %s: receipts sum to %s, the Z says %s" % (nr, sum(cents(r["UMS_BRUTTO"]) for r in mine(tx)), paid))
    if sum(cents(r["POS_BRUTTO"]) for r in mine(lines_vat)) != paid:
        fail("Z %s: lines do not add up to the Z" % nr)
    if sum(cents(r["BON_BRUTTO"]) for r in mine(tx_vat)) != paid:
        fail("Z %s: the receipts' VAT does not add up to the Z" % nr)
    for r in mine(tx):
        bon = lambda rs: [x for x in rs if x["BON_ID"] == r["BON_ID"]]
        if sum(cents(x["POS_BRUTTO"]) for x in bon(lines_vat)) != cents(r["UMS_BRUTTO"]) \
                or sum(cents(x["BASISWAEH_BETRAG"]) for x in bon(pay)) != cents(r["UMS_BRUTTO"]) \
                or sum(cents(x["BON_BRUTTO"]) for x in bon(tx_vat)) != cents(r["UMS_BRUTTO"]):
            fail("Z %s: receipt %s: lines, payments and VAT do not add up to %s" % (nr, r["BON_ID"], r["UMS_BRUTTO"]))
    # Per VAT key of a rate, the receipts and the business cases hold the
    # Z's turnover at that rate; key 5 holds the vouchers sold and spent
    # and the claims on accounts. Besides the Z's turnover, a collected
    # layaway's receipt releases the advance payments at their rates, and
    # the closing holds the layaways' receipts too (advances and the fee
    # kept); their lines are checked one by one below.
    want = {t["rate_bp"]: (t["gross"], t["net"], t["tax"]) for t in z["taxes"] if t["code"] not in ("MPV", "SPV")}
    def plus(lines_of):
        got = {k: list(v) for k, v in want.items()}
        for r in lines_of:
            if r["UST_SCHLUESSEL"] not in key_rate:
                continue
            g = got.setdefault(key_rate[r["UST_SCHLUESSEL"]], [0, 0, 0])
            for i, col in enumerate(("POS_BRUTTO", "POS_NETTO", "POS_UST")):
                g[i] += cents(r[col])
        return {k: tuple(v) for k, v in got.items()}
    released = [r for r in mine(lines_vat) if gv_of[(nr, r["BON_ID"], r["POS_ZEILE"])] in advance]
    laid_away = [r for r in every(lines_vat) if r in released or layaway(r)]
    if n == 2 and not (released and laid_away):
        fail("Z 2 holds no layaway")
    for name, rs, cols, want_of in (
            ("receipts", mine(tx_vat), ("BON_BRUTTO", "BON_NETTO", "BON_UST"), plus(released)),
            ("business cases", mine(cases), ("Z_UMS_BRUTTO", "Z_UMS_NETTO", "Z_UST"), plus(laid_away))):
        got = {}
        for r in rs:
            if r["UST_SCHLUESSEL"] in key_rate:
                g = got.setdefault(key_rate[r["UST_SCHLUESSEL"]], [0, 0, 0])
                for i, col in enumerate(cols):
                    g[i] += cents(r[col])
        if {k: tuple(v) for k, v in got.items()} != want_of:
            fail("Z %s: VAT of the %s %s, of the Z and the layaways %s" % (nr, name, got, want_of))
    if sorted(r["UST_SCHLUESSEL"] for r in every(vat)) != sorted(
            [k for k, v in key_rate.items() if v in want] + ["5"]):
        fail("Z %s: vat.csv lists %s" % (nr, every(vat)))
    want_pay = {m: a for m, a in z_methods.items() if m not in ("voucher", "account", "layaway")}
    got_pay = {}
    for r in mine(pay):
        got_pay[method(r)] = got_pay.get(method(r), 0) + cents(r["BASISWAEH_BETRAG"])
    if got_pay.pop("none", 0) != 0 or got_pay != want_pay:
        fail("Z %s: payments of the receipts %s, of the Z %s" % (nr, got_pay, want_pay))
    # The drawer: the cash business cases, and the closing's cash is what
    # the Z expects: opening float + cash takings + paid in - paid out +
    # cash paid against accounts.
    gv = {}
    for r in every(cases):
        if r["GV_TYP"] in drawer_cases:
            gv[r["GV_TYP"]] = cents(r["Z_UMS_BRUTTO"])
    (shift,) = [s for s in z["shifts"]]
    if n == 1:
        want_gv = {"Anfangsbestand": 10000, "Einzahlung": 2000, "Auszahlung": -750}
    else:
        counted = 2 * 5000 + 3 * 500
        z1 = json.load(open(os.path.join(work, "z1.json")))
        expected = z1["shifts"][0]["expected_cash"] - 1200
        want_gv = {"Anfangsbestand": z1["shifts"][0]["expected_cash"] + 5000, "Auszahlung": -1200,
                   "Geldtransit": -counted, "DifferenzSollIst": counted - expected, "Forderungsaufloesung": 500}
    if gv != want_gv:
        fail("Z %s: cash business cases %s, not %s" % (nr, gv, want_gv))
    for r in every(tx):
        if not sale(r) and not layaway(r) and r["BON_TYP"] == "Beleg":
            lines_of = [l for l in every(lines) if l["BON_ID"] == r["BON_ID"]]
            if len(lines_of) != 1 or lines_of[0]["GV_TYP"] not in want_gv:
                fail("Z %s: cash receipt %s has lines %s" % (nr, r["BON_ID"], lines_of))
    # Money towards layaways: Z 1 the deposit in cash and a part payment
    # by card, Z 2 the rest in cash, a deposit by card and 1.40 given back.
    lay = {}
    for r in every(pay):
        if layaway(r):
            lay[method(r)] = lay.get(method(r), 0) + cents(r["BASISWAEH_BETRAG"])
    if lay != ({"cash": 300, "card": 400} if n == 1 else {"cash": 419 - 140 + 100, "card": 200, "none": 0}):
        fail("Z %s: layaway payments %s" % (nr, lay))
    if lay["cash"] != shift["layaway_payments_in_cash"]:
        fail("Z %s: layaway cash %s, the Z's %s" % (nr, lay["cash"], shift["layaway_payments_in_cash"]))
    drawer = want_pay.get("cash", 0) + sum(want_gv.values()) + lay["cash"]
    if drawer != z["expected_cash"] or drawer != shift["expected_cash"]:
        fail("Z %s: the drawer holds %s by the export, the Z expects %s" % (nr, drawer, z["expected_cash"]))
    if shift["expected_cash"] != (shift["opening_float"] + shift["cash_taken"] - shift["cash_refunded"]
                                  + shift["paid_in"] - shift["paid_out"] + shift["account_cash_paid_in"]
                                  + shift["layaway_payments_in_cash"]):
        fail("Z %s: the shift's cash does not add up: %s" % (nr, shift))
    want_z_pay = dict(want_pay, cash=drawer)
    want_z_pay["card"] = want_z_pay.get("card", 0) + lay["card"]
    got_z_pay = {method(r): cents(r["Z_ZAHLART_BETRAG"]) for r in mine(z_pay)}
    if got_z_pay.pop("none", 0) != 0 or got_z_pay != want_z_pay:
        fail("Z %s: payment.csv %s, the drawer and the Z %s" % (nr, mine(z_pay), want_z_pay))
    (cur,) = every(rows("cash_per_currency"))
    if cents(cur["ZAHLART_BETRAG_WAEH"]) != drawer:
        fail("Z %s: cash_per_currency.csv %s, the drawer %s" % (nr, cur, drawer))
    (c,) = mine(closings)
    if (cents(c["Z_SE_ZAHLUNGEN"]) != sum(want_z_pay.values()) or cents(c["Z_SE_BARZAHLUNGEN"]) != drawer
            or c["Z_BUCHUNGSTAG"] != z["business_day"] or c["Z_START_ID"] != z["first_receipt"]
            or c["Z_ENDE_ID"] != z["last_receipt"]):
        fail("Z %s: cashpointclosing.csv %s" % (nr, c))

# Vouchers and the account, line by line and in the closing's cases.
def bon_lines(bon):
    return [(l["GV_TYP"], l["GUTSCHEIN_NR"], v["UST_SCHLUESSEL"], v["POS_BRUTTO"], v["POS_UST"])
            for l in lines for v in lines_vat if l["BON_ID"] == bon and v["BON_ID"] == bon
            and v["POS_ZEILE"] == l["POS_ZEILE"]]
def bon_pay(bon):
    return [(r["ZAHLART_TYP"], r["ZAHLART_NAME"], r["BASISWAEH_BETRAG"]) for r in pay if r["BON_ID"] == bon]
want_bons = {
    "T1-8": ([("MehrzweckgutscheinKauf", "GIFT-0001", "5", "20,00", "0,00")], [("Bar", "Bargeld", "20,00")]),
    "T1-9": ([("Umsatz", "", "1", "7,99", "1,28"), ("Umsatz", "", "2", "6,40", "0,42"),
              ("MehrzweckgutscheinEinloesung", "GIFT-0001", "5", "-12,00", "0,00")],
             [("Unbar", "Karte", "2,39")]),
    "T1-10": ([("Umsatz", "", "3", "4,50", "0,43"), ("Umsatz", "", "1", "2,50", "0,40"),
               ("Umsatz", "", "6", "0,95", "0,00"), ("Forderungsentstehung", "", "5", "-7,95", "0,00")],
              [("Keine", "Keine Zahlung", "0,00")]),
    "T1-11": ([("EinzweckgutscheinKauf", "SPV-0001", "2", "9,60", "0,63")], [("Unbar", "Karte", "9,60")]),
    "T1-12": ([("Umsatz", "", "2", "9,60", "0,63"), ("EinzweckgutscheinEinloesung", "SPV-0001", "2", "-9,60", "-0,63")],
              [("Keine", "Keine Zahlung", "0,00")]),
}
for bon, (want_lines, want_pay) in want_bons.items():
    if bon_lines(bon) != want_lines:
        fail("%s: lines %s, not %s" % (bon, bon_lines(bon), want_lines))
    if bon_pay(bon) != want_pay:
        fail("%s: payments %s, not %s" % (bon, bon_pay(bon), want_pay))
# The layaways: each payment a receipt of advance payments split pro rata
# over the goods' gross per rate (wine 7.99 at 19 %, bread 3.20 at 7 %:
# 3.00 → 2.14 + 0.86; soap 5.00 and milk 1.19: 2.00 → 1.62 + 0.38), the
# collection releasing what they put in, the cancellation reversing what
# it gives back (1.40 → 1.13 + 0.27 of the 1.62 + 0.38) and releasing the
# fee kept as revenue at the goods' rates.
def advance_in(key1, tax1, key2, tax2, case="Anzahlungseinstellung"):
    return [(case, "", "1", key1, tax1), (case, "", "2", key2, tax2)]
want_layaway = {
    "T1-R1": (advance_in("2,14", "0,34", "0,86", "0,06"), [("Bar", "Bargeld", "3,00")]),
    "T1-R2": (advance_in("2,86", "0,46", "1,14", "0,07"), [("Unbar", "Karte", "4,00")]),
    "T1-R3": (advance_in("2,99", "0,48", "1,20", "0,08"), [("Bar", "Bargeld", "4,19")]),
    "T1-13": ([("Umsatz", "", "1", "7,99", "1,28"), ("Umsatz", "", "2", "3,20", "0,21")]
              + advance_in("-7,99", "-1,28", "-3,20", "-0,21", "Anzahlungsaufloesung"),
              [("Keine", "Keine Zahlung", "0,00")]),
    "T1-R5": (advance_in("1,62", "0,26", "0,38", "0,02"), [("Unbar", "Karte", "2,00")]),
    "T1-R6": (advance_in("-1,13", "-0,18", "-0,27", "-0,01")
              + advance_in("-0,49", "-0,08", "-0,11", "-0,01", "Anzahlungsaufloesung")
              + advance_in("0,49", "0,08", "0,11", "0,01", "Umsatz"), [("Bar", "Bargeld", "-1,40")]),
    "T1-R7": ([("Anzahlungseinstellung", "", "1", "1,00", "0,16")], [("Bar", "Bargeld", "1,00")]),
    "T1-R8": ([("Anzahlungseinstellung", "", "1", "2,00", "0,32"),
               ("MehrzweckgutscheinEinloesung", "GIFT-0001", "5", "-2,00", "0,00")],
              [("Keine", "Keine Zahlung", "0,00")]),
}
for bon, (want_lines, want_pay) in want_layaway.items():
    if bon_lines(bon) != want_lines:
        fail("%s: lines %s, not %s" % (bon, bon_lines(bon), want_lines))
    if bon_pay(bon) != want_pay:
        fail("%s: payments %s, not %s" % (bon, bon_pay(bon), want_pay))
if sorted(r["BON_ID"] for r in tx if layaway(r)) != sorted(b for b in want_layaway if b != "T1-13"):
    fail("layaway receipts: %s" % [r["BON_ID"] for r in tx if layaway(r)])
for nr, case, key, amount in (("1", "Anzahlungseinstellung", "1", "5,00"), ("1", "Anzahlungseinstellung", "2", "2,00"),
                              ("2", "Anzahlungseinstellung", "1", "6,48"), ("2", "Anzahlungseinstellung", "2", "1,31"),
                              ("2", "Anzahlungsaufloesung", "1", "-8,48"), ("2", "Anzahlungsaufloesung", "2", "-3,31")):
    got = [r["Z_UMS_BRUTTO"] for r in cases if (r["Z_NR"], r["GV_TYP"], r["UST_SCHLUESSEL"]) == (nr, case, key)]
    if got != [amount]:
        fail("Z %s: business case %s at key %s is %s, not %s" % (nr, case, key, got, amount))
account_bons = [r for r in tx if r["BON_ID"].startswith("T1-A")]
if [(r["BON_TYP"], r["UMS_BRUTTO"]) for r in account_bons] != [("Beleg", "5,00")] \
        or bon_lines(account_bons[0]["BON_ID"]) != [("Forderungsaufloesung", "", "5", "5,00", "0,00")] \
        or bon_pay(account_bons[0]["BON_ID"]) != [("Bar", "Bargeld", "5,00")]:
    fail("the payment against the account: %s" % account_bons)
z2 = {(r["GV_TYP"], r["UST_SCHLUESSEL"]): r["Z_UMS_BRUTTO"] for r in cases if r["Z_NR"] == "2"}
for case, amount in {("MehrzweckgutscheinKauf", "5"): "20,00", ("MehrzweckgutscheinEinloesung", "5"): "-14,00",
                     ("EinzweckgutscheinKauf", "2"): "9,60", ("EinzweckgutscheinEinloesung", "2"): "-9,60",
                     ("Forderungsentstehung", "5"): "-7,95", ("Forderungsaufloesung", "5"): "5,00",
                     ("Umsatz", "3"): "4,50", ("Umsatz", "6"): "0,95"}.items():
    if z2.get(case) != amount:
        fail("Z 2: business case %s is %s, not %s" % (case, z2.get(case), amount))

# What the receipts say: the shop, quoted as needed; the refund and what it
# refunds; TSE records with the process data and no made-up signature.
if closings[0]["NAME"] != 'Bäckerei "Zum Eck"; Inh. Müller' or closings[0]["PLZ"] != "10115" \
        or closings[0]["ORT"] != "Berlin" or closings[0]["USTID"] != "DE123456789":
    fail("master data: %s" % closings[0])
if [r["BON_ID"] for r in tx if sale(r)] != ["T1-%d" % i for i in range(1, 14)]:
    fail("receipts: %s" % [r["BON_ID"] for r in tx])
training = [r for r in tx if r["BON_TYP"] == "AVTraining"]
if [(r["BON_ID"], r["UMS_BRUTTO"], r["Z_NR"]) for r in training] != [("T1-T1", "7,99", "1")]:
    fail("training: %s" % training)
# Its lines too, as rung up, and in no sum of the closing (checked above).
if bon_lines("T1-T1") != [("Umsatz", "", "1", "7,99", "1,28")]:
    fail("training lines: %s" % bon_lines("T1-T1"))
if [r for r in pay + tx_vat if r["BON_ID"] == "T1-T1"]:
    fail("a training receipt has payments or VAT of the closing")
refund = [r for r in tx if r["BON_ID"] == "T1-4"][0]
if refund["UMS_BRUTTO"] != "-2,50" or refund["BON_TYP"] != "Beleg":
    fail("refund T1-4: %s" % refund)
refs = [(r["BON_ID"], r["REF_BON_ID"], r["REF_Z_NR"]) for r in rows("references")]
if refs != [("T1-4", "T1-1", "1"), ("T1-7", "T1-2", "1")]:
    fail("references: %s" % refs)
lines = rows("lines")
milk = [r for r in lines if r["BON_ID"] == "T1-3" and r["ART_NR"] == "MILK"][0]
if milk["MENGE"] != "4,000" or milk["STK_BR"] != "1,19" or milk["ARTIKELTEXT"] != "Milk 1,5 %":
    fail("line: %s" % milk)
tse = rows("transactions_tse")
if [r["TSE_VORGANGSDATEN"] for r in tse if r["BON_ID"] == "T1-T1"] != ["AVTraining^7.99_0.00_0.00_0.00_0.00^7.99:Bar"]:
    fail("training TSE record: %s" % tse)
tse = [r for r in tse if sale(r)]
if len(tse) != 13 or any(r["TSE_TA_SIG"] or r["TSE_TA_FEHLER"] != "Keine TSE in Betrieb" for r in tse):
    fail("TSE records: %s" % tse)
if tse[0]["TSE_VORGANGSDATEN"] != "Beleg^2.50_6.40_0.00_0.00_0.00^8.90:Bar":
    fail("process data: %s" % tse[0]["TSE_VORGANGSDATEN"])
# Vouchers and sales on account are no payment in the process data either:
# the 0 % slot takes off what they paid.
process = {r["BON_ID"]: r["TSE_VORGANGSDATEN"] for r in tse}
for bon, data in {"T1-8": "Beleg^0.00_0.00_0.00_0.00_20.00^20.00:Bar",
                  "T1-9": "Beleg^7.99_6.40_0.00_0.00_-12.00^2.39:Unbar",
                  "T1-10": "Beleg^2.50_0.00_4.50_0.00_-7.00^",
                  "T1-12": "Beleg^0.00_0.00_0.00_0.00_0.00^"}.items():
    if process[bon] != data:
        fail("process data of %s: %s, not %s" % (bon, process[bon], data))
# Every receipt that moved money has process data that says what its
# records say: the gross per VAT rate its VAT rows have (keys 5 and 6 in
# the 0 % slot) and the payments its payment rows have, Bar or Unbar.
# That holds for the receipt collecting a layaway (T1-13: its advance is
# released, not paid again) and for each payment towards a layaway or into
# an account, a receipt with a TSE transaction of its own, and for each of
# the drawer's cash receipts (its amount not taxable, paid Bar).
slot_of = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 4}
process = {r["BON_ID"]: r["TSE_VORGANGSDATEN"] for r in rows("transactions_tse")}
checked = set()
for r in tx:
    bon = r["BON_ID"]
    if not re.fullmatch(r"T1-([RAC]?\d+|S\d+(-[ED]|-Z\d+)?)", bon):
        continue
    if bon not in process:
        fail("receipt %s has no TSE process data" % bon)
    kind, slots, payments = process[bon].split("^")
    want = [0] * 5
    for v in tx_vat:
        if v["BON_ID"] == bon:
            want[slot_of[v["UST_SCHLUESSEL"]]] += cents(v["BON_BRUTTO"])
    got = [cents(x) for x in slots.split("_")]
    want_pay, got_pay = {}, {}
    for p in pay:
        if p["BON_ID"] == bon and p["ZAHLART_TYP"] != "Keine":
            want_pay[p["ZAHLART_TYP"]] = want_pay.get(p["ZAHLART_TYP"], 0) + cents(p["BASISWAEH_BETRAG"])
    for x in filter(None, payments.split("_")):
        amount, typ = x.split(":")[:2]
        got_pay[typ] = got_pay.get(typ, 0) + cents(amount)
    if (kind, got, got_pay) != ("Beleg", want, want_pay):
        fail("process data of %s: %s, its records %s %s" % (bon, process[bon], want, want_pay))
    checked.add(bon)
if "T1-13" not in checked or len([b for b in checked if "-R" in b]) < 4 or "T1-A" not in "".join(checked):
    fail("the process data of the layaways and the account were not all checked: %s" % sorted(checked))
# The drawer's cash that is no sale too: the floats, the balance carried
# over by Z 1, cash paid in and out, the close's cash taken away and its
# difference.
cash = {"T1-S1", "T1-S2", "T1-S1-Z2", "T1-C1", "T1-C2", "T1-C3", "T1-S1-E", "T1-S1-D"}
if not cash <= checked:
    fail("the drawer's cash receipts were not all checked: %s" % sorted(cash - checked))
if process["T1-C2"] != "Beleg^0.00_0.00_0.00_0.00_-7.50^-7.50:Bar":
    fail("cash paid out: %s" % process["T1-C2"])
if process["T1-13"] != "Beleg^0.00_0.00_0.00_0.00_0.00^":
    fail("collecting receipt: %s" % process["T1-13"])
if rows("tse") != []:
    fail("tse.csv names a TSE although none is in use")

# The journal names each export and its files' checksums.
db = sqlite3.connect(store)
payload = json.loads(db.execute("SELECT payload FROM journal WHERE type = 'fiscal.export' ORDER BY id LIMIT 1").fetchone()[0])
if payload["closings"] != 2 or payload["receipts"] != 13:
    fail("journal: %s" % payload)
for name, digest in payload["files"].items():
    if hashlib.sha256(open(os.path.join(out, name), "rb").read()).hexdigest() != digest:
        fail("journal: checksum of %s" % name)
EOF

run verify >/dev/null || fail "the store does not verify after the exports"
echo ok
