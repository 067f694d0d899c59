import type pg from "pg";
import type { ImportRow } from "../../ledger/import-log.js";
import type { LinkedRow } from "../../ledger/log-chain.js";
import type { TokenRow } from "../../ledger/token-log.js";
import type { ChainRow } from "../../ledger/verify.js";
import { COPIED, type CopiedTable } from "../tables.js";
import { DUMP_BATCH, type CoverageRow, type LedgerDump } from "../store.js";
import { ensurePartitions } from "./append.js";
import { copyLine, copyLines } from "./copy-rows.js";
import { takeLock } from "./pool.js";

/** Rows as lines of COPY's text format, the columns in the order given. */
async function* lines(columns: readonly string[], batches: AsyncIterable<object[]>): AsyncGenerator<string> {
  for await (const rows of batches) {
    let text = "";
    for (const row of rows) text += copyLine(columns.map((c) => (row as Record<string, unknown>)[c]));
    yield text;
  }
}

async function copyInto(
  client: pg.ClientBase,
  table: CopiedTable | "links",
  batches: AsyncIterable<object[]>,
): Promise<void> {
  const columns = table === "links" ? LINK_COLUMNS : COPIED[table].columns;
  await copyLines(client, table, columns, lines(columns, batches));
}

const LINK_COLUMNS = ["seq", "id", "date_first", "hash"];

/**
 * The entries, a batch at a time: their years' partitions made if missing, their links copied, then the entries
 * (each entry's foreign key points at its link: migrations.ts, schema 8).
 */
async function copyEntries(client: pg.ClientBase, batches: AsyncIterable<ChainRow[]>): Promise<void> {
  for await (const rows of batches) {
    if (!rows.length) continue;
    await ensurePartitions(
      client,
      rows.map((r) => r.date_first),
    );
    await copyInto(client, "links", once(Promise.resolve(rows)));
    await copyInto(client, "entries", once(Promise.resolve(rows)));
  }
}

async function* once<T>(rows: Promise<T[]>): AsyncGenerator<T[]> {
  yield await rows;
}

export async function isEmptyPostgres(db: pg.Pool | pg.ClientBase): Promise<boolean> {
  const r = await db.query<{ any: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM imports) OR EXISTS (SELECT 1 FROM tokens) OR EXISTS (SELECT 1 FROM coverage) AS any",
  );
  return !r.rows[0]!.any;
}

/**
 * Writes a dump with COPY, in one transaction holding the chain's and the token log's locks: a writer that comes
 * meanwhile waits, then extends the copied chain. Refuses a ledger that is not empty, checked under the locks.
 */
export async function loadPostgres(pool: pg.Pool, dump: LedgerDump, location: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await takeLock(client, "entries");
    await takeLock(client, "tokenLog");
    if (!(await isEmptyPostgres(client)))
      throw new Error(`${location}: the ledger is not empty; a copy goes only into an empty ledger`);
    await copyEntries(client, dump.entries());
    await copyInto(client, "supersessions", once(dump.supersessions()));
    await copyInto(client, "imports", once(dump.imports()));
    await copyInto(client, "tokens", once(dump.tokens()));
    await copyInto(client, "token_log", once(dump.tokenLog()));
    await copyInto(client, "coverage", once(dump.coverage()));
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The ledger's rows from one snapshot (REPEATABLE READ), on one connection kept until `close`. */
export async function dumpPostgres(pool: pg.Pool): Promise<LedgerDump> {
  const client = await pool.connect();
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const all = async <T extends pg.QueryResultRow>(table: CopiedTable) =>
    (
      await client.query<T>(
        `SELECT ${COPIED[table].columns.join(", ")} FROM ${table} ORDER BY ${COPIED[table].order}`,
      )
    ).rows;
  let closed = false;
  return {
    async *entries() {
      for (let after = Number.MIN_SAFE_INTEGER; ;) {
        const rows = (
          await client.query<ChainRow>(
            `SELECT ${COPIED.entries.columns.join(", ")} FROM entries WHERE seq > $1 ORDER BY seq LIMIT $2`,
            [after, DUMP_BATCH],
          )
        ).rows;
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]!.seq;
      }
    },
    supersessions: () => all<{ old_id: string; new_seq: number }>("supersessions"),
    imports: () => all<ImportRow>("imports"),
    tokens: () => all<TokenRow>("tokens"),
    tokenLog: () => all<LinkedRow>("token_log"),
    coverage: () => all<CoverageRow>("coverage"),
    close: async () => {
      if (closed) return;
      closed = true;
      await client.query("COMMIT").catch(() => undefined);
      client.release();
    },
  };
}
