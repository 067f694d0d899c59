// bench/analysis.mjs's section on the exact null (issue 13, item 6): the window test's statistic under every
// rotation of the effect series and what the test reads from it — the exact p-values, the null's mean and its
// 2.5%/97.5% quantiles — against numpy's FFT version of the same (bench/exact_null_reference.py, run from here, at
// the same load).
//
// Data: the bundled record as the fixture of scripts/reference/exact_null.py holds it (launch days and missiles of
// actor=PRK type=missile_launch, 2015-01-01 to 2025-12-31, days 0..14 after large held US exercises) and the
// 20-year synthetic series of bench/analysis.mjs. Timed on each, for the window and the pre-window:
// - "exact null": Lockstep's steps as windowTest takes them (once: the days with an effect and whether the values
//   are counts; per window: its runs of days, exactNullTally and describeTally), against numpy's rfft/irfft at n = L
//   and padded to a fast length (a careful numpy user's choice), each with the same p-values, mean and quantiles;
// - "window test": windowTest with `exact: true`, which also reads and checks the input, finds the windows and
//   counts each cause's: Lockstep's time alone, beside numpy's exact null.
// Times are per call: the least of `runs` samples of a batch of calls lasting about 20 ms each (a call takes
// microseconds, below the clock's resolution), after every function has been warmed on every dataset; wall clock,
// and CPU time beside it. The least, not the median, on both sides: the machine is shared, other work only ever adds
// time to a sample, and at 20 ms a sample the median still moved by half from run to run; the medians are printed
// too.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCauses, unionOf, windowOf, preWindowOf } from "../dist/analysis/causes.js";
import { effectDaysOf, wholeCountTotal } from "../dist/analysis/circular-shift.js";
import { dayNumber } from "../dist/analysis/days.js";
import { describeTally, exactNullTally } from "../dist/analysis/null-distribution.js";
import { planNull } from "../dist/analysis/shift-null.js";
import { windowTest } from "../dist/analysis/window-test.js";

const here = dirname(fileURLToPath(import.meta.url));
const TARGET = 10;
const SAMPLE_MS = 20;

/** The bundled record from the exact-null fixture, and the caller's synthetic series. */
function datasets(synthetic) {
  const fixture = JSON.parse(readFileSync(join(here, "../test/analysis/fixtures/exact-null.json"), "utf8"));
  const record = (d, label) => ({
    label,
    from: d.from,
    to: d.to,
    values: d.values,
    causes: d.causes,
    window: { kind: "lag", ...d.window },
  });
  return {
    record_launch_days: record(fixture.datasets.record_launch_days, "the record, launch days"),
    record_missiles: record(fixture.datasets.record_missiles, "the record, missiles"),
    synthetic: { label: "the synthetic series", ...synthetic },
  };
}

/** The window's and the pre-window's runs of days, as offsets into the series. */
function runsOf(d) {
  const first = dayNumber(d.from);
  const causes = readCauses(d.causes);
  return [windowOf(d.window), preWindowOf(d.window)].map((fn) =>
    unionOf(
      causes.map((c) => fn(c).map((x) => x - first)),
      d.values.length,
    ),
  );
}

/** The exact null of both windows as windowTest computes it, without what the test does besides. */
function exactNull(d, runs, tolerance) {
  const length = d.values.length;
  const effectDays = effectDaysOf(d.values);
  const wholeUpTo = wholeCountTotal(d.values, effectDays);
  const { summary } = planNull(length, { exact: true });
  return runs.map((r) => {
    const { observed, tally } = exactNullTally(d.values, r, length, effectDays, summary.minShift, wholeUpTo);
    const p = describeTally(tally, observed, tolerance);
    return {
      observed,
      expected: p.mean,
      pOneSided: p.upper,
      pTwoSided: p.twoSided,
      nullInterval: p.interval,
    };
  });
}

/** Calls per sample so that a sample lasts about SAMPLE_MS. */
function batchFor(fn) {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < SAMPLE_MS) {
    fn();
    n++;
  }
  return Math.max(1, n);
}

function timed(fn, runs, batch) {
  const wall = [];
  const cpu = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < batch; i++) result = fn();
    const c = process.cpuUsage(c0);
    wall.push(((performance.now() - w0) * 1000) / batch);
    cpu.push((c.user + c.system) / batch);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { us: Math.min(...wall), cpuUs: Math.min(...cpu), medianUs: median(wall), result };
}

const us = (x) => `${x < 100 ? x.toFixed(1) : x.toFixed(0)} µs`;

/** The largest relative difference between Lockstep's results and numpy's, over both windows. */
function worstDifference(mine, theirs) {
  let worst = 0;
  mine.forEach((m, i) => {
    for (const key of ["observed", "expected", "pOneSided", "pTwoSided", "nullInterval"]) {
      const a = [m[key]].flat();
      const b = [theirs[i][key]].flat();
      a.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - b[j]) / Math.max(1, Math.abs(b[j])))));
    }
  });
  return worst;
}

/** numpy's side: one Python process for every dataset. */
function runPython(python, data) {
  const dir = mkdtempSync(join(tmpdir(), "lockstep-exact-null-"));
  try {
    const file = join(dir, "data.json");
    writeFileSync(file, JSON.stringify(data));
    return JSON.parse(
      execFileSync(python, [join(here, "exact_null_reference.py"), file], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the section: `synthetic` is bench/analysis.mjs's series ({ from, to, values, causes, window }), `python` an
 * interpreter with numpy (or undefined: Lockstep's times alone), `runs` the samples per measurement.
 */
export function benchExactNull({ synthetic, python, runs }) {
  const load = loadavg();
  const sets = Object.entries(datasets(synthetic)).map(([name, d]) => {
    const windows = runsOf(d);
    const tolerance =
      1e-9 *
      Math.max(
        1,
        d.values.reduce((a, b) => a + Math.abs(b), 0),
      );
    const calls = {
      core: () => exactNull(d, windows, tolerance),
      full: () => windowTest(d.causes, d, { window: d.window, exact: true }),
    };
    return { name, d, windows, calls };
  });
  // Warm every function on every dataset first, so that no dataset is timed while V8 still optimises.
  const batches = sets.map((s) => ({ core: batchFor(s.calls.core), full: batchFor(s.calls.full) }));
  const mine = sets.map((s, i) => ({
    core: timed(s.calls.core, runs, batches[i].core),
    full: timed(s.calls.full, runs, batches[i].full),
  }));

  const pairs = (r) => Array.from(r.starts, (a, i) => [a, r.ends[i]]);
  const data = {
    runs,
    datasets: Object.fromEntries(
      sets.map((s, i) => [
        s.name,
        {
          values: s.d.values,
          window: pairs(s.windows[0]),
          preWindow: pairs(s.windows[1]),
          // Samples of about SAMPLE_MS if numpy takes ten times Lockstep's time.
          batch: Math.max(1, Math.round((SAMPLE_MS * 1000) / (10 * mine[i].core.us))),
        },
      ]),
    ),
  };
  const reference = python ? runPython(python, data) : undefined;

  console.log(
    `Exact null (every rotation once), window and pre-window, per call: the least of ${runs} samples, wall clock ` +
      `(CPU time; the samples' median wall clock); load average ${load.map((x) => x.toFixed(2)).join(" ")} on ${availableParallelism()} CPUs`,
  );
  if (reference) console.log(`  numpy ${reference.numpy}, Python ${reference.python} (${python})`);
  else console.log("  numpy: skipped — no python3 with numpy was found (set PYTHON to choose one)");
  const ratios = [];
  sets.forEach((s, i) => {
    const m = mine[i];
    const w = m.full.result.window;
    console.log(
      `  ${s.d.label}: ${s.d.values.length.toLocaleString("en")} days, the window ${s.windows[0].starts.length} runs ` +
        `of days; observed ${w.observed}, expected ${w.expected.toFixed(2)}, exact p ${w.pOneSided.toPrecision(3)}`,
    );
    console.log(
      `    Lockstep, exact null   ${us(m.core.us).padStart(9)} (${us(m.core.cpuUs)}; ${us(m.core.medianUs)})`,
    );
    const theirs = reference?.datasets[s.name];
    for (const [key, label] of theirs
      ? [
          ["core", "n = L"],
          ["corePadded", `n = ${theirs.padLength}`],
        ]
      : []) {
      const t = theirs[key];
      const worst = worstDifference(m.core.result, t.result);
      const ratio = Math.min(t.us / m.core.us, t.cpuUs / m.core.cpuUs);
      ratios.push(ratio);
      console.log(
        `    numpy FFT, ${label.padEnd(11)} ${us(t.us).padStart(9)} (${us(t.cpuUs)}; ${us(t.medianUs)}): ` +
          `Lockstep ${ratio.toFixed(1)}× ` +
          `as fast; results ${worst < 1e-12 ? "agree" : `DIFFER by ${worst.toExponential(1)}`}`,
      );
    }
    console.log(
      `    Lockstep, window test  ${us(m.full.us).padStart(9)} (${us(m.full.cpuUs)}; ${us(m.full.medianUs)})`,
    );
  });
  if (ratios.length)
    console.log(
      `  target, the exact null ${TARGET}× as fast as numpy's FFT: ` +
        `${Math.min(...ratios) >= TARGET ? "met" : "NOT met"} (${Math.min(...ratios).toFixed(1)}× to ` +
        `${Math.max(...ratios).toFixed(1)}×, the lesser of the wall-clock and CPU ratios)`,
    );
}
