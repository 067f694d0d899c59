import type { LedgerStore } from "../store/index.js";

/**
 * What the analyses read of a ledger: its events, its actors and its coverage. A store on either engine gives them,
 * so the command line, the server and its worker threads run one code path on SQLite and PostgreSQL.
 */
export type AnalysisSource = Pick<
  LedgerStore,
  "queryEvents" | "ledgerActors" | "actorsPresent" | "readCoverage"
>;
