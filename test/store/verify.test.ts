import { describe, expect, it } from "vitest";
import { GENESIS, linkHash } from "../../src/ledger/chain.js";
import { canonicalJson, parseEvent, type Provenance } from "../../src/model/index.js";
import { openStore } from "../../src/store/open.js";
import type { LedgerStore } from "../../src/store/store.js";
import { RECORDED_AT, items, launch } from "../ledger/helpers.js";
import { literal, tamperEntries } from "./attacker.js";
import { newStore, rawSql } from "./engine.js";

const options = { importer: "json", file: "launches.json", recordedAt: RECORDED_AT };
const DATES = ["2022-10-28", "2022-11-02", "2022-11-03", "2022-11-18"];

interface Row {
  seq: number;
  id: string;
  recorded_at: string;
  body: string;
  hash: string;
}

/** A ledger's entries as stored, numbers as numbers (PostgreSQL gives a bigint as a string). */
async function storedRows(location: string): Promise<Row[]> {
  const rows = await rawSql(location, "SELECT seq, id, recorded_at, body, hash FROM entries ORDER BY seq");
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }) as Row);
}

/** A ledger of four launches; returns where it is and its rows as written. */
async function fourLaunches(): Promise<{ location: string; rows: Row[]; head: string }> {
  const store = await newStore();
  await store.appendEvents(
    items(
      "launches.json",
      DATES.map((d) => launch(d)),
    ),
    options,
  );
  const { head } = await store.verify();
  return { location: store.location, rows: await storedRows(store.location), head };
}

async function reopen(location: string): Promise<LedgerStore> {
  return openStore(location, { mustExist: true });
}

/** The chain alone (database-check.test.ts covers the database under it), read by a store opened anew. */
async function verifyAt(location: string) {
  const store = await reopen(location);
  try {
    return await store.verify({ quick: true });
  } finally {
    await store.close();
  }
}

describe("verify", () => {
  it("finds an untouched ledger whole, and gives the hash of its last link", async () => {
    const { location, rows, head } = await fourLaunches();
    expect(await verifyAt(location)).toEqual({ ok: true, entries: 4, head: rows[3]!.hash });
    expect(head).toBe(rows[3]!.hash);
  });

  it("finds an empty ledger whole, with the genesis hash as its head", async () => {
    const store = await newStore();
    expect(await store.verify({ quick: true })).toEqual({ ok: true, entries: 0, head: GENESIS });
    expect((await store.verify()).database).toMatchObject({ ok: true, problems: [] });
  });

  it("links each entry to the one before from the genesis hash", async () => {
    const { rows } = await fourLaunches();
    let prev = GENESIS;
    for (const r of rows) {
      expect(r.hash).toBe(linkHash(prev, r.seq, r.recorded_at, r.body));
      prev = r.hash;
    }
  });

  it("moves the head with every append and only then", async () => {
    const store = await newStore();
    await store.appendEvents(items("a.json", [launch("2022-10-28")]), options);
    const first = (await store.verify()).head;
    await store.appendEvents(items("a.json", [launch("2022-10-28")]), options);
    expect((await store.verify()).head).toBe(first);
    await store.appendEvents(items("a.json", [launch("2022-11-02")]), options);
    expect((await store.verify()).head).not.toBe(first);
  });

  it("verifies a ledger opened read-only", async () => {
    const { location } = await fourLaunches();
    const store = await openStore(location, { readonly: true });
    try {
      expect(await store.verify()).toMatchObject({ ok: true, entries: 4 });
    } finally {
      await store.close();
    }
  });

  // Through each engine's own SQL, as anyone holding the file or the database's credentials could (on SQLite, the file
  // opened with plain better-sqlite3).
  describe("the triggers", () => {
    it("refuse UPDATE through SQL", async () => {
      const { location } = await fourLaunches();
      await expect(rawSql(location, "UPDATE entries SET count = 3 WHERE seq = 2")).rejects.toThrow(
        /append-only/,
      );
      await expect(rawSql(location, "UPDATE entries SET body = body")).rejects.toThrow(/append-only/);
    });

    it("refuse DELETE through SQL", async () => {
      const { location } = await fourLaunches();
      await expect(rawSql(location, "DELETE FROM entries WHERE seq = 4")).rejects.toThrow(/append-only/);
      await expect(rawSql(location, "DELETE FROM entries")).rejects.toThrow(/append-only/);
      const [{ n }] = (await rawSql(location, "SELECT count(*) AS n FROM entries")) as [{ n: unknown }];
      expect(Number(n)).toBe(4);
    });
  });

  describe("names the first broken entry when someone", () => {
    it("changes one byte of an event's date in its body", async () => {
      const { location, rows } = await fourLaunches();
      const body = rows[1]!.body.replace('"date":"2022-11-02"', '"date":"2022-11-03"');
      expect(body).not.toBe(rows[1]!.body);
      await tamperEntries(location, [`UPDATE entries SET body = ${literal(body)} WHERE seq = 2`]);
      expect(await verifyAt(location)).toEqual({
        ok: false,
        entries: 2,
        head: rows[0]!.hash,
        firstBroken: { seq: 2, id: rows[1]!.id, reason: "its id does not match its content" },
      });
    });

    it("changes the body and the id together, to match", async () => {
      const { location, rows } = await fourLaunches();
      const event = JSON.parse(rows[2]!.body) as Record<string, unknown>;
      const r = parseEvent(launch("2022-11-04"), event.provenance as Provenance);
      if (!r.ok) throw new Error("bad forgery");
      await tamperEntries(location, [
        `UPDATE entries SET id = ${literal(r.event.id)}, body = ${literal(canonicalJson(r.event))},
           date_first = '2022-11-04', date_last = '2022-11-04' WHERE seq = 3`,
      ]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 3,
        id: expect.stringMatching(/^ev_/),
        reason: "its hash does not match its content",
      });
    });

    it("changes one byte of a body outside the content (its provenance)", async () => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, [
        'UPDATE entries SET body = replace(body, \'"record":"3"\', \'"record":"4"\') WHERE seq = 3',
      ]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 3,
        id: rows[2]!.id,
        reason: "its hash does not match its content",
      });
    });

    it("recomputes the hash of the entry it changed", async () => {
      const { location, rows } = await fourLaunches();
      const body = rows[2]!.body.replace('"record":"3"', '"record":"9"');
      const hash = linkHash(rows[1]!.hash, 3, rows[2]!.recorded_at, body);
      await tamperEntries(location, [
        `UPDATE entries SET body = ${literal(body)}, hash = ${literal(hash)} WHERE seq = 3`,
      ]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 4,
        id: rows[3]!.id,
        reason: "its link to the previous entry does not match",
      });
    });

    it.each([
      ["date_first", "'2022-11-04'"],
      ["date_last", "'2022-11-02 '"],
      ["type", "'nuclear_test'"],
      ["actors", "'|PRK|RUS|'"],
      ["targets", "'|KOR|'"],
      ["count", "2"],
      ["confidence", "'confirmed'"],
    ])("changes the query column %s", async (column, value) => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, [`UPDATE entries SET ${column} = ${value} WHERE seq = 2`]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 2,
        id: rows[1]!.id,
        reason: `its column ${column} does not match its body`,
      });
    });

    it("changes one byte of recorded_at", async () => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, [
        `UPDATE entries SET recorded_at = ${literal(RECORDED_AT.replace("09:00", "09:01"))} WHERE seq = 4`,
      ]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 4,
        id: rows[3]!.id,
        reason: "its hash does not match its content",
      });
    });

    it("changes the stored hash or the stored link", async () => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, [
        `UPDATE entries SET prev_hash = ${literal("1".repeat(64))} WHERE seq = 1`,
      ]);
      expect((await verifyAt(location)).firstBroken).toMatchObject({ seq: 1, id: rows[0]!.id });
    });

    it("deletes an entry", async () => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, ["DELETE FROM entries WHERE seq = 2"]);
      expect(await verifyAt(location)).toMatchObject({
        ok: false,
        head: rows[0]!.hash,
        firstBroken: { seq: 3, id: rows[2]!.id, reason: "entry 2 is missing" },
      });
    });

    it("deletes the first entry", async () => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, ["DELETE FROM entries WHERE seq = 1"]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 2,
        id: rows[1]!.id,
        reason: "entry 1 is missing",
      });
    });

    it("swaps two entries' bodies", async () => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, [
        `UPDATE entries SET body = ${literal(rows[2]!.body)} WHERE seq = 2`,
        `UPDATE entries SET body = ${literal(rows[1]!.body)} WHERE seq = 3`,
      ]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 2,
        id: rows[1]!.id,
        reason: "its id does not match its content",
      });
    });

    it("swaps two whole entries but their positions", async () => {
      const { location, rows } = await fourLaunches();
      const cols =
        "id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence";
      const [r2, r3] = await Promise.all(
        [2, 3].map(
          async (seq) => (await rawSql(location, `SELECT ${cols} FROM entries WHERE seq = ?`, [seq]))[0]!,
        ),
      );
      const set = (r: Record<string, unknown>) =>
        cols
          .split(", ")
          .map((c) => `${c} = ${literal(r[c])}`)
          .join(", ");
      await tamperEntries(location, [
        `UPDATE entries SET id = 'swap' WHERE seq = 2`,
        `UPDATE entries SET ${set(r2!)} WHERE seq = 3`,
        `UPDATE entries SET ${set(r3!)} WHERE seq = 2`,
      ]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 2,
        id: rows[2]!.id,
        reason: "its link to the previous entry does not match",
      });
    });

    it("rewrites a body in another JSON form", async () => {
      const { location, rows } = await fourLaunches();
      const pretty = JSON.stringify(JSON.parse(rows[0]!.body), null, 1);
      await tamperEntries(location, [`UPDATE entries SET body = ${literal(pretty)} WHERE seq = 1`]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 1,
        id: rows[0]!.id,
        reason: "its body is not in canonical form",
      });
    });

    it("breaks a body's JSON", async () => {
      const { location, rows } = await fourLaunches();
      await tamperEntries(location, ["UPDATE entries SET body = substr(body, 2) WHERE seq = 1"]);
      expect((await verifyAt(location)).firstBroken).toEqual({
        seq: 1,
        id: rows[0]!.id,
        reason: "its body is not valid JSON",
      });
    });
  });

  describe("checks the supersessions table against the bodies", () => {
    async function correctedLedger() {
      const store = await newStore();
      const original = launch("2022-10-28");
      await store.appendEvents(items("a.json", [original, launch("2022-11-02")]), options);
      const id = (await store.queryEvents())[0]!.id;
      await store.appendEvents(
        items("b.json", [launch("2022-10-28", { count: 2, supersedes: [id] })]),
        options,
      );
      const rows = await storedRows(store.location);
      expect((await store.verify()).ok).toBe(true);
      return { location: store.location, rows };
    }

    it("when someone hides an event by adding a supersession", async () => {
      const { location, rows } = await correctedLedger();
      await rawSql(location, "INSERT INTO supersessions (old_id, new_seq) VALUES (?, 3)", [rows[1]!.id]);
      const store = await reopen(location);
      try {
        expect(await store.queryEvents()).toHaveLength(1);
        expect(await store.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, id: rows[2]!.id } });
        expect((await store.verify()).firstBroken!.reason).toContain(rows[1]!.id);
      } finally {
        await store.close();
      }
    });

    it("when someone brings back a superseded event by deleting its supersession", async () => {
      const { location, rows } = await correctedLedger();
      await rawSql(location, "DELETE FROM supersessions");
      const store = await reopen(location);
      try {
        expect(await store.queryEvents()).toHaveLength(3);
        expect(await store.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, id: rows[2]!.id } });
      } finally {
        await store.close();
      }
    });
  });

  it("cannot see entries cut from the end: compare the head with one published before", async () => {
    const { location, head } = await fourLaunches();
    await tamperEntries(location, ["DELETE FROM entries WHERE seq = 4"]);
    const report = await verifyAt(location);
    expect(report).toMatchObject({ ok: true, entries: 3 });
    expect(report.head).not.toBe(head);
  });
});
