"""Expected complexity fits for BenchmarkFamiliesTests, computed independently with numpy.

Google Benchmark's BigO (src/complexity.cc): for each curve g in O(1), O(log n), O(n),
O(n log n), O(n^2), O(n^3), time = c * g(n) by least squares through the origin, RMS of the
residuals divided by the mean time; O(1) is the default and a curve replaces the best only with
a strictly smaller RMS. Here the coefficient comes from numpy.linalg.lstsq.

Run: python3 Tests/HotpathAnalysisTests/Fixtures/complexity_oracle.py
"""
import json
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
curves = [
    ("o1", lambda n: np.ones_like(n)),
    ("oLogN", np.log2),
    ("oN", lambda n: n),
    ("oNLogN", lambda n: n * np.log2(n)),
    ("oNSquared", lambda n: n ** 2),
    ("oNCubed", lambda n: n ** 3),
]


def fit(n, t):
    n = np.asarray(n, dtype=float)
    t = np.asarray(t, dtype=float)
    best = None
    for name, g in curves:
        gn = g(n)
        coef = float(np.linalg.lstsq(gn[:, None], t, rcond=None)[0][0])
        rms = float(np.sqrt(np.mean((t - coef * gn) ** 2)) / np.mean(t))
        if best is None or rms < best[2]:
            best = (name, coef, rms)
    return best


rng = np.random.default_rng(19)
sizes = [8.0, 64.0, 512.0, 4096.0, 32768.0]
truth = {
    "o1": lambda n: 50 + 0 * n,
    "oLogN": lambda n: 20 * np.log2(n),
    "oN": lambda n: 3 * n,
    "oNLogN": lambda n: 2 * n * np.log2(n),
    "oNSquared": lambda n: 0.5 * n ** 2,
    "oNCubed": lambda n: 0.01 * n ** 3,
}
cases = []
for name, f in truth.items():
    for noise in (0.0, 0.03):
        n = np.array(sizes)
        t = f(n) * (1 + noise * rng.standard_normal(len(n)))
        complexity, coef, rms = fit(n, t)
        cases.append({"truth": name, "n": n.tolist(), "time": t.tolist(),
                      "complexity": complexity, "coefficient": coef, "rms": rms})
# Google Benchmark's sort benchmark sizes (8 << 10 range, multiplier 8) with n log n times.
n = np.array([8.0, 64.0, 512.0, 4096.0, 8192.0])
t = 3.1 * n * np.log2(n) + 40
complexity, coef, rms = fit(n, t)
cases.append({"truth": "oNLogN+constant", "n": n.tolist(), "time": t.tolist(),
              "complexity": complexity, "coefficient": coef, "rms": rms})

json.dump({"fits": cases}, open(f"{here}/complexity-expectations.json", "w"), indent=1)
