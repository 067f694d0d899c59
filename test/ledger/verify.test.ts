import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { appendEvents, openLedger, queryEvents, verifyLedger, type Ledger } from "../../src/ledger/index.js";
import { GENESIS, linkHash } from "../../src/ledger/chain.js";
import { canonicalJson, parseEvent, type Provenance } from "../../src/model/index.js";
import { RECORDED_AT, items, launch, outsider, tempLedger } from "./helpers.js";

const options = { importer: "json", file: "launches.json", recordedAt: RECORDED_AT };
const DATES = ["2022-10-28", "2022-11-02", "2022-11-03", "2022-11-18"];

interface Row {
  seq: number;
  id: string;
  recorded_at: string;
  body: string;
  hash: string;
}

/** A ledger of four launches, closed; returns its file and its rows as written. */
async function fourLaunches(): Promise<{ file: string; rows: Row[]; head: string }> {
  const ledger = tempLedger();
  await appendEvents(
    ledger,
    items(
      "launches.json",
      DATES.map((d) => launch(d)),
    ),
    options,
  );
  const { head } = verifyLedger(ledger);
  const rows = ledger.db
    .prepare("SELECT seq, id, recorded_at, body, hash FROM entries ORDER BY seq")
    .all() as Row[];
  ledger.close();
  return { file: ledger.file, rows, head };
}

/** Opens the file as an outsider, drops the append-only triggers and runs the change. */
function tamper(file: string, change: (db: Database.Database) => void): void {
  const db = outsider(file);
  db.exec("DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;");
  change(db);
  db.close();
}

function reopen(file: string): Ledger {
  return openLedger(file, { mustExist: true });
}

/** The chain alone (database-check.test.ts covers the database under it). */
function verifyFile(file: string) {
  const ledger = reopen(file);
  try {
    return verifyLedger(ledger, { quick: true });
  } finally {
    ledger.close();
  }
}

describe("verifyLedger", () => {
  it("finds an untouched ledger whole, and gives the hash of its last link", async () => {
    const { file, rows, head } = await fourLaunches();
    expect(verifyFile(file)).toEqual({ ok: true, entries: 4, head: rows[3]!.hash });
    expect(head).toBe(rows[3]!.hash);
  });

  it("finds an empty ledger whole, with the genesis hash as its head", () => {
    const ledger = tempLedger();
    expect(verifyLedger(ledger, { quick: true })).toEqual({ ok: true, entries: 0, head: GENESIS });
    expect(verifyLedger(ledger).database).toMatchObject({ ok: true, problems: [] });
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
    const ledger = tempLedger();
    await appendEvents(ledger, items("a.json", [launch("2022-10-28")]), options);
    const first = verifyLedger(ledger).head;
    await appendEvents(ledger, items("a.json", [launch("2022-10-28")]), options);
    expect(verifyLedger(ledger).head).toBe(first);
    await appendEvents(ledger, items("a.json", [launch("2022-11-02")]), options);
    expect(verifyLedger(ledger).head).not.toBe(first);
  });

  it("verifies a ledger opened read-only", async () => {
    const { file } = await fourLaunches();
    const ledger = openLedger(file, { readonly: true });
    expect(verifyLedger(ledger)).toMatchObject({ ok: true, entries: 4 });
    ledger.close();
  });

  describe("the triggers", () => {
    it("refuse UPDATE through SQLite", async () => {
      const { file } = await fourLaunches();
      const db = outsider(file);
      expect(() => db.prepare("UPDATE entries SET count = 3 WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE entries SET body = body").run()).toThrow(/append-only/);
    });

    it("refuse DELETE through SQLite", async () => {
      const { file } = await fourLaunches();
      const db = outsider(file);
      expect(() => db.prepare("DELETE FROM entries WHERE seq = 4").run()).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM entries").run()).toThrow(/append-only/);
      expect(db.prepare("SELECT count(*) FROM entries").pluck().get()).toBe(4);
    });
  });

  describe("names the first broken entry when someone", () => {
    it("changes one byte of an event's date in its body", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => {
        const body = rows[1]!.body.replace('"date":"2022-11-02"', '"date":"2022-11-03"');
        expect(body).not.toBe(rows[1]!.body);
        db.prepare("UPDATE entries SET body = ? WHERE seq = 2").run(body);
      });
      expect(verifyFile(file)).toEqual({
        ok: false,
        entries: 2,
        head: rows[0]!.hash,
        firstBroken: { seq: 2, id: rows[1]!.id, reason: "its id does not match its content" },
      });
    });

    it("changes the body and the id together, to match", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => {
        const event = JSON.parse(rows[2]!.body) as Record<string, unknown>;
        const r = parseEvent(launch("2022-11-04"), event.provenance as Provenance);
        if (!r.ok) throw new Error("bad forgery");
        db.prepare("UPDATE entries SET id = ?, body = ?, date_first = ?, date_last = ? WHERE seq = 3").run(
          r.event.id,
          canonicalJson(r.event),
          "2022-11-04",
          "2022-11-04",
        );
      });
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 3,
        id: expect.stringMatching(/^ev_/),
        reason: "its hash does not match its content",
      });
    });

    it("changes one byte of a body outside the content (its provenance)", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => {
        db.prepare(
          'UPDATE entries SET body = replace(body, \'"record":"3"\', \'"record":"4"\') WHERE seq = 3',
        ).run();
      });
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 3,
        id: rows[2]!.id,
        reason: "its hash does not match its content",
      });
    });

    it("recomputes the hash of the entry it changed", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => {
        const body = rows[2]!.body.replace('"record":"3"', '"record":"9"');
        db.prepare("UPDATE entries SET body = ?, hash = ? WHERE seq = 3").run(
          body,
          linkHash(rows[1]!.hash, 3, rows[2]!.recorded_at, body),
        );
      });
      expect(verifyFile(file).firstBroken).toEqual({
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
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => db.exec(`UPDATE entries SET ${column} = ${value} WHERE seq = 2`));
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 2,
        id: rows[1]!.id,
        reason: `its column ${column} does not match its body`,
      });
    });

    it("changes one byte of recorded_at", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) =>
        db
          .prepare("UPDATE entries SET recorded_at = ? WHERE seq = 4")
          .run(RECORDED_AT.replace("09:00", "09:01")),
      );
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 4,
        id: rows[3]!.id,
        reason: "its hash does not match its content",
      });
    });

    it("changes the stored hash or the stored link", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => db.prepare("UPDATE entries SET prev_hash = ? WHERE seq = 1").run("1".repeat(64)));
      expect(verifyFile(file).firstBroken).toMatchObject({ seq: 1, id: rows[0]!.id });
    });

    it("deletes an entry", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => db.exec("DELETE FROM entries WHERE seq = 2"));
      expect(verifyFile(file)).toMatchObject({
        ok: false,
        head: rows[0]!.hash,
        firstBroken: { seq: 3, id: rows[2]!.id, reason: "entry 2 is missing" },
      });
    });

    it("deletes the first entry", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => db.exec("DELETE FROM entries WHERE seq = 1"));
      expect(verifyFile(file).firstBroken).toEqual({ seq: 2, id: rows[1]!.id, reason: "entry 1 is missing" });
    });

    it("swaps two entries' bodies", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => {
        db.prepare("UPDATE entries SET body = ? WHERE seq = 2").run(rows[2]!.body);
        db.prepare("UPDATE entries SET body = ? WHERE seq = 3").run(rows[1]!.body);
      });
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 2,
        id: rows[1]!.id,
        reason: "its id does not match its content",
      });
    });

    it("swaps two whole entries but their positions", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => {
        const cols =
          "id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence";
        const r2 = db.prepare(`SELECT ${cols} FROM entries WHERE seq = 2`).get() as Record<string, unknown>;
        const r3 = db.prepare(`SELECT ${cols} FROM entries WHERE seq = 3`).get() as Record<string, unknown>;
        const set = cols
          .split(", ")
          .map((c) => `${c} = @${c}`)
          .join(", ");
        db.prepare(`UPDATE entries SET id = 'swap' WHERE seq = 2`).run();
        db.prepare(`UPDATE entries SET ${set} WHERE seq = 3`).run(r2);
        db.prepare(`UPDATE entries SET ${set} WHERE seq = 2`).run(r3);
      });
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 2,
        id: rows[2]!.id,
        reason: "its link to the previous entry does not match",
      });
    });

    it("rewrites a body in another JSON form", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => {
        const pretty = JSON.stringify(JSON.parse(rows[0]!.body), null, 1);
        db.prepare("UPDATE entries SET body = ? WHERE seq = 1").run(pretty);
      });
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 1,
        id: rows[0]!.id,
        reason: "its body is not in canonical form",
      });
    });

    it("breaks a body's JSON", async () => {
      const { file, rows } = await fourLaunches();
      tamper(file, (db) => db.exec("UPDATE entries SET body = substr(body, 2) WHERE seq = 1"));
      expect(verifyFile(file).firstBroken).toEqual({
        seq: 1,
        id: rows[0]!.id,
        reason: "its body is not valid JSON",
      });
    });
  });

  describe("checks the supersessions table against the bodies", () => {
    async function correctedLedger() {
      const ledger = tempLedger();
      const original = launch("2022-10-28");
      await appendEvents(ledger, items("a.json", [original, launch("2022-11-02")]), options);
      const id = queryEvents(ledger)[0]!.id;
      await appendEvents(
        ledger,
        items("b.json", [launch("2022-10-28", { count: 2, supersedes: [id] })]),
        options,
      );
      const rows = ledger.db.prepare("SELECT seq, id FROM entries ORDER BY seq").all() as {
        seq: number;
        id: string;
      }[];
      expect(verifyLedger(ledger).ok).toBe(true);
      ledger.close();
      return { file: ledger.file, rows };
    }

    it("when someone hides an event by adding a supersession", async () => {
      const { file, rows } = await correctedLedger();
      const db = outsider(file);
      db.prepare("INSERT INTO supersessions (old_id, new_seq) VALUES (?, 3)").run(rows[1]!.id);
      db.close();
      const ledger = reopen(file);
      expect(queryEvents(ledger)).toHaveLength(1);
      expect(verifyLedger(ledger)).toMatchObject({ ok: false, firstBroken: { seq: 3, id: rows[2]!.id } });
      expect(verifyLedger(ledger).firstBroken!.reason).toContain(rows[1]!.id);
      ledger.close();
    });

    it("when someone brings back a superseded event by deleting its supersession", async () => {
      const { file, rows } = await correctedLedger();
      const db = outsider(file);
      db.exec("DELETE FROM supersessions");
      db.close();
      const ledger = reopen(file);
      expect(queryEvents(ledger)).toHaveLength(3);
      expect(verifyLedger(ledger)).toMatchObject({ ok: false, firstBroken: { seq: 3, id: rows[2]!.id } });
      ledger.close();
    });
  });

  it("cannot see entries cut from the end: compare the head with one published before", async () => {
    const { file, head } = await fourLaunches();
    tamper(file, (db) => db.exec("DELETE FROM entries WHERE seq = 4"));
    const report = verifyFile(file);
    expect(report).toMatchObject({ ok: true, entries: 3 });
    expect(report.head).not.toBe(head);
  });
});
