# Regenerates the numpy/scipy expectations the analysis tests compare against.
# Run: python3 Tests/HotpathAnalysisTests/Fixtures/make_expectations.py  (numpy 2.4.6, scipy 1.17.1)
# Tests never run Python; they read the committed JSON.
import json, random
import numpy as np
from scipy.stats import mannwhitneyu

rng = random.Random(20261127)
def lognormal(n, median, sigma):
    return [round(median * np.exp(sigma * rng.gauss(0, 1)), 3) for _ in range(n)]

percentile_cases = []
for name, values in [
    ("single", [42.0]),
    ("two", [1.0, 3.0]),
    ("ties", [5, 5, 5, 1, 1, 9, 9, 9, 9, 2]),
    ("small-odd", [12.5, 3.25, 8.0, 1.0, 99.0, 7.75, 4.5]),
    ("lognormal-100", lognormal(100, 1.5e6, 0.3)),
    ("lognormal-1001", lognormal(1001, 2.0e4, 0.8)),
    ("integers-5000", [rng.randint(100, 100000) for _ in range(5000)]),
]:
    values = [float(v) for v in values]
    a = np.array(values)
    percentile_cases.append({
        "name": name,
        "samples": values,
        "percentiles": {f"p{p}": float(np.percentile(a, p)) for p in [0, 25, 50, 75, 90, 95, 99, 100]},
        "mean": float(np.mean(a)),
        "stddev": float(np.std(a, ddof=1)) if len(a) > 1 else 0.0,
        "total": float(np.sum(a)),
    })

mwu_cases = []
for name, x, y in [
    ("exact-small", [1.1, 2.2, 3.3, 4.4, 5.5], [6.1, 7.2, 8.3, 9.4]),
    ("exact-overlap", [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.6], [6.0, 5.3, 5.8, 9.7, 9.3]),
    ("exact-one-small", lognormal(6, 10, 0.2), lognormal(40, 12, 0.2)),
    ("asymptotic-ties", [1, 2, 2, 3, 3, 3, 4, 4, 5], [2, 3, 3, 4, 4, 5, 5, 6]),
    ("asymptotic-large", lognormal(200, 1.0e6, 0.25), lognormal(180, 1.08e6, 0.25)),
    ("asymptotic-same", lognormal(150, 5.0e5, 0.3), lognormal(150, 5.0e5, 0.3)),
    ("identical", [7.0] * 12, [7.0] * 10),
]:
    x = [float(v) for v in x]; y = [float(v) for v in y]
    result = mannwhitneyu(x, y, alternative="two-sided")
    mwu_cases.append({"name": name, "x": x, "y": y, "u": float(result.statistic), "p": float(result.pvalue)})

here = __file__.rsplit("/", 1)[0]
json.dump({"percentiles": percentile_cases, "mann_whitney": mwu_cases},
          open(f"{here}/numpy-expectations.json", "w"), indent=1)
