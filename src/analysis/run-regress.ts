/**
 * `lockstep regress` / `GET /api/analysis/regress`: a count model of a daily event series on the windows after one
 * or more cause series (Poisson, or negative binomial NB2 with its α estimated), with month-of-year and year fixed
 * effects as asked, as the command line and the server run it.
 */
import type * as v from "valibot";
import type { Ledger } from "../ledger/index.js";
import { ParameterError, type CountingUnit, type EventMatcher } from "../model/index.js";
import { causesOf, type CauseWindow } from "./causes.js";
import { countDesign, FIXED_EFFECTS, type DroppedLevel, type FixedEffect } from "./count-design.js";
import { COVARIANCE_TYPES, type CountRegression, type CovarianceType } from "./count-inference.js";
import { fitGlm } from "./glm.js";
import { holm } from "./holm.js";
import { fitNegativeBinomial } from "./negative-binomial.js";
import {
  choice,
  flag,
  parameters,
  readParameters,
  requiredText,
  text,
  textList,
  type ParamName,
} from "./parameters.js";
import {
  checkSeriesActors,
  coveredRange,
  loadEvents,
  matcherParam,
  RANGE,
  rangeOf,
  unitOf,
  windowParam,
  type AnalysisLimits,
  type CoveredRange,
  type GivenParameters,
} from "./run.js";
import { buildSeries, type Series } from "./series.js";

const FAMILIES = ["poisson", "nb"] as const;

/** The parameters of `lockstep regress` and `GET /api/analysis/regress`. */
export const regressParameters = () =>
  parameters({
    y: requiredText('the events counted each day, e.g. "actor=PRK type=missile_launch"', "terms"),
    x: textList(
      'a cause series, e.g. "actor=USA type=military_exercise scale=large status=held": a column that is 1 on the days within the window after any of its events',
      "terms",
    ),
    window: text("FIRST..LAST days after each cause starts, or during / during+N", "window", "0..14"),
    family: choice(
      FAMILIES,
      "poisson, or nb: negative binomial (NB2) with α estimated by maximum likelihood",
      "poisson",
    ),
    fe: text("fixed effects: none, month (of the year), year, or month,year", "effects", "none"),
    covariance: choice(
      ["nonrobust", "HC0", "HC1"],
      "standard errors: model-based (nonrobust) or robust (HC0, HC1)",
      "nonrobust",
    ),
    robust: flag("robust (HC1) standard errors: the same as --covariance HC1"),
    unit: unitOf("the y series"),
    ...RANGE,
  });

/** `lockstep regress` / `GET /api/analysis/regress`, as given. */
export type RegressInput = v.InferInput<ReturnType<typeof regressParameters>>;

export interface RegressParams {
  y: string;
  yMatcher: EventMatcher;
  x: { terms: string; matcher: EventMatcher }[];
  window: CauseWindow;
  windowText: string;
  family: (typeof FAMILIES)[number];
  fixedEffects: FixedEffect[];
  covariance: CovarianceType;
  unit: CountingUnit;
  from?: string;
  to?: string;
  maxDays?: number;
}

export function regressParams(
  input: GivenParameters,
  name: ParamName,
  limits: AnalysisLimits = {},
): RegressParams {
  const p = readParameters(regressParameters(), input, name);
  const fixedEffects = p.fe === "none" ? [] : p.fe.split(",").map((e) => e.trim());
  const unknown = fixedEffects.find((e) => !(FIXED_EFFECTS as readonly string[]).includes(e));
  if (unknown !== undefined || new Set(fixedEffects).size !== fixedEffects.length)
    throw new ParameterError(
      name("fe"),
      `${name("fe")} must be none, month, year or month,year, not "${p.fe}"`,
    );
  if (p.robust && p.covariance !== "nonrobust" && p.covariance !== "HC1")
    throw new ParameterError(
      name("robust"),
      `${name("robust")} means ${name("covariance")} HC1, not ${p.covariance}: give one of them`,
    );
  const covariance: CovarianceType = p.robust ? "HC1" : (p.covariance as CovarianceType);
  if (!COVARIANCE_TYPES.includes(covariance)) throw new Error(`unknown covariance ${covariance}`);
  return {
    y: p.y,
    yMatcher: matcherParam(name, "y", p.y),
    x: p.x.map((terms) => ({ terms, matcher: matcherParam(name, "x", terms) })),
    window: windowParam(name, p.window),
    windowText: p.window,
    family: p.family,
    fixedEffects: fixedEffects as FixedEffect[],
    covariance,
    unit: p.unit,
    ...(p.from !== undefined ? { from: p.from } : {}),
    ...(p.to !== undefined ? { to: p.to } : {}),
    ...(limits.maxDays !== undefined ? { maxDays: limits.maxDays } : {}),
  };
}

/** What `lockstep regress --json` prints. */
export interface RegressReport extends CoveredRange {
  method: string;
  y: string;
  /**
   * Each cause series, the name of its column, its coefficient's p, and that p adjusted by Holm over the cause
   * columns (the family of effects asked about; the fixed effects are not in it).
   */
  x: { terms: string; column: string; p: number; pHolm: number }[];
  window: string;
  unit: CountingUnit;
  fixedEffects: FixedEffect[];
  /** Levels of a fixed effect without any event, left out with their days (count-design.ts). */
  droppedLevels: DroppedLevel[];
  /** Events of y with only a month or year: no day can hold them. */
  ySkipped: Series["skipped"];
  /** The fit, without the fitted value of each day. */
  model: Omit<CountRegression, "fitted">;
}

export function runRegress(ledger: Ledger, p: RegressParams, name: ParamName): RegressReport {
  const given = {
    ...(p.from !== undefined ? { from: p.from } : {}),
    ...(p.to !== undefined ? { to: p.to } : {}),
    ...(p.maxDays !== undefined ? { maxDays: p.maxDays } : {}),
  };
  const series = [{ key: "y", matcher: p.yMatcher }, ...p.x.map((x) => ({ key: "x", matcher: x.matcher }))];
  checkSeriesActors(ledger, name, series);
  const yEvents = loadEvents(ledger, p.yMatcher, given);
  const xEvents = p.x.map((x) => loadEvents(ledger, x.matcher, given));
  const range = coveredRange(ledger, name, rangeOf(name, given, yEvents, ...xEvents), series);
  const y = buildSeries(yEvents, p.yMatcher, {
    freq: "day",
    from: range.from,
    to: range.to,
    measure: "count",
    unit: p.unit,
  });
  const columns = p.x.map((x, i) => ({
    name: `${x.terms} [${p.windowText}]`,
    causes: causesOf(xEvents[i]!, x.matcher).causes,
    window: p.window,
  }));
  const design = countDesign({
    from: range.from,
    to: range.to,
    values: y.values,
    causes: columns,
    fixedEffects: p.fixedEffects,
  });
  const options = { names: design.names, covariance: p.covariance };
  const { fitted: _fitted, ...model } =
    p.family === "poisson"
      ? fitGlm(design.y, design.X, { ...options, family: { kind: "poisson" } })
      : fitNegativeBinomial(design.y, design.X, options);
  const causeP = columns.map((c) => model.terms.find((t) => t.name === c.name)!.p);
  const adjusted = holm(causeP);
  return {
    method:
      p.family === "poisson"
        ? "Poisson GLM (log link, IRLS) of the daily count on window indicators and fixed effects, as statsmodels' GLM"
        : "negative binomial NB2 (α by maximum likelihood) of the daily count on window indicators and fixed effects, as statsmodels' discrete NegativeBinomial",
    y: p.y,
    x: p.x.map((x, i) => ({ terms: x.terms, column: columns[i]!.name, p: causeP[i]!, pHolm: adjusted[i]! })),
    window: p.windowText,
    unit: p.unit,
    fixedEffects: p.fixedEffects,
    ...range,
    droppedLevels: design.dropped,
    ySkipped: y.skipped,
    model,
  };
}
