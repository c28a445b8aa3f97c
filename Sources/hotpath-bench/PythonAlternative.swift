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
