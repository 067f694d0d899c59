// The appends' tests that look inside the SQLite file itself (its tables read on the ledger's own connection or as an
// outsider, the connection's transaction state). The rest, and an equivalent of each of these read with rawSql on
// both engines, are in test/store/append.test.ts.
import { describe, expect, it } from "vitest";
import {
  appendEvents,
  countEntries,
  queryEvents,
  verifyLedger,
  type ImportItem,
} from "../../src/ledger/index.js";
import { formatIssue, InputError } from "../../src/model/index.js";
import { RECORDED_AT, dump, items, launch, outsider, tempLedger } from "./helpers.js";

const options = { importer: "json", file: "launches.json", recordedAt: RECORDED_AT };

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
  it("logs each import", async () => {
    const ledger = tempLedger();
    await appendEvents(ledger, items("a.json", [launch("2022-10-28"), launch("2022-10-28")]), options);
    expect(
      ledger.db.prepare("SELECT importer, file, added, duplicates, rejected FROM imports").all(),
    ).toEqual([{ importer: "json", file: "launches.json", added: 1, duplicates: 1, rejected: 0 }]);
  });

  describe("duplicates", () => {
    it("adds nothing when the same records are imported again", async () => {
      const ledger = tempLedger();
      const batch = items("a.json", [launch("2022-10-28"), launch("2022-11-02"), launch("2022-11-03")]);
      await appendEvents(ledger, batch, options);
      const before = dump(ledger.db).replace(/"imports":.*/, "");
      const again = await appendEvents(ledger, batch, options);
      expect(again).toMatchObject({ read: 3, added: 0, duplicates: 3, rejected: [] });
      expect(dump(ledger.db).replace(/"imports":.*/, "")).toBe(before);
      expect(countEntries(ledger)).toBe(3);
    });
  });

  describe("all or nothing", () => {
    async function ledgerWithTwo() {
      const ledger = tempLedger();
      await appendEvents(ledger, items("old.json", [launch("2017-07-04"), launch("2017-07-28")]), options);
      return ledger;
    }

    it("leaves the ledger exactly as it was when a record in the middle of a batch is broken", async () => {
      const ledger = await ledgerWithTwo();
      const before = dump(outsider(ledger.file));
      const batch = items("launches.json", [
        launch("2022-10-28"),
        launch("2022-11-02"),
        launch("2021-02-29"),
        launch("2022-11-03"),
      ]);
      const err = await thrown(appendEvents(ledger, batch, options));

      expect(dump(outsider(ledger.file))).toBe(before);
      expect(countEntries(ledger)).toBe(2);
      expect(verifyLedger(ledger)).toMatchObject({ ok: true, entries: 2 });
      expect(ledger.db.inTransaction).toBe(false);

      expect(err.message).toMatch(/^launches\.json: 1 invalid record\(s\); nothing was imported/);
      expect(err.issues).toEqual([
        { where: { file: "launches.json", record: "3" }, issue: expect.objectContaining({ path: "date" }) },
      ]);
      expect(formatIssue(err.issues[0]!.issue, err.issues[0]!.where)).toMatch(
        /^launches\.json:3: field `date`: must be a date YYYY-MM-DD, YYYY-MM or YYYY/,
      );
    });

    it("takes a problem the importer found as a broken record", async () => {
      const ledger = await ledgerWithTwo();
      const before = dump(ledger.db);
      const batch: ImportItem[] = [
        ...items("gdelt.csv", [launch("2022-10-28")]),
        {
          where: { file: "gdelt.csv", record: "2" },
          issues: [{ kind: "format", message: "expected 61 columns, got 60" }],
        },
      ];
      const err = await thrown(appendEvents(ledger, batch, options));
      expect(err.issues).toEqual([
        {
          where: { file: "gdelt.csv", record: "2" },
          issue: { kind: "format", message: "expected 61 columns, got 60" },
        },
      ]);
      expect(dump(ledger.db)).toBe(before);
    });

    it("writes nothing when a record breaks the ledger's own rules", async () => {
      const ledger = await ledgerWithTwo();
      const before = dump(ledger.db);
      const batch = items("launches.json", [
        launch("2022-10-28"),
        launch("2022-10-29", { supersedes: ["ev_0123456789abcdef0123"] }),
      ]);
      const err = await thrown(appendEvents(ledger, batch, options));
      expect(err.issues[0]).toMatchObject({ where: { record: "2" }, issue: { path: "supersedes" } });
      expect(dump(ledger.db)).toBe(before);
    });
  });

  describe("skipInvalid", () => {
    it("imports the valid records and reports the others with their reasons", async () => {
      const ledger = tempLedger();
      const batch = items("launches.json", [
        launch("2022-10-28"),
        launch("2021-02-29"),
        launch("2022-11-02"),
        launch("2022-11-03", { attributes: { class: "SRBM", range: 300 } }),
      ]);
      const report = await appendEvents(ledger, batch, { ...options, skipInvalid: true });
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
      expect(queryEvents(ledger).map((e) => e.date)).toEqual(["2022-10-28", "2022-11-02"]);
      expect(ledger.db.prepare("SELECT added, rejected FROM imports").get()).toEqual({
        added: 2,
        rejected: 2,
      });
      expect(verifyLedger(ledger).ok).toBe(true);
    });
  });
});
