#!/usr/bin/env python3
"""An independent reading of every vendored Firefox Profiler fixture (Gecko, processed, and
DevTools recordings), for FirefoxProfileImporterTests.

For each file: its stacks, as "thread|root;…;leaf" → weight in nanoseconds (a sample weighs
its weight, 1 when absent, times meta.interval in milliseconds), and its spans, as
[thread, name, start ms, duration ms] sorted, from markers with a duration (phase 1, or
data.startTime/endTime; a start (phase 2, interval "start") paired with the latest open start
of the same name at its end). Threads sharing a name get " (pid P, tid T)".

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/firefox_profile_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/firefox-profile-oracle.json
"""
import gzip
import json
import os
import re

ROOTS = ["Tests/Fixtures/samples/other/firefox-gecko", "Tests/Fixtures/samples/other/firefox-processed"]
LOCATION = re.compile(r"^(.+) \((.+?)((?::\d+){0,2})\)(\[\d+\])?$")


def column(table, name, row):
    if "schema" in table:
        index = table["schema"].get(name)
        cells = table["data"][row]
        return cells[index] if index is not None and index < len(cells) else None
    values = table.get(name)
    return values[row] if values is not None and row < len(values) else None


def size(table):
    if "schema" in table:
        return len(table["data"])
    return table.get("length", max((len(v) for v in table.values() if isinstance(v, list)), default=0))


def frame_name(location):
    match = LOCATION.match(location)
    if match and (match.group(3) or "/" in match.group(2)):
        return match.group(1)
    return location


def read_process(profile, shared, offset, root_start, threads):
    interval = profile.get("meta", {}).get("interval", 1)
    for thread in profile.get("threads", []):
        if isinstance(thread, str):  # old Gecko profiles hold threads as JSON strings
            thread = json.loads(thread)
        threads.append((thread, shared, interval, offset))
    for process in profile.get("processes", []):
        start = process.get("meta", {}).get("startTime", root_start)
        read_process(process, None, start - root_start, root_start, threads)


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        profile = json.load(handle)
    if "meta" not in profile:
        profile = profile["profile"]
    threads = []
    read_process(profile, profile.get("shared"), 0, profile["meta"].get("startTime", 0), threads)
    names = [t[0].get("name", "thread %d" % (i + 1)) for i, t in enumerate(threads)]
    original = list(names)
    for i, (thread, _, _, _) in enumerate(threads):
        if original.count(thread.get("name")) > 1:
            ids = []
            if "pid" in thread and thread["pid"] is not None:
                ids.append("pid %s" % thread["pid"])
            if "tid" in thread and thread["tid"] is not None:
                ids.append("tid %s" % thread["tid"])
            if ids:
                names[i] = "%s (%s)" % (thread["name"], ", ".join(ids))
    stacks, spans = {}, []
    for (thread, shared, interval, offset), name in zip(threads, names):
        strings = thread.get("stringTable") or thread.get("stringArray") or (shared or {}).get("stringArray") or []
        tables = {key: thread.get(key) or (shared or {}).get(key) for key in ("stackTable", "frameTable", "funcTable")}
        samples = thread.get("samples")
        if samples and size(samples):
            stack_table, frame_table, func_table = tables["stackTable"], tables["frameTable"], tables["funcTable"]

            def frame(index):
                func = column(frame_table, "func", index)
                if func_table is not None and func is not None:
                    return strings[column(func_table, "name", func)] or "(function %d)" % func
                return frame_name(strings[column(frame_table, "location", index)])

            for row in range(size(samples)):
                stack = column(samples, "stack", row)
                if stack is None:
                    continue
                weight = column(samples, "weight", row)
                weight = 1 if weight is None else weight
                if weight <= 0:
                    continue
                path = []
                while stack is not None:
                    path.append(frame(column(stack_table, "frame", stack)))
                    stack = column(stack_table, "prefix", stack)
                key = name + "|" + ";".join(reversed(path))
                stacks[key] = stacks.get(key, 0) + weight * interval * 1e6
        markers = thread.get("markers")
        if not markers:
            continue
        phased = "phase" in markers or "startTime" in markers or "phase" in markers.get("schema", {})
        open_starts = {}
        for row in range(size(markers)):
            index = column(markers, "name", row)
            marker = strings[index] if index is not None and index < len(strings) else "marker"
            data = column(markers, "data", row) or {}
            start = end = None
            if phased:
                phase = column(markers, "phase", row)
                if phase == 1:
                    start, end = column(markers, "startTime", row), column(markers, "endTime", row)
                elif phase == 2:
                    open_starts.setdefault(marker, []).append(column(markers, "startTime", row))
                    continue
                elif phase == 3:
                    end = column(markers, "endTime", row)
                    start = open_starts.get(marker, [None]).pop() if open_starts.get(marker) else None
                else:
                    continue
            else:
                at = column(markers, "time", row)
                if isinstance(data, dict) and data.get("startTime") is not None and data.get("endTime") is not None:
                    start, end = data["startTime"], data["endTime"]
                elif isinstance(data, dict) and data.get("interval") == "start":
                    open_starts.setdefault(marker, []).append(at)
                    continue
                elif isinstance(data, dict) and data.get("interval") == "end":
                    end = at
                    start = open_starts[marker].pop() if open_starts.get(marker) else None
                else:
                    continue
            if start is None or end is None or end < start:
                continue
            spans.append([name, marker, round(start + offset, 6), round(end - start, 6)])
    return {"stacks": stacks, "spans": sorted(spans)}


def main():
    result = {}
    for root in ROOTS:
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                result[os.path.relpath(path, "Tests/Fixtures/samples/other")] = read(path)
    print(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False))


if __name__ == "__main__":
    main()
