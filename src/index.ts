/**
 * Lockstep as a library: the ledger, the importers, agreements, the compliance engine and the analyses, as the
 * command line and the server use them. `import { openLedger, importFile, findAgreement, evaluate } from "lockstep"`.
 */
export {
  openLedger,
  queryEvents,
  queryEventPage,
  eventFacets,
  appendEvents,
  verifyLedger,
  verifySinceLastCheck,
  type Ledger,
  type StoredEvent,
  type QueryOptions,
  type VerifyReport,
  type AppendReport,
} from "./ledger/index.js";
export {
  importFile,
  detectImporter,
  toEventJson,
  toJsonLines,
  toCsv,
  type ImportFileOptions,
} from "./importers/index.js";
export {
  loadAgreement,
  parseAgreement,
  findAgreement,
  loadCatalog,
  type Agreement,
  type AgreementIssue,
} from "./agreement/index.js";
export { evaluate, type Evaluation } from "./engine/index.js";
export {
  windowTest,
  eventStudy,
  grangerBothWays,
  crossCorrelation,
  dyadicReciprocity,
  buildSeries,
  causesOf,
} from "./analysis/index.js";
export {
  parseEvent,
  parseMatcher,
  matches,
  type LedgerEvent,
  type EventMatcher,
  type Issue,
  InputError,
} from "./model/index.js";
export { importKoreaScenario } from "./scenario/build.js";
