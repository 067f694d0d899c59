import Database from "better-sqlite3";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  appendEvents,
  createToken,
  findToken,
  hashToken,
  openLedger,
  revokeToken,
  verifyLedger,
  type Ledger,
} from "../../src/ledger/index.js";
import { migrate } from "../../src/ledger/migrations.js";
import { withoutTriggers } from "./attacker.js";
import { RECORDED_AT, items, launch, outsider, tempDir, tempLedger } from "./helpers.js";

// What only a SQLite file shows of the token and import logs: the append-only triggers as plain SQLite meets them,
// and the migration of a schema-4 file. The rest, and a both-engine form of the two kept here, run on SQLite and on
// PostgreSQL in test/store/token-log.test.ts.

function logBodies(ledger: Ledger): Record<string, unknown>[] {
  return (ledger.db.prepare("SELECT body FROM token_log ORDER BY seq").pluck().all() as string[]).map(
    (b) => JSON.parse(b) as Record<string, unknown>,
  );
}

function reopen(file: string): Ledger {
  return openLedger(file, { mustExist: true });
}

/** A closed ledger file with an editor, an admin and a revoked editor, made through Lockstep. */
function withTokens() {
  const ledger = tempLedger();
  const editor = createToken(ledger, "editor");
  const admin = createToken(ledger, "admin");
  const revoked = createToken(ledger, "editor");
  revokeToken(ledger, revoked.id);
  ledger.close();
  return { file: ledger.file, editor, admin, revoked };
}

describe("the token log", () => {
  it("is append-only (triggers), like the entries", () => {
    const { file } = withTokens();
    const db = outsider(file);
    expect(() => db.exec("UPDATE token_log SET body = '{}'")).toThrow(/the token log is append-only/);
    expect(() => db.exec("DELETE FROM token_log")).toThrow(/the token log is append-only/);
  });
});

describe("the import log", () => {
  async function imported(): Promise<string> {
    const ledger = tempLedger();
    for (const [i, d] of ["2022-10-28", "2022-11-02", "2022-11-03"].entries())
      await appendEvents(ledger, items(`f${i}.json`, [launch(d)]), {
        importer: "json",
        file: `f${i}.json`,
        recordedAt: RECORDED_AT,
      });
    expect(verifyLedger(ledger).imports).toMatchObject({ ok: true, kept: true, records: 3 });
    ledger.close();
    return ledger.file;
  }

  it("an imports row altered outside Lockstep is reported by verify", async () => {
    const file = await imported();
    expect(() => outsider(file).exec("UPDATE imports SET added = 99 WHERE id = 2")).toThrow(
      /the import log is append-only/,
    );
    withoutTriggers(file, (db) => db.exec("UPDATE imports SET added = 99 WHERE id = 2"));
    const ledger = reopen(file);
    expect(verifyLedger(ledger)).toMatchObject({
      ok: false,
      imports: { ok: false, problems: ["import 2: its hash does not match its content"] },
    });
    ledger.close();
  });
});

describe("migration 5", () => {
  /** A ledger as Lockstep wrote it at schema 4: tokens (one revoked, one expiring) and imports, no logs. */
  function version4(): { file: string; secrets: { a: string; b: string; c: string } } {
    const file = path.join(tempDir(), "v4.db");
    const db = new Database(file);
    migrate(db, 4);
    const secrets = { a: "lst_a", b: "lst_b", c: "lst_c" };
    const add = db.prepare(
      "INSERT INTO tokens (id, hash, role, created_at, revoked_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    add.run("tok_b", hashToken(secrets.b), "admin", "2024-02-01T00:00:00.000Z", null, null);
    add.run(
      "tok_a",
      hashToken(secrets.a),
      "editor",
      "2024-01-01T00:00:00.000Z",
      "2024-03-01T00:00:00.000Z",
      null,
    );
    add.run(
      "tok_c",
      hashToken(secrets.c),
      "editor",
      "2024-04-01T00:00:00.000Z",
      null,
      "2999-01-01T00:00:00.000Z",
    );
    const imp = db.prepare(
      "INSERT INTO imports (finished_at, importer, file, added, duplicates, rejected) VALUES (?, ?, ?, ?, ?, ?)",
    );
    imp.run("2024-01-01T00:00:00.000Z", "csv", "a.csv", 3, 0, 0);
    imp.run("2024-01-02T00:00:00.000Z", "jsonl", "b.jsonl", 1, 2, 0);
    expect(db.pragma("user_version", { simple: true })).toBe(4);
    db.close();
    return { file, secrets };
  }

  it("a schema-4 ledger is reported as keeping no logs yet when read without migrating", () => {
    const { file } = version4();
    const reader = openLedger(file, { readonly: true });
    expect(verifyLedger(reader)).toMatchObject({
      ok: true,
      tokens: { kept: false, ok: true, records: 0 },
      imports: { kept: false, ok: true, records: 0 },
    });
    reader.close();
  });

  it("backfills the token log from the rows in the order things happened, and chains the imports", () => {
    const { file, secrets } = version4();
    const ledger = reopen(file);
    expect(logBodies(ledger)).toEqual([
      {
        action: "create",
        id: "tok_a",
        hash: hashToken(secrets.a),
        role: "editor",
        createdAt: "2024-01-01T00:00:00.000Z",
        backfilled: true,
      },
      {
        action: "create",
        id: "tok_b",
        hash: hashToken(secrets.b),
        role: "admin",
        createdAt: "2024-02-01T00:00:00.000Z",
        backfilled: true,
      },
      { action: "revoke", id: "tok_a", revokedAt: "2024-03-01T00:00:00.000Z", backfilled: true },
      {
        action: "create",
        id: "tok_c",
        hash: hashToken(secrets.c),
        role: "editor",
        createdAt: "2024-04-01T00:00:00.000Z",
        expiresAt: "2999-01-01T00:00:00.000Z",
        backfilled: true,
      },
    ]);
    const report = verifyLedger(ledger);
    expect(report).toMatchObject({
      ok: true,
      tokens: { ok: true, kept: true, records: 4 },
      imports: { ok: true, kept: true, records: 2 },
    });
    // The tokens work as before: the live ones accepted, the revoked one refused.
    expect(findToken(ledger, secrets.a)).toBeUndefined();
    expect(findToken(ledger, secrets.b)?.role).toBe("admin");
    expect(findToken(ledger, secrets.c)?.role).toBe("editor");
    // And the chains go on from the backfill.
    createToken(ledger, "editor");
    expect(verifyLedger(ledger)).toMatchObject({ ok: true, tokens: { records: 5 } });
    ledger.close();
  });
});
