#!/usr/bin/env python3
"""pseudo.py TEMPLATE OUT — a pseudo translation of po/mainstreet.pot.

Every message becomes "[" + the English with its letters accented + about
40 % of tildes + "]", e.g. "Sale" → "[Šåļé~~]". Run under it, the till
shows at a glance which text escaped translation (it is not in brackets)
and whether the layout survives longer words. Format directives, escapes
and markup pass through untouched, so msgfmt --check accepts the result.
"""
import math
import re
import sys

ACCENTS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţüṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÜṼŴẊÝŽ"))
# What must stay as it is: printf directives, C escapes, markup and entities.
KEEP = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspn%]"
                  r"|\\.|<[^>]*>|&[a-z]+;")


def pseudo(text):
    """@text as escaped in the file; line breaks at either end stay there."""
    lead = re.match(r"(\\n)*", text).group(0)
    trail = re.search(r"(\\n)*$", text[len(lead):]).group(0)
    core = text[len(lead):len(text) - len(trail)]
    return lead + wrap(core) + trail if core else text


def wrap(text):
    out, visible, pos = [], 0, 0
    for m in KEEP.finditer(text):
        chunk = text[pos:m.start()]
        out.append("".join(ACCENTS.get(c, c) for c in chunk))
        visible += len(chunk)
        out.append(m.group(0))
        pos = m.end()
    chunk = text[pos:]
    out.append("".join(ACCENTS.get(c, c) for c in chunk))
    visible += len(chunk)
    return "[" + "".join(out) + "~" * math.ceil(visible * 0.4) + "]"


def entries(lines):
    """Yields each entry of a PO file as a list of (keyword, text) with the
    text still escaped as in the file, plus its comment lines."""
    entry, comments, key = [], [], None
    for line in lines + [""]:
        line = line.rstrip("\n")
        if not line.strip():
            if entry:
                yield comments, entry
            entry, comments, key = [], [], None
        elif line.startswith("#"):
            comments.append(line)
        elif line.startswith('"'):
            entry[-1] = (entry[-1][0], entry[-1][1] + line[1:-1])
        else:
            key, _, rest = line.partition(" ")
            entry.append((key, rest[1:-1]))


def main():
    template, out = sys.argv[1], sys.argv[2]
    with open(template, encoding="utf-8") as f:
        lines = f.readlines()
    result = []
    for comments, entry in entries(lines):
        fields = dict(entry)
        flags = [c for c in comments if c.startswith("#,") and "fuzzy" not in c]
        if fields.get("msgid") == "":
            result.append('msgid ""\nmsgstr ""\n'
                          '"Project-Id-Version: mainstreet pseudo\\n"\n'
                          '"PO-Revision-Date: 2026-12-05 00:00+0000\\n"\n'
                          '"Last-Translator: po/pseudo.py\\n"\n'
                          '"Language-Team: none\\n"\n'
                          '"Language: pseudo\\n"\n'
                          '"MIME-Version: 1.0\\n"\n'
                          '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                          '"Content-Transfer-Encoding: 8bit\\n"\n'
                          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
            continue
        text = "\n".join(flags) + ("\n" if flags else "")
        if "msgctxt" in fields:
            text += 'msgctxt "%s"\n' % fields["msgctxt"]
        text += 'msgid "%s"\n' % fields["msgid"]
        if "msgid_plural" in fields:
            text += 'msgid_plural "%s"\n' % fields["msgid_plural"]
            text += 'msgstr[0] "%s"\n' % pseudo(fields["msgid"])
            text += 'msgstr[1] "%s"\n' % pseudo(fields["msgid_plural"])
        else:
            text += 'msgstr "%s"\n' % pseudo(fields["msgid"])
        result.append(text)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(result))


if __name__ == "__main__":
    main()
