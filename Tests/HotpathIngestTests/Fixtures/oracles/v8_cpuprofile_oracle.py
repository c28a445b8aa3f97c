#!/usr/bin/env python3
"""An independent count of every vendored V8 CPU profile fixture, for V8CPUProfileImporterTests.

Sample i weighs the time to sample i+1 (times never run backwards; the last sample weighs
nothing), as speedscope's `src/import/chrome.ts` and Chrome DevTools have it. For each file:
the sample count, the total time of samples whose node is a frame (not (root), (idle) or
`native dummy.js`), the idle time, and the top 5 frames by self time (the sampled node's
own frame), named as the importer documents: the function name, `(anonymous file:line)`, and
`name (file:line)` for a name used at more than one place.

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/v8_cpuprofile_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/v8-cpuprofile-oracle.json
"""
import collections
import gzip
import json
import os
import sys

ROOT = "Tests/Fixtures/samples/other/v8-cpuprofile"


def flat(profile):
    """(nodes by id as (name, url, line, column), sample ids, sample times)."""
    nodes = {}
    if "nodes" in profile:
        for node in profile["nodes"]:
            frame = node["callFrame"]
            nodes[node["id"]] = (frame.get("functionName", ""), frame.get("url", ""),
                                 frame.get("lineNumber", -1), frame.get("columnNumber", -1))
        times, elapsed = [], 0
        for delta in profile["timeDeltas"]:
            elapsed += delta
            times.append(elapsed)
    else:
        pending = [profile["head"]]
        while pending:
            node = pending.pop()
            nodes[node["id"]] = (node.get("functionName", ""), node.get("url", ""), node.get("lineNumber", -1), -1)
            pending.extend(node.get("children", []))
        times = profile["timestamps"]
    return nodes, profile["samples"], times


def names(frames):
    def place(frame):
        file = frame[1].split("/")[-1]
        return "%s:%d" % (file, frame[2] + 1) if frame[2] >= 0 else file
    plain = {f: (f[0] or ("(anonymous %s)" % place(f) if f[1] else "(anonymous)")) for f in frames}
    places = collections.defaultdict(set)
    for f in frames:
        places[plain[f]].add((f[1], f[2]))
    return {f: ("%s (%s)" % (plain[f], place(f)) if f[0] and f[1] and len(places[plain[f]]) > 1 else plain[f])
            for f in frames}


def count(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        profile = json.load(handle)
    nodes, samples, times = flat(profile)
    ignored = {i for i, f in nodes.items() if f[0] in ("(root)", "(idle)") or f[1] == "native dummy.js"}
    frames = sorted({f for i, f in nodes.items() if i not in ignored})
    named = names(frames)
    self_time = collections.Counter()
    total = idle = 0.0
    clamped = times[0] if times else 0
    for index, node in enumerate(samples):
        start = max(clamped, times[index])
        clamped = start
        end = max(start, times[index + 1]) if index + 1 < len(samples) else start
        weight = (end - start) * 1000
        if nodes[node][0] == "(idle)":
            idle += weight
        if node in ignored or weight == 0:
            continue
        self_time[named[nodes[node]]] += weight
        total += weight
    top = sorted(self_time.items(), key=lambda item: (-item[1], item[0]))[:5]
    return {"samples": len(samples), "total_ns": round(total), "idle_ns": round(idle),
            "top_self": [{"frame": name, "ns": round(weight)} for name, weight in top]}


def main():
    result = {}
    for folder, _, files in sorted(os.walk(ROOT)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            result[os.path.relpath(path, ROOT)] = count(path)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
