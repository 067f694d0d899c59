import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createToken, openLedger, verifyLedger } from "../../src/ledger/index.js";
import { importKoreaScenario } from "../../src/scenario/build.js";

// What the campaign found verify passing: rows numbered outside the chain, and logs removed from a ledger whose
// schema keeps them.
let file: string;
beforeEach(async () => {
  file = join(mkdtempSync(join(tmpdir(), "lockstep-hidden-")), "l.db");
  const l = openLedger(file);
  await importKoreaScenario(l);
  createToken(l, "admin");
  l.close();
});

function verify() {
  const l = openLedger(file, { mustExist: true, readonly: true });
  try {
    return verifyLedger(l);
  } finally {
    l.close();
  }
}

function tamper(sql: (db: Database.Database) => void) {
  const db = new Database(file);
  db.exec("DROP TRIGGER IF EXISTS entries_no_update; DROP TRIGGER IF EXISTS entries_no_delete;");
  sql(db);
  db.close();
}

describe("verify sees every row", () => {
  it.each([0, -5])("catches an invented entry numbered %i, which queries would return", (seq) => {
    expect(verify().ok).toBe(true);
    tamper((db) => {
      const r = db.prepare("SELECT * FROM entries WHERE seq = 400").get() as Record<string, unknown>;
      db.prepare(
        "INSERT INTO entries (seq, id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence) VALUES (?, 'ev_fake0000000000000000', ?, ?, 'x', 'y', ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        seq,
        r.recorded_at,
        r.body,
        r.type,
        r.date_first,
        r.date_last,
        r.actors,
        r.targets,
        r.count,
        r.confidence,
      );
    });
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(seq);
  });

  it("catches the token log removed from a ledger whose schema keeps one", () => {
    tamper((db) => db.exec("DROP TABLE token_log"));
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.tokens?.problems.join()).toMatch(/token log is gone/);
  });

  it("catches the import log's hashes removed and a count changed", () => {
    tamper((db) => {
      db.exec("DROP TRIGGER imports_no_update; DROP TRIGGER imports_no_delete;");
      db.exec("ALTER TABLE imports DROP COLUMN hash; ALTER TABLE imports DROP COLUMN prev_hash;");
      db.exec("UPDATE imports SET added = added + 1 WHERE id = 1");
    });
    const report = verify();
    expect(report.ok).toBe(false);
    expect(report.imports?.problems.join()).toMatch(/import log is gone/);
  });
});
