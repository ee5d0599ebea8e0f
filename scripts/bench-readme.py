#!/usr/bin/env python3
"""Runs argmap's criterion benches and rewrites README.md's table of figures from criterion's own
output, so that anyone can reproduce and refresh them.

    scripts/bench-readme.py              # cargo bench --bench export --bench large, then rewrite
    scripts/bench-readme.py --no-run     # rewrite from the results criterion already has
    scripts/bench-readme.py --no-run --keep   # and keep the README's figure where it has none

The table (between the README's `bench-figures` markers) has a row for each benchmark named in
scripts/bench-table.tsv, in its order: what it measures, its target, and criterion's median with
the 95% confidence interval of the median (`target/criterion/**/new/estimates.json`), and a line
saying when, on how many cores and with which processor. A benchmark the table names that
criterion has no result for is an error: no figure is ever left over from another run."""
import argparse
import datetime
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN = "<!-- bench-figures:begin (scripts/bench-readme.py writes this table) -->"
END = "<!-- bench-figures:end -->"
EARLIER = " (earlier run)"


def results(criterion):
    """Each benchmark's median and its confidence interval, in nanoseconds, by criterion id."""
    found = {}
    for bench in pathlib.Path(criterion).glob("**/new/benchmark.json"):
        ident = json.loads(bench.read_text())["full_id"]
        median = json.loads((bench.parent / "estimates.json").read_text())["median"]
        ci = median["confidence_interval"]
        found[ident] = (median["point_estimate"], ci["lower_bound"], ci["upper_bound"])
    return found


def duration(ns):
    """A duration in the unit that suits it, three significant figures."""
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            value = ns / scale
            break
    else:
        unit, value = "ns", ns
    return f"{value:.3g} {unit}", unit, scale if unit != "ns" else 1


def bound(value):
    """A bound of an interval in the median's unit: three significant figures, whole from 1,000
    on (never `1.1e+03`)."""
    return f"{value:.0f}" if value >= 1000 else f"{value:.3g}"


def figure(estimate):
    median, low, high = estimate
    text, unit, scale = duration(median)
    return f"{text} ({bound(low / scale)}–{bound(high / scale)})"


def rows(table):
    """The rows of the table file: (id, what, target)."""
    out = []
    for line in pathlib.Path(table).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            sys.exit(f"{table}: a line needs three tab-separated fields: {line!r}")
        out.append(tuple(p.strip() for p in parts))
    return out


def machine():
    cores = os.cpu_count() or 1
    model = ""
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cores} cores" + (f", {model}" if model else "")


def kept_figures(text):
    """The figures the README's table holds now, by benchmark (for --keep)."""
    kept = {}
    for line in text.splitlines():
        m = re.match(r"\| `([^`]+)` \|.*\| ([^|]+) \|$", line)
        if m:
            kept[m.group(1)] = m.group(2).strip()
    return kept


def table_text(listed, found, when, kept=None):
    kept = kept or {}
    missing = [ident for ident, _, _ in listed if ident not in found and ident not in kept]
    if missing:
        sys.exit("criterion has no result for " + ", ".join(missing) + " (run the benches, or drop them from the table)")
    lines = [
        BEGIN,
        f"Measured {when} on {machine()}: criterion's median and the 95% confidence interval of the",
        "median (`scripts/bench-readme.py` ran the benches and wrote this table; a figure marked",
        "\"earlier run\" is criterion's from a run before this one, perhaps on another machine,",
        "kept by `--keep`).",
        "",
        "| benchmark | what | target | median (95% CI) |",
        "| --- | --- | --- | --- |",
    ]
    for ident, what, target in listed:
        shown = figure(found[ident]) if ident in found else kept[ident]
        if ident not in found and not shown.endswith(EARLIER):
            shown += EARLIER
        lines.append(f"| `{ident}` | {what} | {target} | {shown} |")
    lines.append(END)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-run", action="store_true", help="rewrite from the results criterion already has")
    parser.add_argument("--criterion", default=str(ROOT / "target" / "criterion"))
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    parser.add_argument("--table", default=str(ROOT / "scripts" / "bench-table.tsv"))
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the README's figure for a benchmark criterion has no result for (from an earlier run)",
    )
    args = parser.parse_args()
    if not args.no_run:
        subprocess.run(["cargo", "bench", "--locked", "--bench", "export", "--bench", "large"], cwd=ROOT, check=True)
    readme = pathlib.Path(args.readme)
    text = readme.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        sys.exit(f"{readme}: needs one {BEGIN!r} and one {END!r}")
    kept = kept_figures(text) if args.keep else None
    new = table_text(rows(args.table), results(args.criterion), args.date, kept)
    text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: new, text, flags=re.S)
    readme.write_text(text, encoding="utf-8")
    print(f"{readme}: {len(rows(args.table))} figures written")


if __name__ == "__main__":
    main()
