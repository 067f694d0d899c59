import { expect, it } from "vitest";
import pg from "pg";
import { applicationGrants } from "../../../src/store/postgres/grants.js";
import { PostgresStore } from "../../../src/store/postgres/store.js";
import { items, launch } from "../helpers.js";
import { describePostgres, newDatabase } from "./postgres.js";

async function sql(url: string, text: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describePostgres("append-only entries", (cluster) => {
  it("refuses UPDATE, DELETE and TRUNCATE of entries and of both logs, even to the owner", async () => {
    const url = newDatabase(cluster());
    const store = await PostgresStore.open(url);
    await store.appendEvents(items("a.jsonl", [launch("2022-10-28"), launch("2022-11-02")]), {
      importer: "jsonl",
      file: "a.jsonl",
    });
    await store.createToken("editor");
    const before = await store.verify();
    for (const [table, what] of [
      ["entries", "ledger entries are append-only"],
      ["imports", "the import log is append-only"],
      ["token_log", "the token log is append-only"],
    ]) {
      await expect(sql(url, `UPDATE ${table} SET prev_hash = 'x'`)).rejects.toThrow(what);
      await expect(sql(url, `DELETE FROM ${table}`)).rejects.toThrow(what);
      await expect(sql(url, `TRUNCATE ${table} CASCADE`)).rejects.toThrow(what);
    }
    expect(await store.verify()).toEqual(before);
    expect(before.ok).toBe(true);
    await store.close();
  });

  it("the application role given the documented grants appends and reads, and may not UPDATE or DELETE entries", async () => {
    const url = newDatabase(cluster());
    const database = new URL(url).pathname.slice(1);
    await (await PostgresStore.open(url)).close(); // the owner creates the schema
    cluster().psql(`CREATE ROLE lockstep_app LOGIN PASSWORD 'app-secret'`, database);
    cluster().psql(applicationGrants("lockstep_app", database), database);
    const appUrl = url.replace("//lockstep@", "//lockstep_app:app-secret@");
    const store = await PostgresStore.open(appUrl);
    expect(store.location).not.toContain("app-secret");
    const report = await store.appendEvents(items("a.jsonl", [launch("2022-10-28")]), {
      importer: "jsonl",
      file: "a.jsonl",
    });
    expect(report.added).toBe(1);
    const token = await store.createToken("editor");
    expect(await store.revokeToken(token.id)).toBe(true);
    await store.writeCoverage([]);
    expect((await store.verifySinceLastCheck()).ok).toBe(true);
    for (const statement of ["UPDATE entries SET body = body", "DELETE FROM entries", "DELETE FROM imports"])
      await expect(sql(appUrl, statement)).rejects.toThrow(/permission denied/);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });
});
