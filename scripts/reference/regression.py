"""Reference values for Lockstep's regression statistics, computed with statsmodels and scipy.

Writes test/analysis/fixtures/regression.json: fixed input series (generated here from numpy's default_rng with
fixed seeds, and stored in the fixture so the tests never need Python) and what statsmodels reports for them —
OLS (params, bse, tvalues, pvalues, ssr, rsquared, llf, aic, bic, residuals), grangercausalitytests in both
directions, the lag each information criterion picks, ccf, and the dyadic reciprocity regressions. The tests in
test/analysis/ compare src/analysis/ against it; CI does not run this script.

Run from the repository root with the Python that has the Debian packages (python3-statsmodels, python3-scipy,
python3-numpy; the pyenv python3 first on PATH may not have them), then format the fixture as the repo does:

    /usr/bin/python3 scripts/reference/regression.py
    npx prettier --write test/analysis/fixtures/regression.json

Written against statsmodels 0.13.5, scipy 1.10.1, numpy 1.24.2 (recorded in the fixture).
"""

import json
import os
import warnings

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.tsa.stattools import ccf, grangercausalitytests

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "analysis", "fixtures", "regression.json")


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def ols_summary(y, X, names):
    res = OLS(np.asarray(y, float), np.asarray(X, float)).fit()
    return {
        "names": list(names),
        "params": floats(res.params),
        "bse": floats(res.bse),
        "tvalues": floats(res.tvalues),
        "pvalues": floats(res.pvalues),
        "ssr": float(res.ssr),
        "rsquared": float(res.rsquared),
        "hasConstant": bool(res.k_constant),
        "llf": float(res.llf),
        "aic": float(res.aic),
        "bic": float(res.bic),
        "df_resid": float(res.df_resid),
        "nobs": float(res.nobs),
    }


def lagged(y, series, start):
    """Rows [1, lags 1..p of each series] for t = start..n-1, as src/analysis/lags.ts builds them."""
    names = ["const"] + [f"{name}.L{l}" for name, _, p in series for l in range(1, p + 1)]
    rows = [[1.0] + [float(vals[t - l]) for _, vals, p in series for l in range(1, p + 1)] for t in range(start, len(y))]
    return np.asarray(y[start:], float), np.asarray(rows), names


def granger(cause, effect, maxlag, cause_name, effect_name):
    """grangercausalitytests(column_stack([effect, cause])) per lag, plus the lag AIC and BIC pick (see granger.ts)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = grangercausalitytests(np.column_stack([effect, cause]), maxlag, verbose=False)
    lags = []
    for p in range(1, maxlag + 1):
        tests, (restricted, unrestricted, _) = res[p]
        # statsmodels orders columns as effect lags, cause lags, const; the fixture names them as lags.ts does.
        uparams = dict(zip([f"{effect_name}.L{l}" for l in range(1, p + 1)] + [f"{cause_name}.L{l}" for l in range(1, p + 1)] + ["const"], floats(unrestricted.params)))
        rparams = dict(zip([f"{effect_name}.L{l}" for l in range(1, p + 1)] + ["const"], floats(restricted.params)))
        lags.append(
            {
                "lag": p,
                "nobs": float(unrestricted.nobs),
                "ssr_ftest": floats(tests["ssr_ftest"]),
                "ssr_chi2test": floats(tests["ssr_chi2test"]),
                "lrtest": floats(tests["lrtest"]),
                "params_ftest": floats(tests["params_ftest"]),
                "restricted": {"params": rparams, "ssr": float(restricted.ssr), "llf": float(restricted.llf)},
                "unrestricted": {
                    "params": uparams,
                    "ssr": float(unrestricted.ssr),
                    "llf": float(unrestricted.llf),
                    "aic": float(unrestricted.aic),
                    "bic": float(unrestricted.bic),
                },
            }
        )
    # Lag choice: the unrestricted equation for p = 1..maxlag on the common sample maxlag..n-1.
    candidates = []
    for p in range(1, maxlag + 1):
        y, X, _ = lagged(effect, [(effect_name, effect, p), (cause_name, cause, p)], maxlag)
        fit = OLS(y, X).fit()
        candidates.append({"lag": p, "aic": float(fit.aic), "bic": float(fit.bic)})
    chosen = {c: int(np.argmin([k[c] for k in candidates])) + 1 for c in ("aic", "bic")}
    return {"lags": lags, "candidates": candidates, "chosen": chosen}


def my_ccf(x, y, maxlag):
    """corr(x_t, y_{t+lag}) for lag = -maxlag..maxlag from statsmodels' ccf (adjusted=False)."""
    forward = ccf(y, x, adjusted=False)  # [k] = corr(y_{t+k}, x_t): x leads y by k
    backward = ccf(x, y, adjusted=False)  # [k] = corr(x_{t+k}, y_t): y leads x by k
    # Check the convention by hand once.
    dx, dy, n = x - x.mean(), y - y.mean(), len(x)
    assert abs(np.sum(dx[:-2] * dy[2:]) / n / (x.std() * y.std()) - forward[2]) < 1e-12
    assert abs(np.sum(dx[2:] * dy[:-2]) / n / (x.std() * y.std()) - backward[2]) < 1e-12
    values = [float(backward[m]) for m in range(maxlag, 0, -1)] + [float(forward[k]) for k in range(0, maxlag + 1)]
    return {"maxlag": maxlag, "lags": list(range(-maxlag, maxlag + 1)), "values": values, "band": 1.959963984540054 / np.sqrt(n)}


def ar_pair(rng, n, coef_x, coef_y, effect, burn=100):
    """x and y where y_t = Σ coef_y·y_{t-l} + Σ effect·x_{t-l} + noise and x is its own AR process."""
    m = n + burn
    x, y = np.zeros(m), np.zeros(m)
    ex, ey = rng.standard_normal(m), rng.standard_normal(m)
    for t in range(len(coef_x), m):
        x[t] = sum(c * x[t - 1 - i] for i, c in enumerate(coef_x)) + ex[t]
    for t in range(max(len(coef_y), len(effect)), m):
        y[t] = sum(c * y[t - 1 - i] for i, c in enumerate(coef_y)) + sum(c * x[t - 1 - i] for i, c in enumerate(effect)) + ey[t]
    return x[burn:], y[burn:]


def datasets():
    out = {}
    x, y = ar_pair(np.random.default_rng(20240601), 200, [0.5, -0.2], [0.3, 0.1], [0.4, 0.2])
    out["var2_effect"] = (x, y, 4)
    x, y = ar_pair(np.random.default_rng(7), 150, [0.6], [0.4], [0.0])
    out["no_effect"] = (x, y, 4)
    # Weekly counts: x rare events, y more likely the week after one of x; mostly zeros.
    rng = np.random.default_rng(99)
    x = rng.poisson(0.3, 260).astype(float)
    y = rng.poisson(0.15 + 0.6 * np.concatenate([[0.0], x[:-1]])).astype(float)
    out["weekly_counts"] = (x, y, 4)
    x, y = ar_pair(np.random.default_rng(1000), 1000, [0.4, 0.1], [0.5], [0.1, 0.0, 0.05])
    out["long_1000"] = (x, y, 12)
    return out


def goldstein_series(rng, n, scores, rate):
    counts = rng.poisson(rate, n)
    return np.array([float(np.sum(rng.choice(scores, c))) if c else 0.0 for c in counts])


def main():
    fixture = {
        "generatedBy": "scripts/reference/regression.py",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "ols": {},
        "granger": {},
        "ccf": {},
        "dyadic": {},
        "tails": {},
    }

    rng = np.random.default_rng(12345)
    n = 50
    Z = rng.standard_normal((n, 3))
    X = np.column_stack([np.ones(n), Z])
    y = X @ np.array([1.5, 0.8, -0.3, 0.0]) + rng.normal(0, 0.7, n)
    fixture["ols"]["with_intercept"] = {"y": floats(y), "X": X.tolist(), **ols_summary(y, X, ["const", "x1", "x2", "x3"])}
    fixture["ols"]["with_intercept"]["residuals"] = floats(OLS(y, X).fit().resid)
    y2 = Z @ np.array([0.5, 1.0, -2.0]) + rng.normal(0, 1.0, n) + 0.3
    fixture["ols"]["no_intercept"] = {"y": floats(y2), "X": Z.tolist(), **ols_summary(y2, Z, ["x1", "x2", "x3"])}
    # Two dummies that add up to one: no constant column, but statsmodels finds the implicit constant.
    d = (rng.random(n) < 0.4).astype(float)
    Xd = np.column_stack([d, 1 - d, Z[:, 0]])
    y3 = 2 * d + 0.5 * Z[:, 0] + rng.standard_normal(n)
    fixture["ols"]["implicit_constant"] = {"y": floats(y3), "X": Xd.tolist(), **ols_summary(y3, Xd, ["d1", "d0", "x1"])}
    # Large values: relative tolerance matters.
    y4 = 1e4 + 250 * Z[:, 1] + rng.normal(0, 40, n)
    fixture["ols"]["large_values"] = {"y": floats(y4), "X": X.tolist(), **ols_summary(y4, X, ["const", "x1", "x2", "x3"])}

    for name, (x, y, maxlag) in datasets().items():
        fixture["granger"][name] = {
            "x": floats(x),
            "y": floats(y),
            "maxlag": maxlag,
            "x_causes_y": granger(x, y, maxlag, "x", "y"),
            "y_causes_x": granger(y, x, maxlag, "y", "x"),
        }
        fixture["ccf"][name] = my_ccf(x, y, min(10, maxlag + 6))

    rng = np.random.default_rng(4242)
    scores = np.array([-10.0, -9.5, -7.0, -4.4, -2.0, 1.0, 3.4, 7.0])
    n = 156
    ab = goldstein_series(rng, n, scores, 0.8)
    ba = 0.35 * np.concatenate([[0.0], ab[:-1]]) + goldstein_series(rng, n, scores, 0.6)
    dy = {"ab": floats(ab), "ba": floats(ba)}
    for lags in (1, 2):
        yb, Xb, nb = lagged(ba, [("ab", ab, lags), ("ba", ba, lags)], lags)
        ya, Xa, na = lagged(ab, [("ba", ba, lags), ("ab", ab, lags)], lags)
        dy[f"lags{lags}"] = {"bToA": ols_summary(yb, Xb, nb), "aToB": ols_summary(ya, Xa, na)}
    fixture["dyadic"]["goldstein_weekly"] = dy

    # Upper tails far out, where 1 - cdf loses everything: relative accuracy checks for p-values.ts.
    fixture["tails"] = {
        "f": [{"x": x, "dfNum": a, "dfDenom": b, "sf": float(stats.f.sf(x, a, b))} for x, a, b in [(0.5, 3, 40), (2.1, 4, 180), (30.0, 2, 100), (80.0, 12, 950), (1e-3, 1, 10)]],
        "chi2": [{"x": x, "df": k, "sf": float(stats.chi2.sf(x, k))} for x, k in [(0.2, 1, ), (3.0, 2), (7.5, 3), (12.0, 4), (60.0, 5), (150.0, 12), (400.0, 7), (0.01, 12)]],
        "t": [{"t": t, "df": k, "p": float(2 * stats.t.sf(abs(t), k))} for t, k in [(0.3, 10), (-2.2, 45), (9.0, 120), (-25.0, 980)]],
    }

    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
