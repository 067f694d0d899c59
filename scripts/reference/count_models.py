"""Reference values for Lockstep's count regressions (src/analysis/glm.ts, negative-binomial.ts, count-design.ts).

Writes test/analysis/fixtures/count-models.json: daily series, each with the causes whose windows make the indicator
columns, and what statsmodels reports for Poisson and negative-binomial regressions on them — GLM Poisson, GLM
NegativeBinomial with a given alpha, and discrete NegativeBinomial (NB2, alpha by maximum likelihood) — without
fixed effects, with month-of-year effects and with month and year effects, each with nonrobust, HC0 and HC1
standard errors. The design (window indicators, dummies, levels without an event left out) is built here with
numpy and datetime alone, independently of count-design.ts, and stored beside the results so that the tests never
need Python. Datasets:
- "synthetic": ten years of overdispersed daily counts (numpy's default_rng, fixed seed) with planted effects in
  the 0..14 days after "drill" causes and during "summit" causes (plus 3 days);
- "record_missiles" and "record_launch_days": the bundled record, 2015-2025, missiles and launch days of
  actor=PRK type=missile_launch against days 0..14 after large held US exercises, read from a demo ledger by
  scripts/reference/export-record.mjs (which also records what `lockstep react` counts in the windows).

Convergence: the fits here run to full convergence, since the tests compare at 1e-6 and statsmodels' defaults stop
short of that — GLM's IRLS stops when the deviance changes by under 1e-8, which on NB2's non-canonical log link
leaves the estimates about 1e-7 off; the discrete NegativeBinomial's default BFGS with 35 iterations can be off in
the third digit (each fixture records its `defaultGap` to show it). So GLM uses tol_criterion="params" with
tol=1e-12, and the discrete model Newton's method with tol=1e-12.

HC1: statsmodels 0.13's fit(cov_type="HC1") on GLM and discrete models returns HC0, without the n/(n - p)
correction (statsmodels issue 7798; recorded as `fitHC1IsHC0`). The HC1 here is statsmodels' own sandwich with
its small-sample correction, stats.sandwich_covariance.cov_white_simple(result, use_correction=True).

Weekly (`--weekly`, `lockstep regress --freq week`): writes test/analysis/fixtures/count-models-weekly.json alone,
from the daily inputs of count-models.json as committed (the same values and causes), so it needs no ledger. Its
design is built here from datetime's ISO calendar (date.isocalendar), independently of series.ts and
count-design.ts: y is each ISO week's total (Monday to Sunday), a cause's column the share of the week's 7 days
within its windows, month and year effects the week's Thursday's (its ISO year), weeks with fewer than 7 days in the
range left out and listed, levels without an event left out with 7 days a week. Fits: GLM Poisson and the discrete
NegativeBinomial (NB2, alpha by maximum likelihood), without fixed effects, with month effects and with month and
year effects, each with nonrobust, HC0 and HC1 standard errors, converged as above.

Run from the repository root with the Python that has the Debian packages (python3-statsmodels, python3-scipy,
python3-numpy), after building and making the demo ledger, then format the fixture as the repo does:

    npm run build && node dist/cli/main.js demo --force --db /tmp/h4-demo.db
    /usr/bin/python3 scripts/reference/count_models.py --db /tmp/h4-demo.db
    npx prettier --write test/analysis/fixtures/count-models.json

and for the weekly fixture:

    /usr/bin/python3 scripts/reference/count_models.py --weekly
    npx prettier --write test/analysis/fixtures/count-models-weekly.json

Written against statsmodels 0.13.5, scipy 1.10.1, numpy 1.24.2 (recorded in the fixture).
"""

import argparse
import datetime
import json
import os
import subprocess
import warnings

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats
from statsmodels.discrete.discrete_model import NegativeBinomial
from statsmodels.stats import sandwich_covariance

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "test", "analysis", "fixtures", "count-models.json")
WEEKLY_OUT = os.path.join(ROOT, "test", "analysis", "fixtures", "count-models-weekly.json")
FIXED_EFFECTS = {"none": [], "month": ["month"], "month_year": ["month", "year"]}
Z975 = stats.norm.ppf(0.975)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def day(text):
    return datetime.date.fromisoformat(text)


def days_of(start, end):
    first = day(start)
    return [first + datetime.timedelta(d) for d in range((day(end) - first).days + 1)]


def indicator(dates, causes, window):
    """1 on the days within the window of any cause: 'lag' days first..last after its start, 'during' its days
    widened by before/after."""
    first, length = dates[0], len(dates)
    out = np.zeros(length)
    for c in causes:
        start, end = day(c["start"]), day(c.get("end", c["start"]))
        if window["kind"] == "lag":
            a, b = start + datetime.timedelta(window["first"]), start + datetime.timedelta(window["last"])
        else:
            a = start - datetime.timedelta(window.get("before", 0))
            b = end + datetime.timedelta(window.get("after", 0))
        lo, hi = max((a - first).days, 0), min((b - first).days, length - 1)
        if lo <= hi:
            out[lo : hi + 1] = 1.0
    return out


def design(dates, y, columns, effects, days_per_row=1):
    """const, the indicator columns, then dummies of each effect's levels with events (first present level left
    out); rows of levels without events dropped. dates gives each row's month and year (a week's Thursday)."""
    y = np.asarray(y, float)
    levels = {"month": np.array([d.month for d in dates]), "year": np.array([d.year for d in dates])}
    keep = np.ones(len(dates), bool)
    dropped = []
    for e in effects:
        for level in sorted(set(levels[e])):
            at = levels[e] == level
            if y[at].sum() == 0:
                keep &= ~at
                days = int(at.sum()) * days_per_row
                dropped.append({"name": f"{e}[{level}]", "effect": e, "level": int(level), "days": days})
    names = ["const"] + [name for name, _ in columns]
    X = [np.ones(keep.sum())] + [col[keep] for _, col in columns]
    for e in effects:
        present = sorted(set(levels[e][keep]))
        for level in present[1:]:
            names.append(f"{e}[{level}]")
            X.append((levels[e][keep] == level).astype(float))
    return y[keep], np.column_stack(X), names, dropped


def wald(params, cov):
    bse = np.sqrt(np.diag(cov))
    z = params / bse
    return {
        "bse": floats(bse),
        "z": floats(z),
        "p": floats(2 * stats.norm.sf(np.abs(z))),
        "conf_int": [floats(params - Z975 * bse), floats(params + Z975 * bse)],
    }


def summary(res, with_glm_stats):
    out = {
        "params": floats(res.params),
        "llf": float(res.llf),
        "aic": float(res.aic),
        "df_model": float(res.df_model),
        "df_resid": float(res.df_resid),
        "nobs": float(res.nobs),
        "iterations": int(res.fit_history["iteration"]) if hasattr(res, "fit_history") else int(res.mle_retvals["iterations"]),
    }
    if with_glm_stats:
        out["deviance"] = float(res.deviance)
        out["pearson_chi2"] = float(res.pearson_chi2)
    return out


def covariances(fit, res):
    """nonrobust (as fitted), HC0 (fit(cov_type='HC0')), HC1 (the sandwich with its correction); and whether
    fit(cov_type='HC1') gave HC0."""
    hc0 = fit("HC0")
    hc1_fit = fit("HC1")
    hc1 = sandwich_covariance.cov_white_simple(hc0, use_correction=True)
    covs = {"nonrobust": res.cov_params(), "HC0": hc0.cov_params(), "HC1": hc1}
    out = {}
    for name, cov in covs.items():
        out[name] = wald(np.asarray(res.params), np.asarray(cov))
    same = bool(np.allclose(np.asarray(hc1_fit.bse), np.asarray(hc0.bse), rtol=1e-12, atol=0))
    return out, same


def gap(default, tight):
    """Largest relative difference of params and bse between statsmodels' default fit and the converged one (None
    where the default fit has no finite value: its BFGS can end where the Hessian is not invertible)."""

    def d(a, b):
        x = float(np.max(np.abs(np.asarray(a) - np.asarray(b)) / np.maximum(1, np.abs(np.asarray(b)))))
        return x if np.isfinite(x) else None

    return {"params": d(default.params, tight.params), "bse": d(default.bse, tight.bse)}


def glm_fits(y, X, family):
    fit = lambda cov_type: sm.GLM(y, X, family=family).fit(tol=1e-12, tol_criterion="params", maxiter=1000, cov_type=cov_type)
    res = fit("nonrobust")
    assert res.converged
    out = summary(res, True)
    out["cov"], out["fitHC1IsHC0"] = covariances(fit, res)
    out["defaultGap"] = gap(sm.GLM(y, X, family=family).fit(), res)
    return out


def nb_fits(y, X):
    def fit(cov_type, **kw):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            args = {"method": "newton", "maxiter": 100, "tol": 1e-12} if not kw else kw
            return NegativeBinomial(y, X).fit(disp=0, cov_type=cov_type, **args)

    res = fit("nonrobust")
    # Newton can also end "converged" at NaN when alpha's estimate is 0 (the weekly launch days with year effects).
    if not res.mle_retvals["converged"] or not np.isfinite(res.params[-1]) or res.params[-1] < 1e-6:
        return boundary(y, X, res, fit("nonrobust", method="bfgs"))
    out = summary(res, False)
    out["cov"], out["fitHC1IsHC0"] = covariances(fit, res)
    out["defaultGap"] = gap(fit("nonrobust", method="bfgs"), res)
    return out


def boundary(y, X, newton, bfgs):
    """Where the likelihood rises as alpha falls to 0 there is no NB2 estimate but the Poisson one: statsmodels'
    Newton then wanders off and its BFGS stops at an alpha whose likelihood is below the Poisson's. Recorded with
    the likelihood along alpha, so that the test can expect the refusal."""
    alphas = [1e-8, 1e-4, 1e-2, 0.1, 1.0]
    profile = [float(sm.GLM(y, X, family=sm.families.NegativeBinomial(alpha=a)).fit(tol=1e-12, tol_criterion="params", maxiter=1000).llf) for a in alphas]
    assert all(a > b for a, b in zip(profile, profile[1:])), profile
    return {
        "boundary": True,
        # Newton's alpha is null where it ended at NaN.
        "newton": {"alpha": finite(newton.params[-1]), "converged": bool(newton.mle_retvals["converged"])},
        "bfgs": {"alpha": float(bfgs.params[-1]), "llf": float(bfgs.llf), "converged": bool(bfgs.mle_retvals["converged"])},
        "poissonLlf": float(sm.GLM(y, X, family=sm.families.Poisson()).fit(tol=1e-12, tol_criterion="params").llf),
        "profile": {"alpha": alphas, "llf": profile},
    }


def finite(x):
    return float(x) if np.isfinite(x) else None


def runs(col):
    """The days where an indicator is 1, as inclusive [first, last] offsets of its runs."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], col, [0]))))
    return [[int(a), int(b) - 1] for a, b in zip(edges[::2], edges[1::2])]


def dataset(first, last, y, cause_columns, glm_alpha):
    """Every fit of one daily series: cause_columns is [(name, causes, window)]."""
    dates = days_of(first, last)
    columns = [(name, indicator(dates, causes, window)) for name, causes, window in cause_columns]
    out = {
        "from": first,
        "to": last,
        "values": [int(v) for v in y],
        "causes": [{"name": name, "causes": causes, "window": window} for name, causes, window in cause_columns],
        "indicatorRuns": {name: runs(col) for name, col in columns},
        "glmAlpha": glm_alpha,
        "fits": {},
    }
    for label, effects in FIXED_EFFECTS.items():
        yy, X, names, dropped = design(dates, y, columns, effects)
        out["fits"][label] = {
            "fixedEffects": effects,
            "names": names,
            "dropped": dropped,
            "poisson": glm_fits(yy, X, sm.families.Poisson()),
            "glm_nb": glm_fits(yy, X, sm.families.NegativeBinomial(alpha=glm_alpha)),
            "nb2": nb_fits(yy, X),
        }
    return out


def synthetic():
    """Ten years of daily NB2 counts (alpha 1.2), seasonal, raised by 0.6 in log rate within 0..14 days after a
    drill and by 0.4 during a summit and the 3 days after it."""
    rng = np.random.default_rng(20240613)
    first, last = "2012-01-01", "2021-12-31"
    dates = days_of(first, last)
    n = len(dates)
    drills, summits = [], []
    for year in range(2012, 2022):
        for _ in range(4):
            start = datetime.date(year, 1, 1) + datetime.timedelta(int(rng.integers(0, 360)))
            length = int(rng.integers(3, 20))
            drills.append({"start": start.isoformat(), "end": (start + datetime.timedelta(length - 1)).isoformat()})
        start = datetime.date(year, 1, 1) + datetime.timedelta(int(rng.integers(0, 360)))
        summits.append({"start": start.isoformat(), "end": (start + datetime.timedelta(int(rng.integers(0, 3)))).isoformat()})
    drill_window = {"kind": "lag", "first": 0, "last": 14}
    summit_window = {"kind": "during", "before": 0, "after": 3}
    w1 = indicator(dates, drills, drill_window)
    w2 = indicator(dates, summits, summit_window)
    month = np.array([d.month for d in dates])
    mu = np.exp(-1.6 + 0.6 * w1 + 0.4 * w2 + 0.3 * np.sin(2 * np.pi * month / 12))
    alpha = 1.2
    y = rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu))
    assert len(y) == n
    return dataset(first, last, y, [("drill[0..14]", drills, drill_window), ("summit[during+3]", summits, summit_window)], 0.5)


def record(db):
    out = subprocess.run(
        ["node", os.path.join(HERE, "export-record.mjs"), "--db", db], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    r = json.loads(out)
    window = {"kind": "lag", "first": 0, "last": 14}
    name = "exercise[0..14]"
    sets = {}
    for key, unit in (("record_missiles", "missiles"), ("record_launch_days", "launchDays")):
        d = dataset(r["from"], r["to"], np.asarray(r[unit]), [(name, r["causes"], window)], 1.0)
        d["source"] = {
            "ledgerHead": r["ledgerHead"],
            "effect": r["effect"],
            "cause": r["cause"],
            "unit": unit,
            "reactObserved": r["reactObserved"][unit],
        }
        # The window column counts what `lockstep react` counts in the window.
        col = indicator(days_of(r["from"], r["to"]), r["causes"], window)
        assert int(np.dot(col, r[unit])) == r["reactObserved"][unit], key
        sets[key] = d
    return sets


def special_values():
    """ln Γ, ψ and ψ' from scipy, to check src/analysis/gamma.ts."""
    xs = [1e-8, 1e-3, 0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 9.99, 12.0, 25.5, 100.0, 1234.5, 1e6, 1e9]
    return [{"x": x, "gammaln": float(special.gammaln(x)), "digamma": float(special.digamma(x)), "trigamma": float(special.polygamma(1, x))} for x in xs]


def iso_weeks(dates):
    """The ISO weeks the days fall in, in order: (Monday, the days' offsets), by date.isocalendar()."""
    weeks = {}
    for i, d in enumerate(dates):
        year, week, _ = d.isocalendar()
        weeks.setdefault((year, week), []).append(i)
    return [(datetime.date.fromisocalendar(year, week, 1), offsets) for (year, week), offsets in weeks.items()]


def weekly_dataset(name, daily):
    """Every weekly fit of one daily series of count-models.json (its values and causes)."""
    dates = days_of(daily["from"], daily["to"])
    y = np.asarray(daily["values"], float)
    weeks = iso_weeks(dates)
    whole = [(monday, np.array(offsets)) for monday, offsets in weeks if len(offsets) == 7]
    columns = []
    for c in daily["causes"]:
        col = indicator(dates, c["causes"], c["window"])
        columns.append((c["name"], np.array([col[offsets].sum() / 7 for _, offsets in whole])))
    totals = np.array([y[offsets].sum() for _, offsets in whole])
    thursdays = [monday + datetime.timedelta(3) for monday, _ in whole]
    out = {
        "daily": name,
        "from": daily["from"],
        "to": daily["to"],
        "weeks": [monday.isoformat() for monday, _ in whole],
        "y": [int(v) for v in totals],
        "shares": {name: floats(col) for name, col in columns},
        "thursday": {"month": [d.month for d in thursdays], "year": [d.year for d in thursdays]},
        "partialWeeks": [{"week": monday.isoformat(), "days": len(offsets)} for monday, offsets in weeks if len(offsets) < 7],
        "fits": {},
    }
    # The shares keep the window test's days: those of the whole weeks, 7 × the sum of the shares.
    in_whole = np.zeros(len(dates), bool)
    for _, offsets in whole:
        in_whole[offsets] = True
    for c, (_, col) in zip(daily["causes"], columns):
        assert round(7 * col.sum()) == int(indicator(dates, c["causes"], c["window"])[in_whole].sum())
    for label, effects in FIXED_EFFECTS.items():
        yy, X, names, dropped = design(thursdays, totals, columns, effects, days_per_row=7)
        out["fits"][label] = {
            "fixedEffects": effects,
            "names": names,
            "dropped": dropped,
            "poisson": glm_fits(yy, X, sm.families.Poisson()),
            "nb2": nb_fits(yy, X),
        }
    return out


def weekly():
    with open(OUT) as f:
        daily = json.load(f)
    fixture = {
        "generatedBy": "scripts/reference/count_models.py --weekly",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "dailyInput": os.path.relpath(OUT, ROOT),
        "datasets": {name: weekly_dataset(name, d) for name, d in daily["datasets"].items()},
    }
    with open(WEEKLY_OUT, "w") as f:
        json.dump(fixture, f, indent=2, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(WEEKLY_OUT, ROOT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a ledger made by `lockstep demo` (for the daily fixture)")
    parser.add_argument("--weekly", action="store_true", help="write the weekly fixture alone, from the daily one's inputs")
    args = parser.parse_args()
    if args.weekly:
        weekly()
        return
    if not args.db:
        parser.error("--db is required for the daily fixture")
    fixture = {
        "generatedBy": "scripts/reference/count_models.py",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "special": special_values(),
        "datasets": {"synthetic": synthetic(), **record(args.db)},
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=2, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
