"""Reference values for src/analysis/exact-poisson.ts, computed with scipy.

Writes test/analysis/fixtures/exact-poisson.json: exact Poisson intervals (Garwood: chi2.ppf(a/2, 2k)/2,
chi2.ppf(1-a/2, 2k+2)/2), Clopper-Pearson intervals (binomtest(...).proportion_ci(method="exact")) and two-sided
exact binomial tests (binomtest(...).pvalue), for the cases below. CI does not run this script.

    /usr/bin/python3 scripts/reference/exact_poisson.py
    npx prettier --write test/analysis/fixtures/exact-poisson.json
"""

import json
import os

import scipy
from scipy import stats

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "analysis", "fixtures", "exact-poisson.json")

poisson = []
for k in [0, 1, 2, 5, 9, 33, 84, 250, 1000]:
    for level in [0.95, 0.9]:
        a = 1 - level
        lower = 0.0 if k == 0 else stats.chi2.ppf(a / 2, 2 * k) / 2
        upper = stats.chi2.ppf(1 - a / 2, 2 * k + 2) / 2
        poisson.append({"k": k, "level": level, "interval": [float(lower), float(upper)]})

binomial = []
for k, n, p in [(0, 10, 0.3), (3, 10, 0.3), (10, 10, 0.3), (9, 40, 0.1), (33, 117, 0.37), (84, 240, 0.5), (120, 500, 0.19), (7, 7, 0.5)]:
    t = stats.binomtest(k, n, p)
    ci = t.proportion_ci(confidence_level=0.95, method="exact")
    binomial.append({"k": k, "n": n, "p": p, "pValue": float(t.pvalue), "interval": [float(ci.low), float(ci.high)]})

with open(OUT, "w") as f:
    json.dump({"scipy": scipy.__version__, "poisson": poisson, "binomial": binomial}, f, indent=2)
    f.write("\n")
