import Database from "better-sqlite3";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockstep, tempDir } from "../cli/run-cli.js";

const SRC = [{ title: "a report" }];
const launch = (date: string) =>
  JSON.stringify({ date, actor: "PRK", type: "missile_launch", attributes: { class: "SRBM" }, sources: SRC });

/** A small ledger: three launches, and a correction that supersedes the first. */
function ledger() {
  const dir = tempDir();
  const db = join(dir, "l.db");
  const file = join(dir, "e.jsonl");
  writeFileSync(file, [launch("2022-10-28"), launch("2022-11-02"), launch("2022-11-03")].join("\n") + "\n");
  expect(lockstep(["import", file, "--db", db]).code).toBe(0);
  const first = (
    JSON.parse(lockstep(["events", "--db", db, "--format", "json"]).stdout) as { id: string; date: string }[]
  ).find((e) => e.date === "2022-10-28")!.id;
  const fix = join(dir, "fix.jsonl");
  writeFileSync(
    fix,
    JSON.stringify({
      ...(JSON.parse(launch("2022-10-28")) as object),
      count: 2,
      supersedes: [first],
    }) + "\n",
  );
  expect(lockstep(["import", fix, "--db", db]).code).toBe(0);
  return { db, first };
}

/**
 * Changes one byte of an index's root page, outside SQLite (as a disk fault or a hand with a hex editor would):
 * the first occurrence of `from` in that page becomes `to` (same length).
 */
function flipInIndex(db: string, index: string, from: string, to: string): void {
  const raw = new Database(db);
  raw.pragma("wal_checkpoint(TRUNCATE)");
  const page = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = ?").pluck().get(index) as number;
  const size = raw.pragma("page_size", { simple: true }) as number;
  raw.close();
  const bytes = readFileSync(db);
  const start = (page - 1) * size;
  const at = bytes.subarray(start, start + size).indexOf(Buffer.from(from));
  expect(at, `${from} in ${index}`).toBeGreaterThanOrEqual(0);
  Buffer.from(to).copy(bytes, start + at);
  writeFileSync(db, bytes);
}

describe("lockstep verify checks the database under the chain", () => {
  it("a byte changed in the supersessions index brings a superseded event back: verify fails, --quick does not", () => {
    const { db, first } = ledger();
    expect(lockstep(["verify", "--db", db]).code).toBe(0);
    flipInIndex(db, "supersessions_old", first, first.slice(0, -1) + (first.endsWith("0") ? "1" : "0"));
    // The damage shows: the superseded launch is back in the current view.
    const events = JSON.parse(lockstep(["events", "--db", db, "--format", "json"]).stdout) as {
      id: string;
    }[];
    expect(events.map((e) => e.id)).toContain(first);

    const quick = lockstep(["verify", "--db", db, "--quick"]);
    expect(quick.code).toBe(0);
    expect(quick.stdout).toMatch(/chain intact/);
    const full = lockstep(["verify", "--db", db, "--json"]);
    expect(full.code).toBe(1);
    const report = JSON.parse(full.stdout) as {
      ok: boolean;
      firstBroken?: unknown;
      database: { problems: string[] };
    };
    expect(report.firstBroken).toBeUndefined();
    expect(report.database.problems.join("\n")).toMatch(/supersessions_old/);
    expect(lockstep(["verify", "--db", db]).stderr).toMatch(/database DAMAGED/);
  });

  it("a byte changed in the type index hides launches from `events type=…`: verify fails naming the index", () => {
    const { db } = ledger();
    flipInIndex(db, "entries_type_date", "missile_launch", "missile_lounch");
    const typed = JSON.parse(
      lockstep(["events", "type=missile_launch", "--db", db, "--format", "json"]).stdout,
    ) as unknown[];
    expect(typed.length).toBeLessThan(3);
    const full = lockstep(["verify", "--db", db, "--json"]);
    expect(full.code).toBe(1);
    const report = JSON.parse(full.stdout) as { database: { problems: string[] } };
    expect(report.database.problems.join("\n")).toMatch(/entries_type_date/);
  });
});
