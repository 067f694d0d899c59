import Database from "better-sqlite3";
import pg from "pg";
import { copyLedger } from "../../src/store/copy.js";
import { openStore } from "../../src/store/open.js";
import { LOCKS } from "../../src/store/postgres/pool.js";
import type { LedgerStore } from "../../src/store/store.js";
import { newLocation, onPostgres } from "../store/engine.js";

/** Why a test runs on SQLite only: it rewrites an entry, which PostgreSQL's triggers refuse even to its owner. */
export const SQLITE_ONLY = "rewrites an entry in the file; PostgreSQL's triggers refuse that to every role";

// The server suite runs twice, on SQLite and on PostgreSQL (test/store/engine.ts says how).
export { onPostgres, rawSql } from "../store/engine.js";

/** The ledger to serve and query: the file itself, or on PostgreSQL a copy of it in a new, empty database. */
export async function served(file: string): Promise<string> {
  if (!onPostgres) return file;
  const url = await newLocation("served");
  const [from, to] = [await openStore(file, { mustExist: true }), await openStore(url)];
  try {
    await copyLedger(from, to);
  } finally {
    await from.close();
    await to.close();
  }
  return url;
}

/** Runs `use` on the ledger at `location` (a file or a URL) and closes it. */
export async function withStore<T>(location: string, use: (store: LedgerStore) => Promise<T>): Promise<T> {
  const store = await openStore(location, { mustExist: true });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * Holds the ledger as another process's write would (a command-line import), until the returned function is
 * called: on SQLite a write transaction on the file; on PostgreSQL the chain's and the token log's advisory locks.
 */
export async function holdWriteLock(location: string): Promise<() => Promise<void>> {
  if (!onPostgres) {
    const other = new Database(location);
    other.exec("BEGIN IMMEDIATE");
    return async () => {
      other.exec("ROLLBACK");
      other.close();
    };
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  await client.query("BEGIN");
  for (const key of [LOCKS.entries, LOCKS.tokenLog])
    await client.query("SELECT pg_advisory_xact_lock($1, $2)", [...key]);
  return async () => {
    await client.query("ROLLBACK");
    await client.end();
  };
}
