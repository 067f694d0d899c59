import type { Command } from "commander";
import {
  buildSeries,
  causesOf,
  crossCorrelation,
  dyadicReciprocity,
  eventStudy,
  grangerBothWays,
  windowTest,
  type CauseWindow,
  type Frequency,
  type GrangerResult,
  type Measure,
  type OlsResult,
  type Series,
  type WindowSummary,
} from "../../analysis/index.js";
import { openLedger, queryEvents, resolveLedgerPath, type Ledger } from "../../ledger/index.js";
import {
  checkMatcherAttributes,
  InputError,
  isDayDate,
  parseMatcher,
  type EventMatcher,
  type LedgerEvent,
} from "../../model/index.js";
import { crossCorrelationChart, eventStudyChart, seriesChart, writeChart } from "../charts.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { renderTable } from "../table.js";

interface RangeFlags extends CommonOptions {
  from?: string;
  to?: string;
  plot?: string;
}

function matcherOf(flag: string, text: string | undefined): EventMatcher {
  if (!text)
    throw new UsageError(`${flag} is required: event filter terms such as "actor=PRK type=missile_launch"`);
  const parsed = parseMatcher(text);
  const issues = parsed.ok ? checkMatcherAttributes(parsed.matcher) : parsed.issues;
  if (!parsed.ok || issues.length)
    throw new InputError(
      `${flag}: invalid filter "${text}"`,
      issues.map((issue) => ({ issue })),
    );
  return parsed.matcher;
}

function load(ledger: Ledger, m: EventMatcher, flags: RangeFlags): LedgerEvent[] {
  // An explicit range narrows what is read; without one, the range is taken from the events themselves.
  return queryEvents(ledger, {
    ...m,
    ...(flags.from ? { from: flags.from } : {}),
    ...(flags.to ? { to: flags.to } : {}),
  });
}

/** The analysis range: as given, or from the first to the last day-dated event of the sets analysed. */
function rangeOf(flags: RangeFlags, ...sets: LedgerEvent[][]): { from: string; to: string } {
  for (const [name, d] of [
    ["--from", flags.from],
    ["--to", flags.to],
  ] as const)
    if (d !== undefined && !isDayDate(d))
      throw new UsageError(`${name} must be a date YYYY-MM-DD, not "${d}"`);
  const days = sets
    .flat()
    .map((e) => e.date)
    .filter(isDayDate)
    .sort();
  const from = flags.from ?? days[0];
  const to = flags.to ?? days[days.length - 1];
  if (!from || !to) throw new UsageError("no dated events match; give --from and --to");
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  return { from, to };
}

function parseWindow(text: string): CauseWindow {
  const lag = /^(-?\d+)\.\.(-?\d+)$/.exec(text);
  if (lag) {
    const [first, last] = [Number(lag[1]), Number(lag[2])];
    if (last < first) throw new UsageError(`--window ${text}: the last day comes before the first`);
    return { kind: "lag", first, last };
  }
  const during = /^during(?:\+(\d+))?$/.exec(text);
  if (during) return { kind: "during", after: Number(during[1] ?? 0) };
  throw new UsageError(
    `--window must be FIRST..LAST days after the cause (0..14), "during" or "during+N", not "${text}"`,
  );
}

function positiveInt(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} must be a whole number ≥ 1, not "${text}"`);
  return n;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const pfmt = (p: number) => (p < 0.0001 ? p.toExponential(2) : p.toFixed(4));

function windowLine(label: string, w: WindowSummary): string[] {
  return [
    label,
    `${w.days} (${(100 * w.share).toFixed(1)}%)`,
    fmt(w.observed, 0),
    fmt(w.expected, 2),
    `${fmt(w.rateRatio, 2)} [${fmt(w.rateRatioInterval[0], 2)}, ${fmt(w.rateRatioInterval[1], 2)}]`,
    pfmt(w.pOneSided),
    pfmt(w.pTwoSided),
  ];
}

interface ReactFlags extends RangeFlags {
  cause?: string;
  effect?: string;
  window: string;
  permutations?: string;
  seed?: string;
  minShift?: string;
  seasonal?: boolean;
  k?: string;
}

interface SeriesFlags extends RangeFlags {
  x?: string;
  y?: string;
  freq: string;
  maxlag?: string;
  lag?: string;
  criterion?: string;
  measure?: string;
}

function frequency(text: string): Frequency {
  if (text !== "day" && text !== "week" && text !== "month")
    throw new UsageError(`--freq must be day, week or month, not "${text}"`);
  return text;
}

function measureOf(text: string | undefined): Measure {
  const m = text ?? "count";
  if (m !== "count" && m !== "goldstein")
    throw new UsageError(`--measure must be count or goldstein, not "${m}"`);
  return m;
}

function twoSeries(flags: SeriesFlags) {
  const xm = matcherOf("--x", flags.x);
  const ym = matcherOf("--y", flags.y);
  const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
  let xe: LedgerEvent[];
  let ye: LedgerEvent[];
  try {
    xe = load(ledger, xm, flags);
    ye = load(ledger, ym, flags);
  } finally {
    ledger.close();
  }
  const range = rangeOf(flags, xe, ye);
  const opts = { freq: frequency(flags.freq), ...range, measure: measureOf(flags.measure) };
  return { x: buildSeries(xe, xm, opts), y: buildSeries(ye, ym, opts), range };
}

function grangerTable(r: GrangerResult): string {
  return renderTable(
    ["lag", "F", "p (F)", "chi2", "p (chi2)", "df"],
    r.byLag.map((t) => [
      t.lag + (t.lag === r.chosen.lag ? " *" : ""),
      fmt(t.ssrFTest.statistic, 4),
      pfmt(t.ssrFTest.pValue),
      fmt(t.ssrChi2Test.statistic, 4),
      pfmt(t.ssrChi2Test.pValue),
      `${t.ssrFTest.dfNum}, ${t.ssrFTest.dfDenom}`,
    ]),
  );
}

function coefficientTable(r: OlsResult): string {
  return renderTable(
    ["term", "coef", "std err", "t", "p"],
    r.names.map((n, i) => [
      n,
      fmt(r.coefficients[i]!, 4),
      fmt(r.standardErrors[i]!, 4),
      fmt(r.tValues[i]!, 3),
      pfmt(r.pValues[i]!),
    ]),
  );
}

const seriesSummary = (name: string, s: Series) =>
  `${name}: ${s.values.reduce((a, b) => a + b, 0)} (${s.measure}) in ${s.bins.length} ${s.freq}s; ${s.skipped.partialDate} event(s) with a partial date left out`;

export function registerAnalysis(program: Command): void {
  const common = (c: Command) =>
    c
      .option("--from <date>", "first day of the analysis (default: the first matching event)")
      .option("--to <date>", "last day of the analysis (default: the last matching event)")
      .option("--plot <file>", "draw a chart to FILE.svg or FILE.png")
      .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
      .option("--json", "print every number as JSON");

  common(
    program
      .command("react")
      .description(
        "window test and event study: do effect events follow cause events more than chance would have it?",
      )
      .option(
        "--cause <terms>",
        'cause events, e.g. "actor=USA type=military_exercise scale=large status=held"',
      )
      .option("--effect <terms>", 'effect events, e.g. "actor=PRK type=missile_launch"')
      .option(
        "--window <window>",
        "FIRST..LAST days after each cause starts (0..14), or during / during+N",
        "0..14",
      )
      .option("--permutations <n>", "circular shifts in the null distribution", "10000")
      .option("--seed <n>", "seed of the shifts", "1")
      .option(
        "--min-shift <days>",
        "smallest shift, in days (use at least the window's width for more power)",
        "1",
      )
      .option("--seasonal", "shift only by whole 52-week years, so that the null keeps each day's season")
      .option("--k <days>", "event-study lags −k..+k", "30"),
  ).action(
    action((flags: ReactFlags) => {
      const cm = matcherOf("--cause", flags.cause);
      const em = matcherOf("--effect", flags.effect);
      const window = parseWindow(flags.window);
      const permutations = positiveInt("--permutations", flags.permutations, 10_000);
      const seed = Number(flags.seed ?? 1);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${flags.seed}"`);
      const minShift = positiveInt("--min-shift", flags.minShift, 1);
      const k = positiveInt("--k", flags.k, 30);
      const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
      let causeEvents: LedgerEvent[];
      let effectEvents: LedgerEvent[];
      try {
        causeEvents = load(ledger, cm, flags);
        effectEvents = load(ledger, em, flags);
      } finally {
        ledger.close();
      }
      const range = rangeOf(flags, causeEvents, effectEvents);
      const { causes, skipped } = causesOf(causeEvents, cm);
      const inRange = causes.filter((c) => c.end >= range.from && c.start <= range.to);
      if (inRange.length === 0) throw new UsageError(`no cause event between ${range.from} and ${range.to}`);
      const effect = buildSeries(effectEvents, em, { freq: "day", ...range, measure: "count" });
      const shiftStep = flags.seasonal ? 364 : 1;
      const test = windowTest(inRange, effect, { window, permutations, seed, minShift, shiftStep });
      const study = eventStudy(inRange, effect, { k, permutations, seed, minShift, shiftStep });
      const windowText =
        window.kind === "lag"
          ? `days ${window.first}..${window.last} after each cause starts`
          : `the days each cause lasts${window.after ? ` and ${window.after} after` : ""}`;
      if (flags.plot)
        writeChart(
          flags.plot,
          eventStudyChart(study, `Effect (${flags.effect}) around causes (${flags.cause})`),
        );
      if (flags.json) {
        printJson({
          method: "window test with a circular-shift null; event study with permutation bands",
          cause: flags.cause,
          effect: flags.effect,
          ...range,
          causesSkipped: skipped,
          effectSkipped: effect.skipped,
          windowTest: test,
          eventStudy: study,
        });
        return;
      }
      const out: string[] = [];
      out.push(
        `Method: effect events in ${windowText}, compared with ${flags.seasonal ? `every circular shift of the daily effect series by whole 52-week years (${test.permutations} shifts; p cannot fall below ${pfmt(1 / (test.permutations + 1))})` : `${permutations} circular shifts of the daily effect series (min shift ${minShift} day(s), seed ${seed})`}, ${range.from} to ${range.to}.`,
        `Causes: ${inRange.length} (${flags.cause})${skipped ? `; ${skipped} with a partial date left out` : ""}. Effect: ${test.effectTotal} (${flags.effect}) over ${test.days} days${effect.skipped.partialDate ? `; ${effect.skipped.partialDate} with a partial date left out` : ""}.`,
        "",
        renderTable(
          [
            "window",
            "days (share)",
            "observed",
            "expected",
            "rate ratio [95%]",
            "p one-sided",
            "p two-sided",
          ],
          [windowLine("after the cause", test.window), windowLine("before (pre-trend)", test.preWindow)],
        ),
      );
      const peaks = study.lags
        .map((lag, i) => ({ lag, mean: study.mean[i]!, upper: study.upper[i]! }))
        .filter((x) => x.mean > x.upper);
      out.push(
        `Event study (−${k}..+${k} days, ${study.causeDays} cause days${study.excluded ? `, ${study.excluded} too near the range's ends left out` : ""}): daily mean ${fmt(study.dailyMean, 3)}; ` +
          (peaks.length
            ? `above the 97.5% band on day(s) ${peaks.map((p) => (p.lag > 0 ? `+${p.lag}` : p.lag)).join(", ")}.`
            : "no day above the 97.5% band.") +
          (flags.seasonal ? ` The band rests on ${study.permutations} shifts only: read it as rough.` : ""),
      );
      if (flags.plot) out.push(`Chart written to ${flags.plot}.`);
      process.stdout.write(out.join("\n") + "\n");
    }),
  );

  common(
    program
      .command("granger")
      .description(
        "Granger causality both ways between two event series (F and chi-square tests as statsmodels computes them)",
      )
      .option("--x <terms>", "first series' events")
      .option("--y <terms>", "second series' events")
      .option("--freq <freq>", "day | week | month", "week")
      .option("--maxlag <k>", "test lags 1..k", "4")
      .option("--lag <p>", "report this lag instead of choosing one by the criterion")
      .option("--criterion <c>", "aic | bic: how the reported lag is chosen", "aic")
      .option("--measure <m>", "count | goldstein", "count"),
  ).action(
    action((flags: SeriesFlags) => {
      const maxlag = positiveInt("--maxlag", flags.maxlag, 4);
      const criterion = flags.criterion ?? "aic";
      if (criterion !== "aic" && criterion !== "bic")
        throw new UsageError(`--criterion must be aic or bic, not "${criterion}"`);
      const lag = flags.lag === undefined ? undefined : positiveInt("--lag", flags.lag, 1);
      if (lag !== undefined && lag > maxlag) throw new UsageError(`--lag ${lag} is above --maxlag ${maxlag}`);
      const { x, y, range } = twoSeries(flags);
      const both = grangerBothWays(x.values, y.values, {
        maxlag,
        criterion,
        ...(lag ? { lag } : {}),
        names: { a: "x", b: "y" },
      });
      if (flags.plot)
        writeChart(
          flags.plot,
          seriesChart(
            [
              { name: `x: ${flags.x}`, series: x },
              { name: `y: ${flags.y}`, series: y },
            ],
            "The two series",
          ),
        );
      if (flags.json) {
        printJson({
          method: "Granger causality (statsmodels grangercausalitytests: ssr F and chi-square tests)",
          x: flags.x,
          y: flags.y,
          ...range,
          freq: x.freq,
          series: { x, y },
          ...both,
        });
        return;
      }
      const [xy, yx] = [both.aCausesB, both.bCausesA];
      process.stdout.write(
        [
          `Method: Granger causality on ${x.freq}ly ${x.measure} series, ${range.from} to ${range.to}; lags 1..${maxlag}, the reported lag (*) chosen by ${lag ? "--lag" : criterion.toUpperCase()}. F and chi-square tests as statsmodels' grangercausalitytests.`,
          seriesSummary(`x (${flags.x})`, x),
          seriesSummary(`y (${flags.y})`, y),
          "",
          "Does x help predict y?",
          grangerTable(xy),
          "Does y help predict x?",
          grangerTable(yx),
          `At the reported lags: x → y F = ${fmt(xy.chosen.ssrFTest.statistic, 3)}, p = ${pfmt(xy.chosen.ssrFTest.pValue)}; y → x F = ${fmt(yx.chosen.ssrFTest.statistic, 3)}, p = ${pfmt(yx.chosen.ssrFTest.pValue)}.`,
        ].join("\n") + "\n",
      );
    }),
  );

  common(
    program
      .command("xcorr")
      .description("lagged cross-correlation of two event series, with white-noise significance bands")
      .option("--x <terms>", "first series' events")
      .option("--y <terms>", "second series' events")
      .option("--freq <freq>", "day | week | month", "week")
      .option("--maxlag <k>", "lags −k..k", "8")
      .option("--measure <m>", "count | goldstein", "count"),
  ).action(
    action((flags: SeriesFlags) => {
      const maxlag = positiveInt("--maxlag", flags.maxlag, 8);
      const { x, y, range } = twoSeries(flags);
      const cc = crossCorrelation(x.values, y.values, maxlag);
      if (flags.plot)
        writeChart(flags.plot, crossCorrelationChart(cc, `Cross-correlation: ${flags.x} vs ${flags.y}`));
      if (flags.json) {
        printJson({
          method: "lagged cross-correlation (statsmodels ccf, adjusted=False); positive lag: x leads y",
          x: flags.x,
          y: flags.y,
          ...range,
          freq: x.freq,
          ...cc,
        });
        return;
      }
      process.stdout.write(
        [
          `Method: correlation of x_t with y_(t+lag) on ${x.freq}ly ${x.measure} series, ${range.from} to ${range.to} (positive lag: x leads). Band ±${fmt(cc.band, 3)}: 95% for independent white noise; autocorrelated series cross it more often.`,
          seriesSummary(`x (${flags.x})`, x),
          seriesSummary(`y (${flags.y})`, y),
          "",
          renderTable(
            ["lag", "correlation", ""],
            cc.lags.map((l) => [l.lag, fmt(l.correlation, 4), l.outsideBand ? "outside band" : ""]),
          ),
        ].join("\n") + "\n",
      );
    }),
  );

  common(
    program
      .command("reciprocity")
      .description(
        "dyadic reciprocity: does B's conduct toward A follow A's recent conduct toward B? (Goldstein-weighted OLS)",
      )
      .option("--a <code>", "first party, e.g. PRK")
      .option("--b <code>", "second party, e.g. USA")
      .option("--freq <freq>", "day | week | month", "month")
      .option("--lags <n>", "lags of each series in the regression", "1"),
  ).action(
    action((flags: RangeFlags & { a?: string; b?: string; freq: string; lags?: string }) => {
      if (!flags.a || !flags.b)
        throw new UsageError("--a and --b are required: the two parties' actor codes, e.g. --a PRK --b USA");
      const [a, b] = [flags.a.toUpperCase(), flags.b.toUpperCase()];
      const lags = positiveInt("--lags", flags.lags, 1);
      const abm: EventMatcher = { actors: [a], targets: [b] };
      const bam: EventMatcher = { actors: [b], targets: [a] };
      const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
      let abe: LedgerEvent[];
      let bae: LedgerEvent[];
      try {
        abe = load(ledger, abm, flags);
        bae = load(ledger, bam, flags);
      } finally {
        ledger.close();
      }
      const range = rangeOf(flags, abe, bae);
      const opts = { freq: frequency(flags.freq), ...range, measure: "goldstein" as const };
      const ab = buildSeries(abe, abm, opts);
      const ba = buildSeries(bae, bam, opts);
      const r = dyadicReciprocity(ab.values, ba.values, { lags });
      if (flags.plot)
        writeChart(
          flags.plot,
          seriesChart(
            [
              { name: `${a} → ${b}`, series: ab },
              { name: `${b} → ${a}`, series: ba },
            ],
            `Goldstein-weighted conduct, ${a} and ${b}`,
          ),
        );
      if (flags.json) {
        printJson({
          method:
            "OLS of each direction on a constant, the other direction's lags and its own lags (Goldstein-weighted sums)",
          a,
          b,
          ...range,
          freq: ab.freq,
          series: { ab, ba },
          ...r,
        });
        return;
      }
      process.stdout.write(
        [
          `Method: ${ab.freq}ly Goldstein-weighted sums of events with a target (${a} → ${b} and ${b} → ${a}), ${range.from} to ${range.to}; each direction regressed by OLS on a constant, the other's last ${lags} ${ab.freq}(s) and its own.`,
          seriesSummary(`${a} → ${b}`, ab),
          seriesSummary(`${b} → ${a}`, ba),
          "",
          `How ${b} answers ${a} (${b} → ${a} on ab = ${a} → ${b}, ba = ${b} → ${a}); R² ${fmt(r.bToA.rsquared, 3)}, n ${r.bToA.nobs}:`,
          coefficientTable(r.bToA),
          `How ${a} answers ${b}; R² ${fmt(r.aToB.rsquared, 3)}, n ${r.aToB.nobs}:`,
          coefficientTable(r.aToB),
        ].join("\n") + "\n",
      );
    }),
  );
}
