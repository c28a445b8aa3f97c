#!/usr/bin/env python3
"""An independent count of every vendored macOS `sample` report, for MacOSSampleImporterTests.

Reads each file's "Call graph:" section on its own: a line's depth is the column of its count
(after four spaces, two characters a level), a frame's self count its count less its
children's. For each file: the sampling interval in nanoseconds (from "every N millisecond"),
the threads with their sample counts, the total self count, and the top 5 frames by self count
(a frame named as the text before "  (in BINARY)", "??? (BINARY)" when unsymbolized).

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/macos_sample_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/macos-sample-oracle.json
"""
import collections
import gzip
import json
import os
import re

ROOT = "Tests/Fixtures/samples/other/macos-sample"
LINE = re.compile(r"^    ([ +!:|]*?)(\d+) (.*)$")


def frame(text):
    match = re.match(r"^(.*?)  \(in ([^)]*)\)", text)
    if match:
        name, binary = match.group(1).strip(), match.group(2)
        return "??? (%s)" % binary if name in ("", "???") else name
    return re.sub(r"  \[0x[0-9a-f]+\].*$", "", text).strip() or "???"


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")
    interval = None
    first = re.search(r" every (\d+) (millisecond|microsecond)", lines[0])
    if first:
        interval = int(first.group(1)) * (1000000 if first.group(2) == "millisecond" else 1000)
    start = lines.index("Call graph:") + 1
    nodes = []  # (depth, name, count)
    for line in lines[start:]:
        match = LINE.match(line)
        if not match:
            break
        nodes.append((len(match.group(1)) // 2, match.group(3), int(match.group(2))))
    threads = []
    self_counts = collections.Counter()
    for index, (depth, text, count) in enumerate(nodes):
        children = 0
        for later in nodes[index + 1:]:
            if later[0] <= depth:
                break
            if later[0] == depth + 1:
                children += later[2]
        if depth == 0:
            threads.append({"thread": " ".join(text.split()), "samples": count})
        elif count - children > 0:
            self_counts[frame(text)] += count - children
    top = sorted(self_counts.items(), key=lambda item: (-item[1], item[0]))[:5]
    return {
        "interval_ns": interval,
        "threads": threads,
        "self_total": sum(self_counts.values()),
        "top_self": [{"frame": name, "samples": count} for name, count in top],
    }


def main():
    result = {}
    for folder, _, files in sorted(os.walk(ROOT)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            result[os.path.relpath(path, ROOT)] = read(path)
    print(json.dumps(result, indent=1, sort_keys=True))


main()
