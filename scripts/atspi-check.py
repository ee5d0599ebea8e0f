#!/usr/bin/python3
"""What a screen-reader user meets in argmap, through the real Linux accessibility bus (AT-SPI,
what Orca uses): run by scripts/atspi-check.sh, which starts argmap under Xvfb with a private
D-Bus session and the AT-SPI bus reported to a screen reader. Prints one line per check and a
JSON summary last; exits 1 if a check fails or any exception stops it.

Checks: the window frame is named after the map; every statement of the shipped map is exposed
with its role, text and label and says how it relates; Down fires a focus event naming the
statement it selects; -, typing and Enter leave the focus on the new objection."""
import json
import re
import subprocess
import sys
import time
import traceback

import pyatspi
from gi.repository import GLib

STATEMENT = re.compile(r"^(claim|reason|objection|rebuttal): ")
results = {"checks": [], "failed": 0}


def check(name, ok, detail=""):
    results["checks"].append({"check": name, "ok": bool(ok), "detail": detail})
    if not ok:
        results["failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail else ""), flush=True)


def pump(seconds):
    """Lets AT-SPI deliver its events for a while."""
    context = GLib.MainContext.default()
    end = time.time() + seconds
    while time.time() < end:
        while context.iteration(False):
            pass
        time.sleep(0.02)


def find_app(timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == "argmap":
                return child
        time.sleep(0.3)
    return None


def walk(root, limit=20000):
    """Every node under root, iteratively (a bounded, cycle-safe walk)."""
    seen, stack, out = set(), [root], []
    while stack and len(out) < limit:
        node = stack.pop()
        if node is None:
            continue
        key = hash(node)
        if key in seen:
            continue
        seen.add(key)
        out.append(node)
        try:
            stack.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:  # a node gone while walking
            pass
    return out


def key(*keys):
    subprocess.run(["xdotool", "key", "--delay", "60", *keys], check=True)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)


def main():
    app = find_app()
    check("argmap is on the accessibility bus", app is not None)
    if app is None:
        return
    pump(1.0)
    frames = [app.getChildAtIndex(i) for i in range(app.childCount)]
    frame = next((f for f in frames if f is not None and f.getRole() == pyatspi.ROLE_FRAME), None)
    name = frame.name if frame else ""
    check("the window frame is named after the map", "MINUSMA" in name and "argmap" in name, repr(name))

    # Zoomed in, the boxes out of view are not reported (only those next to the view, so that
    # a screen reader can scroll to them); the whole map fitted (F), all 27 are.
    key("ctrl+plus", "ctrl+plus", "ctrl+plus", "ctrl+plus", "ctrl+plus", "ctrl+plus")
    pump(1.5)
    near = [n for n in walk(app) if STATEMENT.match(n.name or "")]
    check("zoomed in, boxes out of view are not showing", 0 < len(near) < 27, f"{len(near)} of 27 reported")
    key("f")
    pump(1.5)
    nodes = walk(app)
    statements = [n for n in nodes if STATEMENT.match(n.name or "")]
    check("27 statements, each with its role, text and label", len(statements) == 27, f"{len(statements)} found")
    showing = [n for n in statements if n.getState().contains(pyatspi.STATE_SHOWING)]
    check("fitted, every statement is showing", len(showing) == 27, f"{len(showing)} showing")
    roles = {n.getRoleName() for n in statements}
    check("a statement is a button a screen reader can press", roles <= {"push button", "toggle button"}, str(roles))
    unrelated = [n.name[:60] for n in statements
                 if not n.name.startswith("claim:") and not re.match(r"^(supports|objects to|rebuts|undercuts)", n.description or "")]
    check("each statement but the claim says how it relates", not unrelated, "; ".join(unrelated[:3]))
    sample = next((n for n in statements if n.name.startswith("reason: Host-state consent")), None)
    check("a reason's description names what it supports",
          sample is not None and sample.description.startswith("supports: MINUSMA should keep cooperating"),
          sample.description if sample else "not found")
    unnamed = [n.getRoleName() for n in nodes
               if n.getState().contains(pyatspi.STATE_FOCUSABLE) and not (n.name or "").strip()]
    check("every node that can take the focus is named", not unnamed, str(unnamed[:5]))
    canvas = [n for n in nodes if (n.name or "").startswith("The map: ")]
    check("the map region is named after the map", len(canvas) == 1, canvas[0].name if canvas else "")

    events = []

    def on_focus(event):
        if event.detail1 == 1:
            events.append(event.source.name or "")

    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    pump(0.5)
    events.clear()
    key("Down")
    pump(2.0)
    check("Down fires a focus event naming the statement it selects",
          any(e.startswith("reason: Host-state consent") for e in events), repr(events[-3:]))

    key("Up")
    pump(1.0)
    events.clear()
    key("minus")
    pump(1.5)
    check("- opens a named editor for the new objection",
          any(e.startswith("New objection to: MINUSMA should keep cooperating") for e in events), repr(events[-3:]))
    type_text("A screen reader user objects.")
    key("Return")
    pump(2.0)
    check("the new objection has the focus after Enter",
          bool(events) and events[-1].startswith("objection: A screen reader user objects."), repr(events[-3:]))
    # The File menu, opened with a click: the focus on its first item, a menu item named
    # "New" whose shortcut is given apart from its name.
    key("Escape")
    events.clear()
    subprocess.run(["xdotool", "mousemove", "18", "12", "click", "1"], check=True)
    pump(1.5)
    items = [n for n in walk(app) if n.getRoleName() == "menu item" and n.name == "New"]
    shortcut = ""
    if items:
        try:
            shortcut = items[0].queryAction().getKeyBinding(0)
        except Exception as e:  # no action interface: say so
            shortcut = f"(none: {e})"
    check("menu entries are menu items named without their shortcut", bool(items), str([e for e in events][-2:]))
    check("opening a menu moves the focus into it", "New" in events, repr(events[-2:]))
    # argmap gives each menu item its shortcut as AccessKit's keyboard shortcut (tests/a11y.rs
    # checks it), but AccessKit's AT-SPI adapter (accesskit_unix 0.24) reports every key binding
    # as empty, so a screen reader cannot read it yet: said here, not failed.
    print(f"note the menu item's key binding as AT-SPI reports it: {shortcut!r}", flush=True)
    results["menu_key_binding"] = shortcut
    key("Escape")
    results["statements"] = len(statements)


# Any exception is a failed check, said as one; the summary is printed either way.
try:
    main()
except BaseException as e:  # noqa: BLE001 - every way of stopping early is a failure
    results["failed"] += 1
    results["error"] = f"{type(e).__name__}: {e}"
    print(f"FAIL the check stopped early: {type(e).__name__}: {e}", flush=True)
    traceback.print_exc()
print(json.dumps(results))
sys.exit(1 if results["failed"] else 0)
