import type pg from "pg";
import { GENESIS } from "../../ledger/chain.js";
import {
  checkpointFromReport,
  extensionOf,
  type ChainName,
  type Checkpoint,
  type ExtensionReport,
  type StoredHead,
} from "../../ledger/checkpoint.js";
import type { DatabaseReport } from "../../ledger/database-check.js";
import { INDEX_CHECKS } from "../../ledger/database-check.js";
import { linkedImportRows, walkImportLog, type ImportRow } from "../../ledger/import-log.js";
import { logRemoved, type LinkedRow } from "../../ledger/log-chain.js";
import { checkTokenTable, replayTokenRows, TOKEN_COLUMNS, type TokenRow } from "../../ledger/token-log.js";
import {
  CHAIN_COLUMNS,
  ChainWalk,
  resumeFrom,
  type ChainRow,
  type VerifyOptions,
  type VerifyReport,
} from "../../ledger/verify.js";
import { inTransaction } from "./pool.js";

const BATCH = 5000;
/** One snapshot of the whole ledger: appends committed meanwhile are not seen at all. */
const SNAPSHOT = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/**
 * verifyLedger on PostgreSQL: the same ChainWalk over the same rows, the same token and import log checks, read in
 * one snapshot (REPEATABLE READ), so that appends committed meanwhile are not half seen. The database check differs:
 * PostgreSQL has no integrity check of SQLite's kind; each index is read on its own and compared with a scan.
 */
export function verifyPostgres(pool: pg.Pool, options: VerifyOptions = {}): Promise<VerifyReport> {
  return inTransaction(pool, (client) => verifyOn(client, options), SNAPSHOT);
}

async function verifyOn(client: pg.ClientBase, options: VerifyOptions): Promise<VerifyReport> {
  const chain = await verifyChain(client, options.after);
  if (options.quick || options.after) return chain;
  const database = await checkIndexes(client);
  const tokens = await verifyTokens(client);
  const imports = await verifyImports(client);
  return { ...chain, ok: chain.ok && database.ok && tokens.ok && imports.ok, database, tokens, imports };
}

/** checkpointOf on PostgreSQL: the full verify report, read in one snapshot, made a checkpoint. */
export function checkpointPostgres(
  pool: pg.Pool,
  location: string,
  origin: string,
  now?: Date,
): Promise<Checkpoint> {
  return inTransaction(
    pool,
    async (client) => checkpointFromReport(location, await verifyOn(client, {}), origin, now),
    SNAPSHOT,
  );
}

/** verifyAgainst on PostgreSQL: the report (the logs included even when quick) and the heads, in one snapshot. */
export function verifyAgainstPostgres(
  pool: pg.Pool,
  cp: Checkpoint,
  options: VerifyOptions = {},
): Promise<{ report: VerifyReport; extension: ExtensionReport }> {
  return inTransaction(
    pool,
    async (client) => {
      let report = await verifyOn(client, options);
      if (!report.tokens || !report.imports) {
        const tokens = await verifyTokens(client);
        const imports = await verifyImports(client);
        report = { ...report, ok: report.ok && tokens.ok && imports.ok, tokens, imports };
      }
      const extension = extensionOf(cp, {
        entries: await storedHead(client, "entries", cp.entries.count),
        tokens: await storedHead(client, "tokens", cp.tokens.count),
        imports: await storedHead(client, "imports", cp.imports.count),
      });
      return { report, extension };
    },
    SNAPSHOT,
  );
}

/** A chain's record count and the hash of its n-th record: entries by seq, token_log by seq, imports by id. */
async function storedHead(client: pg.ClientBase, chain: ChainName, n: number): Promise<StoredHead> {
  const table = { entries: "entries", tokens: "token_log", imports: "imports" }[chain];
  const count = (await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
  if (n < 1) return { count, hashAt: undefined };
  const found =
    chain === "entries"
      ? await client.query<{ hash: string }>("SELECT hash FROM entries WHERE seq = $1", [n])
      : await client.query<{ hash: string }>(
          `SELECT hash FROM ${table} ORDER BY ${chain === "tokens" ? "seq" : "id"} LIMIT 1 OFFSET $1`,
          [n - 1],
        );
  return { count, hashAt: found.rows[0]?.hash };
}

async function verifyChain(
  client: pg.ClientBase,
  after = { entries: 0, head: GENESIS },
): Promise<VerifyReport> {
  let prev = GENESIS;
  if (after.entries > 0) {
    const then = await client.query<{ id: string; prev_hash: string; hash: string }>(
      "SELECT id, prev_hash, hash FROM entries WHERE seq = $1",
      [after.entries],
    );
    const resumed = resumeFrom(after, then.rows[0]);
    if ("report" in resumed) return resumed.report;
    prev = resumed.prev;
  }
  const walk = new ChainWalk(after, prev);
  // From the very first row, whatever its number (as on SQLite), a batch at a time by seq.
  for (let from = after.entries > 0 ? after.entries : Number.MIN_SAFE_INTEGER; ;) {
    const rows = (
      await client.query<ChainRow>(
        `SELECT ${CHAIN_COLUMNS} FROM entries WHERE seq >= $1 ORDER BY seq LIMIT $2`,
        [from, BATCH],
      )
    ).rows;
    for (const row of rows) {
      const broken = walk.step(row);
      if (broken) return broken;
    }
    if (rows.length < BATCH) break;
    from = rows[rows.length - 1]!.seq + 1;
  }
  const stored = await client.query<{ new_seq: number; old_id: string }>(
    "SELECT new_seq, old_id FROM supersessions WHERE new_seq > $1",
    [walk.since],
  );
  const problem = walk.supersessions(stored.rows);
  if (problem) {
    const id = await client.query<{ id: string }>("SELECT id FROM entries WHERE seq = $1", [problem.seq]);
    return walk.broken(problem.seq, id.rows[0]?.id ?? "", problem.reason);
  }
  return walk.intact();
}

// Every PostgreSQL schema (from 6) keeps both logs: a log table, or the import log's links, missing was removed
// outside Lockstep, and is said to be, as on SQLite (import-log.ts, token-log.ts).
async function verifyImports(client: pg.ClientBase) {
  const kept = await client.query(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'imports' AND column_name = 'hash'",
  );
  if (!kept.rows.length) return logRemoved("import log");
  return walkImportLog(
    linkedImportRows((await client.query<ImportRow>("SELECT * FROM imports ORDER BY id")).rows),
  );
}

async function verifyTokens(client: pg.ClientBase) {
  const table = await client.query<{ t: string | null }>("SELECT to_regclass('token_log') AS t");
  if (!table.rows[0]!.t) return logRemoved("token log");
  const log = replayTokenRows(
    (
      await client.query<LinkedRow>(
        "SELECT seq, recorded_at, body, prev_hash, hash FROM token_log ORDER BY seq",
      )
    ).rows,
  );
  if (log.report.problems.length) return log.report;
  const rows = await client.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`);
  return checkTokenTable(log, rows.rows);
}

/** Each index's query (database-check.ts) planned through indexes, then as a table scan: the answers must agree. */
async function checkIndexes(client: pg.ClientBase): Promise<DatabaseReport> {
  const problems: string[] = [];
  const plan = (index: "on" | "off", scan: "on" | "off") =>
    `SET LOCAL enable_seqscan = ${scan}; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = ${index}; SET LOCAL enable_indexonlyscan = ${index}`;
  const viaIndex = plan("on", "off");
  const viaScan = plan("off", "on");
  for (const c of INDEX_CHECKS) {
    const answer = async (settings: string) => {
      await client.query(settings);
      return JSON.stringify((await client.query(c.query(""))).rows);
    };
    const [a, b] = [await answer(viaIndex), await answer(viaScan)];
    await client.query(
      "RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_indexscan; RESET enable_indexonlyscan",
    );
    if (a !== b)
      problems.push(
        `index ${c.index} does not agree with a scan of ${c.table}: queries that use it return other rows`,
      );
  }
  // Each entry has its link (a foreign key); a link with no entry, or another hash, would mislead the appender.
  // None before schema 8 (a ledger opened only to read is not migrated).
  const links = (await client.query<{ t: string | null }>("SELECT to_regclass('links') AS t")).rows[0]!.t;
  const astray = links
    ? await client.query<{ seq: number }>(
        `SELECT l.seq FROM links l LEFT JOIN entries e ON e.seq = l.seq AND e.date_first = l.date_first
         WHERE e.seq IS NULL OR e.hash <> l.hash ORDER BY l.seq LIMIT 1`,
      )
    : { rows: [] };
  if (astray.rows[0])
    problems.push(
      `links do not agree with entries: the link of entry ${astray.rows[0].seq} has no entry or another hash`,
    );
  return {
    ok: problems.length === 0,
    checks: [
      `${INDEX_CHECKS.length} indexes' queries planned through the indexes and as table scans, compared (${INDEX_CHECKS.map((c) => c.index).join(", ")})`,
      ...(links ? ["each link (entry number, id, year, hash) against its entry"] : []),
    ],
    problems,
  };
}
