#!/usr/bin/env python3
"""pseudo-check.py PAGE STORE — reads the till's window through the accessibility
tree (AT-SPI) and fails, naming each, when a visible label or button text
is not pseudo-translated ("[…]"), or when a button's text is cut off by the
button.

Shop data is not translated: text inside lists and tables, and the
names of products, users and the shop as STORE holds them, are left out.
"""
import sqlite3
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

TEXT_ROLES = {Atspi.Role.LABEL, Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
              Atspi.Role.RADIO_BUTTON, Atspi.Role.HEADING, Atspi.Role.PAGE_TAB, Atspi.Role.MENU_ITEM}
# What a person typed in is not the program's text.
DATA_ROLES = {Atspi.Role.TEXT, Atspi.Role.ENTRY, Atspi.Role.PASSWORD_TEXT}
# The program's name is not translated, GTK translates its own window
# controls, and the shop's names come from its store.
DATA = {"Mainstreet", "Close", "Maximize", "Minimize"}


def shop_data(store):
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    names = set()
    for sql in ("SELECT name FROM product", "SELECT sku FROM product", "SELECT code FROM barcode",
                "SELECT name FROM category", "SELECT name FROM supplier", "SELECT name FROM user", "SELECT name FROM customer",
                "SELECT value FROM setting", "SELECT name FROM tax_rate"):
        names.update(row[0] for row in db.execute(sql) if row[0])
    db.close()
    return names


def showing(node):
    """On screen now: GTK 4.8 sets no SHOWING below the window, so a node
    counts when it is visible and has an area."""
    if not node.get_state_set().contains(Atspi.StateType.VISIBLE):
        return False
    box = extents(node)
    return box is None or (box.width > 0 and box.height > 0)


def is_data(text):
    """Text made only of the shop's data: names, codes, numbers, times (a
    report's table row, "A · Standard")."""
    # A widget without a name of its own is named by its class ("GtkLabel").
    if text in DATA or (text.startswith(("Gtk", "Adw")) and " " not in text):
        return True
    # A line made of the shop's names and figures ("Whole milk 1 l (€9.60),
    # Apples (€37.50)") is data too.
    for name in sorted((n for n in DATA if len(n) > 3), key=len, reverse=True):
        if name in text:
            text = text.replace(name, " ")
    return all(word in DATA or sum(c.isalpha() for c in word) < 2 or word.startswith("T1-")
               for word in text.split())


def extents(node):
    try:
        return node.get_extents(Atspi.CoordType.SCREEN)
    except Exception:  # noqa: BLE001 - nodes without a component have none
        return None


def inside(inner, outer, slack=2):
    return (inner.x >= outer.x - slack and inner.y >= outer.y - slack
            and inner.x + inner.width <= outer.x + outer.width + slack
            and inner.y + inner.height <= outer.y + outer.height + slack)


def walk(node, window_box, problems, button_box=None, depth=0):
    if node is None or depth > 60 or not showing(node):
        return
    role = node.get_role()
    if role in DATA_ROLES:
        return
    box = extents(node)
    if role in TEXT_ROLES:
        text = (node.get_name() or "").strip()
        if text and not is_data(text) and not (text.startswith("[") and text.endswith("]")):
            problems.append("not translated: %s “%s”" % (node.get_role_name(), text))
        if (box is not None and button_box is not None and role == Atspi.Role.LABEL and box.width > 0
                and not inside(box, button_box)):
            problems.append("text cut off by its button: “%s”" % text)
    if role == Atspi.Role.PUSH_BUTTON and box is not None:
        button_box = box
    for i in range(node.get_child_count()):
        walk(node.get_child_at_index(i), window_box, problems, button_box, depth + 1)


def main():
    page = sys.argv[1]
    DATA.update(shop_data(sys.argv[2]))
    desktop = Atspi.get_desktop(0)
    problems = []
    seen = False
    for a in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(a)
        if app is None or "mainstreet" not in (app.get_name() or ""):
            continue
        for w in range(app.get_child_count()):
            window = app.get_child_at_index(w)
            if window is None or not showing(window):
                continue
            seen = True
            walk(window, extents(window), problems)
    if not seen:
        print("FAIL: %s: no window of mainstreet in the accessibility tree" % page, file=sys.stderr)
        return 1
    for p in sorted(set(problems)):
        print("FAIL: %s: %s" % (page, p), file=sys.stderr)
    if not problems:
        print("ok: %s: every visible text is translated and fits" % page)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
