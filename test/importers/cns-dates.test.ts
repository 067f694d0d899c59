import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cnsImporter } from "../../src/importers/cns.js";
import { readCorrections } from "../../src/importers/cns-corrections.js";
import { localDateOf } from "../../src/model/index.js";

/**
 * Every launch of the bundled CNS data on its local date in Korea: derived from CNS's UTC time with the zone of that
 * day (UTC+9; UTC+8:30 from 2015-08-15 to 2018-05-04), or, where CNS gives no time or pairs a Korean date with a
 * UTC time, from the sourced corrections beside the data (scenarios/korea/cns/corrections.csv).
 */
const dir = path.resolve(fileURLToPath(import.meta.url), "../../../scenarios/korea/cns");
const file = path.join(dir, "test.en.json");

interface Rec {
  record: string;
  date: string;
  time: string;
  missile: string;
  facility: string;
}

function records(): Rec[] {
  const bins = (JSON.parse(readFileSync(file, "utf8")) as { timeBins: { data: Omit<Rec, "record">[] }[] })
    .timeBins;
  return bins.flatMap((b, i) => b.data.map((r, j) => ({ ...r, record: `timeBins[${i}].data[${j}]` })));
}

async function imported() {
  const out: { date: string; count: number; record: string; note?: string; sources: { url?: string }[] }[] =
    [];
  for await (const item of cnsImporter.read(file, {}))
    if ("input" in item && item.input)
      out.push({
        ...(item.input as { date: string; count: number; note?: string; sources: { url?: string }[] }),
        record: item.where.record,
      });
  return out;
}

describe("the local date of every CNS launch", () => {
  const { corrections, problems } = readCorrections(path.join(dir, "corrections.csv"));

  it("the corrections file is well formed, and each correction has a source", () => {
    expect(problems).toEqual([]);
    const rows = parse(readFileSync(path.join(dir, "corrections.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(corrections.size).toBe(rows.length);
    for (const c of corrections.values()) expect(c.source?.url ?? c.note).toBeTruthy();
  });

  it("re-derived from CNS's UTC times and the sourced corrections, is the date each record is imported on", async () => {
    const expected = new Map<string, string>();
    for (const r of records()) {
      const hm = /^(\d\d):(\d\d) \(UTC\)$/.exec(r.time);
      const derived = hm ? localDateOf(`${r.date}T${hm[1]}:${hm[2]}:00Z`, "Asia/Pyongyang") : r.date;
      expected.set(r.record, corrections.get(r.record)?.localDate ?? derived);
    }
    // Each event carries the id of its first record; the events' counts add up to every record.
    const events = await imported();
    expect(events.reduce((n, e) => n + e.count, 0)).toBe(records().length);
    for (const e of events) expect(e.date, e.record).toBe(expected.get(e.record));
  });

  it("known cases: the seven launches of 2009-07-04, the Scud-C of 2015-03-02, a salvo's failed third missile", async () => {
    const events = await imported();
    const on = (d: string) => events.filter((e) => e.date === d).reduce((n, e) => n + e.count, 0);
    expect(on("2009-07-04")).toBe(7);
    expect(on("2009-07-05")).toBe(0);
    expect(on("2015-03-02")).toBe(2);
    expect(on("2015-03-01")).toBe(0);
    // 2019-09-10: two timed missiles and the untimed failure, one salvo of three.
    expect(events.filter((e) => e.date === "2019-09-10").map((e) => e.count)).toEqual([3]);
    expect(on("2019-09-09")).toBe(0);
    const corrected = events.find((e) => e.date === "2015-03-02")!;
    expect(corrected.note).toMatch(/Corrected \(timeBins\[12\]\.data\[5\], local date 2015-03-02\)/);
    expect(corrected.sources.map((s) => s.url)).toContain(
      "http://in.reuters.com/article/northkorea-missles-idINL4N0W30PS20150301",
    );
  });

  it("what is no ballistic missile has a class that says so", async () => {
    const events = await imported();
    const classes = events.map((e) => [
      e.date,
      (e as unknown as { attributes: { class: string } }).attributes.class,
    ]);
    expect(classes).toContainEqual(["2019-04-17", "guided_weapon"]);
    expect(classes).toContainEqual(["2014-06-26", "artillery_rocket"]);
  });
});

describe("a corrections file with a mistake", () => {
  it("names the line and the field, and corrects nothing", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const d = mkdtempSync(path.join(tmpdir(), "lockstep-cns-"));
    const f = path.join(d, "corrections.csv");
    writeFileSync(
      f,
      "record,local_date,class,source_url,source_title,source_publisher,source_date,quote,note\n" +
        "timeBins[1].data[0],2020-02-30,,https://apnews.com/a,,,,,\n" +
        "timeBins[2].data[0],,ICMB,https://apnews.com/b,,,,,\n" +
        "timeBins[3].data[0],2020-01-01,,,,,,,\n",
    );
    const { corrections, problems } = readCorrections(f);
    expect(corrections.size).toBe(0);
    expect(problems.map((p) => [p.where.record, "issues" in p ? p.issues?.map((i) => i.path) : []])).toEqual([
      ["2", ["local_date"]],
      ["3", ["class"]],
      ["4", ["source_url"]],
    ]);
  });
});
