#!/usr/bin/env python3
"""An independent reading of every vendored JMH JSON fixture, for JMHImporterTests.

For each benchmark entry: the operation name the importer documents (`benchmark`, then
` [k=v, …]` for its params in the file's order, then ` (ops/s)` for a throughput), its metric
(`throughput` for ops per time, else `timing`), and its samples: `primaryMetric.rawData`
flattened fork by fork, converted to operations per second or to nanoseconds per operation;
then ` (alloc/op)` memory operations from `·gc.alloc.rate.norm`.

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/jmh_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/jmh-oracle.json
"""
import json
import os

ROOT = "Tests/Fixtures/samples/other/jmh"
TIME = {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}
RATE = {"ops/ns": 1e9, "ops/us": 1e6, "ops/ms": 1e3, "ops/s": 1, "ops/min": 1 / 60}


def read(path):
    operations = []
    for entry in json.load(open(path, encoding="utf-8")):
        name = entry["benchmark"]
        if entry.get("params"):
            name += " [%s]" % ", ".join("%s=%s" % item for item in entry["params"].items())
        primary = entry["primaryMetric"]
        unit = primary["scoreUnit"]
        if unit in RATE:
            metric, factor, name = "throughput", RATE[unit], name + " (ops/s)"
        else:
            metric, factor = "timing", TIME[unit]
        samples = [value * factor for fork in primary["rawData"] for value in fork]
        operations.append({"name": name, "metric": metric, "samples": samples})
        for key, secondary in entry.get("secondaryMetrics", {}).items():
            if key.lstrip("\u00b7") == "gc.alloc.rate.norm":
                operations.append({"name": name + " (alloc/op)", "metric": "memory",
                                   "samples": [v for fork in secondary["rawData"] for v in fork]})
    return operations


def main():
    result = {}
    for folder, _, files in sorted(os.walk(ROOT)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            result[os.path.relpath(path, ROOT)] = read(path)
    print(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False))


if __name__ == "__main__":
    main()
