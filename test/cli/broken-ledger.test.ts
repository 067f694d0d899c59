import Database from "better-sqlite3";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lockstep, tempDir } from "./run-cli.js";

// No verdict, list or statistic from a ledger changed outside Lockstep without saying so: every reading command
// checks the chain since the last check, and refuses on a break unless --allow-broken.
let db: string;
let entries: number;
beforeAll(() => {
  db = join(tempDir(), "korea.db");
  expect(lockstep(["demo", "--db", db, "--json"]).code).toBe(0);
  // A first read records the point verified.
  expect(lockstep(["events", "--db", db, "--limit", "1"]).code).toBe(0);
  const raw = new Database(db);
  entries = raw.prepare("SELECT entries FROM verified").pluck().get() as number;
  // An outsider changes the last verified entry's summary (the kind of edit that changes a reading).
  raw.exec("DROP TRIGGER entries_no_update");
  const body = raw.prepare("SELECT body FROM entries WHERE seq = ?").pluck().get(entries) as string;
  raw
    .prepare("UPDATE entries SET body = ? WHERE seq = ?")
    .run(body.replace('"date":"', '"date":"1'), entries);
  raw.close();
});

describe("reading a broken ledger", () => {
  it("remembers the point verified, so later reads check only what was added", () => {
    expect(entries).toBeGreaterThan(500);
  });

  it.each([
    ["events", "--limit", "1"],
    ["summary"],
    ["check", "moratorium-2018", "--as-of", "2022-10-28"],
    [
      "react",
      "--cause",
      "actor=USA type=military_exercise",
      "--effect",
      "actor=PRK type=missile_launch",
      "--permutations",
      "99",
    ],
    ["actors"],
    ["audit"],
  ])("%s refuses, naming the entry, with exit 1", (...args) => {
    const r = lockstep([...args, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`the chain is broken at entry ${entries} \\(ev_[0-9a-f]{20}\\)`));
    expect(r.stderr).toMatch(/nothing was read/);
    expect(r.stdout).toBe("");
  });

  it("--allow-broken reads it, with a warning first", () => {
    const r = lockstep(["events", "--limit", "1", "--db", db, "--allow-broken"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^lockstep: WARNING: .* the chain is broken at entry \d+/);
    expect(r.stdout).toMatch(/1 event\(s\)/);
  });
});
