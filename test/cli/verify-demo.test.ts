import Database from "better-sqlite3";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockstep, repoRoot, tempDir } from "./run-cli.js";

describe("lockstep verify", () => {
  it("passes on an untouched ledger and fails naming the first entry changed outside Lockstep", () => {
    const dir = tempDir();
    const file = join(dir, "e.jsonl");
    const db = join(dir, "l.db");
    const line = (date: string) =>
      JSON.stringify({ date, actor: "PRK", type: "nuclear_test", sources: [{ title: `report ${date}` }] });
    writeFileSync(file, [line("2016-01-06"), line("2016-09-09"), line("2017-09-03")].join("\n"));
    expect(lockstep(["import", file, "--db", db]).code).toBe(0);
    const ok = lockstep(["verify", "--db", db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/chain intact, 3 entries/);

    const raw = new Database(db);
    raw.exec("DROP TRIGGER entries_no_update");
    raw.prepare("UPDATE entries SET body = replace(body, '2016-09-09', '2016-09-10') WHERE seq = 2").run();
    const id = raw.prepare("SELECT id FROM entries WHERE seq = 2").pluck().get() as string;
    raw.close();

    const bad = lockstep(["verify", "--db", db, "--json"]);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { ok: boolean; firstBroken: { seq: number; id: string } };
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 2, id });
    expect(lockstep(["verify", "--db", db]).stderr).toContain(`entry 2 (${id})`);
  });
});

describe("lockstep demo", () => {
  it("builds a fresh ledger from the bundled scenario and prints events by type and year", () => {
    const dir = tempDir();
    const db = join(dir, "demo.db");
    const r = lockstep(["demo", "--db", db]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/By year, in events/);
    expect(r.stdout).toMatch(/missile_launch/);
    expect(r.stdout).toMatch(/Chain intact/);

    const again = lockstep(["demo", "--db", db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists; use --force/);

    const json = lockstep(["demo", "--db", db, "--force", "--json"]);
    expect(json.code).toBe(0);
    const s = JSON.parse(json.stdout) as {
      summary: { byType: Record<string, { events: number; units: number }> };
      chain: { ok: boolean };
    };
    expect(s.chain.ok).toBe(true);
    // The CNS database holds 339 missiles; every one of them is in the demo ledger, with those CNS lacks
    // (audit-corrections.jsonl): 4 on 2022-11-05, 1 on 2023-01-01, at least 2 on 2024-05-17.
    expect(s.summary.byType.missile_launch!.units).toBe(339 + 4 + 1 + 2);

    // The bundled record passes its audit: no error but those written down, each with its reason.
    const exceptions = join(repoRoot, "scenarios/korea/audit-exceptions.jsonl");
    const audit = lockstep(["audit", "--db", db, "--exceptions", exceptions, "--json"]);
    expect(audit.code).toBe(0);
    const report = JSON.parse(audit.stdout) as { errors: number; excepted: number };
    expect(report.errors).toBe(0);
    const written = readFileSync(exceptions, "utf8").trim().split("\n").length;
    expect(report.excepted).toBe(written);
    expect(lockstep(["audit", "--db", db]).code).toBe(1);
    // scenarios/korea/README.md quotes the audit's summary: it must be what the audit says.
    const text = lockstep(["audit", "--db", db, "--exceptions", exceptions]).stdout.split("\n").slice(0, 2);
    const readme = readFileSync(join(repoRoot, "scenarios/korea/README.md"), "utf8");
    expect(readme).toContain(text.join("\n"));

    // Its table of yearly launches against published counts: the Lockstep column is what summary says.
    const table = readme.split("<!-- yearly-launches -->")[1]!.split("<!-- /yearly-launches -->")[0]!;
    const rows = [...table.matchAll(/^\| (\d{4}) \| (\d+) \/ (\d+) \/ (\d+) /gm)];
    expect(rows.length).toBeGreaterThan(5);
    const byYear = (unit: string) =>
      (
        JSON.parse(
          lockstep(["summary", "actor=PRK", "type=missile_launch", "--unit", unit, "--db", db, "--json"])
            .stdout,
        ) as { byYear: Record<string, { missile_launch?: number }> }
      ).byYear;
    const [events, days, count] = [byYear("events"), byYear("days"), byYear("count")];
    for (const [, year, e, d, c] of rows)
      expect([e, d, c].map(Number), year).toEqual([
        events[year!]!.missile_launch,
        days[year!]!.missile_launch,
        count[year!]!.missile_launch,
      ]);
  });
});

describe("lockstep --help", () => {
  it.each(["import", "events", "summary", "verify", "demo"])("%s has help", (cmd) => {
    const r = lockstep([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--db <path>/);
    expect(r.stdout).toMatch(/--json/);
  });
});
