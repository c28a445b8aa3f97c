# Regenerates attribution-expectations.json, the expected values of the tests attribution's
# evidence uses on counts (Attribution/RateTestsTests.swift):
#   - the Poisson rate test on call counts with exposures, conditional on the sum: scipy.stats.binomtest
#     (two-sided, exact) of the current count out of both with p = e1 / (e1 + e0);
#   - the two-proportion test on sample counts over the runs' totals: scipy.stats.chi2_contingency
#     of the 2x2 table without continuity correction (the pooled z-test's p-value).
# Run: python3 Tests/HotpathAnalysisTests/Fixtures/make_attribution_expectations.py (scipy 1.17.1).
# Tests never run Python; they read the committed JSON.
import json, os, random
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261205)

poisson = []
for current, current_exposure, baseline, baseline_exposure in [
    (0, 10, 0, 10), (3, 10, 0, 10), (30, 10, 10, 10), (12, 4, 10, 4), (100, 50, 100, 50),
    (310, 100, 100, 100), (1, 1, 1, 1), (0, 5, 7, 5), (57, 20, 40, 25), (2000, 1000, 1900, 1000),
    (150000, 50000, 149000, 50000), (300000, 100000, 100000, 100000),
] + [(rng.randint(0, 400), rng.randint(1, 100), rng.randint(0, 400), rng.randint(1, 100)) for _ in range(12)]:
    n = current + baseline
    p = current_exposure / (current_exposure + baseline_exposure)
    pvalue = float(stats.binomtest(current, n, p).pvalue) if n > 0 else 1.0
    poisson.append({"current": current, "current_exposure": current_exposure, "baseline": baseline,
                    "baseline_exposure": baseline_exposure, "p": pvalue})

two_proportion = []
for current, current_total, baseline, baseline_total in [
    (50, 1000, 40, 1000), (500, 1000, 400, 1000), (1, 100, 0, 100), (12, 80, 30, 120),
    (3000, 100000, 2500, 90000), (700, 700, 300, 1000), (10, 5000, 10, 5000),
] + [(rng.randint(0, 500), 500 + rng.randint(0, 2000), rng.randint(0, 500), 500 + rng.randint(0, 2000)) for _ in range(10)]:
    table = [[current, current_total - current], [baseline, baseline_total - baseline]]
    pvalue = float(stats.chi2_contingency(table, correction=False).pvalue)
    two_proportion.append({"current": current, "current_total": current_total, "baseline": baseline,
                           "baseline_total": baseline_total, "p": pvalue})

with open(os.path.join(here, "attribution-expectations.json"), "w") as out:
    json.dump({"poisson": poisson, "two_proportion": two_proportion}, out, indent=1)
    out.write("\n")
