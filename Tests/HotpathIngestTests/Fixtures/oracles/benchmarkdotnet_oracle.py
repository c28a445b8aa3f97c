#!/usr/bin/env python3
"""An independent reading of every vendored BenchmarkDotNet JSON fixture, for BenchmarkDotNetImporterTests.

For each benchmark case: the operation name the importer documents (`Namespace.Type.Method`,
then ` [A=1, B=2]` for its `Parameters`, `&`-separated in the file), its samples (the
nanoseconds per operation of every `Workload`/`Actual` measurement, or, without any,
`Statistics.OriginalValues`), then a memory operation ` (alloc/op)` holding
`Memory.BytesAllocatedPerOperation` when the MemoryDiagnoser ran.

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/benchmarkdotnet_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/benchmarkdotnet-oracle.json
"""
import json
import os

ROOT = "Tests/Fixtures/samples/other/benchmarkdotnet"


def read(path):
    operations = []
    for case in json.load(open(path, encoding="utf-8"))["Benchmarks"]:
        name = ".".join(part for part in (case["Namespace"], case["Type"], case["Method"]) if part)
        if case.get("Parameters"):
            name += " [%s]" % ", ".join(case["Parameters"].split("&"))
        samples = [m["Nanoseconds"] / m["Operations"] for m in case.get("Measurements", [])
                   if m["IterationMode"] == "Workload" and m["IterationStage"] == "Actual"]
        if not samples:
            samples = list(case["Statistics"]["OriginalValues"])
        operations.append({"name": name, "metric": "timing", "samples": samples})
        memory = case.get("Memory")
        if memory and memory.get("BytesAllocatedPerOperation") is not None:
            operations.append({"name": name + " (alloc/op)", "metric": "memory",
                               "samples": [float(memory["BytesAllocatedPerOperation"])]})
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
