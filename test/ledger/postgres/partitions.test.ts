import { join } from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import { numbered, POSTGRES, countSql, selectSql, sqlFilter } from "../../../src/ledger/query-sql.js";
import { applicationGrants } from "../../../src/store/postgres/grants.js";
import { migrate } from "../../../src/store/postgres/migrations.js";
import { connectPool } from "../../../src/store/postgres/pool.js";
import { PostgresStore } from "../../../src/store/postgres/store.js";
import { SqliteStore } from "../../../src/store/sqlite/store.js";
import type { LedgerStore } from "../../../src/store/store.js";
import { COPIED } from "../../../src/store/tables.js";
import { items, launch, RECORDED_AT, tempDir } from "../helpers.js";
import { describePostgres, newDatabase, rowsOf } from "./postgres.js";

async function sql(url: string, text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** Events over 2019 to 2023 (days, a month, a year), two imports, the second superseding an event of the first. */
async function writeYears(store: LedgerStore): Promise<void> {
  const dates = [
    "2019-03-01",
    "2019-11",
    "2020",
    "2020-06-15",
    "2021-01-01",
    "2021-07",
    "2021-12-31",
    "2022",
  ];
  await store.appendEvents(
    items(
      "a.jsonl",
      dates.map((d) => launch(d, { sources: [{ title: `report of ${d}` }] })),
    ),
    { importer: "jsonl", file: "a.jsonl", recordedAt: RECORDED_AT },
  );
  const first = (await store.queryEvents({ from: "2019-03-01", to: "2019-03-01" }, {}))[0]!;
  await store.appendEvents(
    items("b.jsonl", [
      launch("2023-02-02", { sources: [{ title: "a later report" }] }),
      launch("2019-03-01", { attributes: { class: "IRBM" }, supersedes: [first.id] }),
    ]),
    { importer: "jsonl", file: "b.jsonl", recordedAt: RECORDED_AT },
  );
}

/** The partitions of entries a plan reads (the names of entries_yYYYY relations in EXPLAIN's JSON). */
async function partitionsRead(url: string, text: string, params: unknown[]): Promise<string[]> {
  const plan = (await sql(url, `EXPLAIN (FORMAT JSON) ${numbered(text)}`, params)).rows[0]![
    "QUERY PLAN"
  ] as unknown;
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) {
        if (k === "Relation Name" && typeof v === "string" && v.startsWith("entries_y")) names.add(v);
        walk(v);
      }
  };
  walk(plan);
  return [...names].sort();
}

const partitionsOf = async (url: string) =>
  (
    await sql(
      url,
      "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'entries'::regclass AND c.relkind = 'r' ORDER BY 1",
    )
  ).rows.map((r: { relname: string }) => r.relname);

describePostgres("entries partitioned by year", (cluster) => {
  it("a year's query reads one partition, and every date filter picks what SQLite picks", async () => {
    const url = newDatabase(cluster());
    const store = await PostgresStore.open(url);
    const sqlite = SqliteStore.open(join(tempDir(), "l.db"));
    try {
      await writeYears(store);
      await writeYears(sqlite);
      expect(await partitionsOf(url)).toEqual([
        "entries_y2019",
        "entries_y2020",
        "entries_y2021",
        "entries_y2022",
        "entries_y2023",
      ]);
      for (const [from, to] of [
        ["2021-01-01", "2021-12-31"],
        ["2021-07-01", "2021-07-31"],
      ]) {
        const { where, params } = sqlFilter({ from, to }, {}, POSTGRES);
        expect(await partitionsRead(url, selectSql(where, {}, POSTGRES), params)).toEqual(["entries_y2021"]);
        expect(await partitionsRead(url, countSql(where), params)).toEqual(["entries_y2021"]);
      }
      // Only from: that year and those after.
      const after = sqlFilter({ from: "2022-01-01" }, {}, POSTGRES);
      expect(await partitionsRead(url, selectSql(after.where, {}, POSTGRES), after.params)).toEqual([
        "entries_y2022",
        "entries_y2023",
      ]);
      // Partial dates at the edges (a month, a year) and filters that straddle years: the same events on both.
      const filters: [string | undefined, string | undefined][] = [
        ["2019-11-30", "2020-01-01"],
        ["2019-12-01", undefined],
        ["2020-12-31", "2021-01-01"],
        ["2021-07-31", "2021-08-01"],
        [undefined, "2019-11-01"],
        ["2022-12-31", undefined],
        ["2024-01-01", undefined],
      ];
      for (const [from, to] of filters) {
        const m = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
        for (const history of [false, true]) {
          const got = await store.queryEvents(m, { history });
          expect(got, JSON.stringify(m)).toEqual(await sqlite.queryEvents(m, { history }));
          expect(await store.countEvents(m, { history })).toBe(got.length);
        }
      }
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await store.close();
      await sqlite.close();
    }
  });

  it("the application role makes a new year's partition by appending, with no CREATE right", async () => {
    const url = newDatabase(cluster());
    const database = new URL(url).pathname.slice(1);
    const owner = await PostgresStore.open(url);
    await writeYears(owner);
    await owner.close();
    cluster().psql(`CREATE ROLE lockstep_part LOGIN PASSWORD 'part-secret'`, database);
    cluster().psql(applicationGrants("lockstep_part", database), database);
    const appUrl = url.replace("//lockstep@", "//lockstep_part:part-secret@");
    const rights = await sql(
      appUrl,
      "SELECT has_schema_privilege('public', 'CREATE') AS schema, has_database_privilege(current_database(), 'CREATE') AS db",
    );
    expect(rights.rows[0]).toEqual({ schema: false, db: false });
    await expect(sql(appUrl, "CREATE TABLE entries_y2040 (LIKE entries)")).rejects.toThrow(
      /permission denied/,
    );
    const store = await PostgresStore.open(appUrl);
    try {
      const report = await store.appendEvents(
        items("c.jsonl", [launch("2040-05-05"), launch("1950-06-25")]),
        {
          importer: "jsonl",
          file: "c.jsonl",
        },
      );
      expect(report.added).toBe(2);
      expect(await partitionsOf(url)).toContain("entries_y2040");
      expect(await partitionsOf(url)).toContain("entries_y1950");
      // The partition is the owner's: the application may not touch it by name.
      await expect(sql(appUrl, "SELECT count(*) FROM entries_y2040")).rejects.toThrow(/permission denied/);
      await expect(sql(appUrl, "TRUNCATE entries_y2040")).rejects.toThrow(/permission denied/);
      await expect(sql(appUrl, "UPDATE links SET hash = hash")).rejects.toThrow(/permission denied/);
      // The function makes year partitions and nothing else.
      await expect(sql(appUrl, "SELECT lockstep_entry_partitions('{x; DROP TABLE links}')")).rejects.toThrow(
        /not a year/,
      );
      expect(await store.countEntries()).toBe(12);
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("refuses UPDATE, DELETE and TRUNCATE of a partition named directly and of links, even to the owner", async () => {
    const url = newDatabase(cluster());
    const store = await PostgresStore.open(url);
    try {
      await writeYears(store);
      const before = await store.verify();
      for (const table of ["entries_y2021", "links", "entries"]) {
        await expect(sql(url, `UPDATE ${table} SET hash = 'x'`)).rejects.toThrow(
          "ledger entries are append-only",
        );
        await expect(sql(url, `DELETE FROM ${table}`)).rejects.toThrow("ledger entries are append-only");
        await expect(sql(url, `TRUNCATE ${table} CASCADE`)).rejects.toThrow("ledger entries are append-only");
      }
      // An entry without its link, or a second entry of the same number or id in another year, is refused.
      const row = (await sql(url, "SELECT * FROM entries WHERE seq = 1")).rows[0] as Record<string, unknown>;
      const insert = (r: Record<string, unknown>) =>
        sql(
          url,
          `INSERT INTO entries (${COPIED.entries.columns.join(", ")}) VALUES (${COPIED.entries.columns.map((_, i) => `$${i + 1}`).join(", ")})`,
          COPIED.entries.columns.map((c) => r[c]),
        );
      await expect(insert({ ...row, date_first: "2022-01-01" })).rejects.toThrow(/foreign key/);
      await expect(insert({ ...row, seq: 99 })).rejects.toThrow(/foreign key/);
      await expect(insert(row)).rejects.toThrow(/duplicate key/);
      expect(await store.verify()).toEqual(before);
      expect(before.ok).toBe(true);
      // A link with no entry (the chain itself intact) is the full verify's to find.
      await sql(url, "INSERT INTO links VALUES (99, 'evt_astray', '2021-01-01', 'h')");
      const astray = await store.verify();
      expect(astray.ok).toBe(false);
      expect(astray.database?.problems).toEqual([
        "links do not agree with entries: the link of entry 99 has no entry or another hash",
      ]);
    } finally {
      await store.close();
    }
  });

  it("migrating a schema 7 ledger to 8 keeps every row and the head", async () => {
    // A ledger written at schema 7: the rows of a SQLite ledger put in the schema 7 tables as they are.
    const sqlite = SqliteStore.open(join(tempDir(), "l.db"));
    await writeYears(sqlite);
    await sqlite.createToken("editor", new Date("2024-02-01T00:00:00Z"));
    await sqlite.writeCoverage([]);
    const dump = await sqlite.dump();
    const url = newDatabase(cluster());
    const pool = connectPool(url);
    try {
      await migrate(pool, 7);
      const entries = [];
      for await (const batch of dump.entries()) entries.push(...batch);
      const tables = {
        entries,
        supersessions: await dump.supersessions(),
        imports: await dump.imports(),
        tokens: await dump.tokens(),
        token_log: await dump.tokenLog(),
        coverage: await dump.coverage(),
      };
      for (const [table, rows] of Object.entries(tables))
        await pool.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(null::${table}, $1)`, [
          JSON.stringify(rows),
        ]);
    } finally {
      await dump.close();
      await sqlite.close();
      await pool.end();
    }
    const version = async () => (await sql(url, "SELECT max(version) AS v FROM schema_version")).rows[0]!.v;
    const bytes = async () =>
      (await sql(url, `SELECT md5(string_agg(e::text, E'\\n' ORDER BY seq)) AS m FROM entries e`)).rows[0]!.m;
    expect(await version()).toBe(7);
    // Opened only to read, a schema 7 ledger is read as it is, not migrated.
    const old = await PostgresStore.open(url, { readonly: true });
    const before = {
      rows: await rowsOf(old),
      report: await old.verify(),
      bytes: await bytes(),
      events: await old.queryEvents({ from: "2020-06", to: "2021-07-31" }, { history: true }),
    };
    await old.close();
    expect(await version()).toBe(7);
    expect(before.report.ok).toBe(true);
    expect(before.events.length).toBeGreaterThan(3);

    const store = await PostgresStore.open(url);
    try {
      expect(await version()).toBe(8);
      expect(await partitionsOf(url)).toHaveLength(5);
      expect(await rowsOf(store)).toBe(before.rows);
      expect(await bytes()).toBe(before.bytes);
      const after = await store.verify();
      // The same report, the database's checks now with the links'.
      expect({ ...after, database: undefined }).toEqual({ ...before.report, database: undefined });
      expect(after.database?.ok).toBe(true);
      expect(after.head).toBe(before.report.head);
      expect(await store.queryEvents({ from: "2020-06", to: "2021-07-31" }, { history: true })).toEqual(
        before.events,
      );
      const links = await sql(url, "SELECT count(*)::int AS n, max(seq)::int AS last FROM links");
      expect(links.rows[0]).toEqual({ n: after.entries, last: after.entries });
      // And it goes on: a new year's entry extends the same chain.
      await store.appendEvents(items("c.jsonl", [launch("2025-01-01")]), {
        importer: "jsonl",
        file: "c.jsonl",
      });
      const extended = await store.verify();
      expect(extended.ok).toBe(true);
      expect(extended.entries).toBe(after.entries + 1);
    } finally {
      await store.close();
    }
  });
});
