import type {
  ActorCount,
  AppendOptions,
  AppendReport,
  EventFacets,
  EventPage,
  ImportItem,
  PageOptions,
  PreparedRecord,
  QueryOptions,
  StoredEvent,
  TokenInfo,
  TokenRole,
  VerifyOptions,
  VerifyReport,
} from "../ledger/index.js";
import type { Checkpoint, ExtensionReport } from "../ledger/checkpoint.js";
import type { ImportRow } from "../ledger/import-log.js";
import type { LinkedRow } from "../ledger/log-chain.js";
import type { TokenRow } from "../ledger/token-log.js";
import type { ChainRow } from "../ledger/verify.js";
import type { CoverageEntry, EventMatcher } from "../model/index.js";

/** Which database holds a ledger: a SQLite file (the default, for one analyst) or a PostgreSQL server (a team). */
export type Engine = "sqlite" | "postgres";

/**
 * A ledger's operations, the same on both engines: the same entries, hash chain, filters and reports. Async, since
 * a server answers over the network; the SQLite store wraps the ledger's synchronous functions (src/ledger), which
 * its callers still use directly until they move to this interface.
 */
export interface LedgerStore {
  readonly engine: Engine;
  /** The file, or the server's URL without its password: safe to print. */
  readonly location: string;

  /** Appends records all-or-nothing, as appendEvents does (src/ledger/append.ts). */
  appendEvents(
    items: Iterable<ImportItem> | AsyncIterable<ImportItem>,
    options: AppendOptions,
  ): Promise<AppendReport>;
  appendPrepared(
    records: Iterable<PreparedRecord> | AsyncIterable<PreparedRecord>,
    options: AppendOptions,
  ): Promise<AppendReport>;

  queryEvents(matcher?: EventMatcher, options?: QueryOptions): Promise<StoredEvent[]>;
  queryEventPage(matcher: EventMatcher, options: PageOptions): Promise<EventPage>;
  countEvents(matcher: EventMatcher, options?: QueryOptions): Promise<number>;
  countEntries(): Promise<number>;
  countCurrentEvents(): Promise<number>;
  /** The last entry's number (0 when empty): it changes with every write. */
  lastSeq(): Promise<number>;
  eventFacets(options?: QueryOptions): Promise<EventFacets>;
  ledgerActors(options?: QueryOptions): Promise<ActorCount[]>;
  /**
   * Which of these codes some entry has as an actor or a target, superseded entries included: a filter's codes
   * checked without reading every entry's actors (ledgerActors), which takes seconds on millions of entries.
   */
  actorsPresent(codes: readonly string[]): Promise<string[]>;

  /** The chain, then (unless quick) the database under it and the token and import logs, as verifyLedger. */
  verify(options?: VerifyOptions): Promise<VerifyReport>;
  /** The chain from the last point a reading command verified (verifySinceLastCheck). */
  verifySinceLastCheck(): Promise<VerifyReport>;
  /**
   * The ledger's checkpoint now (src/ledger/checkpoint.ts), its counts and heads read in one snapshot; refused
   * (CheckpointError) when the ledger does not verify.
   */
  checkpoint(origin: string, now?: Date): Promise<Checkpoint>;
  /** The verify report (the logs included even when quick) and whether the ledger extends cp, in one snapshot. */
  verifyAgainst(
    cp: Checkpoint,
    options?: VerifyOptions,
  ): Promise<{ report: VerifyReport; extension: ExtensionReport }>;

  createToken(role: TokenRole, now?: Date, expiresAt?: string): Promise<TokenInfo & { token: string }>;
  listTokens(): Promise<TokenInfo[]>;
  revokeToken(id: string, now?: Date): Promise<boolean>;
  lookupToken(token: string, now?: Date): Promise<{ token: TokenInfo } | { refused: string }>;

  readCoverage(): Promise<CoverageEntry[]>;
  writeCoverage(entries: readonly CoverageEntry[], now?: Date): Promise<void>;

  /** The database's own version: SQLite's library (sqlite_version()) or the server's (server_version). */
  engineVersion(): Promise<string>;
  /** The schema version the ledger is at (one number names one schema on both engines). */
  schemaVersion(): Promise<number>;
  /** Everything `lockstep copy` carries, read from one snapshot of the ledger; close it when done. */
  dump(): Promise<LedgerDump>;
  /** Writes a dump into this ledger, which must be empty, in one transaction; rows as they are, links and all. */
  load(dump: LedgerDump): Promise<void>;
  /** Whether the ledger holds nothing: no entries, tokens, imports or coverage. */
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}

/** The engine and its version, as /api/health names them ("postgresql", as the server calls itself). */
export async function engineInfo(
  store: LedgerStore,
): Promise<{ name: "sqlite" | "postgresql"; version: string }> {
  return {
    name: store.engine === "postgres" ? "postgresql" : "sqlite",
    version: await store.engineVersion(),
  };
}

/** A coverage row as stored. */
export interface CoverageRow {
  position: number;
  id: string;
  body: string;
  recorded_at: string;
}

/**
 * A ledger's rows as stored, to be written elsewhere unchanged: the entries (in batches, in chain order), the
 * supersessions, the import log, the tokens and their log, and the coverage. The `verified` mark is not carried: the
 * copy's first reader verifies it afresh.
 */
export interface LedgerDump {
  entries(): AsyncIterable<ChainRow[]>;
  supersessions(): Promise<{ old_id: string; new_seq: number }[]>;
  imports(): Promise<ImportRow[]>;
  tokens(): Promise<TokenRow[]>;
  tokenLog(): Promise<LinkedRow[]>;
  coverage(): Promise<CoverageRow[]>;
  close(): Promise<void>;
}

/** How many entries a dump reads at a time. */
export const DUMP_BATCH = 5000;
