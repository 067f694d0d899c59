import { expect, it } from "vitest";
import type { AppendOptions } from "../../../src/ledger/index.js";
import { PostgresStore } from "../../../src/store/postgres/store.js";
import { SqliteStore } from "../../../src/store/sqlite/store.js";
import type { LedgerStore } from "../../../src/store/store.js";
import { withoutTriggers } from "../attacker.js";
import { items, launch, RECORDED_AT, tempDir } from "../helpers.js";
import { join } from "node:path";
import { copyLedger } from "../../../src/store/copy.js";
import { describePostgres, newDatabase, rowsOf } from "./postgres.js";

/** Three imports: launches, then corrections that supersede some and repeat others, then a file with a bad record. */
async function writeAll(store: LedgerStore): Promise<unknown[]> {
  const at: Partial<AppendOptions> = { recordedAt: RECORDED_AT };
  const launches = Array.from({ length: 2500 }, (_, i) =>
    launch(new Date(Date.UTC(2006, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), {
      attributes: { class: i % 3 ? "SRBM" : "ICBM" },
      ...(i % 7 === 0 ? { targets: ["USA", "KOR"] } : {}),
    }),
  );
  const outcomes: unknown[] = [];
  const first = await store.appendEvents(items("a.jsonl", launches), {
    importer: "jsonl",
    file: "a.jsonl",
    ...at,
  });
  outcomes.push(first);
  const ids = (await store.queryEvents({}, { order: { by: "date" } })).map((e) => e.id);
  const corrections = [
    ...launches.slice(0, 1200), // duplicates, spanning two batches
    launch("2006-01-01", { attributes: { class: "IRBM" }, supersedes: [ids[0]] }),
    launch("2006-01-03", { attributes: { class: "SLBM" }, supersedes: [ids[2], ids[3]] }),
    {
      type: "retraction",
      date: "2024-01-01",
      actor: "PRK",
      supersedes: [ids[10]],
      attributes: { reason: "no launch that day" },
      sources: [{ title: "JCS correction" }],
    },
  ];
  outcomes.push(
    await store.appendEvents(items("b.jsonl", corrections), { importer: "jsonl", file: "b.jsonl", ...at }),
  );
  outcomes.push(
    await store
      .appendEvents(items("c.jsonl", [launch("2030-01-01"), { type: "missile_launch" }]), {
        importer: "jsonl",
        file: "c.jsonl",
        ...at,
      })
      .catch((err: Error) => err.message),
  );
  outcomes.push(
    await store.appendEvents(
      items("d.jsonl", [launch("2031-01-01"), { type: "nope" }, launch("2031-01-02")]),
      {
        importer: "jsonl",
        file: "d.jsonl",
        skipInvalid: true,
        ...at,
      },
    ),
  );
  return outcomes;
}

describePostgres("the same ledger on both engines", (cluster) => {
  it("the same records appended to SQLite and to PostgreSQL give identical entries, reports and head", async () => {
    const sqlite = SqliteStore.open(join(tempDir(), "l.db"));
    const pg = await PostgresStore.open(newDatabase(cluster()));
    try {
      const [a, b] = [await writeAll(sqlite), await writeAll(pg)];
      expect(b).toEqual(a);
      expect(JSON.stringify(a)).toContain("1 invalid record(s); nothing was imported");
      expect(await rowsOf(pg)).toBe(await rowsOf(sqlite));
      const [va, vb] = [await sqlite.verify(), await pg.verify()];
      expect(va.ok).toBe(true);
      // The import log's times are the clock's: its head differs, its records and chain do not.
      const same = (r: typeof va) => ({
        ...r,
        database: undefined,
        imports: { ...r.imports, head: undefined },
      });
      expect(same(vb)).toEqual(same(va));
      expect(vb.database?.ok).toBe(true);
      expect(await pg.countCurrentEvents()).toBe(await sqlite.countCurrentEvents());
      expect(await pg.lastSeq()).toBe(va.entries);
    } finally {
      await sqlite.close();
      await pg.close();
    }
  });

  it("text that COPY's format escapes (backslash, tab, newline, carriage return, \\N, \\.) arrives as written", async () => {
    // Appends and copies go through COPY's text format on PostgreSQL (copy-rows.ts): every character it treats
    // specially, in bodies (summaries, source titles and quotes) and in an import's file name (the imports table).
    const awkward = ["\\", "\t", "\n", "\r", "\\N", "\\.", "a\\tb", "\\\\", "\r\n", "é 北 🚀", '"quoted"'];
    const file = "we\\ird\tname.jsonl";
    const events = awkward.map((text, i) =>
      launch(`2019-0${1 + (i % 9)}-1${i % 10}`, {
        summary: `x${text}${i}${text}y`,
        sources: [
          { url: "https://en.yna.co.kr/view/AEN20190111000100315", title: `[${text}]`, quote: `[${text}]` },
        ],
      }),
    );
    const sqlite = SqliteStore.open(join(tempDir(), "l.db"));
    const pg = await PostgresStore.open(newDatabase(cluster()));
    const copied = await PostgresStore.open(newDatabase(cluster()));
    try {
      for (const store of [sqlite, pg])
        await store.appendEvents(items(file, events), { importer: "jsonl", file, recordedAt: RECORDED_AT });
      const bodies = (await pg.queryEvents({}, { order: { by: "date" } })).map((e) => e.summary);
      expect(bodies.sort()).toEqual(awkward.map((t, i) => `x${t}${i}${t}y`).sort());
      expect(await rowsOf(pg)).toBe(await rowsOf(sqlite));
      expect((await pg.verify()).ok).toBe(true);
      await copyLedger(sqlite, copied);
      expect(await rowsOf(copied)).toBe(await rowsOf(sqlite));
    } finally {
      await sqlite.close();
      await pg.close();
      await copied.close();
    }
  });

  it("a change made outside Lockstep is reported the same way on both", async () => {
    const file = join(tempDir(), "l.db");
    const sqlite = SqliteStore.open(file);
    const url = newDatabase(cluster());
    const pg = await PostgresStore.open(url);
    const database = new URL(url).pathname.slice(1);
    try {
      for (const store of [sqlite, pg]) {
        await writeAll(store);
        await store.createToken("editor", new Date("2024-02-01T00:00:00Z"));
      }
      // Each change as an attacker with SQL makes it, the triggers out of the way; the reports compared after each.
      const changes: [string, string][] = [
        ["tokens", "UPDATE tokens SET role = 'admin'"],
        [
          "supersessions",
          "DELETE FROM supersessions WHERE new_seq = (SELECT min(new_seq) FROM supersessions)",
        ],
        ["entries", "UPDATE entries SET actors = '|USA|' WHERE seq = 2000"],
        ["entries", `UPDATE entries SET body = replace(body, '":"', '": "') WHERE seq = 7`],
      ];
      // Token ids and times are random and the clock's: the token log's head and ids differ, nothing else may.
      const same = (r: Awaited<ReturnType<typeof pg.verify>>) =>
        JSON.parse(
          JSON.stringify({
            ...r,
            database: undefined,
            imports: { ...r.imports, head: undefined },
            tokens: { ...r.tokens, head: undefined },
          }).replace(/tok_[0-9a-f]{12}/g, "tok_ID"),
        ) as unknown;
      for (const [table, change] of changes) {
        withoutTriggers(file, (db) => db.exec(change));
        cluster().psql(
          `ALTER TABLE ${table} DISABLE TRIGGER USER; ${change}; ALTER TABLE ${table} ENABLE TRIGGER USER`,
          database,
        );
        const [a, b] = [await sqlite.verify(), await pg.verify()];
        expect(a.ok).toBe(false);
        expect(same(b)).toEqual(same(a));
      }
      const last = await pg.verify({ quick: true });
      expect(last.firstBroken).toMatchObject({ seq: 7, reason: "its body is not in canonical form" });
    } finally {
      await sqlite.close();
      await pg.close();
    }
  });
});
