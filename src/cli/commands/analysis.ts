import type { Command } from "commander";
import { addLedgerOption, readStore } from "../ledger-options.js";
import { addParameterFlags, givenParameters } from "../parameter-flags.js";
import type {
  GrangerResult,
  OlsResult,
  Series,
  WindowSummary,
  WindowTestResult,
} from "../../analysis/index.js";
import type { LeaveOneOut } from "../../analysis/leave-one-out.js";
import {
  grangerParameters,
  grangerParams,
  optionName,
  ratesParameters,
  ratesParams,
  reactParameters,
  reactParams,
  reciprocityParameters,
  reciprocityParams,
  runGranger,
  runReact,
  runRates,
  runReciprocity,
  runXcorr,
  xcorrParameters,
  xcorrParams,
} from "../../analysis/run.js";
import type { ParameterList } from "../../analysis/parameters.js";
import { regressParameters, regressParams, runRegress } from "../../analysis/run-regress.js";
import type { CountRegression } from "../../analysis/count-inference.js";

import type { CountingUnit } from "../../model/index.js";
import { action, printJson, type CommonOptions } from "../errors.js";
import { renderTable } from "../table.js";

/** The chart module (Observable Plot, a DOM, a PNG renderer) is loaded only when a chart is asked for. */
const charts = () => import("../charts.js");

/** What every analysis command takes beside its parameters. */
interface AnalysisFlags extends CommonOptions {
  plot?: string;
  allowBroken?: boolean;
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

/** Which rotations of the daily effect series the null took, in words (src/analysis/shift-null.ts). */
function nullText(
  test: WindowTestResult,
  asked: { permutations: number; minShift: number; seed: number },
): string {
  const floor = `p cannot fall below ${pfmt(1 / (test.alignments + 1))}`;
  const minShift = asked.minShift > 1 ? `, min shift ${asked.minShift} days` : "";
  switch (test.null) {
    case "exact":
      return `every circular shift of the daily effect series once (${test.alignments} rotations${minShift}; the exact p-value)`;
    case "seasonal":
      return `every circular shift of the daily effect series by whole 52-week years (${test.alignments} shifts; ${floor})`;
    case "seasonal-jitter":
      return `every shift of the daily effect series by whole 52-week years moved by up to ${test.jitter} days either way (${test.alignments} alignments; ${floor})`;
    case "sampled":
      return `${asked.permutations} circular shifts of the daily effect series (min shift ${asked.minShift} day(s), seed ${asked.seed})`;
  }
}

/** The window test without each cause in turn: the spread, then the cause the result leans on most. */
function leaveOneOutLines(l: LeaveOneOut): string[] {
  if (!l.mostInfluential) return ["Leave-one-out: a single cause; nothing is left without it."];
  const spread = (values: number[], show: (x: number) => string) =>
    `${show(Math.min(...values))} to ${show(Math.max(...values))}`;
  const m = l.mostInfluential;
  return [
    `Without each cause in turn (${l.withoutEach.length}): rate ratio ${spread(
      l.withoutEach.map((x) => x.rateRatio),
      (x) => fmt(x, 2),
    )}; p one-sided ${spread(
      l.withoutEach.map((x) => x.pOneSided),
      pfmt,
    )}. Most influential: the cause of ${m.start}${m.end !== m.start ? `..${m.end}` : ""}; without it the rate ratio is ${fmt(m.rateRatio, 2)} (p one-sided ${pfmt(m.pOneSided)}).`,
  ];
}

/** One equation of the dyadic regressions: its fit and coefficients, or why it was not estimated. */
const equationLines = (title: string, r: OlsResult | null, reason: string | undefined): string[] =>
  r
    ? [`${title}; R² ${fmt(r.rsquared, 3)}, n ${r.nobs}:`, coefficientTable(r)]
    : [`${title}: not estimated: ${reason ?? "no result"}.`];

/** A series' total as a reader writes it: Goldstein weights such as −0.3 add up with binary rounding (−1.7999…). */
const total = (s: Series) => Number(s.values.reduce((a, b) => a + b, 0).toPrecision(12));

const seriesSummary = (name: string, s: Series) =>
  `${name}: ${total(s)} (${measureText(s)}) in ${s.bins.length} ${s.freq}s; ${s.skipped.partialDate} event(s) with a partial date left out`;

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
  /** The analysis's own parameters (one definition, in src/analysis/run.ts), then the ledger and the output. */
  const common = (c: Command, list: ParameterList) =>
    addLedgerOption(addParameterFlags(c, list), "read", { postgres: true })
      .option("--plot <file>", "draw a chart to FILE.svg or FILE.png")
      .option("--json", "print every number as JSON");

  common(
    program
      .command("react")
      .description(
        "window test and event study: do effect events follow cause events more than chance would have it?",
      ),
    reactParameters(),
  ).action(
    action(async (flags: AnalysisFlags) => {
      const p = reactParams(givenParameters(reactParameters(), flags), optionName);
      const { result, causesInRange } = await readStore(flags, (store) => runReact(store, p, optionName));
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
          (await charts()).eventStudyChart(study, `Effect (${p.effect}) around causes (${p.cause})`),
        );
      if (flags.json) {
        printJson(result);
        return;
      }
      const out: string[] = [];
      out.push(
        `Method: effect events in ${windowText}, compared with ${nullText(test, { permutations, minShift, seed })}, ${range.from} to ${range.to}.`,
        ...coverageLines(result.coverageWarnings),
        `Causes: ${causesInRange} (${p.cause})${skipped ? `; ${skipped} with a partial date left out` : ""}. Effect: ${test.effectTotal} ${UNIT_SHORT[result.unit]} (${p.effect}) over ${test.days} days${result.effectSkipped.partialDate ? `; ${result.effectSkipped.partialDate} with a partial date left out` : ""}.`,
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
          (p.seasonal ? ` The band rests on ${study.permutations} shifts only: read it as rough.` : ""),
      );
      if (result.leaveOneOut) out.push(...leaveOneOutLines(result.leaveOneOut));
      if (flags.plot) out.push(`Chart written to ${flags.plot}.`);
      process.stdout.write(out.join("\n") + "\n");
    }),
  );

  common(
    program
      .command("granger")
      .description(
        "Granger causality both ways between two event series (F and chi-square tests as statsmodels computes them)",
      ),
    grangerParameters(),
  ).action(
    action(async (flags: AnalysisFlags) => {
      const p = grangerParams(givenParameters(grangerParameters(), flags), optionName);
      const { maxlag, lag, criterion } = p;
      const report = await readStore(flags, (store) => runGranger(store, p, optionName));
      const { x, y } = report.series;
      const range = { from: report.from, to: report.to };
      const both = { aCausesB: report.aCausesB, bCausesA: report.bCausesA };
      if (flags.plot)
        (await charts()).writeChart(
          flags.plot,
          (await charts()).seriesChart(
            [
              { name: `x: ${p.x}`, series: x },
              { name: `y: ${p.y}`, series: y },
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
          seriesSummary(`x (${p.x})`, x),
          seriesSummary(`y (${p.y})`, y),
          "",
          "Does x help predict y?",
          grangerTable(xy),
          "Does y help predict x?",
          grangerTable(yx),
          `At the reported lags: x → y F = ${fmt(xy.chosen.ssrFTest.statistic, 3)}, p = ${pfmt(xy.chosen.ssrFTest.pValue)} (Holm over the two directions ${pfmt(report.holm.aCausesB)}); y → x F = ${fmt(yx.chosen.ssrFTest.statistic, 3)}, p = ${pfmt(yx.chosen.ssrFTest.pValue)} (Holm ${pfmt(report.holm.bCausesA)}).`,
        ].join("\n") + "\n",
      );
    }),
  );

  common(
    program
      .command("xcorr")
      .description("lagged cross-correlation of two event series, with white-noise significance bands"),
    xcorrParameters(),
  ).action(
    action(async (flags: AnalysisFlags) => {
      const p = xcorrParams(givenParameters(xcorrParameters(), flags), optionName);
      const { result: cc, series } = await readStore(flags, (store) => runXcorr(store, p, optionName));
      const { x, y } = series;
      const range = { from: cc.from, to: cc.to };
      if (flags.plot)
        (await charts()).writeChart(
          flags.plot,
          (await charts()).crossCorrelationChart(cc, `Cross-correlation: ${p.x} vs ${p.y}`),
        );
      if (flags.json) {
        printJson(cc);
        return;
      }
      process.stdout.write(
        [
          `Method: correlation of x_t with y_(t+lag) on ${x.freq}ly series (${measureText(x)}), ${range.from} to ${range.to} (positive lag: x leads). Band ±${fmt(cc.band, 3)}: 95% for independent white noise; autocorrelated series cross it more often.`,
          ...coverageLines(cc.coverageWarnings),
          seriesSummary(`x (${p.x})`, x),
          seriesSummary(`y (${p.y})`, y),
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
      ),
    reciprocityParameters(),
  ).action(
    action(async (flags: AnalysisFlags) => {
      const p = reciprocityParams(givenParameters(reciprocityParameters(), flags), optionName);
      const { a, b, lags } = p;
      const report = await readStore(flags, (store) => runReciprocity(store, p, optionName));
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
          ...equationLines(
            `How ${b} answers ${a} (${b} → ${a} on ab = ${a} → ${b}, ba = ${b} → ${a})`,
            r.bToA,
            report.notEstimated.find((n) => n.equation === "bToA")?.reason,
          ),
          ...equationLines(
            `How ${a} answers ${b}`,
            r.aToB,
            report.notEstimated.find((n) => n.equation === "aToB")?.reason,
          ),
          ...report.dropped.map(
            (d) =>
              `Left out of how ${d.equation === "bToA" ? `${b} answers ${a}` : `${a} answers ${b}`}: ${d.column}, all zeros over the ${ab.freq}s used (no coefficient can be estimated for it).`,
          ),
        ].join("\n") + "\n",
      );
    }),
  );

  common(
    program
      .command("rates")
      .description(
        "event rates in named periods, with exact Poisson intervals; each period against the first by an exact test",
      ),
    ratesParameters(),
  ).action(
    action(async (flags: AnalysisFlags) => {
      const p = ratesParams(givenParameters(ratesParameters(), flags), optionName);
      const report = await readStore(flags, (store) => runRates(store, p, optionName));
      if (flags.json) {
        printJson(report);
        return;
      }
      const first = report.periods[0]!.name;
      process.stdout.write(
        [
          `Method: ${report.method}. Counted: ${report.events} (${UNIT_SHORT[report.unit]}).`,
          ...coverageLines(report.coverageWarnings),
          ...(report.skipped.partialDate
            ? [
                `${report.skipped.partialDate} event(s) with only a month or year left out: no period can hold them.`,
              ]
            : []),
          "",
          renderTable(
            [
              "period",
              "from",
              "to",
              "days",
              "count",
              "per year [95%]",
              `rate ratio vs ${first} [95%]`,
              "p",
              "p (Holm)",
            ],
            report.periods.map((x) => [
              x.name,
              x.from,
              x.to,
              x.days,
              fmt(x.count, 0),
              `${fmt(x.perYear, 2)} [${fmt(x.perYearInterval[0], 2)}, ${fmt(x.perYearInterval[1], 2)}]`,
              x.comparedWithFirst
                ? `${fmt(x.comparedWithFirst.rateRatio, 2)} [${fmt(x.comparedWithFirst.interval[0], 2)}, ${fmt(x.comparedWithFirst.interval[1], 2)}]`
                : "",
              x.comparedWithFirst ? pfmt(x.comparedWithFirst.pValue) : "",
              x.comparedWithFirst ? pfmt(x.comparedWithFirst.pHolm) : "",
            ]),
          ),
        ].join("\n"),
      );
    }),
  );

  common(
    program
      .command("regress")
      .description(
        "count model: Poisson or negative binomial regression of daily or weekly events on the windows after cause series, with month/year fixed effects",
      ),
    regressParameters(),
  ).action(
    action(async (flags: AnalysisFlags) => {
      const p = regressParams(givenParameters(regressParameters(), flags), optionName);
      const report = await readStore(flags, (store) => runRegress(store, p, optionName));
      if (flags.json) {
        printJson(report);
        return;
      }
      const m = report.model;
      process.stdout.write(
        [
          `Method: ${report.method}; ${report.from} to ${report.to}; y counts ${UNIT_SHORT[report.unit]} (${report.y}); fixed effects: ${report.fixedEffects.join(", ") || "none"}; standard errors: ${m.covarianceType}.`,
          ...coverageLines(report.coverageWarnings),
          // By day the method and n say it all (and the outputs quoted in the docs stay as they were).
          ...(report.freq === "week" ? [`Weeks: ${report.bins} whole weeks (Monday to Sunday) fitted.`] : []),
          ...report.partialWeeks.map(
            (w) => `Left out: the week of ${w.week}, cut by the range (${w.days} of its 7 days in it).`,
          ),
          ...report.droppedLevels.map(
            (d) =>
              `Left out: ${d.name}, ${report.freq === "week" ? `${d.days / 7} week(s)` : `${d.days} day(s)`} without any event (no finite estimate for that level).`,
          ),
          ...(report.ySkipped.partialDate
            ? [`${report.ySkipped.partialDate} event(s) of y with only a month or year left out.`]
            : []),
          "",
          countTable(m),
          ...(report.x.length > 1
            ? [
                `Holm over the ${report.x.length} cause columns: ${report.x.map((x) => `${x.column} p ${pfmt(x.p)} → ${pfmt(x.pHolm)}`).join("; ")}.`,
              ]
            : []),
          `n ${m.nobs}; log-likelihood ${fmt(m.llf, 3)}; AIC ${fmt(m.aic, 3)}${m.deviance !== null ? `; deviance ${fmt(m.deviance, 3)}; Pearson chi2 ${fmt(m.pearsonChi2 ?? NaN, 3)}` : ""}${m.dispersion ? `; alpha ${fmt(m.dispersion.alpha, 4)}${m.dispersion.estimated ? ` (se ${fmt(m.dispersion.standardError, 4)})` : " (given)"}` : ""}; ${m.iterations} iterations.`,
        ].join("\n") + "\n",
      );
    }),
  );
}

/** The count model's terms: coefficient, error, z, p, and the rate ratio with its interval. */
function countTable(m: Omit<CountRegression, "fitted">): string {
  return renderTable(
    ["term", "coef", "std err", "z", "p", "rate ratio [95%]"],
    m.terms.map((t) => [
      t.name,
      fmt(t.estimate, 4),
      fmt(t.standardError, 4),
      fmt(t.z, 3),
      pfmt(t.p),
      `${fmt(t.rateRatio, 3)} [${fmt(t.rateRatioInterval[0], 3)}, ${fmt(t.rateRatioInterval[1], 3)}]`,
    ]),
  );
}
