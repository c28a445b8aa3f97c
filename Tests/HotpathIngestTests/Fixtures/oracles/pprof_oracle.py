#!/usr/bin/env python3
"""An independent count of every vendored pprof profile.proto fixture, for PprofImporterTests.

A small protocol buffer wire-format decoder of its own (no generated code, no protobuf
package), following github.com/google/pprof proto/profile.proto. For each file: the number of
samples, the sample types as `type/unit`, the one the stacks weigh (default_sample_type, else
the last, as pprof chooses), every type's total, and the top 5 frames by self weight of that
type (a sample's leaf frame: its first location's first line's function name, or the
location's address `0x…` with the mapping file's base name when it has no lines), in the
importer's unit (time units as nanoseconds). Files pprof itself refuses are listed with why.

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/pprof_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/pprof-oracle.json
"""
import collections
import gzip
import json
import os

ROOT = "Tests/Fixtures/samples/pprof"


def varint(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def fields(data):
    """(number, wire type, value) of each field; values of length-delimited fields as bytes."""
    pos = 0
    while pos < len(data):
        key, pos = varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(data, pos)
        elif wire == 2:
            length, pos = varint(data, pos)
            value = data[pos:pos + length]
            pos += length
        elif wire == 1:
            value = data[pos:pos + 8]
            pos += 8
        elif wire == 5:
            value = data[pos:pos + 4]
            pos += 4
        else:
            raise ValueError("wire type %d" % wire)
        yield number, wire, value


def repeated(wire, value):
    """A repeated varint field's values, packed or not."""
    if wire == 0:
        return [value]
    out, pos = [], 0
    while pos < len(value):
        item, pos = varint(value, pos)
        out.append(item)
    return out


def signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def message(data):
    out = collections.defaultdict(list)
    for number, wire, value in fields(data):
        out[number].append((wire, value))
    return out


def count(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    profile = message(data)
    strings = [v.decode("utf-8", "replace") for _, v in profile[6]]
    sample_types = []
    for _, v in profile[1]:
        m = message(v)
        sample_types.append((strings[m[1][0][1]] if 1 in m else "", strings[m[2][0][1]] if 2 in m else ""))
    samples = profile[2]
    if not sample_types:
        return {"error": "no sample_type", "samples": len(samples)}
    names = ["%s/%s" % t if t[1] else t[0] for t in sample_types]
    measure = len(sample_types) - 1
    if 14 in profile:
        wanted = strings[profile[14][0][1]]
        for i, t in enumerate(sample_types):
            if t[0] == wanted:
                measure = i
                break
    scale = {"nanoseconds": 1, "microseconds": 1e3, "milliseconds": 1e6, "seconds": 1e9}.get(
        sample_types[measure][1], 1)
    mappings = {}
    for _, v in profile[3]:
        m = message(v)
        mappings[m[1][0][1] if 1 in m else 0] = strings[m[5][0][1]] if 5 in m else ""
    functions = {}
    for _, v in profile[5]:
        m = message(v)
        name = strings[m[2][0][1]] if 2 in m else ""
        if not name and 3 in m:
            name = strings[m[3][0][1]]
        functions[m[1][0][1]] = name
    locations = {}
    for _, v in profile[4]:
        m = message(v)
        lines = [message(line) for _, line in m.get(4, [])]
        if lines:
            leaf = functions[lines[0][1][0][1]] if 1 in lines[0] else ""
        else:
            leaf = "0x%x" % (m[3][0][1] if 3 in m else 0)
            mapping = mappings.get(m[2][0][1] if 2 in m else 0)
            if mapping:
                leaf += " (%s)" % mapping.split("/")[-1]
        locations[m[1][0][1]] = leaf
    totals = [0] * len(sample_types)
    self_weight = collections.Counter()
    for _, v in samples:
        m = message(v)
        ids = [i for wire, value in m.get(1, []) for i in repeated(wire, value)]
        values = [signed(i) for wire, value in m.get(2, []) for i in repeated(wire, value)]
        for i, value in enumerate(values):
            totals[i] += value
        if ids and values[measure] > 0:
            self_weight[locations[ids[0]]] += values[measure] * scale
    top = sorted(self_weight.items(), key=lambda item: (-item[1], item[0]))[:5]
    return {
        "samples": len(samples),
        "sample_types": names,
        "measure": names[measure],
        "totals": totals,
        "total": sum(self_weight.values()),
        "top_self": [{"frame": frame, "weight": weight} for frame, weight in top],
    }


def main():
    result = {}
    for folder, _, files in sorted(os.walk(ROOT)):
        if "/legacy" in folder:
            continue
        for name in sorted(files):
            path = os.path.join(folder, name)
            result[os.path.relpath(path, ROOT)] = count(path)
    print(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
