"""Reference values for the enumerated circular-shift nulls (src/analysis/shift-null.ts, window-test.ts).

Writes test/analysis/fixtures/exact-null.json: daily series with their causes, and for each window (the window
after the causes and its pre-window) and each null, what the window test reports — the number of alignments, the
observed total, the null's mean, its 2.5% and 97.5% quantiles and the one- and two-sided p-values. Nulls:
- "exact": every rotation s of the effect series with minShift <= s <= L - minShift (minShift 1 and 15);
- "seasonal": every whole multiple of 364 days in that range; "seasonal-jitter": each multiple moved by -30..30
  days, those in that range;
- "whole_year": the whole-year null as Lockstep defined it before the jittered one existed, k * 364 for
  k = 1..floor((L - 1) / 364), written out separately here so that the tests can check that jitter 0 gives it.
The rotations' totals are computed twice, independently of Lockstep's prefix sums: by direct enumeration (the
series rolled by every s, summed over the window's days) and by numpy's FFT (the circular cross-correlation of the
window's indicator with the series); the script stops if the two differ. The synthetic window's totals for every
rotation are stored too.

Conventions (as Lockstep's sampled null): rotation s moves day d's effect to day d + s (mod L); the observed
alignment s = 0 is not in the null but counted once beside it, p_upper = (1 + #{null >= observed}) / (N + 1),
p_lower likewise with <=, two-sided = min(1, 2 min(p_upper, p_lower)); quantiles by linear interpolation (numpy's
default). Totals are whole numbers, compared exactly.

Datasets:
- "synthetic": 1,476 days (four 52-week years and 20 days, so that jitter reaches past the last whole year) of
  bursty counts (numpy's default_rng, fixed seed) with an effect planted 2..9 days after lasting causes;
- "record_launch_days" and "record_missiles": the bundled record, 2015-01-01 to 2025-12-31, launch days and
  missiles of actor=PRK type=missile_launch against days 0..14 after the starts of
  actor=USA type=military_exercise scale=large status=held, read from a demo ledger by
  scripts/reference/export-record.mjs.

Run from the repository root with the Debian numpy, after building and making the demo ledger:

    npm run build && node dist/cli/main.js demo --force --db /tmp/h6-demo.db
    /usr/bin/python3 scripts/reference/exact_null.py --db /tmp/h6-demo.db
    npx prettier --write test/analysis/fixtures/exact-null.json
"""

import argparse
import datetime
import json
import os
import subprocess

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "test", "analysis", "fixtures", "exact-null.json")
YEAR = 364
JITTER = 30


def day(text):
    return datetime.date.fromisoformat(text)


def offset(first, text):
    return (day(text) - first).days


def indicator(from_, length, causes, window):
    """1 on the days of any cause's window (lag first..last after its start), or of its pre-window: the lags
    mirrored before the start, day 0 left out (causes.ts, preWindowOf)."""
    first = day(from_)
    out = np.zeros(length)
    for c in causes:
        start = offset(first, c["start"])
        if window["pre"]:
            a, b = start - max(window["last"], 1), start - max(window["first"], 1)
        else:
            a, b = start + window["first"], start + window["last"]
        a, b = max(a, 0), min(b, length - 1)
        if a <= b:
            out[a : b + 1] = 1.0
    return out


def totals_direct(y, w):
    """total[s] = sum over days d in the window of y[(d - s) mod L], rotation by rotation."""
    return np.array([float(np.dot(np.roll(y, s), w)) for s in range(y.size)])


def totals_fft(y, w):
    """The same as a circular cross-correlation: its DFT is W(k) conj(Y(k))."""
    return np.fft.irfft(np.fft.rfft(w) * np.conj(np.fft.rfft(y)), n=y.size)


def seasonal(length, jitter, min_shift):
    return [
        k * YEAR + j
        for k in range(1, length // YEAR + 2)
        for j in range(-jitter, jitter + 1)
        if min_shift <= k * YEAR + j <= length - min_shift
    ]


def nulls_of(length):
    return {
        "exact": {"kind": "exact", "minShift": 1, "shifts": list(range(1, length))},
        "exact_min15": {"kind": "exact", "minShift": 15, "shifts": list(range(15, length - 15 + 1))},
        "seasonal": {"kind": "seasonal", "minShift": 1, "jitter": 0, "shifts": seasonal(length, 0, 1)},
        "seasonal_jitter": {
            "kind": "seasonal-jitter",
            "minShift": 1,
            "jitter": JITTER,
            "shifts": seasonal(length, JITTER, 1),
        },
        "seasonal_jitter_min15": {
            "kind": "seasonal-jitter",
            "minShift": 15,
            "jitter": JITTER,
            "shifts": seasonal(length, JITTER, 15),
        },
        "whole_year": {
            "kind": "seasonal",
            "minShift": 1,
            "jitter": 0,
            "shifts": [k * YEAR for k in range(1, (length - 1) // YEAR + 1)],
        },
    }


def summary(totals, shifts):
    observed = totals[0]
    null = totals[np.asarray(shifts, dtype=np.int64)]
    n = null.size
    upper = (1 + int(np.count_nonzero(null >= observed))) / (n + 1)
    lower = (1 + int(np.count_nonzero(null <= observed))) / (n + 1)
    q = np.quantile(null, [0.025, 0.975])
    return {
        "alignments": n,
        "observed": float(observed),
        "expected": float(null.mean()),
        "nullInterval": [float(q[0]), float(q[1])],
        "pOneSided": upper,
        "pTwoSided": min(1.0, 2 * min(upper, lower)),
    }


def dataset(from_, to, values, causes, window, keep_totals=False):
    y = np.asarray(values, dtype=float)
    length = y.size
    assert length == (day(to) - day(from_)).days + 1
    nulls = nulls_of(length)
    out = {
        "from": from_,
        "to": to,
        "values": [int(v) for v in values],
        "causes": causes,
        "window": {"first": window[0], "last": window[1]},
        "nulls": {name: {k: v for k, v in spec.items() if k != "shifts"} for name, spec in nulls.items()},
        "results": {},
    }
    for side in ("window", "preWindow"):
        w = indicator(from_, length, causes, {"first": window[0], "last": window[1], "pre": side == "preWindow"})
        direct = totals_direct(y, w)
        fft = totals_fft(y, w)
        assert np.max(np.abs(direct - fft)) < 1e-6, "the FFT and the direct sums differ"
        assert np.array_equal(direct, np.round(direct)), "counts give whole totals"
        out["results"][side] = {name: summary(direct, spec["shifts"]) for name, spec in nulls.items()}
        if keep_totals and side == "window":
            out["windowTotals"] = [int(t) for t in direct]
    return out


def synthetic():
    rng = np.random.default_rng(20250613)
    from_ = day("2010-01-04")
    length = 4 * YEAR + 20
    values = np.zeros(length, dtype=np.int64)
    active = False
    for d in range(length):
        if rng.random() < (1 / 25 if active else 1 / 100):
            active = not active
        values[d] = rng.poisson(0.3 if active else 0.04)
    causes = []
    for start in sorted(rng.choice(length, size=30, replace=False)):
        causes.append(
            {
                "start": (from_ + datetime.timedelta(int(start))).isoformat(),
                "end": (from_ + datetime.timedelta(int(start) + int(rng.integers(0, 12)))).isoformat(),
            }
        )
        planted = int(start) + int(rng.integers(2, 10))
        if planted < length and rng.random() < 0.4:
            values[planted] += 1
    to = (from_ + datetime.timedelta(length - 1)).isoformat()
    return dataset(from_.isoformat(), to, values.tolist(), causes, (0, 14), keep_totals=True)


def record(db):
    out = subprocess.run(
        ["node", os.path.join(HERE, "export-record.mjs"), "--db", db],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    r = json.loads(out)
    assert r["window"] == "0..14"
    sets = {}
    for key, unit in (("record_launch_days", "launchDays"), ("record_missiles", "missiles")):
        d = dataset(r["from"], r["to"], r[unit], r["causes"], (0, 14))
        # What `lockstep react` counts in the window, checked here so that the fixture is the command's data.
        assert d["results"]["window"]["exact"]["observed"] == r["reactObserved"][unit]
        sets[key] = {"ledgerHead": r["ledgerHead"], "effect": r["effect"], "cause": r["cause"], **d}
    return sets


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a ledger made by `lockstep demo`")
    args = parser.parse_args()
    fixture = {
        "generatedBy": "scripts/reference/exact_null.py",
        "versions": {"numpy": np.__version__},
        "datasets": {"synthetic": synthetic(), **record(args.db)},
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")


if __name__ == "__main__":
    main()
