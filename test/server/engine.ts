import Database from "better-sqlite3";
import pg from "pg";
import { afterAll } from "vitest";
import { copyLedger } from "../../src/store/copy.js";
import { openStore } from "../../src/store/open.js";
import { LOCKS } from "../../src/store/postgres/pool.js";
import type { LedgerStore } from "../../src/store/store.js";
import { startCluster, type Cluster } from "../ledger/postgres/cluster.js";

/**
 * The server suite runs twice (vitest.config.ts): on SQLite files, and with LOCKSTEP_TEST_ENGINE=postgres on
 * PostgreSQL. There each ledger a test builds as a file is copied into a new database of a throwaway cluster, and the
 * test goes on with that database's URL wherever it had the file's path — the server, the command line and the
 * checks it makes through the store — so the same assertions hold of both engines.
 */
export const onPostgres = process.env.LOCKSTEP_TEST_ENGINE === "postgres";

/** Why a test runs on SQLite only: it rewrites an entry, which PostgreSQL's triggers refuse even to its owner. */
export const SQLITE_ONLY = "rewrites an entry in the file; PostgreSQL's triggers refuse that to every role";

let cluster: Promise<Cluster> | undefined;
let databases = 0;
// One cluster per test file (vitest gives each file its own modules), removed when the file's tests end.
afterAll(async () => (await cluster)?.stop());

/** The ledger to serve and query: the file itself, or on PostgreSQL a copy of it in a new, empty database. */
export async function served(file: string): Promise<string> {
  if (!onPostgres) return file;
  cluster ??= startCluster();
  const url = (await cluster).createDatabase(`served_${++databases}`);
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
 * Runs one SQL statement on the ledger's database behind Lockstep's back, as someone holding the file or the
 * database's credentials could; `?` marks the parameters on both engines. Returns the rows it gives.
 */
export async function rawSql(
  location: string,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  if (!onPostgres) {
    const raw = new Database(location);
    try {
      const statement = raw.prepare(sql);
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
      statement.run(...params);
      return [];
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
  } finally {
    await client.end();
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
