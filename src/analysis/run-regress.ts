/**
 * `lockstep regress` / `GET /api/analysis/regress`: a count model of a daily or weekly event series on the windows
 * after one or more cause series (Poisson, or negative binomial NB2 with its α estimated), with month-of-year and
 * year fixed effects as asked, as the command line and the server run it. How weeks are read (a cause's share of
 * the week's days, the Thursday's month and year, weeks the range cuts left out): count-design.ts.
 */
import type * as v from "valibot";
import { ParameterError, type CountingUnit, type EventMatcher } from "../model/index.js";
import { causesOf, type CauseWindow } from "./causes.js";
import {
  COUNT_FREQUENCIES,
  countDesign,
  FIXED_EFFECTS,
  type CountDesign,
  type CountDesignInput,
  type CountFrequency,
  type DroppedLevel,
  type FixedEffect,
  type PartialWeek,
} from "./count-design.js";
import { COVARIANCE_TYPES, type CountRegression, type CovarianceType } from "./count-inference.js";
import { fitGlm } from "./glm.js";
import { holm } from "./holm.js";
import { fitNegativeBinomial } from "./negative-binomial.js";
import { RegressionError } from "./ols.js";
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
import type { AnalysisSource } from "./source.js";

const FAMILIES = ["poisson", "nb"] as const;

/** The parameters of `lockstep regress` and `GET /api/analysis/regress`. */
export const regressParameters = () =>
  parameters({
    y: requiredText('the events counted each day or week, e.g. "actor=PRK type=missile_launch"', "terms"),
    x: textList(
      'a cause series, e.g. "actor=USA type=military_exercise scale=large status=held": a column that is 1 on the days within the window after any of its events (by week: the share of the week\'s days within a window)',
      "terms",
    ),
    window: text("FIRST..LAST days after each cause starts, or during / during+N", "window", "0..14"),
    freq: choice(
      COUNT_FREQUENCIES,
      "the bins counted: day, or week (ISO, Monday to Sunday; month and year effects by its Thursday; weeks the range cuts left out)",
      "day",
    ),
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
  freq: CountFrequency;
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
    freq: p.freq,
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
  /** The bins counted: days, or ISO weeks (count-design.ts). */
  freq: CountFrequency;
  /** How many bins the model was fitted on (its observations). */
  bins: number;
  /** Weeks the range cuts, left out of a weekly model; none by day. */
  partialWeeks: PartialWeek[];
  fixedEffects: FixedEffect[];
  /** Levels of a fixed effect without any event, left out with their days (count-design.ts). */
  droppedLevels: DroppedLevel[];
  /** Events of y with only a month or year: no day can hold them. */
  ySkipped: Series["skipped"];
  /** The fit, without the fitted value of each day. */
  model: Omit<CountRegression, "fitted">;
}

const FAMILY_METHOD = {
  poisson: "Poisson GLM (log link, IRLS)",
  nb: "negative binomial NB2 (α by maximum likelihood)",
} as const;
const FREQ_METHOD: Record<CountFrequency, string> = {
  day: "daily count on window indicators and fixed effects",
  week:
    "weekly count (ISO weeks, Monday to Sunday; weeks the range cuts left out) on the share of each week's days " +
    "within the windows (days/7) and fixed effects (a week's month and year are its Thursday's)",
};

/** The design; a range without a whole week is refused saying which parameters would do. */
function designOrWhatWouldDo(input: CountDesignInput, name: ParamName): CountDesign {
  try {
    return countDesign(input);
  } catch (e) {
    if (!(e instanceof RegressionError && e.problem === "too-short")) throw e;
    throw new RegressionError(
      `${e.message}: give a range holding one (${name("from")}/${name("to")}), or ${name("freq")} day`,
      "too-short",
    );
  }
}

export async function runRegress(
  source: AnalysisSource,
  p: RegressParams,
  name: ParamName,
): Promise<RegressReport> {
  const given = {
    ...(p.from !== undefined ? { from: p.from } : {}),
    ...(p.to !== undefined ? { to: p.to } : {}),
    ...(p.maxDays !== undefined ? { maxDays: p.maxDays } : {}),
  };
  const series = [{ key: "y", matcher: p.yMatcher }, ...p.x.map((x) => ({ key: "x", matcher: x.matcher }))];
  await checkSeriesActors(source, name, series);
  const yEvents = await loadEvents(source, p.yMatcher, given);
  const xEvents = await Promise.all(p.x.map((x) => loadEvents(source, x.matcher, given)));
  const range = await coveredRange(source, name, rangeOf(name, given, yEvents, ...xEvents), series);
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
  const design = designOrWhatWouldDo(
    {
      from: range.from,
      to: range.to,
      values: y.values,
      causes: columns,
      fixedEffects: p.fixedEffects,
      freq: p.freq,
    },
    name,
  );
  const options = { names: design.names, covariance: p.covariance };
  const { fitted: _fitted, ...model } =
    p.family === "poisson"
      ? fitGlm(design.y, design.X, { ...options, family: { kind: "poisson" } })
      : fitNegativeBinomial(design.y, design.X, options);
  const causeP = columns.map((c) => model.terms.find((t) => t.name === c.name)!.p);
  const adjusted = holm(causeP);
  return {
    method: `${FAMILY_METHOD[p.family]} of the ${FREQ_METHOD[p.freq]}, as statsmodels' ${p.family === "poisson" ? "GLM" : "discrete NegativeBinomial"}`,
    y: p.y,
    x: p.x.map((x, i) => ({ terms: x.terms, column: columns[i]!.name, p: causeP[i]!, pHolm: adjusted[i]! })),
    window: p.windowText,
    unit: p.unit,
    freq: p.freq,
    bins: design.y.length,
    partialWeeks: design.partialWeeks,
    fixedEffects: p.fixedEffects,
    ...range,
    droppedLevels: design.dropped,
    ySkipped: y.skipped,
    model,
  };
}
