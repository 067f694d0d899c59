import type { Command } from "commander";
import { ALLOW_BROKEN, openForReading } from "../ledger-reading.js";
import type { GrangerResult, OlsResult, Series, WindowSummary } from "../../analysis/index.js";
import {
  grangerParams,
  optionName,
  reactParams,
  reciprocityParams,
  runGranger,
  runReact,
  runReciprocity,
  runXcorr,
  xcorrParams,
  type GrangerReport,
  type ReciprocityReport,
} from "../../analysis/run.js";

import type { CountingUnit } from "../../model/index.js";
import { action, printJson, type CommonOptions } from "../errors.js";
import { renderTable } from "../table.js";

/** The chart module (Observable Plot, a DOM, a PNG renderer) is loaded only when a chart is asked for. */
const charts = () => import("../charts.js");

interface RangeFlags extends CommonOptions {
  from?: string;
  to?: string;
  plot?: string;
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
  `${name}: ${s.values.reduce((a, b) => a + b, 0)} (${measureText(s)}) in ${s.bins.length} ${s.freq}s; ${s.skipped.partialDate} event(s) with a partial date left out`;

/** The unit a count is in, as the text reports name it. */
const UNIT_SHORT: Record<CountingUnit, string> = {
  events: "events",
  days: "days with an event",
  count: "counted units",
};

const measureText = (s: Series): string =>
  s.measure === "count" ? UNIT_SHORT[s.unit] : "Goldstein-weighted counts";

/** What the range was clipped to and why, one line each: the reader must see it beside the method. */
const coverageLines = (warnings: readonly string[]): string[] => warnings.map((w) => `Coverage: ${w}.`);

export function registerAnalysis(program: Command): void {
  const common = (c: Command) =>
    c
      .option("--from <date>", "first day of the analysis (default: the first matching event)")
      .option("--to <date>", "last day of the analysis (default: the last matching event)")
      .option("--plot <file>", "draw a chart to FILE.svg or FILE.png")
      .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
      .option(...ALLOW_BROKEN)
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
      .option("--k <days>", "event-study lags −k..+k", "30")
      .option(
        "--unit <unit>",
        "what the effect series counts: events, days (with an event) or count (missiles)",
        "count",
      ),
  ).action(
    action(async (flags: ReactFlags) => {
      const p = reactParams(flags, optionName);
      const ledger = openForReading(flags);
      let run: ReturnType<typeof runReact>;
      try {
        run = runReact(ledger, p, optionName);
      } finally {
        ledger.close();
      }
      const { result, causesInRange } = run;
      const { window, permutations, seed, minShift, k } = p;
      const range = { from: result.from, to: result.to };
      const [test, study, skipped] = [result.windowTest, result.eventStudy, result.causesSkipped];
      const windowText =
        window.kind === "lag"
          ? `days ${window.first}..${window.last} after each cause starts`
          : `the days each cause lasts${window.after ? ` and ${window.after} after` : ""}`;
      if (flags.plot)
        (await charts()).writeChart(
          flags.plot,
          (await charts()).eventStudyChart(study, `Effect (${flags.effect}) around causes (${flags.cause})`),
        );
      if (flags.json) {
        printJson(result);
        return;
      }
      const out: string[] = [];
      out.push(
        `Method: effect events in ${windowText}, compared with ${flags.seasonal ? `every circular shift of the daily effect series by whole 52-week years (${test.permutations} shifts; p cannot fall below ${pfmt(1 / (test.permutations + 1))})` : `${permutations} circular shifts of the daily effect series (min shift ${minShift} day(s), seed ${seed})`}, ${range.from} to ${range.to}.`,
        ...coverageLines(result.coverageWarnings),
        `Causes: ${causesInRange} (${flags.cause})${skipped ? `; ${skipped} with a partial date left out` : ""}. Effect: ${test.effectTotal} ${UNIT_SHORT[result.unit]} (${flags.effect}) over ${test.days} days${result.effectSkipped.partialDate ? `; ${result.effectSkipped.partialDate} with a partial date left out` : ""}.`,
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
      .option("--measure <m>", "count | goldstein", "count")
      .option(
        "--unit <unit>",
        "what measure count counts: events, days (with an event) or count (missiles)",
        "count",
      ),
  ).action(
    action(async (flags: SeriesFlags) => {
      const p = grangerParams(flags, optionName);
      const { maxlag, lag, criterion } = p;
      const ledger = openForReading(flags);
      let report: GrangerReport;
      try {
        report = runGranger(ledger, p, optionName);
      } finally {
        ledger.close();
      }
      const { x, y } = report.series;
      const range = { from: report.from, to: report.to };
      const both = { aCausesB: report.aCausesB, bCausesA: report.bCausesA };
      if (flags.plot)
        (await charts()).writeChart(
          flags.plot,
          (await charts()).seriesChart(
            [
              { name: `x: ${flags.x}`, series: x },
              { name: `y: ${flags.y}`, series: y },
            ],
            "The two series",
          ),
        );
      if (flags.json) {
        printJson(report);
        return;
      }
      const [xy, yx] = [both.aCausesB, both.bCausesA];
      process.stdout.write(
        [
          `Method: Granger causality on ${x.freq}ly series (${measureText(x)}), ${range.from} to ${range.to}; lags 1..${maxlag}, the reported lag (*) chosen by ${lag ? "--lag" : criterion.toUpperCase()}. F and chi-square tests as statsmodels' grangercausalitytests.`,
          ...coverageLines(report.coverageWarnings),
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
      .option("--measure <m>", "count | goldstein", "count")
      .option(
        "--unit <unit>",
        "what measure count counts: events, days (with an event) or count (missiles)",
        "count",
      ),
  ).action(
    action(async (flags: SeriesFlags) => {
      const p = xcorrParams(flags, optionName);
      const ledger = openForReading(flags);
      let run: ReturnType<typeof runXcorr>;
      try {
        run = runXcorr(ledger, p, optionName);
      } finally {
        ledger.close();
      }
      const { result: cc, series } = run;
      const { x, y } = series;
      const range = { from: cc.from, to: cc.to };
      if (flags.plot)
        (await charts()).writeChart(
          flags.plot,
          (await charts()).crossCorrelationChart(cc, `Cross-correlation: ${flags.x} vs ${flags.y}`),
        );
      if (flags.json) {
        printJson(cc);
        return;
      }
      process.stdout.write(
        [
          `Method: correlation of x_t with y_(t+lag) on ${x.freq}ly series (${measureText(x)}), ${range.from} to ${range.to} (positive lag: x leads). Band ±${fmt(cc.band, 3)}: 95% for independent white noise; autocorrelated series cross it more often.`,
          ...coverageLines(cc.coverageWarnings),
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
    action(async (flags: RangeFlags & { a?: string; b?: string; freq: string; lags?: string }) => {
      const p = reciprocityParams(flags, optionName);
      const { a, b, lags } = p;
      const ledger = openForReading(flags);
      let report: ReciprocityReport;
      try {
        report = runReciprocity(ledger, p, optionName);
      } finally {
        ledger.close();
      }
      const { ab, ba } = report.series;
      const range = { from: report.from, to: report.to };
      const r = { bToA: report.bToA, aToB: report.aToB };
      if (flags.plot)
        (await charts()).writeChart(
          flags.plot,
          (await charts()).seriesChart(
            [
              { name: `${a} → ${b}`, series: ab },
              { name: `${b} → ${a}`, series: ba },
            ],
            `Goldstein-weighted conduct, ${a} and ${b}`,
          ),
        );
      if (flags.json) {
        printJson(report);
        return;
      }
      process.stdout.write(
        [
          `Method: ${ab.freq}ly Goldstein-weighted sums of events with a target (${a} → ${b} and ${b} → ${a}), ${range.from} to ${range.to}; each direction regressed by OLS on a constant, the other's last ${lags} ${ab.freq}(s) and its own.`,
          ...coverageLines(report.coverageWarnings),
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
