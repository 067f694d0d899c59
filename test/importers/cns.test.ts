import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cnsImporter } from "../../src/importers/cns.js";
import type { ImportItem } from "../../src/ledger/index.js";
import { parseEvent, type Issue, type LedgerEvent, type RecordLocation } from "../../src/model/index.js";

const repoRoot = path.resolve(fileURLToPath(import.meta.url), "../../..");
const dataDir = path.resolve(repoRoot, "../shared/data/cns-missile-tests");
const haveData = existsSync(path.join(dataDir, "test.en.json"));
if (!haveData) console.warn(`CNS data not found at ${dataDir}: the tests on the real file are skipped`);

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lockstep-cns-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

interface Read {
  events: (LedgerEvent & { where: RecordLocation })[];
  rejected: { where: RecordLocation; issues: Issue[] }[];
  filtered: number;
}

/** Reads a file with the importer and validates every event as the ledger would. */
async function readAll(file: string, options = {}): Promise<Read> {
  const out: Read = { events: [], rejected: [], filtered: 0 };
  for await (const item of cnsImporter.read(file, options)) {
    if ("filtered" in item) out.filtered++;
    else if ("issues" in item) out.rejected.push(item);
    else {
      const parsed = parseEvent(item.input);
      if (!parsed.ok) throw new Error(`${item.where.record}: ${JSON.stringify(parsed.issues)}`);
      out.events.push({ ...parsed.event, where: item.where });
    }
  }
  return out;
}

const sumCounts = (events: { count: number }[]) => events.reduce((n, e) => n + e.count, 0);

const MISSILES = {
  "hwasong-11d": { name: "Hwasong-11D (KN-35)", type: "SRBM" },
  "hwasong-12b": { name: "Hwasong-12B", type: "HGV" },
  "hwasong-17": { name: "Hwasong-17", type: "ICBM" },
  oddity: { name: "Oddity", type: "SRCM" },
  unknown: { name: "Unknown", type: "Unknown" },
};
const FACILITIES = {
  sinpo: { name: "Sinpo Shipyard", lat: 40, lon: 128 },
  unknown: { name: "Unknown", lat: 39, lon: 125 },
};

function record(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    date: "2019-06-01",
    time: "01:00 (UTC)",
    missile: "hwasong-11d",
    facility: "sinpo",
    landing: "sea-of-japan",
    apogee: 50,
    distance: "140",
    bearing: 58,
    outcome: "success",
    description: "",
    ...over,
  };
}

/** Writes the three CNS files to a temp dir; `null` leaves a file out. Returns the dir. */
function fixture(
  bins: Record<string, unknown>[][],
  files: { missiles?: unknown; facilities?: unknown } = {},
): string {
  const dir = tempDir();
  const write = (name: string, json: unknown) => {
    if (json !== null) writeFileSync(path.join(dir, name), JSON.stringify(json));
  };
  write("test.en.json", { timeBins: bins.map((data, i) => ({ year: 2000 + i, data })) });
  write("missile.en.json", files.missiles === undefined ? MISSILES : files.missiles);
  write(
    "facility.en.json",
    files.facilities === null ? null : { facilities: files.facilities ?? FACILITIES },
  );
  return dir;
}

describe("cns importer on synthetic files", () => {
  it("groups a salvo into one event, keeping the earliest UTC instant", async () => {
    const dir = fixture([
      [
        record({ time: "03:18 (UTC)", series: 1, description: "Two SRBMs were launched from Sinpo." }),
        record({ time: "02:59 (UTC)", series: 2, description: "2 of 2" }),
      ],
    ]);
    const { events, rejected } = await readAll(path.join(dir, "test.en.json"));
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({
      type: "missile_launch",
      date: "2019-06-01",
      time: "2019-06-01T02:59:00Z",
      actors: ["PRK"],
      count: 2,
      confidence: "confirmed",
      attributes: {
        class: "SRBM",
        missile: "Hwasong-11D (KN-35)",
        facility: "Sinpo Shipyard",
        outcome: "success",
        apogeeKm: 50,
        distanceKm: 140,
        landing: "Sea of Japan",
      },
      summary: "2 × SRBM Hwasong-11D (KN-35) from Sinpo Shipyard (success)",
      where: { record: "timeBins[0].data[0]" },
    });
    expect(e?.sources).toHaveLength(2);
    expect(e?.sources[0]?.quote).toBe("Two SRBMs were launched from Sinpo.");
    expect(e?.sources[1]).toEqual({
      url: "https://github.com/nagix/nk-missile-tests",
      title: "nk-missile-tests (data/, Apache-2.0)",
      publisher: "nagix",
    });
  });

  it("dates by Pyongyang time, UTC+8:30 from 2015-08-15 to 2018-05-04", async () => {
    const dir = fixture([
      [
        record({ date: "2017-02-11", time: "22:55 (UTC)" }),
        record({ date: "2016-06-01", time: "15:20 (UTC)", missile: "hwasong-17" }), // 23:50 at UTC+8:30
        record({ date: "2019-06-01", time: "15:20 (UTC)", missile: "hwasong-12b" }), // 00:20 next day at UTC+9
      ],
    ]);
    const { events } = await readAll(dir);
    expect(events.map((e) => [e.date, e.time])).toEqual([
      ["2017-02-12", "2017-02-11T22:55:00Z"],
      ["2016-06-01", "2016-06-01T15:20:00Z"],
      ["2019-06-02", "2019-06-01T15:20:00Z"],
    ]);
  });

  it("splits one UTC day that spans two local days, and joins two UTC days that make one", async () => {
    const dir = fixture([
      [
        record({ date: "2019-06-01", time: "14:00 (UTC)" }), // 23:00 local, June 1
        record({ date: "2019-06-01", time: "16:00 (UTC)" }), // 01:00 local, June 2
        record({ date: "2019-06-02", time: "05:00 (UTC)" }), // 14:00 local, June 2
      ],
    ]);
    const { events } = await readAll(dir);
    expect(events.map((e) => [e.date, e.count, e.time])).toEqual([
      ["2019-06-01", 1, "2019-06-01T14:00:00Z"],
      ["2019-06-02", 2, "2019-06-01T16:00:00Z"],
    ]);
    expect(sumCounts(events)).toBe(3);
  });

  it("keeps the CNS date, full or partial, when the time is unknown, and says so", async () => {
    const dir = fixture([
      [record({ date: "1984-09", time: "unknown" }), record({ date: "2019-05-04", time: "unknown" })],
      [record({ date: "2019-05-09", time: "07:29 (UTC)" }), record({ date: "2019-05-09", time: "unknown" })],
    ]);
    const { events } = await readAll(dir);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ date: "1984-09", count: 1 });
    expect(events[0]?.time).toBeUndefined();
    expect(events[0]?.note).toMatch(/UTC date as CNS gives it/);
    expect(events[1]).toMatchObject({ date: "2019-05-04" });
    expect(events[2]).toMatchObject({ date: "2019-05-09", count: 2, time: "2019-05-09T07:29:00Z" });
    expect(events[2]?.note).toMatch(/1 of 2 missiles is unknown/);
  });

  it("reports mixed outcomes and keeps numbers only where every missile agrees", async () => {
    const dir = fixture([
      [
        record({ outcome: "success", apogee: "70", distance: 350, landing: "sea-of-japan" }),
        record({ outcome: "failure", apogee: 70, distance: "350", landing: "unknown" }),
        record({ outcome: "success", apogee: "70", distance: "na", landing: "sea-of-japan" }),
      ],
    ]);
    const { events } = await readAll(dir);
    expect(events).toHaveLength(1);
    expect(events[0]?.attributes).toEqual({
      class: "SRBM",
      missile: "Hwasong-11D (KN-35)",
      facility: "Sinpo Shipyard",
      facilityLocation: { lat: 40, lon: 128 },
      outcome: "mixed",
      outcomes: { success: 2, failure: 1, unknown: 0 },
      apogeeKm: 70,
    });
    expect(events[0]?.summary).toBe(
      "3 × SRBM Hwasong-11D (KN-35) from Sinpo Shipyard (2 success, 1 failure)",
    );
  });

  it("maps HGV to hypersonic and Unknown to unknown, leaving out unknown names", async () => {
    const dir = fixture([
      [
        record({ missile: "hwasong-12b" }),
        record({ missile: "unknown", facility: "unknown", outcome: "unknown" }),
      ],
    ]);
    const { events } = await readAll(dir);
    expect(events.map((e) => e.attributes.class)).toEqual(["hypersonic", "unknown"]);
    expect(events[1]?.attributes.missile).toBeUndefined();
    expect(events[1]?.attributes.facility).toBeUndefined();
    // CNS gives its "unknown" site coordinates (Pyongyang's airport's) that stand for no place.
    expect(events[1]?.attributes.facilityLocation).toBeUndefined();
    expect(events[1]?.summary).toBe("unknown missile from an unknown site (outcome unknown)");
  });

  it("records where the facility is, and refuses half a location or one off the globe, naming the field", async () => {
    const facilities = {
      ...FACILITIES,
      nowhere: { name: "Nowhere" },
      half: { name: "Half", lat: 39.5 },
      text: { name: "Text", lat: "39.5", lon: "125" },
      north: { name: "North", lat: 95, lon: 125 },
    };
    const dir = fixture(
      [
        [
          record({ facility: "nowhere" }),
          record({ facility: "half", date: "2019-06-02" }),
          record({ facility: "text", date: "2019-06-03" }),
          record({ facility: "north", date: "2019-06-04" }),
        ],
      ],
      { facilities },
    );
    const items: ImportItem[] = [];
    for await (const item of cnsImporter.read(dir, {})) items.push(item);
    const issues = items.flatMap((i) => ("issues" in i ? [[i.where.record, i.issues[0]?.path]] : []));
    expect(issues).toEqual([
      ["timeBins[0].data[1]", "facility"],
      ["timeBins[0].data[2]", "facility"],
    ]);
    const inputs = items.flatMap((i) => ("input" in i ? [parseEvent(i.input)] : []));
    expect(inputs).toHaveLength(2);
    // A facility the table gives no coordinates is still named, and drawn nowhere.
    expect(inputs[0]).toMatchObject({ ok: true, event: { attributes: { facility: "Nowhere" } } });
    expect(inputs[0]?.ok && inputs[0].event.attributes.facilityLocation).toBeUndefined();
    expect(inputs[1]).toMatchObject({
      ok: false,
      issues: [{ path: "attributes.facilityLocation.lat", message: "must be a latitude from -90 to 90" }],
    });
  });

  it("rejects a missile type that maps to no class, naming every record of the salvo", async () => {
    const dir = fixture([[record({ missile: "oddity" }), record({ missile: "oddity" })]]);
    const { events, rejected } = await readAll(dir);
    expect(events).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.where.record).toBe("timeBins[0].data[0]");
    expect(rejected[0]?.issues[0]).toMatchObject({ path: "missile", received: "SRCM" });
    expect(rejected[0]?.issues[0]?.message).toContain("timeBins[0].data[0], timeBins[0].data[1]");
  });

  it("reports broken records with the field, what was expected and what was received", async () => {
    const dir = fixture([
      [
        record({ missile: "no-such-missile" }),
        record({ date: "2019-13-01" }),
        record({ time: "7:29 KST" }),
        record({ facility: "atlantis", date: "2019-06-02" }),
        record({ apogee: "about 50", date: "2019-06-03" }),
      ],
    ]);
    const { events, rejected } = await readAll(dir);
    expect(events).toEqual([]);
    const found = rejected.map((r) => [r.where.record, r.issues[0]?.path, r.issues[0]?.received]);
    expect(found).toEqual([
      ["timeBins[0].data[0]", "missile", '"no-such-missile"'],
      ["timeBins[0].data[1]", "date", '"2019-13-01"'],
      ["timeBins[0].data[2]", "time", '"7:29 KST"'],
      ["timeBins[0].data[3]", "facility", '"atlantis"'],
      ["timeBins[0].data[4]", "apogee", '"about 50"'],
    ]);
    for (const r of rejected) expect(r.issues[0]?.expected).toBeTruthy();
  });

  it("leaves out a whole salvo when one of its records is broken, rather than undercount it", async () => {
    const dir = fixture([
      [record(), record({ outcome: "partly" }), record()],
      [record({ date: "2019-06-05" })],
    ]);
    const { events, rejected } = await readAll(dir);
    expect(events.map((e) => e.date)).toEqual(["2019-06-05"]);
    expect(rejected.map((r) => r.where.record)).toEqual(["timeBins[0].data[1]", "timeBins[0].data[0]"]);
    expect(rejected[0]?.issues[0]?.path).toBe("outcome");
    expect(rejected[1]?.issues[0]?.message).toContain("timeBins[0].data[1]");
  });

  it("names the file that is missing or not JSON", async () => {
    const noMissiles = fixture([[record()]], { missiles: null });
    const [missing] = (await readAll(noMissiles)).rejected;
    expect(missing?.where.file).toBe(path.join(noMissiles, "missile.en.json"));
    expect(missing?.issues[0]?.message).toContain("missile.en.json");

    const badFacilities = fixture([[record()]]);
    writeFileSync(path.join(badFacilities, "facility.en.json"), "{ not json");
    const [broken] = (await readAll(badFacilities)).rejected;
    expect(broken?.where.file).toBe(path.join(badFacilities, "facility.en.json"));
    expect(broken?.issues[0]?.message).toMatch(/facility\.en\.json is not valid JSON/);

    const empty = tempDir();
    const [none] = (await readAll(empty)).rejected;
    expect(none?.where.file).toBe(path.join(empty, "test.en.json"));
  });

  it("leaves out the trivial descriptions and trims long ones", async () => {
    const long = "word ".repeat(300);
    const dir = fixture([
      [record({ description: "1 of 2" })],
      [record({ date: "2019-06-05", description: long })],
    ]);
    const { events } = await readAll(dir);
    expect(events[0]?.sources[0]?.quote).toBeUndefined();
    const quote = events[1]?.sources[0]?.quote ?? "";
    expect(quote.length).toBeLessThanOrEqual(502);
    expect(quote.endsWith("…")).toBe(true);
  });

  it("marks every salvo filtered when the actor filter leaves out PRK", async () => {
    const dir = fixture([[record(), record({ date: "2019-06-05" })]]);
    expect(await readAll(dir, { actors: ["USA"] })).toMatchObject({ events: [], filtered: 2 });
    expect((await readAll(dir, { actors: ["PRK"] })).events).toHaveLength(2);
  });

  it("detects test.en.json by its content, and a directory that holds it", () => {
    const dir = fixture([[record()]]);
    const head = readFileSync(path.join(dir, "test.en.json"));
    expect(cnsImporter.detect(path.join(dir, "test.en.json"), head)).toBe(true);
    expect(cnsImporter.detect(dir, Buffer.alloc(0))).toBe(true);
    expect(cnsImporter.detect(path.join(dir, "missile.en.json"), Buffer.from(JSON.stringify(MISSILES)))).toBe(
      false,
    );
    expect(cnsImporter.detect(tempDir(), Buffer.alloc(0))).toBe(false);
  });
});

const realTitle = haveData
  ? "cns importer on the real CNS files"
  : `cns importer on the real CNS files (skipped: no data at ${dataDir})`;
describe.skipIf(!haveData)(realTitle, () => {
  const on = (events: Read["events"], date: string) => events.filter((e) => e.date === date);

  it("reconciles: 339 missiles, no issues, the same events in the same order on every read", async () => {
    const first = await readAll(path.join(dataDir, "test.en.json"));
    expect(first.rejected).toEqual([]);
    expect(sumCounts(first.events)).toBe(339);
    expect(first.events).toHaveLength(182);
    expect(new Set(first.events.map((e) => e.id)).size).toBe(first.events.length);
    const again = await readAll(dataDir);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
  });

  it("dates the 22:55 UTC launch of 2017-02-11 on 2017-02-12 in Korea", async () => {
    const [e, ...more] = on((await readAll(dataDir)).events, "2017-02-12");
    expect(more).toEqual([]);
    expect(e).toMatchObject({
      time: "2017-02-11T22:55:00Z",
      attributes: { missile: "Pukguksong-2", class: "MRBM" },
    });
  });

  it("makes the two launches of 2022-10-28 one event with count 2", async () => {
    const [e, ...more] = on((await readAll(dataDir)).events, "2022-10-28");
    expect(more).toEqual([]);
    // CNS describes them as short-range ballistic missiles, but keys them as missile "unknown".
    expect(e).toMatchObject({
      count: 2,
      time: "2022-10-28T02:59:00Z",
      attributes: {
        class: "unknown",
        facility: "Tongchon",
        outcome: "unknown",
        apogeeKm: 24,
        distanceKm: 230,
      },
    });
    expect(e?.sources[0]?.quote).toMatch(/two short-range ballistic missiles/);
  });

  it("dates the failed Hwasong-17 of 2022-03-16 on 2022-03-16, class ICBM", async () => {
    const e = on((await readAll(dataDir)).events, "2022-03-16").find(
      (x) => x.attributes.missile === "Hwasong-17",
    );
    expect(e).toMatchObject({ count: 1, attributes: { class: "ICBM", outcome: "failure" } });
  });

  it("classes the Hwasong-12 of 2022-01-30 as an IRBM", async () => {
    const e = on((await readAll(dataDir)).events, "2022-01-30").find(
      (x) => x.attributes.missile === "Hwasong-12",
    );
    expect(e).toMatchObject({ time: "2022-01-29T22:52:00Z", attributes: { class: "IRBM" } });
  });

  it("reports an unknown missile key in the middle of a broken copy, naming the record", async () => {
    const dir = tempDir();
    cpSync(dataDir, dir, { recursive: true });
    const file = path.join(dir, "test.en.json");
    const json = JSON.parse(readFileSync(file, "utf8")) as { timeBins: { data: { missile: string }[] }[] };
    const target = json.timeBins[18]?.data[11];
    if (!target) throw new Error("the CNS file no longer has timeBins[18].data[11]");
    target.missile = "no-such-missile";
    writeFileSync(file, JSON.stringify(json));

    const { events, rejected } = await readAll(file);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.where).toEqual({ file, record: "timeBins[18].data[11]" });
    expect(rejected[0]?.issues[0]).toMatchObject({ path: "missile", received: '"no-such-missile"' });
    expect(sumCounts(events)).toBe(338);
  });
  // Importing the real files into a ledger, on both engines: test/store/import-cns.test.ts.
});
