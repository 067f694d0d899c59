export {
  openLedger,
  resolveLedgerPath,
  DEFAULT_LEDGER_FILE,
  LedgerBusyError,
  type Ledger,
  type OpenOptions,
} from "./ledger.js";
export {
  appendEvents,
  appendPrepared,
  prepareRecord,
  type PreparedRecord,
  type PreparedEntry,
  type ImportItem,
  type AppendReport,
  type AppendOptions,
  type Rejection,
} from "./append.js";
export {
  queryEvents,
  queryEventPage,
  countEvents,
  eventFacets,
  actorsPresent,
  ledgerActors,
  EVENT_ORDERS,
  countEntries,
  countCurrentEvents,
  lastSeq,
  type StoredEvent,
  type QueryOptions,
  type PageOptions,
  type EventPage,
  type EventFacets,
  type PageCursor,
  type ActorCount,
  type EventOrder,
} from "./query.js";
export { verifyLedger, type VerifyReport, type VerifyOptions, type BrokenEntry } from "./verify.js";
export type { DatabaseReport } from "./database-check.js";
export { SCHEMA_VERSION } from "./migrations.js";
export {
  createToken,
  listTokens,
  revokeToken,
  findToken,
  hashToken,
  isTokenRole,
  TOKEN_ROLES,
  type TokenInfo,
  type TokenRole,
} from "./tokens.js";
export { writeCoverage, readCoverage } from "./coverage.js";
export { verifySinceLastCheck, readVerifiedPoint } from "./since-verified.js";
