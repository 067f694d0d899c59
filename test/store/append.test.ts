import { describe, expect, it } from "vitest";
import type { ImportItem } from "../../src/ledger/index.js";
import {
  formatIssue,
  InputError,
  parseEvent,
  parseMatcher,
  type EventMatcher,
} from "../../src/model/index.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import type { LedgerStore } from "../../src/store/store.js";
import { RECORDED_AT, items, launch } from "../ledger/helpers.js";
import { newStore, onPostgres, rawSql } from "./engine.js";

const options = { importer: "json", file: "launches.json", recordedAt: RECORDED_AT };

function idOf(input: unknown): string {
  const r = parseEvent(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.event.id;
}

function m(terms: string): EventMatcher {
  const r = parseMatcher(terms);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.matcher;
}

/**
 * Everything stored in the ledger's tables, in order, read behind Lockstep's back (rawSql), to compare a ledger
 * before and after: the entries (on PostgreSQL with their links), the supersessions, then the import log (last).
 */
async function rows(store: LedgerStore): Promise<string> {
  const q = (sql: string) => rawSql(store.location, sql);
  return JSON.stringify({
    entries: await q("SELECT * FROM entries ORDER BY seq"),
    ...(onPostgres ? { links: await q("SELECT * FROM links ORDER BY seq") } : {}),
    supersessions: await q(
      onPostgres
        ? "SELECT * FROM supersessions ORDER BY new_seq, old_id"
        : "SELECT * FROM supersessions ORDER BY rowid",
    ),
    imports: await q("SELECT * FROM imports ORDER BY id"),
  });
}

/**
 * Whether a transaction was left open: on SQLite the ledger's connection's; on PostgreSQL any session of the
 * ledger's database idle in one (a pooled connection not rolled back).
 */
async function transactionOpen(store: LedgerStore): Promise<boolean> {
  if (store instanceof SqliteStore) return store.ledger.db.inTransaction;
  const [row] = await rawSql(
    store.location,
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
  );
  return row!.n !== 0;
}

async function thrown(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("expected an InputError");
}

describe("appendEvents", () => {
  it("stores events that queryEvents gives back in date order, with their place in the chain", async () => {
    const store = await newStore();
    const inputs = [
      launch("2022-10-28", { count: 2 }),
      launch("2017-07-04", { attributes: { class: "ICBM" } }),
      launch("2019-05"),
    ];
    const report = await store.appendEvents(items("launches.json", inputs), options);
    expect(report).toEqual({
      importer: "json",
      file: "launches.json",
      read: 3,
      added: 3,
      duplicates: 0,
      filtered: 0,
      rejected: [],
    });

    const stored = await store.queryEvents();
    expect(stored.map((e) => e.date)).toEqual(["2017-07-04", "2019-05", "2022-10-28"]);
    expect(stored.map((e) => e.seq)).toEqual([2, 3, 1]);
    for (const e of stored) {
      const record = String(inputs.findIndex((i) => i.date === e.date) + 1);
      const parsed = parseEvent(inputs[Number(record) - 1], {
        importer: "json",
        file: "launches.json",
        record,
      });
      expect(parsed.ok && { ...parsed.event, seq: e.seq, recordedAt: RECORDED_AT }).toEqual(e);
    }
    expect(await store.countEntries()).toBe(3);
  });

  it("returns the events it added when asked", async () => {
    const store = await newStore();
    const report = await store.appendEvents(items("a.json", [launch("2022-10-28")]), {
      ...options,
      keepEvents: true,
    });
    expect(report.events?.map((e) => e.id)).toEqual([idOf(launch("2022-10-28"))]);
  });

  it("reads records from an async iterable", async () => {
    const store = await newStore();
    async function* read(): AsyncIterable<ImportItem> {
      for (const item of items("a.json", [launch("2022-10-28"), launch("2022-11-02")])) yield item;
    }
    expect((await store.appendEvents(read(), options)).added).toBe(2);
  });

  it("counts records the importer's filter left out without storing them", async () => {
    const store = await newStore();
    const report = await store.appendEvents(
      [
        ...items("a.json", [launch("2022-10-28")]),
        { where: { file: "a.json", record: "2" }, filtered: true },
      ],
      options,
    );
    expect(report).toMatchObject({ read: 2, added: 1, filtered: 1 });
  });

  it("logs each import", async () => {
    const store = await newStore();
    await store.appendEvents(items("a.json", [launch("2022-10-28"), launch("2022-10-28")]), options);
    expect(
      await rawSql(store.location, "SELECT importer, file, added, duplicates, rejected FROM imports"),
    ).toEqual([{ importer: "json", file: "launches.json", added: 1, duplicates: 1, rejected: 0 }]);
  });

  it("keeps a ledger that verifies after several imports", async () => {
    const store = await newStore();
    await store.appendEvents(items("a.json", [launch("2022-10-28")]), options);
    await store.appendEvents(items("b.json", [launch("2022-11-02"), launch("2022-11-03")]), {
      ...options,
      recordedAt: "2024-02-01T00:00:00.000Z",
    });
    expect(await store.verify()).toMatchObject({ ok: true, entries: 3 });
    expect((await store.queryEvents()).map((e) => e.recordedAt)).toEqual([
      RECORDED_AT,
      "2024-02-01T00:00:00.000Z",
      "2024-02-01T00:00:00.000Z",
    ]);
  });

  describe("duplicates", () => {
    it("adds nothing when the same records are imported again", async () => {
      const store = await newStore();
      const batch = items("a.json", [launch("2022-10-28"), launch("2022-11-02"), launch("2022-11-03")]);
      await store.appendEvents(batch, options);
      const before = (await rows(store)).replace(/"imports":.*/, "");
      const again = await store.appendEvents(batch, options);
      expect(again).toMatchObject({ read: 3, added: 0, duplicates: 3, rejected: [] });
      expect((await rows(store)).replace(/"imports":.*/, "")).toBe(before);
      expect(await store.countEntries()).toBe(3);
    });

    it("recognises the same content from another file, with its keys in another order", async () => {
      const store = await newStore();
      await store.appendEvents(items("a.json", [launch("2022-10-28", { actor: "PRK+RUS" })]), options);
      const reordered = {
        sources: launch("2022-10-28").sources,
        attributes: { class: "SRBM" },
        actors: ["PRK", "RUS"],
        date: "2022-10-28",
        type: "missile_launch",
      };
      const report = await store.appendEvents(items("b.csv", [reordered]), {
        ...options,
        importer: "csv",
        file: "b.csv",
      });
      expect(report).toMatchObject({ added: 0, duplicates: 1 });
    });

    it("counts a record repeated inside one batch once", async () => {
      const store = await newStore();
      const report = await store.appendEvents(
        items("a.json", [
          launch("2022-10-28"),
          launch("2022-11-02"),
          launch("2022-10-28"),
          launch("2022-10-28"),
        ]),
        options,
      );
      expect(report).toMatchObject({ read: 4, added: 2, duplicates: 2 });
      expect((await store.queryEvents()).map((e) => e.provenance?.record)).toEqual(["1", "2"]);
    });

    it("tells apart events that differ in any content", async () => {
      const store = await newStore();
      const report = await store.appendEvents(
        items("a.json", [
          launch("2022-10-28"),
          launch("2022-10-28", { count: 2 }),
          launch("2022-10-28", { confidence: "confirmed" }),
        ]),
        options,
      );
      expect(report).toMatchObject({ added: 3, duplicates: 0 });
    });
  });

  describe("all or nothing", () => {
    async function ledgerWithTwo() {
      const store = await newStore();
      await store.appendEvents(items("old.json", [launch("2017-07-04"), launch("2017-07-28")]), options);
      return store;
    }

    it("leaves the ledger exactly as it was when a record in the middle of a batch is broken", async () => {
      const store = await ledgerWithTwo();
      const before = await rows(store);
      const batch = items("launches.json", [
        launch("2022-10-28"),
        launch("2022-11-02"),
        launch("2021-02-29"),
        launch("2022-11-03"),
      ]);
      const err = await thrown(store.appendEvents(batch, options));

      expect(await rows(store)).toBe(before);
      expect(await store.countEntries()).toBe(2);
      expect(await store.verify()).toMatchObject({ ok: true, entries: 2 });
      expect(await transactionOpen(store)).toBe(false);

      expect(err.message).toMatch(/^launches\.json: 1 invalid record\(s\); nothing was imported/);
      expect(err.issues).toEqual([
        { where: { file: "launches.json", record: "3" }, issue: expect.objectContaining({ path: "date" }) },
      ]);
      expect(formatIssue(err.issues[0]!.issue, err.issues[0]!.where)).toMatch(
        /^launches\.json:3: field `date`: must be a date YYYY-MM-DD, YYYY-MM or YYYY/,
      );
    });

    it("takes a problem the importer found as a broken record", async () => {
      const store = await ledgerWithTwo();
      const before = await rows(store);
      const batch: ImportItem[] = [
        ...items("gdelt.csv", [launch("2022-10-28")]),
        {
          where: { file: "gdelt.csv", record: "2" },
          issues: [{ kind: "format", message: "expected 61 columns, got 60" }],
        },
      ];
      const err = await thrown(store.appendEvents(batch, options));
      expect(err.issues).toEqual([
        {
          where: { file: "gdelt.csv", record: "2" },
          issue: { kind: "format", message: "expected 61 columns, got 60" },
        },
      ]);
      expect(await rows(store)).toBe(before);
    });

    it("lists every broken record, with its field, after the first", async () => {
      const store = await ledgerWithTwo();
      const batch = items("launches.json", [
        launch("2022-10-28", { attributes: { class: "ABM" } }),
        launch("2022-10-29"),
        launch("2022-10-30", { sources: [{ url: "nowhere" }] }),
      ]);
      const err = await thrown(store.appendEvents(batch, options));
      expect(err.issues.map((i) => `${i.where?.record} ${i.issue.path}`)).toEqual([
        "1 attributes.class",
        "3 sources.0.url",
      ]);
    });

    it("does not report a valid correction of a valid record as broken because another record is", async () => {
      const store = await ledgerWithTwo();
      const original = launch("2022-10-28");
      const correction = launch("2022-10-28", { count: 2, supersedes: [idOf(original)] });
      const err = await thrown(
        store.appendEvents(items("launches.json", [launch("2021-02-29"), original, correction]), options),
      );
      expect(err.issues.map((i) => i.where?.record)).toEqual(["1"]);
    });

    it("stops looking after 20 broken records", async () => {
      const store = await ledgerWithTwo();
      const batch = items(
        "launches.json",
        Array.from({ length: 30 }, () => launch("2021-02-29")),
      );
      const err = await thrown(store.appendEvents(batch, options));
      expect(err.message).toMatch(/^launches\.json: 20\+ invalid record\(s\)/);
      expect(err.issues).toHaveLength(20);
      expect(await store.countEntries()).toBe(2);
    });

    it("writes nothing when a record breaks the ledger's own rules", async () => {
      const store = await ledgerWithTwo();
      const before = await rows(store);
      const batch = items("launches.json", [
        launch("2022-10-28"),
        launch("2022-10-29", { supersedes: ["ev_0123456789abcdef0123"] }),
      ]);
      const err = await thrown(store.appendEvents(batch, options));
      expect(err.issues[0]).toMatchObject({ where: { record: "2" }, issue: { path: "supersedes" } });
      expect(await rows(store)).toBe(before);
    });

    it("lets the ledger take the next import normally", async () => {
      const store = await ledgerWithTwo();
      await thrown(store.appendEvents(items("bad.json", [launch("2022-10-28"), launch("x")]), options));
      const report = await store.appendEvents(items("good.json", [launch("2022-10-28")]), options);
      expect(report.added).toBe(1);
      expect((await store.queryEvents()).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect((await store.verify()).ok).toBe(true);
    });
  });

  describe("skipInvalid", () => {
    it("imports the valid records and reports the others with their reasons", async () => {
      const store = await newStore();
      const batch = items("launches.json", [
        launch("2022-10-28"),
        launch("2021-02-29"),
        launch("2022-11-02"),
        launch("2022-11-03", { attributes: { class: "SRBM", range: 300 } }),
      ]);
      const report = await store.appendEvents(batch, { ...options, skipInvalid: true });
      expect(report).toMatchObject({ read: 4, added: 2, duplicates: 0 });
      expect(report.rejected).toEqual([
        {
          where: { file: "launches.json", record: "2" },
          issues: [
            expect.objectContaining({ path: "date", message: "must be a date YYYY-MM-DD, YYYY-MM or YYYY" }),
          ],
        },
        {
          where: { file: "launches.json", record: "4" },
          issues: [expect.objectContaining({ path: "attributes.range" })],
        },
      ]);
      expect((await store.queryEvents()).map((e) => e.date)).toEqual(["2022-10-28", "2022-11-02"]);
      expect((await rawSql(store.location, "SELECT added, rejected FROM imports"))[0]).toEqual({
        added: 2,
        rejected: 2,
      });
      expect((await store.verify()).ok).toBe(true);
    });

    it("reports every rejected record, beyond 20", async () => {
      const store = await newStore();
      const batch = items("launches.json", [
        ...Array.from({ length: 30 }, () => launch("2021-02-29")),
        launch("2022-10-28"),
      ]);
      const report = await store.appendEvents(batch, { ...options, skipInvalid: true });
      expect(report.rejected).toHaveLength(30);
      expect(report.added).toBe(1);
    });
  });

  describe("queryEvents", () => {
    async function sample() {
      const store = await newStore();
      await store.appendEvents(
        items("a.json", [
          launch("2017-07-04", { attributes: { class: "ICBM" }, confidence: "confirmed" }),
          launch("2017-08-29", { attributes: { class: "IRBM" }, target: "JPN" }),
          launch("2021-11"),
          {
            type: "military_exercise",
            date: "2018-08",
            actor: "USA+KOR",
            attributes: { name: "Ulchi Freedom Guardian", status: "suspended" },
            sources: [{ title: "Pentagon statement" }],
          },
          {
            type: "sanctions_imposed",
            date: "2017-09-11",
            actor: "UNSC",
            target: "PRK",
            attributes: { authority: "UNSC", instrument: "Resolution 2375" },
            sources: [{ title: "S/RES/2375 (2017)" }],
          },
        ]),
        options,
      );
      return store;
    }

    it.each([
      ["", ["2017-07-04", "2017-08-29", "2017-09-11", "2018-08", "2021-11"]],
      ["actor=PRK", ["2017-07-04", "2017-08-29", "2021-11"]],
      ["actor=KOR", ["2018-08"]],
      // with: actors that must all be there besides the first, not alternatives.
      ["actor=USA with=KOR", ["2018-08"]],
      ["actor=USA with=PRK", []],
      ["actor=PRK,USA with=KOR,USA", ["2018-08"]],
      ["actor=PRK,USA with=KOR,JPN", []],
      ["actor=UN", []],
      ["target=PRK", ["2017-09-11"]],
      ["target=JPN,PRK", ["2017-08-29", "2017-09-11"]],
      ["type=missile_launch class=ICBM,IRBM", ["2017-07-04", "2017-08-29"]],
      ["confidence=confirmed", ["2017-07-04"]],
      ["from=2017-09 to=2018", ["2017-09-11", "2018-08"]],
      ["from=2021-11-30", ["2021-11"]],
      ["to=2018-08-01", ["2017-07-04", "2017-08-29", "2017-09-11", "2018-08"]],
      ["from=2018-08-31 to=2018-08-31", ["2018-08"]],
      ["status=suspended", ["2018-08"]],
    ])("filters with %j", async (terms, dates) => {
      const store = await sample();
      expect((await store.queryEvents(m(terms))).map((e) => e.date)).toEqual(dates);
    });

    it("matches in SQL what matches() matches in memory", async () => {
      const store = await sample();
      const all = await store.queryEvents();
      for (const terms of [
        "actor=PRK,USA",
        "target=JPN",
        "actor=USA with=KOR",
        "from=2017-08-30 to=2018-07-31",
        "type=military_exercise",
      ]) {
        const { matches } = await import("../../src/model/matcher.js");
        expect(await store.queryEvents(m(terms))).toEqual(all.filter((e) => matches(m(terms), e)));
      }
    });
  });
});
