import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockstep, tempDir } from "./run-cli.js";

const SRC = "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/";
const launch = (date: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    date,
    actor: "PRK",
    type: "missile_launch",
    count: 2,
    attributes: { class: "SRBM" },
    sources: [{ url: SRC }],
    ...extra,
  });
const exercise = JSON.stringify({
  date: "2022-10-31",
  end: "2022-11-05",
  actor: "USA+KOR",
  type: "military_exercise",
  attributes: { name: "Vigilant Storm 2022", status: "held", scale: "large", aircraft: 240 },
  sources: [{ title: "Vigilant Storm report" }],
});

function setup(lines: string[]) {
  const dir = tempDir();
  const file = join(dir, "events.jsonl");
  writeFileSync(file, lines.join("\n") + "\n");
  return { dir, file, db: join(dir, "ledger.db") };
}

describe("lockstep import and events", () => {
  it("imports a JSON Lines file and lists its events as JSON with date and count", () => {
    const { file, db } = setup([launch("2022-10-28"), exercise]);
    const imp = lockstep(["import", file, "--db", db]);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/2 record\(s\) read; 2 added, 0 duplicate/);
    const ev = lockstep(["events", "--db", db, "--format", "json"]);
    expect(ev.code).toBe(0);
    const events = JSON.parse(ev.stdout) as { date: string; count: number; type: string }[];
    expect(events.map((e) => [e.date, e.type, e.count])).toEqual([
      ["2022-10-28", "missile_launch", 2],
      ["2022-10-31", "military_exercise", 1],
    ]);
  });

  it("summary counts events, days or missiles, and says which", () => {
    // Two salvos on one day (two missile types), one more the next day: 3 events, 2 days, 5 missiles.
    const { file, db } = setup([
      launch("2022-10-28"),
      launch("2022-10-28", { attributes: { class: "SRBM", missile: "KN-25" } }),
      launch("2022-10-29", { count: 1 }),
    ]);
    lockstep(["import", file, "--db", db]);
    const by = (unit: string) =>
      JSON.parse(lockstep(["summary", "--db", db, "--json", "--unit", unit]).stdout) as {
        unit: string;
        events: number;
        days: number;
        units: number;
        byYear: Record<string, Record<string, number>>;
      };
    expect(by("events")).toMatchObject({ unit: "events", events: 3, days: 2, units: 5 });
    expect(by("events").byYear["2022"]).toEqual({ missile_launch: 3 });
    expect(by("days").byYear["2022"]).toEqual({ missile_launch: 2 });
    expect(by("count").byYear["2022"]).toEqual({ missile_launch: 5 });
    expect(lockstep(["summary", "--db", db, "--unit", "days"]).stdout).toMatch(
      /By year, in days with at least one event:/,
    );
    const bad = lockstep(["summary", "--db", db, "--unit", "salvos"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--unit must be events, days, count, not "salvos"/);
  });

  it("re-importing the same file adds nothing and says how many duplicates it skipped", () => {
    const { file, db } = setup([launch("2022-10-28"), exercise]);
    lockstep(["import", file, "--db", db]);
    const again = lockstep(["import", file, "--db", db, "--json"]);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { imports: { added: number; duplicates: number }[] };
    expect(report.imports[0]).toMatchObject({ added: 0, duplicates: 2 });
  });

  it("rejects a file with a broken record in the middle, naming file, line and field, and writes nothing", () => {
    const bad = launch("2022-10-29", { attributes: { class: "ICMB" } });
    const { file, db } = setup([launch("2022-10-28"), bad, exercise]);
    const r = lockstep(["import", file, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2: field \`attributes.class\``);
    expect(r.stderr).toContain("nothing was imported");
    const ev = lockstep(["events", "--db", db, "--json"]);
    expect(JSON.parse(ev.stdout)).toEqual([]);
  });

  it("names the line of a line that is not JSON", () => {
    const { file, db } = setup([launch("2022-10-28"), "{not json", exercise]);
    const r = lockstep(["import", file, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/events\.jsonl:2: not valid JSON/);
  });

  it("--skip-invalid imports the valid records and writes the rejected ones with their reasons", () => {
    const bad = launch("2022-02-30");
    const { file, db, dir } = setup([launch("2022-10-28"), bad, exercise]);
    const report = join(dir, "rejected.jsonl");
    const r = lockstep(["import", file, "--db", db, "--skip-invalid", "--report", report]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 added, 0 duplicate\(s\) skipped, 1 rejected/);
    const rejected = readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ file, record: "2", issues: [{ path: "date" }] });
  });

  it("filters by actor (any of the event's actors), type, inclusive dates and attributes", () => {
    const { file, db } = setup([
      launch("2022-10-27", { attributes: { class: "ICBM" } }),
      launch("2022-10-28"),
      exercise,
    ]);
    lockstep(["import", file, "--db", db]);
    const ids = (args: string[]) =>
      (JSON.parse(lockstep(["events", "--db", db, "--json", ...args]).stdout) as { date: string }[]).map(
        (e) => e.date,
      );
    expect(ids(["--actor", "KOR"])).toEqual(["2022-10-31"]);
    expect(ids(["--actor", "KOR,PRK"])).toHaveLength(3);
    expect(ids(["--from", "2022-10-28", "--to", "2022-10-31"])).toEqual(["2022-10-28", "2022-10-31"]);
    expect(ids(["--to", "2022-10-27"])).toEqual(["2022-10-27"]);
    expect(ids(["actor=PRK", "class=ICBM,IRBM"])).toEqual(["2022-10-27"]);
    expect(ids(["--type", "military_exercise", "--where", "aircraft=240"])).toEqual(["2022-10-31"]);
  });

  it("exports JSON Lines and CSV that import again as the same events, amounts included", () => {
    const delivery = {
      type: "aid_delivered",
      date: "1995-01-20",
      actor: "USA",
      target: "PRK",
      attributes: { goods: "heavy_fuel_oil" },
      amount: { value: 50000, unit: "t" },
      sources: [{ title: "a report" }],
    };
    const { file, db, dir } = setup([launch("2022-10-28"), exercise, JSON.stringify(delivery)]);
    lockstep(["import", file, "--db", db]);
    for (const format of ["jsonl", "csv"]) {
      const out = join(dir, `export.${format}`);
      writeFileSync(out, lockstep(["events", "--db", db, "--format", format]).stdout);
      const db2 = join(dir, `copy-${format}.db`);
      expect(lockstep(["import", out, "--db", db2]).code).toBe(0);
      const a = JSON.parse(lockstep(["events", "--db", db, "--json"]).stdout) as { id: string }[];
      const b = JSON.parse(lockstep(["events", "--db", db2, "--json"]).stdout) as { id: string }[];
      expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id));
      expect(lockstep(["import", out, "--db", db]).stdout).toMatch(/0 added, 3 duplicate/);
      const copied = JSON.parse(lockstep(["events", "--db", db2, "--json", "type=aid_delivered"]).stdout) as {
        amount: unknown;
      }[];
      expect(copied.map((e) => e.amount)).toEqual([{ value: 50000, unit: "t" }]);
    }
  });

  it("uses LOCKSTEP_DB when --db is absent", () => {
    const { file, dir } = setup([launch("2022-10-28")]);
    const db = join(dir, "env.db");
    expect(lockstep(["import", file], { env: { LOCKSTEP_DB: db } }).code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });

  it("fails with an actionable message when the ledger does not exist", () => {
    const dir = tempDir();
    const r = lockstep(["events", "--db", join(dir, "none.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no ledger at .*none\.db: import events first/);
  });

  it("rejects an unknown filter type with the expected values", () => {
    const { file, db } = setup([launch("2022-10-28")]);
    lockstep(["import", file, "--db", db]);
    const r = lockstep(["events", "--db", db, "type=missile"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown event type "missile"/);
  });
});
