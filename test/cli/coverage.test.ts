import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockstep, tempDir } from "./run-cli.js";

const SRC = { url: "https://www.nti.org/a", title: "t", publisher: "p" };
const launch = (date: string) =>
  JSON.stringify({
    date,
    actor: "PRK",
    type: "missile_launch",
    attributes: { class: "SRBM" },
    sources: [SRC],
  });
const exercise = (date: string) =>
  JSON.stringify({
    date,
    actor: "USA+KOR",
    type: "military_exercise",
    attributes: { name: `Drill ${date}`, status: "held" },
    sources: [SRC],
  });

const COVERAGE = {
  record: "test",
  series: [
    {
      id: "launches",
      label: "Launches",
      filter: "type=missile_launch actor=PRK",
      from: "2000-01-01",
      to: "2020-12-31",
      extent: "complete",
      basis: "every launch of the test data",
    },
    {
      id: "exercises",
      label: "Exercises",
      filter: "type=military_exercise",
      from: "2010-01-01",
      to: "2022-12-31",
      extent: "partial",
      basis: "a sample",
    },
  ],
};

function setup() {
  const dir = tempDir();
  const events = join(dir, "events.jsonl");
  const lines = [];
  for (let y = 2001; y <= 2022; y++) lines.push(launch(`${y}-03-10`), exercise(`${y}-03-01`));
  writeFileSync(events, lines.join("\n") + "\n");
  const db = join(dir, "ledger.db");
  expect(lockstep(["import", events, "--db", db]).code).toBe(0);
  const coverage = join(dir, "coverage.json");
  writeFileSync(coverage, JSON.stringify(COVERAGE));
  return { dir, db, coverage };
}

describe("lockstep coverage", () => {
  it("loads a coverage file, prints it, and the analyses are clipped to it with a warning", () => {
    const { db, coverage } = setup();
    expect(lockstep(["coverage", "--db", db]).stdout).toMatch(/No coverage written down/);
    const load = lockstep(["coverage", "--load", coverage, "--db", db]);
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(
      /launches\s+type=missile_launch actor=PRK\s+2000-01-01\s+2020-12-31\s+complete/,
    );
    expect(load.stdout).toContain("- exercises: Exercises. a sample");

    const react = lockstep([
      "react",
      "--db",
      db,
      "--cause",
      "type=military_exercise",
      "--effect",
      "actor=PRK type=missile_launch",
      "--permutations",
      "50",
      "--json",
    ]);
    expect(react.code).toBe(0);
    const r = JSON.parse(react.stdout) as { from: string; to: string; coverageWarnings: string[] };
    expect([r.from, r.to]).toEqual(["2010-01-01", "2020-12-31"]);
    expect(r.coverageWarnings[0]).toBe(
      "clipped to the common coverage of the series, 2010-01-01 to 2020-12-31 (not 2001-03-01 to 2022-03-10): cause: Exercises 2010-01-01 to 2022-12-31, partial; effect: Launches 2000-01-01 to 2020-12-31",
    );
    const text = lockstep([
      "xcorr",
      "--db",
      db,
      "--x",
      "type=military_exercise",
      "--y",
      "type=missile_launch",
    ]);
    expect(text.stdout).toMatch(
      /^Coverage: clipped to the common coverage of the series, 2010-01-01 to 2020-12-31/m,
    );

    const outside = lockstep([
      "react",
      "--db",
      db,
      "--cause",
      "type=military_exercise",
      "--effect",
      "actor=PRK type=missile_launch",
      "--from",
      "2001-01-01",
      "--to",
      "2005-12-31",
    ]);
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toMatch(/2001-01-01 to 2005-12-31 lies outside the common coverage/);
  });

  it("summary shows the coverage of what it counts", () => {
    const { db, coverage } = setup();
    lockstep(["coverage", "--load", coverage, "--db", db]);
    const s = JSON.parse(lockstep(["summary", "--db", db, "--json", "type=missile_launch"]).stdout) as {
      coverage: { id: string }[];
    };
    expect(s.coverage.map((c) => c.id)).toEqual(["launches"]);
    expect(lockstep(["summary", "--db", db]).stdout).toMatch(/Coverage:\nseries/);
  });

  it("a bad coverage file is refused with its file and field, and the ledger's coverage is unchanged", () => {
    const { dir, db, coverage } = setup();
    lockstep(["coverage", "--load", coverage, "--db", db]);
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ ...COVERAGE, series: [{ ...COVERAGE.series[0], to: "1999-12-31" }] }),
    );
    const r = lockstep(["coverage", "--load", bad, "--db", db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain("series.0.to");
    const now = JSON.parse(lockstep(["coverage", "--db", db, "--json"]).stdout) as { id: string }[];
    expect(now.map((c) => c.id)).toEqual(["launches", "exercises"]);
  });
});
