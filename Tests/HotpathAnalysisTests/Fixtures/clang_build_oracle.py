#!/usr/bin/env python3
"""Independent recomputation of what Hotpath must find in clang -ftime-trace files.

Reads the raw Trace Event JSON (not Hotpath's model) of every trace under
Tests/Fixtures/samples/chrome-trace/from-clangbuildanalyzer and writes
clang-build-oracle.json beside this script:

- per trace: the wall time of its X events other than `Total …` (max ts+dur - min ts),
  ExecuteCompiler's duration, how many `Total …` summaries it has, how many Source
  intervals (X events, or b/e pairs matched last-open-first per pid, cat, id and name);
- for the blender-mac-clang14 folder (one build of 13 units): the build total (the units'
  ExecuteCompiler durations summed) and the top 10 headers (Source `detail`), templates
  (InstantiateClass/InstantiateFunction `detail`) and functions (CodeGen Function/OptFunction
  `detail`) by total time, an interval not counted when an interval of the same event name
  and detail in the same unit contains it; with counts (all intervals) and units.

Run from the repository root: python3 Tests/HotpathAnalysisTests/Fixtures/clang_build_oracle.py
"""
import collections
import glob
import gzip
import json
import os

ROOT = "Tests/Fixtures/samples/chrome-trace/from-clangbuildanalyzer"
HERE = os.path.dirname(os.path.abspath(__file__))
GROUPS = {
    "header": {"Source"},
    "template": {"InstantiateClass", "InstantiateFunction"},
    "function": {"CodeGen Function", "OptFunction"},
}


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["traceEvents"]


def intervals(events):
    """(name, detail, start µs, end µs) of X events and matched b/e pairs."""
    result = []
    for event in events:
        if event.get("ph") == "X" and not event["name"].startswith("Total "):
            result.append((event["name"], event.get("args", {}).get("detail"), event["ts"], event["ts"] + event["dur"]))
    open_async = collections.defaultdict(list)
    ordered = sorted(
        (e for e in events if e.get("ph") in ("b", "e")), key=lambda e: e["ts"]
    )  # sorted() is stable: file order at one timestamp
    for event in ordered:
        key = (event.get("pid"), event.get("cat"), event.get("id"), event["name"])
        if event["ph"] == "b":
            open_async[key].append(event)
        elif open_async[key]:
            begin = open_async[key].pop()
            result.append((begin["name"], begin.get("args", {}).get("detail"), begin["ts"], event["ts"]))
    return result


def unit_items(spans):
    items = {}
    for group, names in GROUPS.items():
        chosen = [s for s in spans if s[0] in names and s[1] is not None]
        for name, detail, start, end in chosen:
            nested = any(
                o[0] == name and o[1] == detail and o[2] <= start and o[3] >= end and (o[2], o[3]) != (start, end)
                for o in chosen
            )
            entry = items.setdefault((group, detail), [0.0, 0])
            entry[1] += 1
            if not nested:
                entry[0] += (end - start) * 1000
    return items


def main():
    traces = {}
    build_items = {}
    build_total = 0.0
    for path in sorted(glob.glob(os.path.join(ROOT, "**", "*.json*"), recursive=True)):
        events = load(path)
        spans = intervals(events)
        complete = [e for e in events if e.get("ph") == "X" and not e["name"].startswith("Total ")]
        wall = max(e["ts"] + e["dur"] for e in complete) - min(e["ts"] for e in complete)
        execute = sum(e["dur"] for e in complete if e["name"] == "ExecuteCompiler")
        name = os.path.relpath(path, ROOT)
        traces[name] = {
            "wall_ns": wall * 1000,
            "execute_compiler_ns": execute * 1000,
            "phase_totals": sum(1 for e in events if e.get("ph") == "X" and e["name"].startswith("Total ")),
            "source_spans": sum(1 for s in spans if s[0] == "Source"),
        }
        if name.startswith("blender-mac-clang14/"):
            build_total += execute * 1000
            for key, (total, count) in unit_items(spans).items():
                entry = build_items.setdefault(key, [0.0, 0, 0])
                entry[0] += total
                entry[1] += count
                entry[2] += 1

    def top(group):
        rows = [(k[1], v) for k, v in build_items.items() if k[0] == group]
        rows.sort(key=lambda r: (-r[1][0], -r[1][1], r[0]))
        return [{"name": n, "total_ns": round(v[0]), "count": v[1], "units": v[2]} for n, v in rows[:10]]

    oracle = {
        "traces": traces,
        "build": {
            "folder": "blender-mac-clang14",
            "total_ns": round(build_total),
            "header_count": sum(1 for k in build_items if k[0] == "header"),
            "headers": top("header"),
            "templates": top("template"),
            "functions": top("function"),
        },
    }
    with open(os.path.join(HERE, "clang-build-oracle.json"), "w", encoding="utf-8") as handle:
        json.dump(oracle, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
