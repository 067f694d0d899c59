import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gdeltImporter } from "../../src/importers/gdelt.js";
import { parseEvent } from "../../src/model/index.js";
import { hasSample, readAll, SAMPLE, sampleTitle, tally } from "./gdelt-fixture.js";
import { zipOneFile } from "./zip-fixture.js";

const tmp = mkdtempSync(path.join(tmpdir(), "lockstep-gdelt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

/** Columns of a GDELT 2.0 row (0-based) that a test sets; the 1.0 layouts drop the three ADM2 codes. */
const ADM2 = [39, 47, 55];

/** A synthetic GDELT 2.0 row: USA → PRK, CAMEO 163, with any column overridden. */
function row2(overrides: Record<number, string> = {}): string[] {
  const fields = Array<string>(61).fill("");
  Object.assign(fields, {
    0: "1000001",
    1: "20180612",
    2: "201806",
    3: "2018",
    4: "2018.4438",
    5: "USAGOV",
    6: "UNITED STATES",
    7: "USA",
    15: "PRK",
    16: "NORTH KOREA",
    17: "PRK",
    25: "1",
    26: "163",
    27: "163",
    28: "16",
    29: "4",
    30: "-8.0",
    31: "6",
    32: "2",
    33: "6",
    34: "-3.5",
    59: "20180612120000",
    60: "https://example.org/news/1",
    ...overrides,
  });
  return fields;
}

const toV1 = (fields: string[]) => fields.filter((_, i) => !ADM2.includes(i));
const line = (fields: string[]) => fields.join("\t");

describe("gdeltImporter.detect", () => {
  it("recognises GDELT exports by name (zip) or by their first line", () => {
    expect(gdeltImporter.detect("20191024143000.export.CSV.zip", Buffer.alloc(0))).toBe(true);
    expect(gdeltImporter.detect("20130401.export.CSV.zip", Buffer.alloc(0))).toBe(true);
    expect(gdeltImporter.detect("events.zip", Buffer.alloc(0))).toBe(false);
    expect(gdeltImporter.detect("x.CSV", Buffer.from(line(row2()) + "\n"))).toBe(true);
    expect(gdeltImporter.detect("x.tsv", Buffer.from(line(toV1(row2())) + "\n"))).toBe(true);
    expect(gdeltImporter.detect("x.tsv", Buffer.from(line(toV1(row2()).slice(0, 57)) + "\n"))).toBe(true);
    expect(gdeltImporter.detect("x.csv", Buffer.from("date,type,actor\n2018-06-12,statement,USA\n"))).toBe(
      false,
    );
    expect(gdeltImporter.detect("x.tsv", Buffer.from(line(row2({ 0: "id" })) + "\n"))).toBe(false);
  });
});

describe("gdeltImporter.read on synthetic rows", () => {
  const expectedInput = {
    type: "cameo_event",
    date: "2018-06-12",
    actors: ["USA"],
    targets: ["PRK"],
    attributes: {
      code: "163",
      goldstein: -8,
      quadClass: 4,
      numMentions: 6,
      numSources: 2,
      numArticles: 6,
      avgTone: -3.5,
      rootCode: "16",
      globalEventId: "1000001",
      actor1Name: "UNITED STATES",
      actor2Name: "NORTH KOREA",
      actor1Code: "USAGOV",
      actor2Code: "PRK",
      dateAdded: "20180612120000",
      isRootEvent: true,
    },
    summary: "USA → PRK: CAMEO 163 (Goldstein -8.0)",
    sources: [{ url: "https://example.org/news/1" }],
    confidence: "unverified",
  };

  it("maps a GDELT 2.0 row (61 columns)", async () => {
    const file = write("v2.tsv", line(row2()) + "\n");
    expect(await readAll(file)).toEqual([{ where: { file, record: "1" }, input: expectedInput }]);
  });

  it("maps a GDELT 1.0 daily row (58 columns) and a backfile row (57 columns, no SOURCEURL)", async () => {
    const daily = toV1(row2({ 59: "20180612" }));
    expect(daily).toHaveLength(58);
    const backfile = daily.slice(0, 57);
    const [a] = await readAll(write("v1-daily.tsv", line(daily)));
    const [b] = await readAll(write("v1-back.tsv", line(backfile)));
    const v1 = { ...expectedInput, attributes: { ...expectedInput.attributes, dateAdded: "20180612" } };
    expect(a).toMatchObject({ input: v1 });
    expect(b).toMatchObject({ input: { ...v1, sources: [{ title: "GDELT 1.0 event 1000001" }] } });
  });

  it("keeps a citation that is not a URL as the source's title", async () => {
    const [item] = await readAll(write("cite.tsv", line(toV1(row2({ 60: "BBC Monitoring" })))));
    expect(item).toMatchObject({ input: { sources: [{ title: "BBC Monitoring" }] } });
  });

  it("takes a known group when there is no country, omits an empty target, filters an unattributed actor", async () => {
    const group = row2({ 5: "IGOUNO", 7: "", 8: "UNO", 15: "", 16: "", 17: "" });
    const nobody = row2({ 5: "", 6: "", 7: "" });
    const items = await readAll(write("actors.tsv", [line(group), line(nobody)].join("\n")));
    expect(items[0]).toMatchObject({
      input: { actors: ["UNO"], summary: "UNO: CAMEO 163 (Goldstein -8.0)" },
    });
    expect(items[0]).not.toHaveProperty("input.targets");
    expect(items[1]).toEqual({ where: { file: expect.any(String), record: "2" }, filtered: true });
  });

  it("keeps only rows with a wanted actor or target when asked", async () => {
    const rows = [row2(), row2({ 7: "JPN", 17: "CHN" }), row2({ 7: "CHN", 17: "USA" })];
    const items = await readAll(write("filter.tsv", rows.map(line).join("\n")), { actors: ["usa"] });
    expect(items.map((i) => ("filtered" in i ? "filtered" : "event"))).toEqual([
      "event",
      "filtered",
      "event",
    ]);
  });

  it("reports a row with the wrong number of columns, a bad date or a non-numeric Goldstein, by line", async () => {
    const rows = [row2(), row2().slice(0, 60), row2({ 1: "20181340" }), row2({ 30: "high" }), row2()];
    const file = write("broken.tsv", rows.map(line).join("\n") + "\n");
    const items = await readAll(file);
    expect(items.map((i) => i.where.record)).toEqual(["1", "2", "3", "4", "5"]);
    expect(items[1]).toEqual({
      where: { file, record: "2" },
      issues: [
        {
          kind: "format",
          message: "has 60 tab-separated fields; expected 61 fields (GDELT 2.0)",
          expected: "61 fields (GDELT 2.0)",
          received: "60 fields",
        },
      ],
    });
    expect(items[2]).toMatchObject({ issues: [{ kind: "format", path: "SQLDATE", received: '"20181340"' }] });
    expect(items[3]).toMatchObject({
      issues: [{ kind: "format", path: "GoldsteinScale", received: '"high"' }],
    });
    expect(tally(items)).toEqual({ events: 2, filtered: 0, issues: 3 });
  });

  it("produces events the ledger accepts", async () => {
    const [item] = await readAll(write("valid.tsv", line(row2())));
    expect(item && "input" in item && parseEvent(item.input).ok).toBe(true);
  });
});

/** The sample split the simplest way, to check the importer against. */
function sampleRows(): string[][] {
  return readFileSync(SAMPLE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t"));
}

describe.skipIf(!hasSample)(sampleTitle("gdeltImporter.read on the real GDELT 2.0 sample"), () => {
  it("reads all 2,111 rows: each an event or filtered (no country or group for Actor1)", async () => {
    const rows = sampleRows();
    const unattributed = rows.filter((f) => !f[7] && !f[8]).length;
    expect(gdeltImporter.detect(SAMPLE, readFileSync(SAMPLE).subarray(0, 65_536))).toBe(true);
    const items = await readAll(SAMPLE);
    expect(items).toHaveLength(2111);
    expect(tally(items)).toEqual({ events: 2111 - unattributed, filtered: unattributed, issues: 0 });
    const rejected = items.flatMap((i) => {
      const parsed = "input" in i ? parseEvent(i.input) : undefined;
      return parsed && !parsed.ok ? [{ where: i.where, issues: parsed.issues }] : [];
    });
    expect(rejected).toEqual([]);
  });

  it("maps a known row exactly (PRK → USA, CAMEO 042)", async () => {
    const items = await readAll(SAMPLE);
    const item = items.find(
      (i) => "input" in i && JSON.stringify(i.input).includes('"globalEventId":"881992320"'),
    );
    expect(item).toEqual({
      where: { file: SAMPLE, record: String(sampleRows().findIndex((f) => f[0] === "881992320") + 1) },
      input: {
        type: "cameo_event",
        date: "2019-10-24",
        actors: ["PRK"],
        targets: ["USA"],
        attributes: {
          code: "042",
          goldstein: 1.9,
          quadClass: 1,
          numMentions: 2,
          numSources: 1,
          numArticles: 2,
          avgTone: -3.1496062992126,
          rootCode: "04",
          globalEventId: "881992320",
          actor1Name: "NORTH KOREA",
          actor2Name: "UNITED STATES",
          actor1Code: "PRK",
          actor2Code: "USAGOV",
          dateAdded: "20191024143000",
          isRootEvent: true,
        },
        summary: "PRK → USA: CAMEO 042 (Goldstein 1.9)",
        sources: [{ url: "http://watchingamerica.com/WA/tag/kim-jong-un/" }],
        confidence: "unverified",
      },
    });
  });

  it("keeps only the dyads asked for with actors", async () => {
    const wanted = new Set(["PRK", "KOR"]);
    const expected = sampleRows().filter((f) => {
      const actor = f[7] || f[8];
      return actor && (wanted.has(actor) || wanted.has(f[17] || f[18] || ""));
    }).length;
    const items = await readAll(SAMPLE, { actors: [...wanted] });
    expect(expected).toBeGreaterThan(0);
    expect(tally(items)).toEqual({ events: expected, filtered: 2111 - expected, issues: 0 });
  });

  it("reports progress up to the file's size", async () => {
    const calls: [number, number][] = [];
    await readAll(SAMPLE, { onProgress: (read, total) => calls.push([read, total]) });
    const size = statSync(SAMPLE).size;
    expect(calls.length).toBeGreaterThanOrEqual(Math.floor(size / 65536));
    expect(calls.at(-1)).toEqual([size, size]);
    expect(calls.every(([read], i) => i === 0 || read >= calls[i - 1]![0])).toBe(true);
  });

  it("reads the same events from a zip of the sample, reporting uncompressed bytes", async () => {
    const zip = write(
      "20191024143000.export.CSV.zip",
      zipOneFile("20191024143000.export.CSV", readFileSync(SAMPLE)),
    );
    expect(gdeltImporter.detect(zip, readFileSync(zip).subarray(0, 64))).toBe(true);
    const calls: number[] = [];
    const fromZip = await readAll(zip, { onProgress: (read) => calls.push(read) });
    const plain = await readAll(SAMPLE);
    expect(fromZip.map((i) => ("input" in i ? i.input : i.where.record))).toEqual(
      plain.map((i) => ("input" in i ? i.input : i.where.record)),
    );
    expect(fromZip[0]?.where.file).toBe(zip);
    expect(calls.at(-1)).toBe(statSync(SAMPLE).size);
  });
});

// Importing the real sample into a ledger, on both engines: test/store/import-gdelt.test.ts.

describe("zipped exports are bounded before they are inflated", () => {
  it("refuses a zip bomb (a 10 MB entry deflated a thousandfold) by its ratio, naming the file and entry", async () => {
    const bomb = write(
      "20190101.export.CSV.zip",
      zipOneFile("20190101.export.CSV", Buffer.alloc(10 * 1024 ** 2, 0x61)),
    );
    expect(statSync(bomb).size).toBeLessThan(100 * 1024);
    const started = Date.now();
    await expect(readAll(bomb)).rejects.toThrow(
      /20190101\.export\.CSV\.zip: 20190101\.export\.CSV expands \d+-fold .* over the limit of 100/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a file that is not a zip, naming it", async () => {
    const fake = write("20190102.export.CSV.zip", "not a zip at all\n");
    await expect(readAll(fake)).rejects.toThrow(/20190102\.export\.CSV\.zip: not a readable zip/);
  });

  it("takes a real export's ratio", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      line(row2({ 0: String(2000000 + i), 60: `https://example.org/news/${i * 7919}` })),
    );
    const zip = write(
      "20190103.export.CSV.zip",
      zipOneFile("20190103.export.CSV", Buffer.from(rows.join("\n") + "\n")),
    );
    expect(tally(await readAll(zip)).events).toBe(5000);
  });
});
