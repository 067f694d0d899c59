import type pg from "pg";
import { prepareAll } from "../../ledger/append.js";
import { busyError, LedgerBusyError } from "../../ledger/ledger.js";
import { POSTGRES, POSTGRES_UNPARTITIONED, type SqlDialect } from "../../ledger/query-sql.js";
import type { CoverageEntry } from "../../model/index.js";
import type { LedgerStore } from "../store.js";
import { appendPrepared } from "./append.js";
import { dumpPostgres, isEmptyPostgres, loadPostgres } from "./copy.js";
import { checkSchemaVersion, migrate, PG_SCHEMA_VERSION } from "./migrations.js";
import { connectionError, connectPool, inTransaction } from "./pool.js";
import * as query from "./query.js";
import * as tokens from "./tokens.js";
import { isStandby, replayState, walPosition } from "./replica.js";
import { redactUrl } from "./url.js";
import { checkpointPostgres, verifyAgainstPostgres, verifyPostgres } from "./verify.js";

export interface PostgresOpenOptions {
  /** The flag the URL came from, named in errors (--db, --to, --from). */
  flag?: string;
  /** Only read: do not create or migrate the schema, but refuse a database without one. */
  readonly?: boolean;
}

/**
 * A ledger in a PostgreSQL database: the team's engine. Many processes and servers may open it at once; every
 * append takes the chain's advisory lock first (append.ts).
 */
export class PostgresStore implements LedgerStore {
  readonly engine = "postgres";
  readonly location: string;

  private constructor(
    readonly pool: pg.Pool,
    url: string,
    /** The queries' SQL: a ledger of schema 7 or older, opened only to read, has no links (migrations.ts). */
    private readonly dialect: SqlDialect = POSTGRES,
  ) {
    this.location = redactUrl(url);
  }

  /** Connects, and creates or migrates the schema (unless read-only). */
  static async open(url: string, options: PostgresOpenOptions = {}): Promise<PostgresStore> {
    const pool = connectPool(url, options.flag);
    // Errors name where the URL came from (--db, LOCKSTEP_DB, --from, --to) as well as the URL.
    const named = options.flag ? `${options.flag} ${redactUrl(url)}` : redactUrl(url);
    let version = PG_SCHEMA_VERSION;
    try {
      if (options.readonly) {
        version = await checkSchemaVersion(pool);
        if (version === 0)
          throw new Error(`${named}: no ledger in this database (its schema was never created)`);
      } else await migrate(pool);
    } catch (err) {
      await pool.end();
      if ((err as Error).message?.startsWith(named)) throw err;
      throw connectionError(named, err);
    }
    return new PostgresStore(pool, url, version < 8 ? POSTGRES_UNPARTITIONED : POSTGRES);
  }

  appendPrepared: LedgerStore["appendPrepared"] = (records, options) =>
    this.named(appendPrepared(this.pool, records, options));
  appendEvents: LedgerStore["appendEvents"] = (items, options) =>
    this.appendPrepared(prepareAll(items, options.importer, options.keepEvents ?? false), options);

  queryEvents: LedgerStore["queryEvents"] = (matcher, options) =>
    query.queryEvents(this.pool, matcher, options, this.dialect);
  queryEventPage: LedgerStore["queryEventPage"] = (matcher, options) =>
    query.queryEventPage(this.pool, matcher, options, this.dialect);
  countEvents: LedgerStore["countEvents"] = (matcher, options) =>
    query.countEvents(this.pool, matcher, options, this.dialect);
  countEntries = () => query.countEntries(this.pool);
  countCurrentEvents = () => query.countCurrentEvents(this.pool);
  lastSeq = () => query.lastSeq(this.pool, this.dialect.yearPartitions ? "links" : "entries");
  eventFacets: LedgerStore["eventFacets"] = (options) => query.eventFacets(this.pool, options, this.dialect);
  ledgerActors: LedgerStore["ledgerActors"] = (options) =>
    query.ledgerActors(this.pool, options, this.dialect);
  actorsPresent: LedgerStore["actorsPresent"] = (codes) =>
    query.actorsPresent(this.pool, codes, this.dialect);

  verify: LedgerStore["verify"] = (options) => verifyPostgres(this.pool, options);
  checkpoint: LedgerStore["checkpoint"] = (origin, now) =>
    checkpointPostgres(this.pool, this.location, origin, now);
  verifyAgainst: LedgerStore["verifyAgainst"] = (cp, options) =>
    verifyAgainstPostgres(this.pool, cp, options);

  /** As verifySinceLastCheck (src/ledger/since-verified.ts), the point kept in the verified table. */
  verifySinceLastCheck: LedgerStore["verifySinceLastCheck"] = async () => {
    const found = await this.pool.query<{ entries: number; head: string }>(
      "SELECT entries, head FROM verified WHERE id = 1",
    );
    const point = found.rows[0];
    const report = await this.verify(point ? { after: point } : { quick: true });
    if (report.ok && (report.entries !== point?.entries || report.head !== point.head))
      await this.pool
        .query(
          `INSERT INTO verified (id, entries, head, at) VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET entries = excluded.entries, head = excluded.head, at = excluded.at`,
          [report.entries, report.head, new Date().toISOString()],
        )
        .catch(() => undefined); // a role that may only read: the next reader checks in full again
    return report;
  };

  createToken: LedgerStore["createToken"] = (role, now, expiresAt) =>
    this.named(tokens.createToken(this.pool, role, now, expiresAt));
  listTokens = () => tokens.listTokens(this.pool);
  revokeToken: LedgerStore["revokeToken"] = (id, now) => this.named(tokens.revokeToken(this.pool, id, now));

  /** A write that gave up waiting for another writer says which ledger was busy, as SQLite's does. */
  private named<T>(write: Promise<T>): Promise<T> {
    return write.catch((err: unknown) => {
      throw err instanceof LedgerBusyError ? busyError(this.location) : err;
    });
  }
  lookupToken: LedgerStore["lookupToken"] = (token, now) => tokens.lookupToken(this.pool, token, now);

  readCoverage = async () =>
    (await this.pool.query<{ body: string }>("SELECT body FROM coverage ORDER BY position")).rows.map(
      (r) => JSON.parse(r.body) as CoverageEntry,
    );
  writeCoverage: LedgerStore["writeCoverage"] = (entries, now = new Date()) =>
    inTransaction(this.pool, async (client) => {
      await client.query("DELETE FROM coverage");
      for (const [i, e] of entries.entries())
        await client.query("INSERT INTO coverage (position, id, body, recorded_at) VALUES ($1, $2, $3, $4)", [
          i,
          e.id,
          JSON.stringify(e),
          now.toISOString(),
        ]);
    });

  engineVersion = async () =>
    (await this.pool.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
  schemaVersion = () => checkSchemaVersion(this.pool);
  dump = () => dumpPostgres(this.pool);
  load: LedgerStore["load"] = (dump) => loadPostgres(this.pool, dump, this.location);
  isEmpty = () => isEmptyPostgres(this.pool);

  /** Replication (replica.ts): the WAL position of a primary, and a standby's replay of it. */
  walPosition = () => walPosition(this.pool);
  isStandby = () => isStandby(this.pool);
  replayState = (primary: string) => replayState(this.pool, primary);
  close = () => this.pool.end();
}
