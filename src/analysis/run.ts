/**
 * The analyses as the command line and the server run them: parameters as text (options, query parameters),
 * validated the same way and read from the ledger the same way, giving the same JSON.
 */
import type * as v from "valibot";
import {
  checkMatcherActors,
  checkMatcherAttributes,
  clipToCoverage,
  coverageOf,
  COUNTING_UNITS,
  type CountingUnit,
  InputError,
  isDayDate,
  ParameterError,
  parseMatcher,
  resolveActorCode,
  type EventMatcher,
  type LedgerEvent,
} from "../model/index.js";
import { causesOf, type CauseWindow } from "./causes.js";
import { dayNumber } from "./days.js";
import { dyadicReciprocity, type DyadicReciprocity } from "./dyadic.js";
import { holm } from "./holm.js";
import { RegressionError } from "./ols.js";
import { eventStudy, type EventStudyResult } from "./event-study.js";
import { poissonInterval, rateRatio, type RateRatio } from "./exact-poisson.js";
import { maxJitter } from "./shift-null.js";
import { leaveOneOut, type LeaveOneOut } from "./leave-one-out.js";
import { grangerBothWays, type GrangerResult } from "./granger.js";
import { buildSeries, type Frequency, type Measure, type Series } from "./series.js";
import { windowTest, type WindowTestResult } from "./window-test.js";
import { crossCorrelation, type CrossCorrelation } from "./xcorr.js";
import type { AnalysisSource } from "./source.js";

import {
  choice,
  count,
  day,
  flag,
  optionalCount,
  parameters,
  readParameters,
  requiredText,
  text,
  textList,
  wholeNumber,
  type ParamName,
} from "./parameters.js";
import { actorsToCheck } from "../store/actors.js";

export { optionName, queryName, type ParamName } from "./parameters.js";

export interface Range {
  from: string;
  to: string;
}

/**
 * Bounds a caller may set on the work one analysis does (the server sets them for every request; the command line,
 * on one's own machine, sets none). Beyond them a parameter is refused, saying the limit.
 */
export interface AnalysisLimits {
  maxPermutations?: number;
  /** The largest lag (granger, xcorr maxlag; reciprocity lags; the event study's k). */
  maxLag?: number;
  /** The longest analysis range, in days. */
  maxDays?: number;
  /**
   * Granger: the most bins × maxlag. Its work and its answer (each regression's residuals, for every lag) grow with
   * the product: a century of days at 50 lags is 40 s of work and a 260 MB answer.
   */
  maxBinLags?: number;
}

/** An event matcher given as terms; its attributes must exist and their values be possible. */
export function matcherParam(name: ParamName, key: string, text: string | undefined): EventMatcher {
  const flag = name(key);
  if (!text)
    throw new ParameterError(
      flag,
      `${flag} is required: event filter terms such as "actor=PRK type=missile_launch"`,
    );
  const parsed = parseMatcher(text);
  const issues = parsed.ok ? checkMatcherAttributes(parsed.matcher) : parsed.issues;
  if (!parsed.ok || issues.length)
    throw new InputError(
      `${flag}: invalid filter "${text}"`,
      issues.map((issue) => ({
        issue: name.prefixIssuePaths
          ? { ...issue, path: [key, issue.path].filter(Boolean).join(".") }
          : issue,
      })),
    );
  return parsed.matcher;
}

export function windowParam(name: ParamName, text: string): CauseWindow {
  const flag = name("window");
  const lag = /^(-?\d+)\.\.(-?\d+)$/.exec(text);
  if (lag) {
    const [first, last] = [Number(lag[1]), Number(lag[2])];
    if (last < first) throw new ParameterError(flag, `${flag} ${text}: the last day comes before the first`);
    return { kind: "lag", first, last };
  }
  const during = /^during(?:\+(\d+))?$/.exec(text);
  if (during) return { kind: "during", after: Number(during[1] ?? 0) };
  throw new ParameterError(
    flag,
    `${flag} must be FIRST..LAST days after the cause (0..14), "during" or "during+N", not "${text}"`,
  );
}

/** Events matching a matcher, narrowed to an explicit range where one is given. */
export function loadEvents(
  source: AnalysisSource,
  m: EventMatcher,
  range: Partial<Range>,
): Promise<LedgerEvent[]> {
  return source.queryEvents({
    ...m,
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  });
}

/** The analysis range: as given, or from the first to the last day-dated event of the sets analysed. */
export function rangeOf(
  name: ParamName,
  given: Partial<Range> & { maxDays?: number },
  ...sets: LedgerEvent[][]
): Range {
  for (const key of ["from", "to"] as const) {
    const d = given[key];
    if (d !== undefined && !isDayDate(d))
      throw new ParameterError(name(key), `${name(key)} must be a date YYYY-MM-DD, not "${d}"`);
  }
  const days = sets
    .flat()
    .map((e) => e.date)
    .filter(isDayDate)
    .sort();
  const from = given.from ?? days[0];
  const to = given.to ?? days[days.length - 1];
  if (!from || !to)
    throw new ParameterError(name("from"), `no dated events match; give ${name("from")} and ${name("to")}`);
  if (to < from)
    throw new ParameterError(name("to"), `${name("to")} (${to}) is before ${name("from")} (${from})`);
  const span = dayNumber(to) - dayNumber(from) + 1;
  if (given.maxDays !== undefined && span > given.maxDays)
    throw new ParameterError(
      name(given.from !== undefined ? "from" : "to"),
      `${from} to ${to} is ${span} days; an analysis here covers at most ${given.maxDays} days (${Math.floor(given.maxDays / 365.25)} years): give a narrower ${name("from")}/${name("to")}`,
    );
  return { from, to };
}

/**
 * Refuses series whose actors no event in the ledger has (`actor=NKR`, a code of another dataset): an empty series
 * would be analysed as a quiet one.
 */
export async function checkSeriesActors(
  source: AnalysisSource,
  name: ParamName,
  series: { key: string; matcher: EventMatcher }[],
): Promise<void> {
  const known = await actorsToCheck(
    source,
    series.map((s) => s.matcher),
  );
  for (const s of series) {
    const issues = checkMatcherActors(s.matcher, known);
    if (issues.length)
      throw new InputError(
        `${name(s.key)}: ${issues[0]!.message}`,
        issues.map((issue) => ({
          issue: name.prefixIssuePaths ? { ...issue, path: [s.key, issue.path].join(".") } : issue,
        })),
      );
  }
}

/** A range clipped to what the record covers, with what was clipped said in words. */
export interface CoveredRange extends Range {
  /** Where the range was clipped to the coverage of a series, or a series' coverage is partial or unknown. */
  coverageWarnings: string[];
}

/**
 * Clips a range to the common coverage of the series analysed (each by its parameter's key): outside it a
 * zero would be missing data read as an observation. A range wholly outside is refused.
 */
export async function coveredRange(
  source: AnalysisSource,
  name: ParamName,
  range: Range,
  series: { key: string; matcher: EventMatcher }[],
): Promise<CoveredRange> {
  const entries = await source.readCoverage();
  if (!entries.length) return { ...range, coverageWarnings: [] };
  const clipped = clipToCoverage(
    range,
    // Named by the key, not the flag: the command line and the API give the same JSON.
    series.map((s) => ({ name: s.key, coverage: coverageOf(s.matcher, entries) })),
  );
  if (clipped.empty)
    throw new ParameterError(
      name("from"),
      `${range.from} to ${range.to} lies outside the common coverage of the series: ${clipped.warnings.join("; ")}`,
    );
  return { from: clipped.from, to: clipped.to, coverageWarnings: clipped.warnings };
}

/** Parameters as a caller gives them (a command line's options, a query string), read by the analysis's list. */
export type GivenParameters = Readonly<Record<string, unknown>>;

/** The range every analysis takes; either end left out is taken from the data. */
export const RANGE = {
  from: day("first day of the analysis, YYYY-MM-DD (default: the first matching event)"),
  to: day("last day of the analysis, YYYY-MM-DD (default: the last matching event)"),
};

export const unitOf = (what: string) =>
  choice(COUNTING_UNITS, `what ${what} counts: events, days (with an event) or count (missiles)`, "count");

const FREQUENCIES = ["day", "week", "month"] as const satisfies readonly Frequency[];
const frequency = (fallback: Frequency) => choice(FREQUENCIES, "the bins of the series", fallback);

/** A seasonal null shifts by whole 52-week years: each day keeps its season and its weekday. */
const SEASONAL_STEP = 364;

/** The parameters of `lockstep react` and `GET /api/analysis/react`. */
export const reactParameters = (limits: AnalysisLimits = {}) =>
  parameters({
    cause: requiredText(
      'cause events, e.g. "actor=USA type=military_exercise scale=large status=held"',
      "terms",
    ),
    effect: requiredText('effect events, e.g. "actor=PRK type=missile_launch"', "terms"),
    window: text("FIRST..LAST days after each cause starts, or during / during+N", "window", "0..14"),
    ...RANGE,
    permutations: count("circular shifts in the null distribution", 10_000, {
      max: limits.maxPermutations,
    }),
    seed: wholeNumber("seed of the shifts", 1),
    minShift: count("smallest shift, in days (use at least the window's width for more power)", 1, {
      placeholder: "days",
    }),
    exact: flag("every rotation once: the exact p-value, instead of --permutations drawn"),
    seasonal: flag("shift only by whole 52-week years, so that the null keeps each day's season"),
    jitter: count("with --seasonal: each whole-year shift also moved by up to N days either way", 0, {
      min: 0,
      max: Math.min(maxJitter(SEASONAL_STEP), limits.maxLag ?? Infinity),
      placeholder: "days",
    }),
    k: count("event-study lags −k..+k", 30, { max: limits.maxLag, placeholder: "days" }),
    unit: unitOf("the effect series"),
    knownAt: day(
      "only what was known on this day: events dated after it are left out, and the analysis ends there",
    ),
    leaveOneOut: flag("also the window test without each cause in turn, naming the most influential"),
  });

/** `lockstep react` / `GET /api/analysis/react`, as given. */
export type ReactInput = v.InferInput<ReturnType<typeof reactParameters>>;

export interface ReactParams {
  cause: string;
  effect: string;
  causeMatcher: EventMatcher;
  effectMatcher: EventMatcher;
  window: CauseWindow;
  from?: string;
  to?: string;
  permutations: number;
  seed: number;
  minShift: number;
  seasonal: boolean;
  /** Every rotation once (the exact null). */
  exact: boolean;
  /** With seasonal: whole-year shifts moved by up to this many days. */
  jitter: number;
  k: number;
  /** What the effect series counts. */
  unit: CountingUnit;
  /** Only events dated on or before this day, and the analysis ends on it. */
  knownAt?: string;
  leaveOneOut: boolean;
  /** The longest range allowed (AnalysisLimits). */
  maxDays?: number;
}

export function reactParams(
  input: GivenParameters,
  name: ParamName,
  limits: AnalysisLimits = {},
): ReactParams {
  const p = readParameters(reactParameters(limits), input, name);
  if (p.jitter > 0 && !p.seasonal)
    throw new ParameterError(
      name("jitter"),
      `${name("jitter")} moves whole-year shifts: it goes with ${name("seasonal")}`,
    );
  if (p.knownAt !== undefined && p.to !== undefined && p.to > p.knownAt)
    throw new ParameterError(
      name("to"),
      `${name("to")} ${p.to} is after ${name("knownAt")} ${p.knownAt}: nothing after that day was known`,
    );
  return {
    cause: p.cause,
    effect: p.effect,
    causeMatcher: matcherParam(name, "cause", p.cause),
    effectMatcher: matcherParam(name, "effect", p.effect),
    window: windowParam(name, p.window),
    ...(p.from !== undefined ? { from: p.from } : {}),
    ...(p.to !== undefined ? { to: p.to } : {}),
    permutations: p.permutations,
    seed: p.seed,
    minShift: p.minShift,
    seasonal: p.seasonal,
    exact: p.exact,
    jitter: p.jitter,
    k: p.k,
    unit: p.unit,
    ...(p.knownAt !== undefined ? { knownAt: p.knownAt } : {}),
    leaveOneOut: p.leaveOneOut,
    ...(limits.maxDays !== undefined ? { maxDays: limits.maxDays } : {}),
  };
}

/** What `lockstep react --json` prints. */
export interface ReactResult extends CoveredRange {
  method: string;
  cause: string;
  effect: string;
  /** What the effect series counts: events, days with an event, or counts (missiles). */
  unit: CountingUnit;
  causesSkipped: number;
  effectSkipped: Series["skipped"];
  windowTest: WindowTestResult;
  eventStudy: EventStudyResult;
  /** The day the analysis was limited to what was known (knownAt), if it was. */
  knownAt?: string;
  /** With leaveOneOut: the window test without each cause in turn. */
  leaveOneOut?: LeaveOneOut;
}

/** The window test and the event study; also how many causes fell in the range, for the text report. */
export async function runReact(
  source: AnalysisSource,
  p: ReactParams,
  name: ParamName,
): Promise<{ result: ReactResult; causesInRange: number }> {
  // What was known on a day: nothing dated after it, and the range ends there (not at the last event then known).
  const given = givenRange(p.knownAt !== undefined ? { ...p, to: p.to ?? p.knownAt } : p);
  await checkSeriesActors(source, name, [
    { key: "cause", matcher: p.causeMatcher },
    { key: "effect", matcher: p.effectMatcher },
  ]);
  const causeEvents = await loadEvents(source, p.causeMatcher, given);
  const effectEvents = await loadEvents(source, p.effectMatcher, given);
  const range = await coveredRange(source, name, rangeOf(name, given, causeEvents, effectEvents), [
    { key: "cause", matcher: p.causeMatcher },
    { key: "effect", matcher: p.effectMatcher },
  ]);
  const { causes, skipped } = causesOf(causeEvents, p.causeMatcher);
  const inRange = causes.filter((c) => c.end >= range.from && c.start <= range.to);
  if (inRange.length === 0)
    throw new ParameterError(name("cause"), `no cause event between ${range.from} and ${range.to}`);
  const effect = buildSeries(effectEvents, p.effectMatcher, {
    freq: "day",
    from: range.from,
    to: range.to,
    measure: "count",
    unit: p.unit,
  });
  const shiftStep = p.seasonal ? SEASONAL_STEP : 1;
  const common = {
    permutations: p.permutations,
    seed: p.seed,
    minShift: p.minShift,
    shiftStep,
    exact: p.exact,
    jitter: p.jitter,
  };
  const test = windowTest(inRange, effect, { window: p.window, ...common });
  const study = eventStudy(inRange, effect, { k: p.k, ...common });
  return {
    result: {
      method: "window test with a circular-shift null; event study with permutation bands",
      cause: p.cause,
      effect: p.effect,
      unit: p.unit,
      ...range,
      ...(p.knownAt !== undefined
        ? {
            knownAt: p.knownAt,
            coverageWarnings: [
              ...range.coverageWarnings,
              `as known on ${p.knownAt}: events dated after it are left out and the analysis ends there`,
            ],
          }
        : {}),
      causesSkipped: skipped,
      effectSkipped: effect.skipped,
      windowTest: test,
      eventStudy: study,
      ...(p.leaveOneOut
        ? { leaveOneOut: leaveOneOut(inRange, effect, { window: p.window, ...common }, test.window) }
        : {}),
    },
    causesInRange: inRange.length,
  };
}

/** Two series (`--x`, `--y`) as `granger` and `xcorr` take them. */
const seriesEntries = {
  x: requiredText("first series' events", "terms"),
  y: requiredText("second series' events", "terms"),
  freq: frequency("week"),
  measure: choice(["count", "goldstein"], "count (see --unit) or Goldstein-weighted counts", "count"),
  unit: unitOf("measure count"),
  ...RANGE,
};

export interface SeriesParams {
  x: string;
  y: string;
  xMatcher: EventMatcher;
  yMatcher: EventMatcher;
  freq: Frequency;
  measure: Measure;
  unit: CountingUnit;
  from?: string;
  to?: string;
  /** The longest range allowed (AnalysisLimits). */
  maxDays?: number;
}

/** Two series' parameters as read, checked together. */
function seriesParams(
  p: v.InferOutput<v.ObjectSchema<typeof seriesEntries, undefined>>,
  name: ParamName,
  limits: AnalysisLimits,
): SeriesParams {
  if (p.measure === "goldstein" && p.unit !== "count")
    throw new ParameterError(
      name("unit"),
      `${name("unit")} ${p.unit} counts without weights; ${name("measure")} goldstein weighs each event's count`,
    );
  return {
    x: p.x,
    y: p.y,
    xMatcher: matcherParam(name, "x", p.x),
    yMatcher: matcherParam(name, "y", p.y),
    freq: p.freq,
    measure: p.measure,
    unit: p.unit,
    ...(p.from !== undefined ? { from: p.from } : {}),
    ...(p.to !== undefined ? { to: p.to } : {}),
    ...(limits.maxDays !== undefined ? { maxDays: limits.maxDays } : {}),
  };
}

/** The range as given (either end may be absent) and its limit, for rangeOf. */
function givenRange(p: { from?: string; to?: string; maxDays?: number }) {
  return {
    ...(p.from ? { from: p.from } : {}),
    ...(p.to ? { to: p.to } : {}),
    ...(p.maxDays !== undefined ? { maxDays: p.maxDays } : {}),
  };
}

export async function twoSeries(
  source: AnalysisSource,
  p: SeriesParams,
  name: ParamName,
): Promise<{ x: Series; y: Series; range: CoveredRange }> {
  const given = givenRange(p);
  await checkSeriesActors(source, name, [
    { key: "x", matcher: p.xMatcher },
    { key: "y", matcher: p.yMatcher },
  ]);
  const xe = await loadEvents(source, p.xMatcher, given);
  const ye = await loadEvents(source, p.yMatcher, given);
  const range = await coveredRange(source, name, rangeOf(name, given, xe, ye), [
    { key: "x", matcher: p.xMatcher },
    { key: "y", matcher: p.yMatcher },
  ]);
  const opts = { freq: p.freq, from: range.from, to: range.to, measure: p.measure, unit: p.unit };
  return { x: buildSeries(xe, p.xMatcher, opts), y: buildSeries(ye, p.yMatcher, opts), range };
}

/** The parameters of `lockstep granger` and `GET /api/analysis/granger`. */
export const grangerParameters = (limits: AnalysisLimits = {}) =>
  parameters({
    ...seriesEntries,
    maxlag: count("test lags 1..k", 4, { max: limits.maxLag, placeholder: "k" }),
    lag: optionalCount("report this lag instead of choosing one by the criterion", { placeholder: "p" }),
    criterion: choice(["aic", "bic"], "how the reported lag is chosen", "aic"),
  });

/** `lockstep granger` / `GET /api/analysis/granger`, as given. */
export type GrangerInput = v.InferInput<ReturnType<typeof grangerParameters>>;

export interface GrangerParams extends SeriesParams {
  maxlag: number;
  maxBinLags?: number;
  lag?: number;
  criterion: "aic" | "bic";
}

export function grangerParams(
  input: GivenParameters,
  name: ParamName,
  limits: AnalysisLimits = {},
): GrangerParams {
  const p = readParameters(grangerParameters(limits), input, name);
  if (p.lag !== undefined && p.lag > p.maxlag)
    throw new ParameterError(name("lag"), `${name("lag")} ${p.lag} is above ${name("maxlag")} ${p.maxlag}`);
  return {
    ...seriesParams(p, name, limits),
    maxlag: p.maxlag,
    criterion: p.criterion,
    ...(p.lag !== undefined ? { lag: p.lag } : {}),
    ...(limits.maxBinLags !== undefined ? { maxBinLags: limits.maxBinLags } : {}),
  };
}

/** What `lockstep granger --json` prints. */
export interface GrangerReport extends CoveredRange {
  method: string;
  x: string;
  y: string;
  freq: Frequency;
  /** What the two series count (with measure count). */
  unit: CountingUnit;
  series: { x: Series; y: Series };
  aCausesB: GrangerResult;
  bCausesA: GrangerResult;
  /** The two directions' F-test p at their reported lags, adjusted by Holm: two tests are shown together. */
  holm: { aCausesB: number; bCausesA: number };
}

export async function runGranger(
  source: AnalysisSource,
  p: GrangerParams,
  name: ParamName,
): Promise<GrangerReport> {
  const { x, y, range } = await twoSeries(source, p, name);
  const binLags = x.values.length * p.maxlag;
  if (p.maxBinLags !== undefined && binLags > p.maxBinLags)
    throw new ParameterError(
      name("maxlag"),
      `${x.values.length} ${p.freq} bins × ${name("maxlag")} ${p.maxlag} is ${binLags}; here at most ${p.maxBinLags}: give fewer lags, a coarser ${name("freq")} or a narrower range`,
    );
  const both = grangerBothWays(x.values, y.values, {
    maxlag: p.maxlag,
    criterion: p.criterion,
    ...(p.lag ? { lag: p.lag } : {}),
    names: { a: "x", b: "y" },
  });
  return {
    method: "Granger causality (statsmodels grangercausalitytests: ssr F and chi-square tests)",
    x: p.x,
    y: p.y,
    ...range,
    freq: x.freq,
    unit: x.unit,
    series: { x, y },
    ...both,
    holm: holmOfBoth(both.aCausesB, both.bCausesA),
  };
}

/** The parameters of `lockstep xcorr` and `GET /api/analysis/xcorr`. */
export const xcorrParameters = (limits: AnalysisLimits = {}) =>
  parameters({
    ...seriesEntries,
    maxlag: count("lags −k..k", 8, { max: limits.maxLag, placeholder: "k" }),
  });

function holmOfBoth(a: GrangerResult, b: GrangerResult): { aCausesB: number; bCausesA: number } {
  const [pa, pb] = holm([a.chosen.ssrFTest.pValue, b.chosen.ssrFTest.pValue]) as [number, number];
  return { aCausesB: pa, bCausesA: pb };
}

/** `lockstep xcorr` / `GET /api/analysis/xcorr`, as given. */
export type XcorrInput = v.InferInput<ReturnType<typeof xcorrParameters>>;

export interface XcorrParams extends SeriesParams {
  maxlag: number;
}

export function xcorrParams(
  input: GivenParameters,
  name: ParamName,
  limits: AnalysisLimits = {},
): XcorrParams {
  const p = readParameters(xcorrParameters(limits), input, name);
  return { ...seriesParams(p, name, limits), maxlag: p.maxlag };
}

/** What `lockstep xcorr --json` prints. */
export interface XcorrReport extends CoveredRange, CrossCorrelation {
  method: string;
  x: string;
  y: string;
  freq: Frequency;
  /** What the two series count (with measure count). */
  unit: CountingUnit;
}

/** The cross-correlations; also the two series, for the text report (the JSON leaves them out). */
export async function runXcorr(
  source: AnalysisSource,
  p: XcorrParams,
  name: ParamName,
): Promise<{ result: XcorrReport; series: { x: Series; y: Series } }> {
  const { x, y, range } = await twoSeries(source, p, name);
  const cc = crossCorrelation(x.values, y.values, p.maxlag);
  return {
    result: {
      method: "lagged cross-correlation (statsmodels ccf, adjusted=False); positive lag: x leads y",
      x: p.x,
      y: p.y,
      ...range,
      freq: x.freq,
      unit: x.unit,
      ...cc,
    },
    series: { x, y },
  };
}

/** The parameters of `lockstep reciprocity` and `GET /api/analysis/reciprocity`. */
export const reciprocityParameters = (limits: AnalysisLimits = {}) =>
  parameters({
    a: requiredText("first party's actor code, e.g. PRK", "code"),
    b: requiredText("second party's actor code, e.g. USA", "code"),
    freq: frequency("month"),
    lags: count("lags of each series in the regression", 1, { max: limits.maxLag }),
    ...RANGE,
  });

/** `lockstep reciprocity` / `GET /api/analysis/reciprocity`, as given. */
export type ReciprocityInput = v.InferInput<ReturnType<typeof reciprocityParameters>>;

export interface ReciprocityParams {
  /** Actor codes, upper-cased. */
  a: string;
  b: string;
  freq: Frequency;
  lags: number;
  from?: string;
  to?: string;
  /** The longest range allowed (AnalysisLimits). */
  maxDays?: number;
}

export function reciprocityParams(
  input: GivenParameters,
  name: ParamName,
  limits: AnalysisLimits = {},
): ReciprocityParams {
  const p = readParameters(reciprocityParameters(limits), input, name);
  return {
    a: resolveActorCode(p.a),
    b: resolveActorCode(p.b),
    freq: p.freq,
    lags: p.lags,
    ...(p.from !== undefined ? { from: p.from } : {}),
    ...(p.to !== undefined ? { to: p.to } : {}),
    ...(limits.maxDays !== undefined ? { maxDays: limits.maxDays } : {}),
  };
}

/** What `lockstep reciprocity --json` prints. */
export interface ReciprocityReport extends CoveredRange, DyadicReciprocity {
  method: string;
  a: string;
  b: string;
  freq: Frequency;
  series: { ab: Series; ba: Series };
}

/** The regressions; too few bins for the lags are refused saying which range or frequency would be enough. */
function reciprocityOrWhatWouldDo(
  ab: number[],
  ba: number[],
  p: ReciprocityParams,
  name: ParamName,
): DyadicReciprocity {
  const need = 3 * p.lags + 2;
  if (ab.length >= need) return dyadicReciprocity(ab, ba, { lags: p.lags, parties: [p.a, p.b] });
  const finer = FREQUENCIES[FREQUENCIES.indexOf(p.freq) - 1];
  throw new RegressionError(
    `${ab.length} ${p.freq} bin(s) are too few for ${p.lags} lag(s) of each series: the regressions need at least ${need}; ` +
      `give a range of ${need} ${p.freq}s or more (${name("from")}/${name("to")})` +
      (finer ? `, or finer bins (${name("freq")} ${finer})` : "") +
      (p.lags > 1 ? `, or fewer ${name("lags")}` : ""),
    "too-short",
  );
}

export async function runReciprocity(
  source: AnalysisSource,
  p: ReciprocityParams,
  name: ParamName,
): Promise<ReciprocityReport> {
  // From and to as given, even empty: an empty one is refused by rangeOf rather than read as absent.
  const given = {
    ...(p.from !== undefined ? { from: p.from } : {}),
    ...(p.to !== undefined ? { to: p.to } : {}),
    ...(p.maxDays !== undefined ? { maxDays: p.maxDays } : {}),
  };
  const abm: EventMatcher = { actors: [p.a], targets: [p.b] };
  const bam: EventMatcher = { actors: [p.b], targets: [p.a] };
  await checkSeriesActors(source, name, [
    { key: "a", matcher: { actors: [p.a] } },
    { key: "b", matcher: { actors: [p.b] } },
  ]);
  const abe = await loadEvents(source, abm, given);
  const bae = await loadEvents(source, bam, given);
  const range = await coveredRange(source, name, rangeOf(name, given, abe, bae), [
    { key: "a", matcher: abm },
    { key: "b", matcher: bam },
  ]);
  const opts = { freq: p.freq, from: range.from, to: range.to, measure: "goldstein" as const };
  const ab = buildSeries(abe, abm, opts);
  const ba = buildSeries(bae, bam, opts);
  const r = reciprocityOrWhatWouldDo(ab.values, ba.values, p, name);
  return {
    method:
      "OLS of each direction on a constant, the other direction's lags and its own lags (Goldstein-weighted sums)",
    a: p.a,
    b: p.b,
    ...range,
    freq: ab.freq,
    series: { ab, ba },
    ...r,
  };
}

/** The parameters of `lockstep rates` and `GET /api/analysis/rates`. */
export const ratesParameters = () =>
  parameters({
    events: requiredText('the events counted, e.g. "actor=PRK type=missile_launch"', "terms"),
    period: textList(
      "a named period NAME=FROM..TO (days, inclusive); the first is the one the others are compared with",
      "name=from..to",
    ),
    unit: unitOf("a period's count"),
  });

/** `lockstep rates` / `GET /api/analysis/rates`, as given. */
export type RatesInput = v.InferInput<ReturnType<typeof ratesParameters>>;

export interface RatesParams {
  events: string;
  matcher: EventMatcher;
  periods: { name: string; from: string; to: string }[];
  unit: CountingUnit;
  maxDays?: number;
}

const PERIOD = /^([^=]+)=(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

export function ratesParams(
  input: GivenParameters,
  name: ParamName,
  limits: AnalysisLimits = {},
): RatesParams {
  const p = readParameters(ratesParameters(), input, name);
  const flag = name("period");
  const periods = p.period.map((text) => {
    const m = PERIOD.exec(text.trim());
    if (!m || !isDayDate(m[2]!) || !isDayDate(m[3]!))
      throw new ParameterError(flag, `${flag} must be NAME=FROM..TO with dates YYYY-MM-DD, not "${text}"`);
    const [, label, from, to] = m as unknown as [string, string, string, string];
    if (to < from) throw new ParameterError(flag, `${flag} ${text}: the period ends before it starts`);
    if (limits.maxDays !== undefined && dayNumber(to) - dayNumber(from) + 1 > limits.maxDays)
      throw new ParameterError(flag, `${flag} ${text}: a period here covers at most ${limits.maxDays} days`);
    return { name: label.trim(), from, to };
  });
  const names = periods.map((x) => x.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new ParameterError(flag, `${flag}: the name "${twice}" is given twice`);
  return {
    events: p.events,
    matcher: matcherParam(name, "events", p.events),
    periods,
    unit: p.unit,
    ...(limits.maxDays !== undefined ? { maxDays: limits.maxDays } : {}),
  };
}

export interface PeriodRate {
  name: string;
  from: string;
  to: string;
  days: number;
  /** The events' total over the period, in the unit asked. */
  count: number;
  perYear: number;
  /** Exact (Garwood) 95% interval of the rate per year. */
  perYearInterval: [number, number];
  /**
   * Against the first period: rate ratio, exact conditional 95% interval, exact two-sided p, and that p adjusted by
   * Holm over the periods compared (the family shown together). Absent for the first.
   */
  comparedWithFirst?: RateRatio & { pHolm: number };
}

/** What `lockstep rates --json` prints. */
export interface RatesReport {
  method: string;
  events: string;
  unit: CountingUnit;
  periods: PeriodRate[];
  coverageWarnings: string[];
  /** Events with a partial date, which no period can hold. */
  skipped: Series["skipped"];
}

const DAYS_A_YEAR = 365.25;

/** The events with only a month or year over the periods' whole span: no period can count them. */
async function partialDatesAcross(
  source: AnalysisSource,
  matcher: EventMatcher,
  periods: readonly Range[],
): Promise<Series["skipped"]> {
  const from = periods.map((x) => x.from).sort()[0]!;
  const to = periods
    .map((x) => x.to)
    .sort()
    .at(-1)!;
  const events = await loadEvents(source, matcher, { from, to });
  return buildSeries(events, matcher, { from, to, freq: "day", measure: "count" }).skipped;
}

/** Each period's rate, compared with the first's; a period beyond the record's coverage is clipped to it, saying so. */
export async function runRates(
  source: AnalysisSource,
  p: RatesParams,
  name: ParamName,
): Promise<RatesReport> {
  await checkSeriesActors(source, name, [{ key: "events", matcher: p.matcher }]);
  const warnings: string[] = [];
  // One period after another: the first one outside the coverage is the one refused, as before.
  const covered: RatesParams["periods"] = [];
  for (const period of p.periods) {
    const c = await coveredRange(source, name, period, [{ key: "events", matcher: p.matcher }]);
    if (c.from !== period.from || c.to !== period.to)
      warnings.push(
        `period ${period.name} clipped to ${c.from}..${c.to}, the coverage of the events counted`,
      );
    for (const w of c.coverageWarnings) if (!warnings.includes(w)) warnings.push(w);
    covered.push({ ...period, from: c.from, to: c.to });
  }
  const counted = await Promise.all(
    covered.map(async (period) => {
      const events = await loadEvents(source, p.matcher, period);
      const series = buildSeries(events, p.matcher, {
        ...period,
        freq: "day",
        measure: "count",
        unit: p.unit,
      });
      const count = series.values.reduce((a, b) => a + b, 0);
      return { ...period, days: dayNumber(period.to) - dayNumber(period.from) + 1, count };
    }),
  );
  const first = counted[0]!;
  const compared = counted.slice(1).map((c) => rateRatio(c.count, c.days, first.count, first.days));
  const adjusted = holm(compared.map((c) => c.pValue));
  return {
    method:
      "rates per year with exact (Garwood) Poisson intervals; each period against the first by the exact conditional test (binomial given the two periods' total) with a Clopper–Pearson interval",
    events: p.events,
    unit: p.unit,
    periods: counted.map((c, i) => {
      const [lo, hi] = poissonInterval(c.count);
      return {
        ...c,
        perYear: (c.count / c.days) * DAYS_A_YEAR,
        perYearInterval: [(lo / c.days) * DAYS_A_YEAR, (hi / c.days) * DAYS_A_YEAR],
        ...(i > 0 ? { comparedWithFirst: { ...compared[i - 1]!, pHolm: adjusted[i - 1]! } } : {}),
      };
    }),
    coverageWarnings: warnings,
    skipped: await partialDatesAcross(source, p.matcher, covered),
  };
}
