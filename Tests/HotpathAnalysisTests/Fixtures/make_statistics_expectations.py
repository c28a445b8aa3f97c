# Regenerates the expectations of the statistics tests (Statistics/*Tests.swift) for issue 16's
# primitives: Benjamini-Hochberg, Hodges-Lehmann, the Welch interval, the noise model.
# Run: python3 Tests/HotpathAnalysisTests/Fixtures/make_statistics_expectations.py
#   numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0 (pip), R 4.2.2 (Debian r-base-core: Rscript),
#   which runs wilcox_conf_int.R beside this file.
# Tests never run Python or R; they read the committed statistics-expectations.json.
import json, math, os, random, subprocess, tempfile
import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import TTestIndPower

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261128)
def lognormal(n, median, sigma, digits=3):
    return [round(median * math.exp(sigma * rng.gauss(0, 1)), digits) for _ in range(n)]

# Benjamini-Hochberg: statsmodels multipletests(p, method="fdr_bh").
bh_cases = []
for name, p in [
    ("empty", []),
    ("single", [0.03]),
    ("spread", [rng.random() ** 3 for _ in range(20)]),
    ("ties", [0.01, 0.04, 0.01, 0.03, 0.2, 0.03, 0.5, 0.03, 0.5, 0.0001]),
    ("zeros-and-ones", [1.0, 0.0, 0.5, 1.0, 0.0, 0.04, 0.012]),
    ("all-ones", [1.0, 1.0, 1.0]),
    ("boundary", [0.01, 0.02, 0.03, 0.04, 0.05]),
    ("family-of-500", [rng.random() * 1e-3 if i % 10 == 0 else rng.random() for i in range(500)]),
]:
    p = [float(v) for v in p]
    q = multipletests(np.array(p), method="fdr_bh")[1] if p else []
    reject05 = multipletests(np.array(p), alpha=0.05, method="fdr_bh")[0] if p else []
    reject10 = multipletests(np.array(p), alpha=0.10, method="fdr_bh")[0] if p else []
    bh_cases.append({"name": name, "p": p, "q": [float(v) for v in q],
                     "rejected_05": [bool(v) for v in reject05], "rejected_10": [bool(v) for v in reject10]})

# Hodges-Lehmann: R's wilcox.test(x, y, conf.int = TRUE), run twice: with R's default tol.root
# (1e-4, in the samples' unit) and with tol.root = 1e-12, where uniroot lands on the step itself.
hl_inputs = [
    ("exact-small", lognormal(10, 1.2e6, 0.2), lognormal(12, 1.0e6, 0.2), 0.95),
    ("exact-unequal", lognormal(7, 5.0e4, 0.3), lognormal(43, 4.5e4, 0.3), 0.95),
    ("exact-tiny", [3.1, 4.7, 2.2], [1.0, 1.9, 2.5], 0.95),
    ("exact-one-each", [5.0], [3.0], 0.95),
    ("exact-one-against-five", [10.0], [1.0, 4.0, 9.0, 16.0, 25.0], 0.90),
    ("exact-level-90", lognormal(20, 2.0e3, 0.15), lognormal(25, 2.1e3, 0.15), 0.90),
    ("exact-level-99", lognormal(30, 7.5e5, 0.25), lognormal(45, 7.0e5, 0.25), 0.99),
    ("exact-49", lognormal(49, 3.0e5, 0.2), lognormal(49, 3.0e5, 0.2), 0.95),
    ("ties-asymptotic", [float(rng.randint(1, 10)) for _ in range(15)], [float(rng.randint(2, 11)) for _ in range(12)], 0.95),
    ("ties-small", [1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 4.0, 4.0, 5.0], 0.95),
    ("asymptotic-50", lognormal(50, 1.0e6, 0.2), lognormal(40, 0.9e6, 0.2), 0.95),
    ("asymptotic-large", lognormal(5000, 1.03e6, 0.25), lognormal(5000, 1.0e6, 0.25), 0.95),
    ("same-distribution", lognormal(200, 4.0e5, 0.3), lognormal(150, 4.0e5, 0.3), 0.95),
    ("asymptotic-level-80", lognormal(120, 8.0e4, 0.2), lognormal(90, 8.4e4, 0.2), 0.80),
    ("asymptotic-level-999", lognormal(120, 8.0e4, 0.2), lognormal(90, 8.4e4, 0.2), 0.999),
    ("seconds-scale", lognormal(300, 2.5e-3, 0.1, 9), lognormal(300, 2.4e-3, 0.1, 9), 0.95),
]
def run_r(tol):
    with tempfile.TemporaryDirectory() as folder:
        cases, out = f"{folder}/cases.txt", f"{folder}/out.txt"
        with open(cases, "w") as f:
            for name, x, y, level in hl_inputs:
                f.write(f"{name} {level!r} {tol!r}\n{' '.join(map(repr, x))}\n{' '.join(map(repr, y))}\n\n")
        subprocess.run(["Rscript", f"{here}/wilcox_conf_int.R", cases, out], check=True)
        results = {}
        for line in open(out):
            name, method, estimate, lower, upper, level = line.split()
            results[name] = {"method": method, "estimate": float(estimate), "lower": float(lower),
                             "upper": float(upper), "confidence_level": float(level)}
        return results
r_default, r_tight = run_r(1e-4), run_r(1e-12)
hl_cases = []
for name, x, y, level in hl_inputs:
    differences = np.subtract.outer(np.array(x), np.array(y)).ravel()
    pairs = differences.size
    # Where R's asymptotic estimate may land: the differences around the median between which
    # the continuity-corrected statistic is zero (1-based ranks, see HodgesLehmann.swift).
    span = (pairs // 2, pairs // 2 + 1) if pairs % 2 == 0 else ((pairs - 1) // 2, (pairs + 3) // 2)
    span = (max(span[0], 1), min(span[1], pairs))
    ordered = np.partition(differences, [span[0] - 1, span[1] - 1])
    hl_cases.append({
        "name": name, "current": x, "baseline": y, "confidence_level": level,
        "r_default": r_default[name], "r_tight": r_tight[name],
        "median_of_differences": float(np.median(differences)),
        "estimate_span": [float(ordered[span[0] - 1]), float(ordered[span[1] - 1])],
        "baseline_median": float(np.median(np.array(y))),
    })

# Welch's interval: scipy's standard error and Welch-Satterthwaite df (as ttest_ind_from_stats
# computes them) with scipy.stats.t.ppf.
welch_cases = []
for m0, s0, n0, m1, s1, n1, level in [
    (262.0, 50.0, 9987, 270.0, 55.0, 9000, 0.95),
    (10.0, 2.0, 5, 12.0, 3.0, 6, 0.95),
    (1.0, 0.1, 3, 1.05, 0.2, 4, 0.90),
    (100.0, 10.0, 1000, 100.5, 10.0, 1000, 0.99),
    (5.0e6, 4.0e5, 30, 4.6e6, 3.0e5, 25, 0.95),
    (1.0, 0.5, 2, 1.2, 0.01, 2, 0.95),
    (262.0, 50.0, 1000000, 262.1, 50.0, 1000000, 0.95),
    (3.0, 1.0, 20, 3.0, 0.0, 20, 0.80),
]:
    vn1, vn0 = s1 ** 2 / n1, s0 ** 2 / n0
    df = (vn1 + vn0) ** 2 / (vn1 ** 2 / (n1 - 1) + vn0 ** 2 / (n0 - 1))
    half = float(stats.t.ppf(1 - (1 - level) / 2, df) * np.sqrt(vn1 + vn0))
    t, p = stats.ttest_ind_from_stats(m1, s1, n1, m0, s0, n0, equal_var=False)
    welch_cases.append({"baseline": [m0, s0, n0], "current": [m1, s1, n1], "confidence_level": level,
                        "difference": m1 - m0, "lower": m1 - m0 - half, "upper": m1 - m0 + half,
                        "degrees_of_freedom": float(df), "p": float(p)})

t_quantiles = [
    {"p": p, "df": df, "t": float(stats.t.ppf(p, df))}
    for df in [1.0, 1.5, 2.0, 3.0, 4.7, 10.0, 29.3, 100.0, 1234.5, 9999.0, 1.0e4, 2.0e5, 1.0e8]
    for p in [1e-12, 1e-6, 0.025, 0.3, 0.5, 0.55, 0.8, 0.9, 0.95, 0.975, 0.995, 0.9995, 1 - 1e-9]
]
normal_quantiles = [{"p": p, "z": float(stats.norm.ppf(p))}
                    for p in [1e-300, 1e-20, 1e-9, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.975, 0.999, 1 - 1e-12]]

# The noise model: δ = (t(1-α/2, ν) + t(power, ν))·CV·√(2/n'), n' = n·efficiency, ν = 2n' − 2,
# and statsmodels' exact noncentral-t solution for the same n' beside it.
def mde(cv, n, efficiency, alpha, power):
    ne = n * efficiency
    nu = 2 * ne - 2
    return float((stats.t.ppf(1 - alpha / 2, nu) + stats.t.ppf(power, nu)) * cv * math.sqrt(2 / ne))
noise_cases = []
for cv, n, test, alpha, power in [
    (0.15, 30, "mannWhitney", 0.05, 0.8), (0.15, 30, "welchT", 0.05, 0.8), (0.02, 10, "mannWhitney", 0.05, 0.8),
    (0.3, 5, "welchT", 0.05, 0.8), (0.05, 200, "mannWhitney", 0.01, 0.9), (0.5, 1000, "welchT", 0.05, 0.8),
    (0.1, 2, "mannWhitney", 0.05, 0.8),
]:
    efficiency = 3 / math.pi if test == "mannWhitney" else 1.0
    needed = 2
    while mde(cv, needed, efficiency, alpha, power) > 0.05:
        needed += 1
    exact = TTestIndPower().solve_power(effect_size=None, nobs1=n * efficiency, alpha=alpha, power=power, ratio=1.0)
    noise_cases.append({"cv": cv, "n": n, "test": test, "alpha": alpha, "power": power,
                        "mde": mde(cv, n, efficiency, alpha, power), "exact_mde": float(exact) * cv,
                        "samples_for_5_percent": needed})

def sarle(x):
    n = len(x)
    g, k = stats.skew(x, bias=False), stats.kurtosis(x, bias=False)
    return float((g * g + 1) / (k + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))))
bimodality_cases = []
for name, x in [
    ("lognormal-30", lognormal(30, 1.0e6, 0.15)),
    ("mixture-30", [round(v * (1 + 0.03 * rng.gauss(0, 1)), 3) for v in [1.0e6] * 15 + [1.3e6] * 15]),
    ("four", [1.0, 2.0, 4.0, 8.0]),
    ("uniform-grid", [float(i) for i in range(100)]),
]:
    bimodality_cases.append({"name": name, "samples": x, "coefficient": sarle(np.array(x))})

json.dump({"benjamini_hochberg": bh_cases, "hodges_lehmann": hl_cases, "welch_intervals": welch_cases,
           "t_quantiles": t_quantiles, "normal_quantiles": normal_quantiles, "noise": noise_cases,
           "bimodality": bimodality_cases},
          open(f"{here}/statistics-expectations.json", "w"), indent=1)
