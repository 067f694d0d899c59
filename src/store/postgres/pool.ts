import pg from "pg";
import { LedgerBusyError, WRITE_WAIT_MS } from "../../ledger/ledger.js";
import { checkPostgresUrl } from "./url.js";

/**
 * A pool of connections to one PostgreSQL database. Integers come back as numbers, as SQLite gives them: seq and
 * counts are bigint (int8), which pg returns as strings by default; no ledger comes near 2^53 entries.
 */
export function connectPool(url: string, flag = "--db"): pg.Pool {
  checkPostgresUrl(url, flag);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === pg.types.builtins.INT8
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops is the pool's to replace, not a crash of the process.
  pool.on("error", () => undefined);
  return pool;
}

/** A connection failure said with where the ledger is (the URL without its password, after its flag if named). */
export function connectionError(named: string, err: unknown): Error {
  const e = err as Error & { code?: string };
  return new Error(
    `${named}: cannot open the PostgreSQL ledger: ${e.message}${e.code ? ` (${e.code})` : ""}`,
  );
}

/**
 * Advisory lock keys (two int4s: "lock" in ASCII, then which): every writer of the chain takes the entries lock in
 * its transaction before reading the head, so appends from any number of processes and servers line up one after
 * the other and never fork the chain; the token log has its own, and migrations theirs.
 */
export const LOCKS = {
  entries: [0x6c6f636b, 1],
  tokenLog: [0x6c6f636b, 2],
  migrations: [0x6c6f636b, 3],
} as const;

/**
 * Takes a lock until the transaction ends, waiting for its holder to commit or roll back. A writer of the chain or
 * the token log waits as long as SQLite's busy timeout and then gives up with LedgerBusyError, as on SQLite: a
 * server answers 503 with Retry-After instead of holding the request while a long import runs. Migrations wait.
 */
export async function takeLock(client: pg.ClientBase, which: keyof typeof LOCKS): Promise<void> {
  const lock = () => client.query("SELECT pg_advisory_xact_lock($1, $2)", [...LOCKS[which]]);
  if (which === "migrations") {
    await lock();
    return;
  }
  await client.query(`SET LOCAL lock_timeout = ${WRITE_WAIT_MS}`);
  try {
    await lock();
  } catch (err) {
    // lock_not_available: the wait timed out. The transaction is aborted; the caller's rollback ends it.
    if ((err as { code?: string }).code === "55P03") throw new LedgerBusyError("the ledger is busy");
    throw err;
  }
  // Only this wait is bounded: the rest of the transaction waits as it otherwise would.
  await client.query("SET LOCAL lock_timeout = 0");
}

/** Runs work in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = "BEGIN",
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
