/**
 * What the analysis routes answer: the JSON of `lockstep react|granger|xcorr|reciprocity --json`
 * (src/analysis/run.ts). Computed statistics are null where they are not finite (JSON has no NaN or Infinity).
 */
import { COUNTING_UNITS } from "../../model/index.js";
import { COUNT_FREQUENCIES } from "../../analysis/count-design.js";
import { NULL_KINDS } from "../../analysis/shift-null.js";
import {
  answer,
  arrayOf,
  boolean,
  nullable,
  number,
  oneOf,
  statistic,
  strictObject,
  text,
  wholeNumber,
} from "./json-schema.js";
import { ANALYSIS_UNAVAILABLE, CANNOT_ESTIMATE, requestErrors } from "./errors.js";

const numbers = (description?: string) => arrayOf(number(), description);
const statistics = (description?: string) => arrayOf(statistic(), description);
const equation = () => text("bToA or aToB");
const unit = oneOf(COUNTING_UNITS, "what a count counts: events, days with an event, or the events' counts");

/** The range analysed, clipped to the coverage of its series (CoveredRange). */
const coveredRange = {
  from: text("first day analysed"),
  to: text("last day analysed"),
  coverageWarnings: arrayOf(
    text(),
    "where the range was clipped to its series' coverage, or that is partial",
  ),
};

const skipped = strictObject({
  partialDate: wholeNumber("events dated only to a month or a year"),
  noWeight: wholeNumber("events with no Goldstein weight"),
});

const series = strictObject({
  freq: text("day, week or month"),
  from: text(),
  to: text(),
  measure: text("count or goldstein"),
  unit,
  span: text("start, or every-day"),
  bins: arrayOf(text(), "each bin's first day"),
  values: numbers(),
  binDays: arrayOf(wholeNumber(), "days in each bin"),
  placed: number("events placed in a bin"),
  outside: number("events outside the range"),
  skipped,
});

/** An ordinary least squares fit (src/analysis/ols.ts). */
const ols = strictObject({
  names: arrayOf(text(), "the regressors"),
  coefficients: statistics(),
  standardErrors: statistics(),
  tValues: statistics(),
  pValues: statistics(),
  covariance: arrayOf(statistics()),
  residuals: statistics(),
  fitted: statistics(),
  ssr: statistic(),
  rsquared: statistic(),
  hasConstant: boolean(),
  nobs: wholeNumber(),
  dfResid: wholeNumber(),
  llf: statistic("log-likelihood"),
  aic: statistic(),
  bic: statistic(),
});

const fTest = strictObject({
  statistic: statistic(),
  pValue: statistic(),
  dfNum: number(),
  dfDenom: number(),
});
const chi2Test = strictObject({ statistic: statistic(), pValue: statistic(), df: number() });

const grangerLag = strictObject({
  lag: wholeNumber(),
  nobs: wholeNumber(),
  ssrFTest: fTest,
  ssrChi2Test: chi2Test,
  lrTest: chi2Test,
  paramsFTest: fTest,
  restricted: ols,
  unrestricted: ols,
});

const granger = strictObject({
  cause: text(),
  effect: text(),
  maxlag: wholeNumber(),
  byLag: arrayOf(grangerLag),
  choice: strictObject({
    lag: wholeNumber(),
    by: text("aic, bic, or given"),
    candidates: arrayOf(strictObject({ lag: wholeNumber(), aic: statistic(), bic: statistic() })),
    nobs: wholeNumber(),
  }),
  chosen: grangerLag,
});

const perCause = strictObject({
  start: text(),
  end: text(),
  window: nullable({
    type: "array",
    items: text(),
    minItems: 2,
    maxItems: 2,
    description: "the window's first and last day; null when it falls outside the range",
  }),
  days: wholeNumber(),
  effect: number(),
});

const windowSummary = strictObject({
  days: wholeNumber(),
  share: statistic("of the days in the range"),
  observed: number(),
  effectShare: statistic(),
  expected: statistic(),
  nullInterval: statistics("the null distribution's 2.5% and 97.5%"),
  rateRatio: statistic("observed / expected"),
  rateRatioInterval: statistics(),
  pOneSided: statistic(),
  pTwoSided: statistic(),
  perCause: arrayOf(perCause),
});

/** Which rotations the null took (src/analysis/shift-null.ts, NullSummary). */
const shifts = {
  null: oneOf(
    NULL_KINDS,
    "every rotation once (exact), drawn (sampled), whole years, or whole years moved by ±jitter days",
  ),
  alignments: wholeNumber("rotations in the null"),
  permutations: wholeNumber("the same number as alignments"),
  seed: wholeNumber(),
  minShift: wholeNumber(),
  shiftStep: wholeNumber(),
  jitter: wholeNumber("days each whole-year shift is moved either way"),
};

/** The window test without one cause (src/analysis/leave-one-out.ts). */
const withoutCause = strictObject({
  start: text("the cause left out"),
  end: text(),
  observed: number(),
  expected: statistic(),
  rateRatio: statistic(),
  pOneSided: statistic(),
  pTwoSided: statistic(),
});

const reactAnswer = answer(
  "the window test and the event study",
  strictObject(
    {
      method: text(),
      cause: text(),
      effect: text(),
      unit,
      ...coveredRange,
      causesSkipped: wholeNumber("causes dated only to a month or a year"),
      effectSkipped: skipped,
      windowTest: strictObject({
        from: text(),
        to: text(),
        days: wholeNumber(),
        effectTotal: number(),
        causes: wholeNumber(),
        ...shifts,
        window: windowSummary,
        preWindow: windowSummary,
      }),
      eventStudy: strictObject({
        from: text(),
        to: text(),
        k: wholeNumber(),
        lags: arrayOf(wholeNumber(), "−k..k"),
        mean: statistics("mean effect per cause day at each lag"),
        lower: statistics(),
        upper: statistics(),
        dailyMean: statistic(),
        causeDays: wholeNumber(),
        excluded: wholeNumber(),
        ...shifts,
      }),
    },
    {
      knownAt: text("with knownAt: the day the analysis was limited to what was known"),
      leaveOneOut: strictObject(
        {
          withoutEach: arrayOf(withoutCause, "one per cause, in the causes' order"),
          mostInfluential: nullable({
            ...withoutCause,
            description: "the cause whose omission moves the rate ratio most; null with a single cause",
          }),
        },
        {},
        "with leaveOneOut: the window test without each cause in turn",
      ),
    },
  ),
);

const twoSeries = {
  method: text(),
  x: text(),
  y: text(),
  ...coveredRange,
  freq: text("day, week or month"),
  unit,
};

const grangerAnswer = answer(
  "Granger causality both ways",
  strictObject({
    ...twoSeries,
    series: strictObject({ x: series, y: series }),
    aCausesB: granger,
    bCausesA: granger,
    holm: strictObject(
      { aCausesB: statistic(), bCausesA: statistic() },
      {},
      "each direction's F-test p at its reported lag, adjusted by Holm over the two",
    ),
  }),
);

const xcorrAnswer = answer(
  "lagged cross-correlations with white-noise bands",
  strictObject({
    ...twoSeries,
    nobs: wholeNumber(),
    band: statistic("the white-noise band: ± this"),
    level: number(),
    lags: arrayOf(
      strictObject({
        lag: wholeNumber("positive: x leads y"),
        correlation: statistic(),
        outsideBand: boolean(),
      }),
    ),
  }),
);

const reciprocityAnswer = answer(
  "each direction's Goldstein-weighted sums regressed on the other's lags and its own",
  strictObject({
    method: text(),
    a: text(),
    b: text(),
    ...coveredRange,
    freq: text("day, week or month"),
    series: strictObject({ ab: series, ba: series }),
    lags: wholeNumber(),
    bToA: nullable({
      ...ols,
      description: "how b answers a; null when b → a is the same in every bin (see notEstimated)",
    }),
    aToB: nullable({ ...ols, description: "how a answers b; null as bToA" }),
    notEstimated: arrayOf(strictObject({ equation: equation(), reason: text() }), "why an equation is null"),
    dropped: arrayOf(
      strictObject({ equation: equation(), column: text() }),
      "lag columns left out of an equation: all zeros over the bins it uses",
    ),
  }),
);

const ratesAnswer = answer(
  "each named period's rate per year with an exact interval, and its ratio to the first period's with an exact test",
  strictObject({
    method: text(),
    events: text("the events counted"),
    unit,
    coverageWarnings: arrayOf(
      text(),
      "periods clipped to the coverage of the events counted, or coverage that is partial",
    ),
    skipped,
    periods: arrayOf(
      strictObject(
        {
          name: text(),
          from: text("first day counted (clipped to coverage)"),
          to: text("last day counted"),
          days: wholeNumber(),
          count: number("the events' total over the period, in the unit asked"),
          perYear: number(),
          perYearInterval: arrayOf(statistic(), "exact (Garwood) 95% interval of the rate per year"),
        },
        {
          comparedWithFirst: strictObject({
            rateRatio: statistic("this period's rate over the first's; null when not finite"),
            interval: arrayOf(statistic(), "exact conditional 95% interval (Clopper–Pearson, as odds)"),
            pValue: number("two-sided exact test of equal rates"),
            pHolm: number("pValue adjusted by Holm over the periods compared"),
          }),
        },
      ),
    ),
  }),
);

/** A Wald test of one estimate (src/analysis/count-inference.ts). */
const wald = {
  standardError: statistic(),
  z: statistic(),
  p: statistic("two-sided, from the standard normal"),
  interval: statistics("95%: estimate ± 1.96 standard errors"),
};

const regressAnswer = answer(
  "a Poisson or negative binomial regression of the daily or weekly count on the cause windows and fixed effects",
  strictObject({
    method: text(),
    y: text("the events counted"),
    x: arrayOf(
      strictObject({
        terms: text(),
        column: text("its column's name among the terms"),
        p: statistic("its coefficient's two-sided p"),
        pHolm: statistic("that p adjusted by Holm over the cause columns"),
      }),
    ),
    window: text(),
    unit,
    freq: oneOf(COUNT_FREQUENCIES, "the bins counted: days, or ISO weeks (Monday to Sunday)"),
    bins: wholeNumber("the bins the model was fitted on (its observations)"),
    partialWeeks: arrayOf(
      strictObject({ week: text("its Monday, YYYY-MM-DD"), days: wholeNumber("its days within the range") }),
      "weeks the range cuts, left out of a weekly model; none by day",
    ),
    fixedEffects: arrayOf(oneOf(["month", "year"])),
    ...coveredRange,
    droppedLevels: arrayOf(
      strictObject({ name: text(), effect: oneOf(["month", "year"]), level: number(), days: wholeNumber() }),
      "levels of a fixed effect without any event, left out with their days (7 a week)",
    ),
    ySkipped: skipped,
    model: strictObject({
      model: oneOf(["glm", "negative-binomial"]),
      family: oneOf(["poisson", "negative-binomial"]),
      dispersion: {
        anyOf: [
          { type: "null" },
          strictObject({ alpha: number(), estimated: { const: false } }),
          strictObject({ alpha: number(), estimated: { const: true }, ...wald }),
        ],
        description: "the NB2 alpha: given, or estimated with its Wald row; null for Poisson",
      },
      covarianceType: oneOf(["nonrobust", "HC0", "HC1"]),
      terms: arrayOf(
        strictObject({
          name: text(),
          estimate: statistic(),
          ...wald,
          rateRatio: statistic("exp(estimate)"),
          rateRatioInterval: statistics(),
        }),
      ),
      covariance: arrayOf(statistics()),
      nobs: wholeNumber(),
      dfModel: wholeNumber(),
      dfResid: wholeNumber(),
      llf: statistic("log-likelihood"),
      aic: statistic(),
      deviance: nullable(statistic("GLM only")),
      pearsonChi2: nullable(statistic("GLM only")),
      iterations: wholeNumber(),
      converged: { const: true },
    }),
  }),
);

const refused = requestErrors(
  "a parameter missing or refused: a matcher that does not parse or names an attribute or an actor no event has, a bound passed, a range outside the series' coverage, an answer that would be over 16 MB",
);

/** Each analysis route's answers: its result, and every error it can give. */
export const ANALYSIS_RESPONSES = {
  react: { 200: reactAnswer, ...refused, 503: ANALYSIS_UNAVAILABLE },
  granger: { 200: grangerAnswer, ...refused, 422: CANNOT_ESTIMATE, 503: ANALYSIS_UNAVAILABLE },
  xcorr: { 200: xcorrAnswer, ...refused, 422: CANNOT_ESTIMATE, 503: ANALYSIS_UNAVAILABLE },
  reciprocity: { 200: reciprocityAnswer, ...refused, 422: CANNOT_ESTIMATE, 503: ANALYSIS_UNAVAILABLE },
  rates: { 200: ratesAnswer, ...refused, 503: ANALYSIS_UNAVAILABLE },
  regress: { 200: regressAnswer, ...refused, 422: CANNOT_ESTIMATE, 503: ANALYSIS_UNAVAILABLE },
};
