import { describe, expect, it } from "vitest";
import { appendEvents, verifyLedger } from "../../src/ledger/index.js";
import { RECORDED_AT, items, launch, outsider, tempLedger } from "./helpers.js";

// The SQLite file itself, opened with plain SQLite. verify on both engines: test/store/verify.test.ts.

const options = { importer: "json", file: "launches.json", recordedAt: RECORDED_AT };
const DATES = ["2022-10-28", "2022-11-02", "2022-11-03", "2022-11-18"];

/** A ledger of four launches, closed; returns its file. */
async function fourLaunches(): Promise<{ file: string }> {
  const ledger = tempLedger();
  await appendEvents(
    ledger,
    items(
      "launches.json",
      DATES.map((d) => launch(d)),
    ),
    options,
  );
  expect(verifyLedger(ledger).ok).toBe(true);
  ledger.close();
  return { file: ledger.file };
}

describe("verifyLedger", () => {
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
});
