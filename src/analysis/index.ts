export {
  buildSeries,
  type Series,
  type SeriesOptions,
  type Frequency,
  type Measure,
  type Span,
} from "./series.js";
export { causesOf, type CauseInput, type CauseWindow } from "./causes.js";
export {
  windowTest,
  type WindowTestResult,
  type WindowSummary,
  type WindowTestOptions,
} from "./window-test.js";
export { eventStudy, type EventStudyResult, type EventStudyOptions } from "./event-study.js";
export { nullShifts, type NullKind, type NullSummary, type ShiftNullOptions } from "./shift-null.js";
export { grangerCausality, grangerBothWays, type GrangerResult, type GrangerOptions } from "./granger.js";
export { crossCorrelation, type CrossCorrelation } from "./xcorr.js";
export { dyadicReciprocity, type DyadicReciprocity } from "./dyadic.js";
export { ols, coefficientsByName, RegressionError, type OlsResult } from "./ols.js";
export { fitGlm, type GlmOptions } from "./glm.js";
export { fitNegativeBinomial, type NegativeBinomialOptions } from "./negative-binomial.js";
export {
  countDesign,
  FIXED_EFFECTS,
  type CountDesign,
  type CountDesignInput,
  type FixedEffect,
} from "./count-design.js";
export {
  COVARIANCE_TYPES,
  type CountRegression,
  type CountTerm,
  type CovarianceType,
} from "./count-inference.js";
export type { CountFamilySpec } from "./count-family.js";
export type { AnalysisSource } from "./source.js";
