// Analysis speed against a Python reference: the window test (10,000 permutations over 20 years of daily data)
// against the same computation in numpy, Granger causality on 1,000 weekly points against statsmodels'
// grangercausalitytests, and the count models of `regress` (Poisson and NB2 on the same 20 years of days, with the
// cause window and month and year fixed effects) against statsmodels' GLM and discrete NegativeBinomial, and the
// exact null of the window test (every rotation once) on the bundled record and the same 20 years against numpy's
// FFT version (bench/exact-null.mjs).
//
//   npm run build && node bench/analysis.mjs [--runs 5] [--warmup 10] [--permutations 10000] [--seed 20180612]
//
// The data are synthetic and seeded (mulberry32, src/analysis/random.ts). They are written to a temporary JSON
// file, with the rotations Lockstep draws, for bench/analysis_reference.py, so both sides compute the same null
// and the bench checks that their results agree. Times are the median of --runs after --warmup calls, and the
// first (cold) call on its own; Python's are the median of --runs after one warm-up call. The interpreter
// is $PYTHON, else the first of python3 and /usr/bin/python3 that has numpy and statsmodels (else numpy alone).
// The target: Lockstep at least as fast as the Python reference.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readCauses, unionOf, windowOf, preWindowOf } from "../dist/analysis/causes.js";
import { drawShifts } from "../dist/analysis/circular-shift.js";
import { countDesign } from "../dist/analysis/count-design.js";
import { dayNumber, dayString } from "../dist/analysis/days.js";
import { eventStudy } from "../dist/analysis/event-study.js";
import { fitGlm } from "../dist/analysis/glm.js";
import { fitNegativeBinomial } from "../dist/analysis/negative-binomial.js";
import { createRandom } from "../dist/analysis/random.js";
import { windowTest } from "../dist/analysis/window-test.js";
import { benchExactNull } from "./exact-null.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    warmup: { type: "string", default: "10" },
    permutations: { type: "string", default: "10000" },
    seed: { type: "string", default: "20180612" },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const PERMUTATIONS = Number(args.permutations);
const SEED = Number(args.seed);
for (const [name, n] of [
  ["--runs", RUNS],
  ["--warmup", WARMUP],
  ["--permutations", PERMUTATIONS],
  ["--seed", SEED],
])
  if (!Number.isInteger(n) || n < (name === "--seed" || name === "--warmup" ? 0 : 1))
    throw new Error(`${name} must be a whole number, not ${n}`);

const FROM = "2005-01-01";
const TO = "2024-12-31";
const WINDOW = { kind: "lag", first: 0, last: 14 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * The first call's time (cold: nothing compiled yet, what a one-off CLI run pays), then the median of RUNS more
 * after WARMUP calls (V8 optimises a function only after several calls; numpy's C needs no warming).
 */
function timed(fn) {
  let t0 = performance.now();
  let result = fn();
  const first = performance.now() - t0;
  for (let i = 0; i < WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), first, result };
}
const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

// ---------------------------------------------------------------------------------------------------------------
// Synthetic data: bursty launches, and exercises that last (two large ones a year, about 20 short drills).

const random = createRandom(SEED);
const first = dayNumber(FROM);
const days = dayNumber(TO) - first + 1;

function poisson(mean) {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = random.next();
  while (u > cdf) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

const values = [];
let active = false;
for (let d = 0; d < days; d++) {
  if (active ? random.next() < 1 / 30 : random.next() < 1 / 120) active = !active;
  values.push(poisson(active ? 0.25 : 0.04));
}
const causes = [];
for (let year = 2005; year <= 2024; year++) {
  const jan1 = dayNumber(`${year}-01-01`) - first;
  const exercise = (start, length) => {
    if (start + length - 1 < days)
      causes.push({ start: dayString(first + start), end: dayString(first + start + length - 1) });
  };
  exercise(jan1 + random.int(59, 80), random.int(11, 60)); // spring
  exercise(jan1 + random.int(220, 235), random.int(10, 12)); // late summer
  for (let i = 0; i < 20; i++) exercise(jan1 + random.int(0, 364), random.int(1, 5));
}
// A modest response: some drills are followed by a launch 1–6 days later.
for (const c of causes) {
  const d = dayNumber(c.start) - first + random.int(1, 6);
  if (d < days && random.next() < 0.15) values[d] += 1;
}
const effect = { freq: "day", from: FROM, to: TO, values };

// ---------------------------------------------------------------------------------------------------------------
// Window test.

const options = { window: WINDOW, permutations: PERMUTATIONS, seed: SEED };
const js = timed(() => windowTest(causes, effect, options));
const read = readCauses(causes);
const intervalsOf = (fn) => read.map((c) => fn(c).map((d) => d - first));
const windowIntervals = intervalsOf(windowOf(WINDOW));
const preIntervals = intervalsOf(preWindowOf(WINDOW));
const runs = unionOf(windowIntervals, days).starts.length;
const study = timed(() => eventStudy(causes, effect, { permutations: PERMUTATIONS, seed: SEED }));

// ---------------------------------------------------------------------------------------------------------------
// Granger, if the module is there: x an AR(1), y answering x two weeks later.

const grangerPath = join(here, "../dist/analysis/granger.js");
let granger;
if (existsSync(grangerPath)) {
  const { grangerCausality } = await import(grangerPath);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const x = [0];
  const y = [0];
  for (let t = 1; t < 1000; t++) {
    x.push(0.5 * x[t - 1] + normal());
    y.push(0.3 * y[t - 1] + 0.2 * (t >= 2 ? x[t - 2] : 0) + normal());
  }
  const maxlag = 12;
  const run = timed(() => grangerCausality(x, y, { maxlag }));
  granger = {
    x,
    y,
    maxlag,
    ms: run.ms,
    first: run.first,
    F: run.result.byLag.map((t) => t.ssrFTest.statistic),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Count models: the launches on the cause window's indicator with month and year effects (regress's design).

const design = countDesign({
  from: FROM,
  to: TO,
  values,
  causes: [{ name: "window", causes, window: WINDOW }],
  fixedEffects: ["month", "year"],
});
const GLM_ALPHA = 1;
const countFits = [
  [
    "poisson",
    "GLM Poisson",
    () => fitGlm(design.y, design.X, { family: { kind: "poisson" }, names: design.names }),
  ],
  [
    "glm_nb",
    `GLM NB2, alpha ${GLM_ALPHA}`,
    () =>
      fitGlm(design.y, design.X, {
        family: { kind: "negative-binomial", alpha: GLM_ALPHA },
        names: design.names,
      }),
  ],
  ["nb2", "NB2, alpha by ML", () => fitNegativeBinomial(design.y, design.X, { names: design.names })],
].map(([key, label, fn]) => ({ key, label, ...timed(fn) }));

// ---------------------------------------------------------------------------------------------------------------
// The Python reference.

function findPython() {
  const candidates = [...new Set([process.env.PYTHON, "python3", "/usr/bin/python3"].filter(Boolean))];
  let best;
  for (const python of candidates) {
    const probe = (code) => {
      try {
        execFileSync(python, ["-c", code], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    };
    if (!probe("import numpy")) continue;
    if (probe("import statsmodels")) return python;
    best ??= python;
  }
  return best;
}

const python = findPython();
let reference;
if (python) {
  const dir = mkdtempSync(join(tmpdir(), "lockstep-bench-"));
  try {
    const file = join(dir, "data.json");
    const shifts = Array.from(drawShifts(days, PERMUTATIONS, SEED));
    const data = { runs: RUNS, values, window: windowIntervals, preWindow: preIntervals, shifts };
    if (granger) data.granger = { x: granger.x, y: granger.y, maxlag: granger.maxlag };
    data.count = { y: design.y, X: design.X, glmAlpha: GLM_ALPHA };
    writeFileSync(file, JSON.stringify(data));
    const out = execFileSync(python, [join(here, "analysis_reference.py"), file], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    reference = JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report.

const w = js.result.window;
const pre = js.result.preWindow;
console.log(
  `Window test: ${PERMUTATIONS.toLocaleString("en")} permutations over ${days.toLocaleString("en")} days ` +
    `(${FROM} to ${TO}), ${causes.length} causes, lags ${WINDOW.first}..${WINDOW.last} ` +
    `(W: ${w.days.toLocaleString("en")} days in ${runs} runs) and the pre-window; median of ${RUNS} ` +
    `after ${WARMUP} warm-up calls, ` +
    `node ${process.version}`,
);
console.log(
  `  result: observed ${w.observed}, expected ${w.expected.toFixed(1)}, rate ratio ${w.rateRatio.toFixed(2)} ` +
    `[${w.rateRatioInterval.map((x) => x.toFixed(2)).join(", ")}], p ${w.pOneSided.toFixed(4)} one-sided; ` +
    `pre-window rate ratio ${pre.rateRatio.toFixed(2)}, p ${pre.pOneSided.toFixed(4)}`,
);
console.log(`  Lockstep                          ${fmt(js.ms)} (first call ${fmt(js.first)})`);
if (!python) {
  console.log("  numpy reference: skipped — no python3 with numpy was found (set PYTHON to choose one)");
} else {
  console.log(`  numpy ${reference.numpy}, Python ${reference.python} (${python}):`);
  for (const [name, label] of [
    ["prefix", "prefix sums (same algorithm)"],
    ["fft", "FFT, all rotations at once"],
  ]) {
    const r = reference[name];
    let worst = 0;
    for (const key of ["window", "preWindow"]) {
      const mine = js.result[key];
      const theirs = r[key];
      const pairs = [
        [mine.observed, theirs.observed],
        [mine.expected, theirs.expected],
        [mine.pOneSided, theirs.pOneSided],
        [mine.pTwoSided, theirs.pTwoSided],
        ...mine.nullInterval.map((x, i) => [x, theirs.nullInterval[i]]),
      ];
      for (const [a, b] of pairs) worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(b)));
    }
    console.log(
      `    ${label.padEnd(30)}${fmt(r.ms).padStart(10)}   Lockstep ${(r.ms / js.ms).toFixed(1)}× as fast; ` +
        `results ${worst < 1e-9 ? "agree" : `DIFFER (largest relative difference ${worst.toExponential(2)})`}`,
    );
  }
}
console.log(
  `Event study: k = 30, ${PERMUTATIONS.toLocaleString("en")} permutations, ${study.result.causeDays} cause ` +
    `days: Lockstep ${fmt(study.ms)} (first call ${fmt(study.first)}; no Python reference)`,
);

if (!granger) {
  console.log(
    "Granger: skipped, because dist/analysis/granger.js is absent (src/analysis/granger.ts not built)",
  );
} else {
  console.log(`Granger causality: 1,000 weekly points, lags 1..${granger.maxlag}`);
  console.log(`  Lockstep                          ${fmt(granger.ms)} (first call ${fmt(granger.first)})`);
  const g = reference?.granger;
  if (!g) console.log("  statsmodels: skipped — no python3 with numpy was found");
  else if (g.skipped) console.log(`  statsmodels: skipped — ${g.skipped}`);
  else {
    const worst = Math.max(...granger.F.map((f, i) => Math.abs(f - g.F[i]) / Math.abs(g.F[i])));
    console.log(
      `  statsmodels ${g.statsmodels} grangercausalitytests ${fmt(g.ms).padStart(10)}   Lockstep ` +
        `${(g.ms / granger.ms).toFixed(1)}× as fast; F statistics agree to ${worst.toExponential(1)} (relative)`,
    );
  }
}

console.log(
  `Count models: ${design.y.length.toLocaleString("en")} days, ${design.names.length} columns (const, the window, ` +
    `month and year effects)${design.dropped.length ? `, ${design.dropped.map((d) => d.name).join(", ")} left out` : ""}`,
);
const c = reference?.count;
if (!c) console.log("  statsmodels: skipped — no python3 with numpy was found");
else if (c.skipped) console.log(`  statsmodels: skipped — ${c.skipped}`);
else console.log(`  statsmodels ${c.statsmodels}: ${c.settings}`);
for (const fit of countFits) {
  const theirs = c?.[fit.key];
  const window = fit.result.terms[1];
  let line =
    `  ${fit.label.padEnd(22)} Lockstep ${fmt(fit.ms).padStart(9)} (first call ${fmt(fit.first)}, ` +
    `${fit.result.iterations} iterations; window rate ratio ${window.rateRatio.toFixed(3)})`;
  if (theirs && !c.skipped) {
    const mine = [
      ...fit.result.terms.map((t) => t.estimate),
      fit.result.dispersion?.estimated ? fit.result.dispersion.alpha : [],
    ].flat();
    const worst = Math.max(...theirs.params.map((p, i) => Math.abs(mine[i] - p) / Math.max(1, Math.abs(p))));
    const speed =
      theirs.ms >= fit.ms
        ? `Lockstep ${(theirs.ms / fit.ms).toFixed(1)}× as fast`
        : `statsmodels ${(fit.ms / theirs.ms).toFixed(1)}× as fast`;
    line += `; statsmodels ${fmt(theirs.ms)}, ${speed}; estimates agree to ${worst.toExponential(1)}`;
  }
  console.log(line);
}

// ---------------------------------------------------------------------------------------------------------------
// The exact null against numpy's FFT version (issue 13, item 6; bench/exact-null.mjs).

benchExactNull({ synthetic: { from: FROM, to: TO, values, causes, window: WINDOW }, python, runs: RUNS });
