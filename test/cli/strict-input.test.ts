import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockstep, tempDir } from "./run-cli.js";

// The same rules for every importer, tried as a user would: each bad file is refused with its place named, a non-zero
// exit and an empty ledger; each good variant (a byte order mark) is taken by every format alike.

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const event = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    date: "2022-10-28",
    actor: "PRK",
    type: "statement",
    attributes: { subject: "test" },
    sources: [{ title: "KCNA" }],
    ...extra,
  });
const CSV_HEADER = "date,type,actor,attr.subject,source_title";
const CSV_ROW = "2022-10-28,statement,PRK,test,KCNA";

/** A GDELT 2.0 row (61 tab-separated columns), USA → PRK, with columns overridden. */
function gdeltRow(overrides: Record<number, string> = {}): string {
  const f = Array<string>(61).fill("");
  Object.assign(f, {
    0: "1000001",
    1: "20180612",
    2: "201806",
    3: "2018",
    4: "2018.4438",
    5: "USAGOV",
    7: "USA",
    15: "PRK",
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
  return f.join("\t");
}

function attempt(name: string, content: string | Buffer, extra: string[] = []) {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, content);
  const db = join(dir, "ledger.db");
  const run = lockstep(["import", file, "--db", db, ...extra]);
  const entries = () => {
    const out = lockstep(["events", "--db", db, "--format", "json"]);
    return out.code === 0 ? (JSON.parse(out.stdout) as unknown[]).length : 0;
  };
  return { ...run, file, entries };
}

describe("import refuses what is not what it says", () => {
  it.each([
    [
      "events.jsonl",
      Buffer.concat([
        Buffer.from(event() + "\n" + '{"date":"2022-10-29","x":"'),
        Buffer.from([0xff]),
        Buffer.from('"}\n'),
      ]),
    ],
    [
      "events.csv",
      Buffer.concat([
        Buffer.from(CSV_HEADER + "\n" + CSV_ROW + "\n2022-10-29,statement,PRK,te"),
        Buffer.from([0xc3, 0x28]),
        Buffer.from("t,KCNA\n"),
      ]),
    ],
    [
      "20180612.export.CSV",
      Buffer.concat([
        Buffer.from(gdeltRow() + "\n"),
        Buffer.from(gdeltRow({ 6: "N" })),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from("\n"),
      ]),
    ],
  ])("refuses invalid UTF-8 in %s with its byte offset, importing nothing", (name, bytes) => {
    const r = attempt(name, bytes);
    expect(r.code).not.toBe(0);
    const bad = bytes.indexOf(Buffer.from([0xff])) >= 0 ? bytes.indexOf(0xff) : -1;
    expect(r.stderr).toMatch(/invalid UTF-8 at byte \d+/);
    if (bad >= 0) expect(r.stderr).toContain(`byte ${bad}`);
    expect(r.stderr).toContain(r.file);
    expect(r.entries()).toBe(0);
  });

  it.each([
    ["events.jsonl", event() + "\n"],
    ["events.csv", CSV_HEADER + "\n" + CSV_ROW + "\n"],
    ["20180612.export.CSV", gdeltRow() + "\n"],
  ])("takes a byte order mark at the start of %s, as every format does", (name, text) => {
    const r = attempt(name, Buffer.concat([BOM, Buffer.from(text)]));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.entries()).toBe(1);
  });

  it.each([
    ["0x10", "hexadecimal"],
    ["1e2", "exponent"],
    ["11", "above +10"],
    ["-10.5", "below -10"],
    ["Infinity", "not a number"],
  ])("refuses a GDELT Goldstein score of %s (%s): decimal only, -10 to +10", (goldstein) => {
    const r = attempt("20180612.export.CSV", gdeltRow({ 30: goldstein }) + "\n");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("GoldsteinScale");
    expect(r.stderr).toContain(JSON.stringify(goldstein));
    expect(r.entries()).toBe(0);
  });

  it("refuses a GDELT mention count that is negative or not whole", () => {
    for (const mentions of ["-1", "2.5", "1e3"]) {
      const r = attempt("20180612.export.CSV", gdeltRow({ 31: mentions }) + "\n");
      expect(r.code, mentions).not.toBe(0);
      expect(r.stderr).toContain("NumMentions");
    }
  });

  it("refuses a count beyond any real one (1e300) and a year 0000", () => {
    const huge = attempt("events.jsonl", event({ count: 1e300 }) + "\n");
    expect(huge.code).not.toBe(0);
    expect(huge.stderr).toMatch(/`count`: must be at most 1000000000/);
    const zero = attempt("events.jsonl", event({ date: "0000-06-15" }) + "\n");
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/date/);
  });

  it("refuses an attr.__proto__ column by name rather than dropping it", () => {
    const r = attempt("events.csv", `${CSV_HEADER},attr.__proto__\n${CSV_ROW},x\n`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/__proto__.*reserved/);
    const j = attempt("events.jsonl", event({ attributes: { subject: "test", constructor: "x" } }) + "\n");
    expect(j.code).not.toBe(0);
    expect(j.stderr).toMatch(/reserved/);
  });

  it("says a header-only CSV and an empty JSONL file hold no records, with a non-zero exit", () => {
    for (const [name, text] of [
      ["events.csv", CSV_HEADER + "\n"],
      ["events.jsonl", "\n\n"],
    ] as const) {
      const r = attempt(name, text, name.endsWith(".jsonl") ? ["--format", "jsonl"] : []);
      expect(r.code, name).not.toBe(0);
      expect(r.stderr).toContain("no records found; nothing was imported");
    }
  });

  it("names a folder or a missing path in one line, without a stack trace", () => {
    const dir = tempDir();
    const folder = join(dir, "exports");
    mkdirSync(folder);
    const r = lockstep(["import", folder, "--format", "csv", "--db", join(dir, "l.db")]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe(`lockstep: ${folder}: is a folder, not a csv file`);
    const missing = lockstep(["import", join(dir, "nope.csv"), "--db", join(dir, "l.db")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("nope.csv");
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
