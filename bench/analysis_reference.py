"""The Python reference for bench/analysis.mjs: the same window test in numpy, statsmodels' Granger test and its
count models (GLM Poisson, GLM NegativeBinomial with a given alpha, discrete NegativeBinomial).

    python3 bench/analysis_reference.py DATA.json

DATA.json (written by bench/analysis.mjs) holds the daily effect series, the window and pre-window intervals of
every cause (day offsets, inclusive, not yet clipped), the rotations to use (drawn by Lockstep's mulberry32, so
that both sides compute the same null), optionally the Granger series, and the count models' y and design X. Prints one JSON object: timings in
milliseconds (median of `runs`) and the results, which the bench compares with Lockstep's.

Two numpy versions of the window test are timed:
- "prefix": Lockstep's algorithm, vectorised — the window set as disjoint runs of days, the series as circular
  prefix sums, every rotation's total as a (rotations × runs) gather and a row sum;
- "fft": the circular cross-correlation of the window indicator and the series for all L rotations at once by
  FFT, O(L log L), then one lookup per rotation — what a numpy user would likely write.
"""

import json
import sys
import time
import warnings

import numpy as np


def union_runs(intervals, length):
    """Disjoint sorted runs (inclusive) of the union of intervals clipped to [0, length - 1]."""
    iv = np.asarray(intervals, dtype=np.int64).reshape(-1, 2)
    a = np.maximum(iv[:, 0], 0)
    b = np.minimum(iv[:, 1], length - 1)
    keep = a <= b
    a, b = a[keep], b[keep]
    order = np.argsort(a, kind="stable")
    a, b = a[order], b[order]
    if a.size == 0:
        return a, b
    # A run starts where an interval begins after every earlier one has ended (touching runs merge).
    reach = np.maximum.accumulate(b)
    new = np.empty(a.size, dtype=bool)
    new[0] = True
    new[1:] = a[1:] > reach[:-1] + 1
    group = np.cumsum(new) - 1
    starts = a[new]
    ends = np.zeros(starts.size, dtype=np.int64)
    np.maximum.at(ends, group, b)
    return starts, ends


def summarise(observed, nulls, tolerance):
    n = nulls.size
    above = int(np.count_nonzero(nulls >= observed - tolerance))
    below = int(np.count_nonzero(nulls <= observed + tolerance))
    upper = (1 + above) / (n + 1)
    lower = (1 + below) / (n + 1)
    q = np.quantile(nulls, [0.025, 0.975])  # linear interpolation, as Lockstep's quantile
    expected = float(nulls.mean())
    return {
        "observed": float(observed),
        "expected": expected,
        "nullInterval": [float(q[0]), float(q[1])],
        "pOneSided": upper,
        "pTwoSided": min(1.0, 2 * min(upper, lower)),
    }


def window_test_prefix(values, windows, shifts):
    length = values.size
    prefix = np.concatenate(([0.0], np.cumsum(np.concatenate((values, values)))))
    tolerance = 1e-9 * max(1.0, float(np.abs(values).sum()))
    base = np.concatenate(([length], length - shifts))  # rotation 0 first: the observed total
    out = []
    for intervals in windows:
        starts, ends = union_runs(intervals, length)
        totals = (prefix[ends[None, :] + base[:, None] + 1] - prefix[starts[None, :] + base[:, None]]).sum(axis=1)
        out.append(summarise(totals[0], totals[1:], tolerance))
    return out


def window_test_fft(values, windows, shifts):
    length = values.size
    tolerance = 1e-9 * max(1.0, float(np.abs(values).sum()))
    fy = np.fft.rfft(values)
    out = []
    for intervals in windows:
        starts, ends = union_runs(intervals, length)
        indicator = np.zeros(length)
        for a, b in zip(starts, ends):
            indicator[a : b + 1] = 1.0
        # total(s) = sum_d w[d] y[(d - s) mod L]: the circular cross-correlation of w and y at s.
        totals = np.fft.irfft(np.conj(np.fft.rfft(indicator)) * fy, n=length)
        # Counts are whole numbers; FFT rounding would otherwise break ties.
        if np.all(values == np.round(values)):
            totals = np.round(totals)
        # irfft(conj(W) Y)[k] = sum_d w[d] y[d + k]: rotation s is k = -s.
        out.append(summarise(totals[0], totals[(length - shifts) % length], tolerance))
    return out


def timed(fn, runs):
    fn()  # warm-up, as the bench's first call
    times = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times)), result


def granger(data, runs):
    try:
        from statsmodels.tsa.stattools import grangercausalitytests
        import statsmodels
    except ImportError:
        return {"skipped": "statsmodels is not installed for this Python"}
    x = np.asarray(data["x"], dtype=float)
    y = np.asarray(data["y"], dtype=float)
    maxlag = data["maxlag"]

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return grangercausalitytests(np.column_stack([y, x]), maxlag, verbose=False)

    ms, result = timed(run, runs)
    return {
        "ms": ms,
        "statsmodels": statsmodels.__version__,
        "F": [float(result[p][0]["ssr_ftest"][0]) for p in range(1, maxlag + 1)],
        "pF": [float(result[p][0]["ssr_ftest"][1]) for p in range(1, maxlag + 1)],
    }


def count_models(data, runs):
    """GLM fits at statsmodels' defaults; the discrete NegativeBinomial by Newton's method to convergence, since
    its default (BFGS, 35 iterations) stops short of the maximum on designs with fixed effects."""
    try:
        import statsmodels
        import statsmodels.api as sm
        from statsmodels.discrete.discrete_model import NegativeBinomial
    except ImportError:
        return {"skipped": "statsmodels is not installed for this Python"}
    y = np.asarray(data["y"], dtype=float)
    X = np.asarray(data["X"], dtype=float)

    def nb2():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return NegativeBinomial(y, X).fit(method="newton", maxiter=100, tol=1e-12, disp=0)

    fits = {
        "poisson": lambda: sm.GLM(y, X, family=sm.families.Poisson()).fit(),
        "glm_nb": lambda: sm.GLM(y, X, family=sm.families.NegativeBinomial(alpha=data["glmAlpha"])).fit(),
        "nb2": nb2,
    }
    out = {
        "statsmodels": statsmodels.__version__,
        "settings": "GLM.fit() at its defaults (IRLS); NegativeBinomial.fit(method='newton', tol=1e-12)",
    }
    for name, fit in fits.items():
        ms, res = timed(fit, runs)
        out[name] = {"ms": ms, "params": [float(p) for p in res.params]}
    return out


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    runs = data["runs"]
    values = np.asarray(data["values"], dtype=float)
    shifts = np.asarray(data["shifts"], dtype=np.int64)
    windows = [data["window"], data["preWindow"]]
    prefix_ms, prefix = timed(lambda: window_test_prefix(values, windows, shifts), runs)
    fft_ms, fft = timed(lambda: window_test_fft(values, windows, shifts), runs)
    out = {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "prefix": {"ms": prefix_ms, "window": prefix[0], "preWindow": prefix[1]},
        "fft": {"ms": fft_ms, "window": fft[0], "preWindow": fft[1]},
    }
    if "granger" in data:
        out["granger"] = granger(data["granger"], runs)
    if "count" in data:
        out["count"] = count_models(data["count"], runs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
