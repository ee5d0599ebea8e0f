#!/usr/bin/env python3
"""Checks argmap's Argdown and AIF import and export against the real documents in
../shared/data (read from there, never copied) and against Argdown's own parser.

For each Argdown example: `argdown json` (Argdown's parser, installed from scripts/interop with
npm) gives its statements, arguments and relations; `argmap import` must hold every statement,
every argument, and every relation (as the documented mapping says), and warn for each
approximation. Then argmap's Argdown export is read back by `argdown json` (same statements, same
relations of the same kinds, co-premise groups as premise-conclusion structures) and by argmap
itself (the same map).

For each AIF graph: every I-node is a statement, every RA-node a support with the same premises,
every CA-node an objection, dialogue nodes are reported; export then import gives the same map.

Usage: python3 scripts/check-interop.py [path/to/argmap]   (default: target/debug/argmap)
Exit status 0 when everything holds; each failure is printed.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data")
INTEROP = os.path.join(ROOT, "scripts", "interop")
ARGMAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "argmap")
failures = []


def fail(where, what):
    failures.append(f"{where}: {what}")
    print(f"FAIL {where}: {what}")


def run(*args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p


def norm(text):
    """A statement's whole text as both tools keep it: data, tags and link targets out (argmap
    writes a link `[a](b)` as `a (b)`, Argdown keeps `a`), then letters and digits only."""
    text = re.sub(r"\{.*\}\s*$", "", text or "")
    text = re.sub(r"#\([^)]*\)|#[\w-]+", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r" \((?:https?://|www\.|mailto:)[^)]*\)", "", text)
    return re.sub(r"[^a-z0-9]", "", text.lower())


def argdown_json(doc, tmp):
    cli = os.path.join(INTEROP, "node_modules", ".bin", "argdown")
    if not os.path.exists(cli):
        run("npm", "ci", "--prefix", INTEROP, "--no-audit", "--no-fund")
    out = os.path.join(tmp, "json")
    run(cli, "json", doc, out)
    name = os.path.splitext(os.path.basename(doc))[0] + ".json"
    with open(os.path.join(out, name)) as f:
        return json.load(f)


def argmap_import(doc, ron):
    p = run(ARGMAP, "import", doc, ron)
    return [l for l in p.stderr.splitlines() if l.startswith("warning:")]


def argmap_json(ron):
    return json.loads(run(ARGMAP, "check", "--json", ron).stdout)


def same_map(a, b):
    """Whether two map files hold the same map (titles aside: an import names it by file)."""
    x, y = argmap_json(a), argmap_json(b)
    x.pop("title"), y.pop("title")
    return x == y


class Map:
    """argmap's `check --json` with lookups by normalized text."""

    def __init__(self, doc):
        self.doc = doc
        self.by_text = {}
        for s in doc["statements"]:
            self.by_text.setdefault(norm(s["text"]), []).append(s["id"])
        self.relations = doc["relations"]

    def ids(self, text):
        return self.by_text.get(norm(text), [])

    def has(self, premises, conclusions=None, kind=None, undercut_label=None):
        """Whether a relation of `kind` has exactly these premises (one list of candidate ids per
        premise) and concludes in one of `conclusions`, or undercuts the relation labelled
        `undercut_label`."""
        for r in self.relations:
            if kind and r["kind"] != kind:
                continue
            if len(r["premises"]) != len(premises):
                continue
            if not all(any(c in r["premises"] for c in cands) for cands in premises):
                continue
            if undercut_label is not None:
                target = next((t for t in self.relations if t.get("id") == r["conclusion"]), None)
                if r.get("undercut") and target and target.get("label") == undercut_label:
                    return True
                continue
            if not r.get("undercut") and r["conclusion"] in conclusions:
                return True
        return False


def inference_steps(pcs):
    """The inference steps of a premise-conclusion structure, as argmap reads them: each
    conclusion with the statements since the one before (that one included)."""
    steps, since = [], []
    for st in pcs:
        if st.get("role") in ("intermediary-conclusion", "main-conclusion"):
            steps.append((list(since), st["title"]))
            since = [st["title"]]
        else:
            since.append(st["title"])
    return steps


def argdown_text(node):
    """The text Argdown gives an equivalence class or argument: its first non-empty member."""
    texts = [m.get("text") or "" for m in node.get("members", [])]
    return next((t for t in texts if t.strip()), "")


def check_argdown(doc, tmp):
    name = os.path.basename(doc)
    ad = argdown_json(doc, tmp)
    ron = os.path.join(tmp, "imported.ron")
    warnings = argmap_import(doc, ron)
    m = Map(argmap_json(ron))
    statements, arguments = ad["statements"], ad["arguments"]

    def statement_ids(title):
        node = statements[title]
        return m.ids(argdown_text(node) or title)

    def pcs(title):
        for member in arguments[title].get("members", []):
            if member.get("pcs"):
                return member["pcs"]
        return arguments[title].get("pcs") or []

    def argument_ids(title):
        """The statement an argument is in argmap: its conclusion, or itself without one."""
        steps = pcs(title)
        if steps:
            return statement_ids(steps[-1]["title"])
        return m.ids(argdown_text(arguments[title]) or title)

    for title in statements:
        if not statement_ids(title):
            fail(name, f"statement [{title}] is missing")
    for title in arguments:
        steps = pcs(title)
        if steps:
            for step in steps:
                if not statement_ids(step["title"]):
                    fail(name, f"argument <{title}>: statement [{step['title']}] is missing")
            inferences = inference_steps(steps)
            for k, (premises, conclusion) in enumerate(inferences):
                conclusion_ids = statement_ids(conclusion)
                premise_ids = [statement_ids(p) for p in premises if statement_ids(p) != conclusion_ids]
                last = k + 1 == len(inferences)
                if not m.has(premise_ids, conclusion_ids, "support"):
                    fail(name, f"argument <{title}>: no support from {premises} to [{conclusion}]")
                elif last and not any(
                    r.get("label") == title and r["conclusion"] in conclusion_ids
                    and len(r["premises"]) == len(premise_ids) for r in m.relations
                ):
                    fail(name, f"argument <{title}>: its last inference does not carry its title")
        elif not argument_ids(title):
            fail(name, f"argument <{title}> (no reconstruction) is not a statement")
    for r in ad["relations"]:
        kind = r["relationType"]
        frm = statement_ids(r["from"]) if r["fromType"] != "argument" else argument_ids(r["from"])
        to_pcs = r["toType"] == "argument" and bool(pcs(r["to"]))
        to = statement_ids(r["to"]) if r["toType"] != "argument" else argument_ids(r["to"])
        what = f"{r['from']} {kind} {r['to']}"
        if set(frm) & set(to) and kind == "support":
            continue  # an argument supporting its own conclusion: its reconstruction says it
        if kind == "support" and to_pcs:
            ok = m.has([frm], statement_ids(pcs(r["to"])[-1]["title"]), "support")
        elif kind == "support":
            ok = m.has([frm], to, "support")
        elif kind in ("attack", "undercut") and to_pcs:
            ok = m.has([frm], kind="objection", undercut_label=r["to"])
        elif kind == "undercut":
            # An undercut of an argument without reconstruction targets the relation it argues by
            # (or, of a statement, becomes an objection to it).
            ok = m.has([frm], to, "objection") or any(
                r2.get("undercut") and len(r2["premises"]) == 1 and r2["premises"][0] in frm for r2 in m.relations
            )
        elif kind in ("attack", "contrary"):
            ok = m.has([frm], to, "objection")
        elif kind == "contradictory":
            ok = m.has([frm], to, "objection") and m.has([to], frm, "objection")
        else:
            ok = False
        if not ok:
            fail(name, f"relation {what} is missing")
        approximated = kind in ("contrary", "contradictory") or (r["toType"] == "argument" and to_pcs and kind != "undercut")
        named = [f"<{r['from']}>", f"[{r['from']}]", f"<{r['to']}>", f"[{r['to']}]"]
        if approximated and not any(n in w for w in warnings for n in named):
            fail(name, f"relation {what} is approximated without a warning that names it")

    # argmap's export, read back by Argdown and by argmap.
    out = os.path.join(tmp, "exported.argdown")
    run(ARGMAP, "export", ron, out)
    back = argdown_json(out, tmp)
    ids = {s["id"] for s in m.doc["statements"]}
    missing = ids - set(back["statements"])
    if missing:
        fail(name, f"Argdown does not read back statements {sorted(missing)[:5]}")
    kinds = {"support": "support", "objection": "attack"}
    for r in m.relations:
        if len(r["premises"]) > 1 or r.get("label") or r.get("undercut") or any(
            t.get("conclusion") == r.get("id") for t in m.relations if t.get("undercut")
        ):
            continue  # written as an argument; checked below
        p = r["premises"][0]
        found = any(
            x["from"] == p and x["to"] == r["conclusion"] and x["relationType"] == kinds[r["kind"]]
            for x in back["relations"]
        )
        if not found:
            fail(name, f"Argdown does not read back {p} {r['kind']} {r['conclusion']}")
    # Relations written as arguments (co-premises, a label or a description, or undercut): a
    # premise-conclusion structure with exactly their premises; a support concludes in its
    # conclusion, an objection's conclusion attacks its target, an undercut's undercuts the
    # argument of the relation it targets.
    def back_pcs(a):
        for member in a.get("members", []):
            if member.get("pcs"):
                return member["pcs"]
        return a.get("pcs") or []

    by_id = {r.get("id"): r for r in m.relations if r.get("id")}
    def simple(r):
        return len(r["premises"]) == 1 and not r.get("label") and not r.get("description") and not r.get("id")

    # Relations undercuts target first (their arguments are what undercuts point at), then the
    # undercuts: a simple one is a line `_ [premise]` under its target's argument.
    argued = [r for r in m.relations if not r.get("undercut") and not simple(r)]
    argued += [r for r in m.relations if r.get("undercut")]
    argument_of = {}
    for r in argued:
        if r.get("undercut") and simple(r):
            target = argument_of.get(r["conclusion"])
            if not any(x["from"] == r["premises"][0] and x["to"] == target and x["relationType"] == "undercut"
                       for x in back["relations"]):
                fail(name, f"undercut by {r['premises'][0]} of {r['conclusion']} is not read back by Argdown")
            continue
        found = None
        for title, a in back["arguments"].items():
            steps = back_pcs(a)
            premises = sorted(s["title"] for s in steps if s.get("role") == "premise")
            if not steps or premises != sorted(r["premises"]):
                continue
            end = steps[-1]["title"]
            attacks = {(x["to"], x["relationType"]) for x in back["relations"] if x["from"] == end}
            if r.get("undercut"):
                target = argument_of.get(r["conclusion"])
                ok = target is not None and (target, "undercut") in attacks
            elif r["kind"] == "objection":
                ok = (r["conclusion"], "attack") in attacks
            else:
                ok = end == r["conclusion"]
            if ok and title not in argument_of.values():
                found = title
                break
        if found is None:
            fail(name, f"relation {r['kind']} {r['premises']} -> {r['conclusion']} is not read back by Argdown as an argument")
        elif r.get("id"):
            argument_of[r["id"]] = found
    again = os.path.join(tmp, "again.ron")
    argmap_import(out, again)
    if not same_map(ron, again):
        fail(name, "argmap export then import does not give the same map")
    print(f"ok   {name}: {len(statements)} statements, {len(arguments)} arguments, "
          f"{len(ad['relations'])} relations; {len(warnings)} warnings")


def check_aif(graph, tmp):
    name = os.path.basename(graph)
    with open(graph) as f:
        g = json.load(f)
    ron = os.path.join(tmp, "aif.ron")
    warnings = argmap_import(graph, ron)
    m = Map(argmap_json(ron))
    nodes = {n["nodeID"]: n for n in g["nodes"]}
    into, out = {}, {}
    for e in g["edges"]:
        into.setdefault(e["toID"], []).append(e["fromID"])
        out.setdefault(e["fromID"], []).append(e["toID"])
    for n in g["nodes"]:
        if n["type"] == "I" and not m.ids(n["text"]):
            fail(name, f"I-node {n['nodeID']} is missing")
        if n["type"] in ("RA", "CA"):
            premises = [p for p in into.get(n["nodeID"], []) if nodes[p]["type"] == "I"]
            targets = out.get(n["nodeID"], [])
            kind = "support" if n["type"] == "RA" else "objection"
            pids = [m.ids(nodes[p]["text"]) for p in premises]
            tids = [i for t in targets if nodes[t]["type"] == "I" for i in m.ids(nodes[t]["text"])]
            undercut = [t for t in targets if nodes[t]["type"] in ("RA", "CA")]
            if undercut:
                # A CA-node into an RA- or CA-node: an undercut of that relation, with these premises.
                ok = any(r.get("undercut") and len(r["premises"]) == len(pids)
                         and all(any(c in r["premises"] for c in cands) for cands in pids) for r in m.relations)
            else:
                ok = m.has(pids, tids, kind)
            if not ok:
                fail(name, f"{n['type']}-node {n['nodeID']} is missing as a {kind}")
    dialogue = [n for n in g["nodes"] if n["type"] not in ("I", "RA", "CA")]
    if dialogue and not any("not imported" in w for w in warnings):
        fail(name, "dialogue nodes are not reported")
    out_json = os.path.join(tmp, "aif-out.json")
    run(ARGMAP, "export", ron, out_json)
    again = os.path.join(tmp, "aif-again.ron")
    os.replace(out_json, os.path.join(tmp, "aif.json"))
    argmap_import(os.path.join(tmp, "aif.json"), again)
    if not same_map(ron, again):
        fail(name, "import, export, import does not give the same map")
    print(f"ok   {name}: {sum(1 for n in g['nodes'] if n['type'] == 'I')} I-nodes, "
          f"{len(g['edges'])} edges; {len(warnings)} warnings")


HOSTILE = r"""#![enable(implicit_some)]
(
    version: 1,
    title: "Hostile // title === with /* stars */",
    statements: [
        (id: "url", text: "See https://example.org // and /* this */ <!-- too -->"),
        (id: "marks", text: "[a](b) link, .A. :smile: #tag #(two words) {\"data\": 1} **bold** _it_ @[x] <y> \\ back"),
        (id: "space", text: "  leading\tand\n trailing  ", note: "a // note with } brace and {\"x\": 1} and ===", source: (quote: "q // q", reference: "https://x.org/*")),
        (id: "empty", text: ""),
    ],
    relations: [
        (kind: support, premises: ["marks"], conclusion: "url"),
        (kind: objection, premises: ["space", "empty"], conclusion: "url", label: "<Label> [with] // junk", description: "A description // with /* comment */ and #tag"),
    ],
)
"""


def check_escaping(tmp):
    """Texts full of Argdown syntax (comments, URLs, tags, data, markup, shortcodes, brackets,
    white space, an empty text): Argdown's parser reads argmap's export as the same words, and
    argmap reads it back exactly."""
    ron = os.path.join(tmp, "hostile.ron")
    with open(ron, "w") as f:
        f.write(HOSTILE)
    out = os.path.join(tmp, "hostile.argdown")
    run(ARGMAP, "export", ron, out)
    back = argdown_json(out, tmp)
    words = lambda t: " ".join((t or "").split())
    for s in argmap_json(ron)["statements"]:
        members = back["statements"].get(s["id"], {}).get("members", [])
        read = words("".join(m.get("text") or "" for m in members))
        if read != words(s["text"]):
            fail("escaping", f"Argdown reads [{s['id']}] as {read!r}, not {words(s['text'])!r}")
    again = os.path.join(tmp, "hostile-again.ron")
    argmap_import(out, again)
    if not same_map(ron, again):
        fail("escaping", "argmap export then import does not give the same map")
    print("ok   escaping: Argdown reads argmap's escaped texts as written")


def main():
    docs = sorted(glob.glob(os.path.join(DATA, "argdown", "*.argdown")))
    graphs = sorted(glob.glob(os.path.join(DATA, "aif", "*.json")))
    if not docs or not graphs:
        print(f"no test data under {DATA}")
        return 1
    for doc in docs:
        with tempfile.TemporaryDirectory() as tmp:
            check_argdown(doc, tmp)
    for graph in graphs:
        with tempfile.TemporaryDirectory() as tmp:
            check_aif(graph, tmp)
    with tempfile.TemporaryDirectory() as tmp:
        check_escaping(tmp)
    print(f"{len(docs)} Argdown documents, {len(graphs)} AIF graphs: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
