"""The numpy side of bench/exact-null.mjs: the exact circular-shift null of the window test by FFT.

    python3 bench/exact_null_reference.py DATA.json

DATA.json (written by bench/exact-null.mjs) holds `runs`, how many timed samples to take, and datasets, each a
daily series, the disjoint runs of days of its window and pre-window (inclusive offsets) and `batch`, how many
calls each sample makes. For each dataset it times the exact null of the window and the pre-window, what Lockstep's window test reads from
it: the totals of every rotation s of the series over the window, total[s] = sum over days d in W of
y[(d - s) mod L], and from them the exact one- and two-sided p-values over the rotations 1..L-1, the null's mean
and its 2.5% and 97.5% quantiles. The totals are a circular cross-correlation, by FFT two ways:
- "core": at n = L (rfft of the series once, then per window the indicator, its rfft, the product, irfft, rounded
  when the series counts);
- "corePadded": at a fast length n >= 2L - 1 (a linear correlation, folded back to circular): numpy's FFT is slow
  on lengths with a large prime factor (7,305 = 3 x 5 x 487), and a careful user would pad.
Times are the least of `runs` samples (and their median), in microseconds per call, wall clock
(time.perf_counter) and CPU (time.process_time), after one warm-up sample. Prints one JSON object with the times and the results.
"""

import json
import sys
import time

import numpy as np


def fast_length(n):
    """The least 5-smooth number >= n (as scipy.fft.next_fast_len, without scipy)."""
    best = 2 ** int(np.ceil(np.log2(n)))
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            m = p35
            while m < n:
                m *= 2
            best = min(best, m)
            p35 *= 3
        p5 *= 5
    return best


def indicator(runs, length):
    w = np.zeros(length)
    for a, b in runs:
        w[a : b + 1] = 1.0
    return w


def compare(totals):
    """Exact p-values over rotations 1..L-1, the observed one (rotation 0) counted once beside them."""
    observed = totals[0]
    null = totals[1:]
    n = null.size
    upper = (1 + int(np.count_nonzero(null >= observed))) / (n + 1)
    lower = (1 + int(np.count_nonzero(null <= observed))) / (n + 1)
    q = np.quantile(null, [0.025, 0.975])
    return {
        "observed": float(observed),
        "expected": float(null.mean()),
        "pOneSided": upper,
        "pTwoSided": min(1.0, 2 * min(upper, lower)),
        "nullInterval": [float(q[0]), float(q[1])],
    }


def core(y, windows, whole):
    length = y.size
    fy = np.conj(np.fft.rfft(y))
    out = []
    for runs in windows:
        totals = np.fft.irfft(np.fft.rfft(indicator(runs, length)) * fy, n=length)
        out.append(compare(np.round(totals) if whole else totals))
    return out


def core_padded(y, windows, whole):
    length = y.size
    n = fast_length(2 * length - 1)
    fy = np.conj(np.fft.rfft(y, n=n))
    out = []
    for runs in windows:
        linear = np.fft.irfft(np.fft.rfft(indicator(runs, length), n=n) * fy, n=n)
        # Lag s and lag s - L of the linear correlation fall on the same rotation.
        totals = linear[:length] + np.concatenate(([0.0], linear[n - length + 1 :]))
        out.append(compare(np.round(totals) if whole else totals))
    return out


def timed(fn, runs, batch):
    fn()
    wall, cpu = [], []
    result = None
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(batch):
            result = fn()
        wall.append((time.perf_counter() - w0) / batch * 1e6)
        cpu.append((time.process_time() - c0) / batch * 1e6)
    return {
        "us": float(np.min(wall)),
        "cpuUs": float(np.min(cpu)),
        "medianUs": float(np.median(wall)),
        "result": result,
    }


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    out = {"python": sys.version.split()[0], "numpy": np.__version__, "datasets": {}}
    for name, d in data["datasets"].items():
        y = np.asarray(d["values"], dtype=float)
        whole = bool(np.all(y == np.round(y)))
        windows = [d["window"], d["preWindow"]]
        out["datasets"][name] = {
            "padLength": fast_length(2 * y.size - 1),
            **{
                key: timed(lambda fn=fn: fn(y, windows, whole), data["runs"], d["batch"])
                for key, fn in (("core", core), ("corePadded", core_padded))
            },
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
