import Database from "better-sqlite3";
import { join } from "node:path";
import pg from "pg";
import { afterAll, onTestFinished } from "vitest";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import type { LedgerStore } from "../../src/store/store.js";
import { withoutTriggers } from "../ledger/attacker.js";
import { tempDir } from "../ledger/helpers.js";
import { startCluster, type Cluster } from "../ledger/postgres/cluster.js";

/**
 * The engine a test file runs on. The ledger's, importers' and engine's store-level suites and the server suite run
 * twice (vitest.config.ts): on SQLite files, and with LOCKSTEP_TEST_ENGINE=postgres on PostgreSQL, each ledger a new
 * database in a throwaway cluster (one per test file). The same assertions then hold of both engines.
 */
export const onPostgres = process.env.LOCKSTEP_TEST_ENGINE === "postgres";

/** The engine's name, for test titles and messages. */
export const ENGINE = onPostgres ? "PostgreSQL" : "SQLite";

let cluster: Promise<Cluster> | undefined;
let databases = 0;
// One cluster per test file (vitest gives each file its own modules), removed when the file's tests end.
afterAll(async () => (await cluster)?.stop());

/** The test file's cluster, started on first use. */
export function testCluster(): Promise<Cluster> {
  cluster ??= startCluster();
  return cluster;
}

/** Where a new, empty ledger can be made: a file path in a temp folder, or the URL of a new database. */
export async function newLocation(name = "ledger"): Promise<string> {
  if (!onPostgres) return join(tempDir(), `${name}.db`);
  return (await testCluster()).createDatabase(`${name}_${++databases}`);
}

/** A new, empty ledger on the engine under test, closed when the test ends. */
export async function newStore(): Promise<LedgerStore> {
  const location = await newLocation();
  const store = onPostgres ? await PostgresStore.open(location) : SqliteStore.open(location);
  onTestFinished(() => store.close());
  return store;
}

/**
 * Runs SQL on the ledger's database behind Lockstep's back, as someone holding the file or the database's
 * credentials could; `?` marks the parameters on both engines. Returns the rows it gives. The append-only triggers
 * stay: a change they refuse fails here as it would for anyone (see `tamper`).
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
 * Changes stored rows as an attacker with the database's owner rights would: the append-only triggers of `tables`
 * out of the way (dropped from the SQLite file; disabled and enabled again on PostgreSQL), then `statements` in one
 * transaction. Nothing recomputes a hash: `lockstep verify` is meant to see every such change.
 */
export async function tamper(location: string, tables: string[], statements: string[]): Promise<void> {
  if (!onPostgres) {
    withoutTriggers(location, (db) => statements.forEach((s) => db.exec(s)));
    return;
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const t of tables) await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
    for (const s of statements) await client.query(s);
    for (const t of tables) await client.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
