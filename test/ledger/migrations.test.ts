import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendEvents, openLedger, queryEvents, SCHEMA_VERSION } from "../../src/ledger/index.js";
import { RECORDED_AT, items, launch, outsider, tempDir } from "./helpers.js";

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma("user_version", { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe("migrations", () => {
  it("gives a fresh file the current schema version", () => {
    const file = path.join(tempDir(), "new.db");
    openLedger(file).close();
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    expect(userVersion(file)).toBe(SCHEMA_VERSION);
  });

  it("creates the tables and the append-only triggers", () => {
    const file = path.join(tempDir(), "new.db");
    openLedger(file).close();
    const names = outsider(file)
      .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY type, name")
      .all();
    expect(names).toEqual([
      { type: "table", name: "coverage" },
      { type: "table", name: "entries" },
      { type: "table", name: "imports" },
      { type: "table", name: "supersessions" },
      { type: "table", name: "token_log" },
      { type: "table", name: "tokens" },
      { type: "table", name: "verified" },
      { type: "trigger", name: "entries_no_delete" },
      { type: "trigger", name: "entries_no_update" },
      { type: "trigger", name: "imports_no_delete" },
      { type: "trigger", name: "imports_no_update" },
      { type: "trigger", name: "token_log_no_delete" },
      { type: "trigger", name: "token_log_no_update" },
    ]);
  });

  it("opens an existing ledger without migrating it again or losing entries", async () => {
    const file = path.join(tempDir(), "ledger.db");
    const first = openLedger(file);
    await appendEvents(first, items("a.json", [launch("2022-10-28")]), {
      importer: "json",
      file: "a.json",
      recordedAt: RECORDED_AT,
    });
    first.close();
    const again = openLedger(file, { mustExist: true });
    expect(queryEvents(again)).toHaveLength(1);
    again.close();
    expect(userVersion(file)).toBe(SCHEMA_VERSION);
  });

  it("refuses a file from a newer Lockstep, saying so, and leaves it as it was", () => {
    const file = path.join(tempDir(), "future.db");
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = fs.readFileSync(file);
    const refusal = `this ledger has schema version ${SCHEMA_VERSION + 1}, newer than this Lockstep knows (${SCHEMA_VERSION}); upgrade Lockstep`;
    expect(() => openLedger(file)).toThrow(refusal);
    // Reading too (lockstep verify, events): a newer schema may store what this version would misread.
    expect(() => openLedger(file, { readonly: true })).toThrow(refusal);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(userVersion(file)).toBe(SCHEMA_VERSION + 1);
    expect(outsider(file).prepare("SELECT count(*) FROM sqlite_master").pluck().get()).toBe(0);
  });

  it("uses write-ahead logging", () => {
    const file = path.join(tempDir(), "new.db");
    const ledger = openLedger(file);
    expect(ledger.db.pragma("journal_mode", { simple: true })).toBe("wal");
    ledger.close();
  });

  it("does not create a file when it must exist", () => {
    const file = path.join(tempDir(), "missing.db");
    expect(() => openLedger(file, { mustExist: true })).toThrow(/^no ledger at .*missing\.db/);
    expect(() => openLedger(file, { readonly: true })).toThrow(/^no ledger at/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("opens a ledger read-only without writing to it", async () => {
    const file = path.join(tempDir(), "ledger.db");
    const writer = openLedger(file);
    await appendEvents(writer, items("a.json", [launch("2022-10-28")]), { importer: "json", file: "a.json" });
    writer.close();
    const reader = openLedger(file, { readonly: true });
    expect(queryEvents(reader)).toHaveLength(1);
    expect(() => reader.db.exec("CREATE TABLE x (y)")).toThrow(/readonly/);
    reader.close();
  });
});
