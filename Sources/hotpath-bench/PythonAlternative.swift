/// The obvious alternative a team would write: Python's `json` module and numpy computing the
/// same per-operation count, mean, p50, p95 and p99 from a Chrome trace's complete events.
enum PythonAlternative {
    static let script = #"""
        import json, sys
        import numpy as np

        with open(sys.argv[1]) as f:
            trace = json.load(f)
        events = trace["traceEvents"] if isinstance(trace, dict) else trace
        durations = {}
        for event in events:
            if event.get("ph") == "X":
                durations.setdefault(event["name"], []).append(event["dur"] * 1000.0)
        result = {}
        for name, values in durations.items():
            a = np.array(values)
            result[name] = {"count": len(values), "mean": float(a.mean()),
                            "p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)),
                            "p99": float(np.percentile(a, 99))}
        json.dump(result, sys.stdout, sort_keys=True)
        """#
}

/// The obvious alternative for folded stacks: a Python dict per stack, then each frame's total
/// (counted once per stack however often it recurs in it) and self count, which is what
/// Hotpath's operations list shows for a sampled profile.
enum PythonFoldedAlternative {
    static let script = #"""
        import json, sys

        stacks = {}
        with open(sys.argv[1]) as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                stack, _, count = line.rpartition(" ")
                stacks[stack] = stacks.get(stack, 0) + float(count)
        totals = {}
        selfs = {}
        for stack, count in stacks.items():
            frames = stack.split(";")
            for frame in set(frames):
                totals[frame] = totals.get(frame, 0) + count
            selfs[frames[-1]] = selfs.get(frames[-1], 0) + count
        result = {name: {"total": total, "self": selfs.get(name, 0.0)} for name, total in totals.items()}
        json.dump(result, sys.stdout, sort_keys=True)
        """#
}
