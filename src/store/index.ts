export type { Engine, LedgerDump, LedgerStore, CoverageRow } from "./store.js";
export { engineInfo } from "./store.js";
export { openStore, isPostgresUrl, redactUrl } from "./open.js";
export { SqliteStore } from "./sqlite/store.js";
export { copyLedger, type CopyReport } from "./copy.js";
export { actorsToCheck } from "./actors.js";
