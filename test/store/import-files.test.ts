import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile, toCsv, toJsonLines } from "../../src/importers/index.js";
import { launch, tempDir } from "../ledger/helpers.js";
import { ENGINE, newStore } from "./engine.js";

/** Three events of three kinds, one with an amount, as a user's JSON Lines file would hold them. */
const EVENTS = [
  launch("2022-10-28", { count: 2 }),
  {
    type: "military_exercise",
    date: "2022-10-31",
    end: "2022-11-05",
    actor: "USA+KOR",
    attributes: { name: "Vigilant Storm 2022", status: "held", scale: "large", aircraft: 240 },
    sources: [{ title: "Vigilant Storm report" }],
  },
  {
    type: "aid_delivered",
    date: "1995-01-20",
    actor: "USA",
    target: "PRK",
    attributes: { goods: "heavy_fuel_oil" },
    amount: { value: 50000, unit: "t" },
    sources: [{ title: "a report" }],
  },
];

describe(`JSON Lines and CSV files imported into a ledger on ${ENGINE}`, () => {
  it("a JSON Lines file, then the ledger's own JSON Lines and CSV exports, give the same events; again, nothing new", async () => {
    const dir = tempDir();
    const file = join(dir, "events.jsonl");
    writeFileSync(file, EVENTS.map((e) => JSON.stringify(e)).join("\n") + "\n");
    const store = await newStore();
    const first = await importFile(store, file);
    expect(first).toMatchObject({ importer: "jsonl", read: 3, added: 3, duplicates: 0, rejected: [] });
    const events = await store.queryEvents({});
    expect(events.map((e) => e.type).sort()).toEqual([
      "aid_delivered",
      "military_exercise",
      "missile_launch",
    ]);

    for (const [name, text] of [
      ["export.jsonl", toJsonLines(events)],
      ["export.csv", toCsv(events)],
    ] as const) {
      const out = join(dir, name);
      writeFileSync(out, text);
      const copy = await newStore();
      expect(await importFile(copy, out)).toMatchObject({ read: 3, added: 3, rejected: [] });
      const again = await copy.queryEvents({});
      expect(again.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(again.find((e) => e.type === "aid_delivered")?.amount).toEqual({ value: 50000, unit: "t" });
      // Into the first ledger: every event is there already.
      expect(await importFile(store, out)).toMatchObject({ read: 3, added: 0, duplicates: 3 });
    }
    expect(await store.countEntries()).toBe(3);
    expect((await store.verify()).ok).toBe(true);
  });

  it("a CSV file with a bad row writes nothing, naming the row; with skipInvalid, the others", async () => {
    const dir = tempDir();
    const file = join(dir, "events.csv");
    writeFileSync(
      file,
      [
        "date,type,actor,attr.subject,source_title",
        "2022-10-28,statement,PRK,test,KCNA",
        "2022-13-01,statement,PRK,test,KCNA",
        "2022-11-02,statement,PRK,drills,KCNA",
      ].join("\n") + "\n",
    );
    const store = await newStore();
    await expect(importFile(store, file)).rejects.toThrow(/1 invalid record\(s\); nothing was imported/);
    expect(await store.countEntries()).toBe(0);
    const report = await importFile(store, file, { skipInvalid: true });
    expect(report).toMatchObject({ read: 3, added: 2 });
    expect(report.rejected.map((r) => r.where.record)).toEqual(["3"]);
    expect(await store.countEntries()).toBe(2);
  });
});
