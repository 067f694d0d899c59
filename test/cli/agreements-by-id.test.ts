import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lockstep, repoRoot, tempDir } from "./run-cli.js";

// Agreements are named by id on the command line as the dashboard and the API name them; a path still works.
let db: string;
beforeAll(() => {
  db = join(tempDir(), "korea.db");
  expect(lockstep(["demo", "--db", db, "--json"]).code).toBe(0);
});

describe("agreements by id", () => {
  it("check takes an id and gives what the path gives", () => {
    const byId = lockstep(["check", "moratorium-2018", "--db", db, "--as-of", "2022-10-28", "--json"]);
    const file = join(repoRoot, "scenarios/korea/agreements/moratorium-2018.yaml");
    const byPath = lockstep(["check", file, "--db", db, "--as-of", "2022-10-28", "--json"]);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toBe(byPath.stdout);
  });

  it("refuses an unknown id with the near one and the list, exit 1, not ENOENT", () => {
    const r = lockstep(["check", "moratorim-2018", "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no agreement "moratorim-2018" (did you mean moratorium-2018?)');
    expect(r.stderr).toContain("singapore-2018");
    expect(r.stderr).not.toMatch(/ENOENT/);
  });

  it("explain suggests the obligation meant", () => {
    const r = lockstep(["explain", "moratorium-2018", "no-icbm", "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("(did you mean no-icbm-launches?)");
  });

  it("refuses an as-of date after today: a ledger is no forecast", () => {
    const r = lockstep(["check", "moratorium-2018", "--db", db, "--as-of", "2099-01-01"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--as-of 2099-01-01 is after today \(\d{4}-\d{2}-\d{2} UTC\)/);
    expect(r.stdout).toBe("");
  });

  it("marks an as-of date after the record's coverage as extrapolation, beside an unchanged answer", () => {
    const within = lockstep(["check", "moratorium-2018", "--db", db, "--as-of", "2022-10-28"]);
    expect(within.stderr).toBe("");
    const cover = JSON.parse(lockstep(["coverage", "--db", db, "--json"]).stdout) as { to: string }[];
    const last = cover
      .map((c) => c.to)
      .sort()
      .at(-1)!;
    const day = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const after = lockstep(["check", "moratorium-2018", "--db", db, "--as-of", day, "--json"]);
    expect(after.code).toBe(0);
    expect(after.stderr).toContain(`lockstep: note: the record is researched up to ${last}`);
    expect(JSON.parse(after.stdout)).toMatchObject({ asOf: day });
  });

  it("lint takes ids", () => {
    const r = lockstep(["lint", "moratorium-2018"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/moratorium-2018\.yaml: ok/);
  });

  it("agreements lists the bundled ones and those of --agreements DIR, with title, status and dates", () => {
    const dir = join(tempDir(), "mine");
    mkdirSync(dir);
    const file = join(repoRoot, "scenarios/korea/agreements/moratorium-2018.yaml");
    // The same agreement under another id would clash; a copy with its id changed is a second one.
    cpSync(file, join(dir, "copy.yaml"));
    const clash = lockstep(["agreements", "--agreements", dir]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/agreement id "moratorium-2018" is also the id of/);
    const r = lockstep(["agreements", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; title: string; status: string; effective: string }[];
    expect(rows.map((x) => x.id)).toContain("moratorium-2018");
    expect(rows.find((x) => x.id === "moratorium-2018")).toMatchObject({
      status: "in_force",
      effective: "2018-04-21",
    });
    const text = lockstep(["agreements"]);
    expect(text.stdout).toMatch(/moratorium-2018 +DPRK moratorium/);
  });
});
