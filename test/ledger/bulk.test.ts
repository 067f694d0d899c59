import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendEvents, countEntries, openLedger, verifyLedger, type Ledger } from "../../src/ledger/index.js";
import { InputError } from "../../src/model/index.js";
import { RECORDED_AT, dump, items, launch, outsider, tempLedger } from "./helpers.js";

const options = { importer: "json", file: "launches.json", recordedAt: RECORDED_AT };
const days = (n: number) =>
  Array.from({ length: n }, (_, i) => launch(new Date(Date.UTC(2017, 0, 1 + i)).toISOString().slice(0, 10)));

/** The journal mode of the ledger's connection. */
function mode(ledger: { db: { pragma(s: string, o: { simple: true }): unknown } }): unknown {
  return ledger.db.pragma("journal_mode", { simple: true });
}

/** Imports three events in bulk, noting the ledger's journal mode as each record is read. */
async function modesDuringBulkImport(ledger: Ledger): Promise<unknown[]> {
  const seen: unknown[] = [];
  async function* watched() {
    for (const item of items("launches.json", days(3))) {
      seen.push(mode(ledger));
      yield item;
    }
  }
  await appendEvents(ledger, watched(), { ...options, bulk: true });
  return seen;
}

describe("bulk imports (appendEvents with bulk)", () => {
  it("write the same entries as an ordinary import, and leave the ledger in WAL mode", async () => {
    const bulk = tempLedger();
    const plain = tempLedger();
    await appendEvents(bulk, items("launches.json", days(500)), { ...options, bulk: true });
    await appendEvents(plain, items("launches.json", days(500)), options);
    const entries = "SELECT * FROM entries ORDER BY seq";
    expect(bulk.db.prepare(entries).all()).toEqual(plain.db.prepare(entries).all());
    expect(mode(bulk)).toBe("wal");
    expect(bulk.db.pragma("synchronous", { simple: true })).toBe(1); // NORMAL again
    expect(verifyLedger(bulk).ok).toBe(true);
  });

  it("use a rollback journal while they run, when no one else has the ledger open", async () => {
    const ledger = tempLedger();
    const seen = await modesDuringBulkImport(ledger);
    expect(seen).toEqual(["delete", "delete", "delete"]);
  });

  it("keep the ledger to themselves: another process opening it to write is told why it cannot", async () => {
    const ledger = tempLedger();
    let refused: unknown;
    async function* watched() {
      for (const item of items("launches.json", days(3))) {
        if (item.where.record === "3") {
          try {
            openLedger(ledger.file, { waitMs: 50 }).close();
          } catch (err) {
            refused = err;
          }
        }
        yield item;
      }
    }
    await appendEvents(ledger, watched(), { ...options, bulk: true });
    expect(String(refused)).toMatch(/the ledger is busy: another process is writing to it .*try again/);
    expect(countEntries(ledger)).toBe(3);
  });

  it("go through the write-ahead log as usual when another connection has the ledger open", async () => {
    const ledger = tempLedger();
    const reader = outsider(ledger.file);
    reader.prepare("SELECT count(*) FROM entries").get();
    const seen = await modesDuringBulkImport(ledger);
    expect(seen).toEqual(["wal", "wal", "wal"]);
    expect(reader.prepare("SELECT count(*) AS n FROM entries").get()).toEqual({ n: 3 });
  });

  it("write nothing and still return to WAL mode when a record is invalid", async () => {
    const ledger = tempLedger();
    await appendEvents(ledger, items("first.json", days(2)), options);
    const before = dump(ledger.db);
    const inputs = [...days(300), launch("2018-02-30")];
    await expect(
      appendEvents(ledger, items("launches.json", inputs), { ...options, bulk: true }),
    ).rejects.toThrow(InputError);
    expect(dump(ledger.db)).toBe(before);
    expect(mode(ledger)).toBe("wal");
    ledger.close();
    const reopened = openLedger(ledger.file);
    expect(countEntries(reopened)).toBe(2);
    reopened.close();
  });

  it("killed mid-way, are played back before anyone reads, even a read-only command", async () => {
    const ledger = tempLedger();
    await appendEvents(ledger, items("first.json", days(3)), options);
    ledger.close();
    // A crash, as the files are left: the import's pages already in the file, the old ones in its journal.
    const raw = outsider(ledger.file);
    raw.pragma("journal_mode = DELETE");
    raw.pragma("cache_size = 2");
    raw.exec("BEGIN IMMEDIATE");
    const insert = raw.prepare(
      "INSERT INTO entries (seq, id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence) VALUES (?, ?, 'x', ?, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 1, 'x')",
    );
    for (let i = 4; i < 2000; i++) insert.run(i, `ev_${i}`, "x".repeat(2000));
    const crashed = path.join(path.dirname(ledger.file), "crashed.db");
    fs.copyFileSync(ledger.file, crashed);
    fs.copyFileSync(`${ledger.file}-journal`, `${crashed}-journal`);
    raw.exec("ROLLBACK");
    expect(fs.statSync(`${crashed}-journal`).size).toBeGreaterThan(0);

    const reader = openLedger(crashed, { readonly: true });
    expect(countEntries(reader)).toBe(3);
    expect(verifyLedger(reader).ok).toBe(true);
    reader.close();
    expect(fs.existsSync(`${crashed}-journal`)).toBe(false);
  });

  it("that find the ledger busy elsewhere say so, and write nothing", async () => {
    const ledger = tempLedger();
    const other = outsider(ledger.file);
    other.exec("BEGIN IMMEDIATE"); // another process in the middle of a write
    const impatient = openLedger(ledger.file, { waitMs: 50 });
    try {
      await expect(
        appendEvents(impatient, items("launches.json", days(3)), { ...options, bulk: true }),
      ).rejects.toThrow(/^launches\.json: the ledger stayed busy .*nothing was imported; try again$/);
    } finally {
      impatient.close();
      other.exec("ROLLBACK");
    }
    expect(countEntries(ledger)).toBe(0);
  });
});
