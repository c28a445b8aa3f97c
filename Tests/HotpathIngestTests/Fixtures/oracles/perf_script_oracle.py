#!/usr/bin/env python3
"""An independent count of every vendored `perf script` fixture, for PerfScriptImporterTests.

Written apart from the Swift reader, with regular expressions in the manner of speedscope's
`linux-tools-perf.ts` and FlameGraph's `stackcollapse-perf.pl`: samples are blocks separated by
blank lines (or a new header line), the event is the last `name:` field of the header before
any trailing text, the period is the number just before it. For each file it writes: the
events with their sample counts and period totals, the event with the most samples, the
number of distinct threads (comm + pid/tid), and the top 5 frames by self weight (leaf frame,
weighted by the period when printed, else 1) of that event.

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/perf_script_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/perf-script-oracle.json
"""
import collections
import gzip
import json
import os
import re
import sys

ROOT = "Tests/Fixtures/samples/other/linux-perf-script"

FRAME = re.compile(r"^\s*(?P<addr>[0-9a-fA-F]+)\s+(?P<sym>.*?)(?:\s+\((?P<dso>[^()]*(?:\([^()]*\))*[^()]*)\))?\s*$")
OFFSET = re.compile(r"\+0x[0-9a-fA-F]+$")


def frame_name(sym, dso):
    sym = OFFSET.sub("", sym)
    if sym in ("", "[unknown]"):
        dso = OFFSET.sub("", dso or "")
        base = "" if dso in ("", "[unknown]") else dso.rstrip("/").split("/")[-1]
        return "[unknown] (%s)" % base if base else "[unknown]"
    return sym


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        return handle.read().splitlines()


def header_of(line):
    """(thread, period, event, rest) of a header line, or None."""
    if line.lstrip().startswith("#"):
        return None
    # A header's thread ends in its pid or pid/tid: the first number word after which the
    # rest reads as [cpu] time: period event: (a command name may hold number words).
    for match in re.finditer(r"(?:^|(?<=\s))(\d+(?:/\d+)?)(?=\s)", line):
        thread = (line[:match.start(1)].strip() + " " + match.group(1)).strip()
        tail_match = re.match(
            r"^(?:\[\d+\]\s+)?(?:\d+\.\d+:\s*)?(?:(\d+)\s+)?([^\s:][^\s]*?):(?=\s|$)\s*(.*)$", line[match.end():].lstrip())
        if tail_match is not None:
            break
    else:
        return None
    period, event, rest = tail_match.groups()
    return thread, (int(period) if period else None), event, rest


def count(path):
    events = collections.OrderedDict()
    threads = set()
    self_weight = collections.defaultdict(lambda: collections.Counter())
    current = None

    def finish():
        if current is None:
            return
        event, period, frames = current
        entry = events.setdefault(event, {"samples": 0, "period": 0, "with_period": 0})
        entry["samples"] += 1
        if period is not None:
            entry["period"] += period
            entry["with_period"] += 1
        if frames:
            self_weight[event][frames[0]] += period if period is not None else 1

    for line in read(path):
        if not line.strip():
            finish()
            current = None
            continue
        if line.lstrip().startswith("#"):
            continue
        frame = FRAME.match(line)
        # Frames are indented, but for old files that print them at the start of the line
        # (those never read as a header).
        if (current is not None and frame and not HEADER_LIKE.match(line)
                and (line[:1] in (" ", "\t") or header_of(line) is None)):
            current[2].append(frame_name(frame.group("sym"), frame.group("dso")))
            continue
        header = header_of(line)
        if header is not None:
            finish()
            thread, period, event, rest = header
            threads.add(re.sub(r"\s+", " ", thread))
            frames = []
            inline = re.match(r"^([0-9a-fA-F]+)\s+(.*?)\s+\((.*)\)\s*$", rest or "")
            if inline:
                frames.append(frame_name(inline.group(2), inline.group(3)))
            current = (event, period, frames)
    finish()
    if not events:
        return None
    chosen = max(events, key=lambda name: (events[name]["samples"], -list(events).index(name)))
    top = sorted(self_weight[chosen].items(), key=lambda item: (-item[1], item[0]))[:5]
    return {
        "events": [
            {"name": name, "samples": entry["samples"], "period": entry["period"], "with_period": entry["with_period"]}
            for name, entry in events.items()
        ],
        "chosen": chosen,
        "threads": len(threads),
        "top_self": [{"frame": name, "weight": weight} for name, weight in top],
        "total_weight": sum(self_weight[chosen].values()),
    }


# A frame line whose first word is not an address but a command followed by its pid and a
# time (a one-line sample that starts with blanks, as perf pads short command names).
HEADER_LIKE = re.compile(r"^\s*\S.*?\s\d+(?:/\d+)?\s+(?:\[\d+\]\s+)?\d+\.\d+:")


def main():
    result = {}
    for folder, _, files in sorted(os.walk(ROOT)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            counted = count(path)
            if counted is not None:
                result[os.path.relpath(path, ROOT)] = counted
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
