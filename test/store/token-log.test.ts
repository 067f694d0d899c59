import { describe, expect, it, onTestFinished } from "vitest";
import { hashToken, type TokenInfo } from "../../src/ledger/index.js";
import { openStore, type LedgerStore } from "../../src/store/index.js";
import { RECORDED_AT, items, launch } from "../ledger/helpers.js";
import { newLocation, newStore, rawSql, tamper } from "./engine.js";

// The token and import logs on both engines. What only a SQLite file shows (its triggers seen by plain SQLite, the
// migration of a schema-4 file) stays in test/ledger/token-log.test.ts.

async function logBodies(location: string): Promise<Record<string, unknown>[]> {
  return (await rawSql(location, "SELECT body FROM token_log ORDER BY seq")).map(
    (r) => JSON.parse(r.body as string) as Record<string, unknown>,
  );
}

/** The live token a secret belongs to, as findToken (src/ledger/tokens.ts) gives it: undefined when refused. */
async function findToken(store: LedgerStore, token: string): Promise<TokenInfo | undefined> {
  const found = await store.lookupToken(token);
  return "token" in found ? found.token : undefined;
}

/** The ledger at `location` opened again, closed when the test ends. */
async function reopen(location: string): Promise<LedgerStore> {
  const store = await openStore(location, { mustExist: true });
  onTestFinished(() => store.close());
  return store;
}

/** A new ledger, not closed for the test: the caller closes it before changing it behind Lockstep's back. */
async function unclosed(): Promise<{ location: string; store: LedgerStore }> {
  const location = await newLocation();
  return { location, store: await openStore(location) };
}

/** A closed ledger with an editor, an admin and a revoked editor, made through Lockstep. */
async function withTokens() {
  const { location, store } = await unclosed();
  const editor = await store.createToken("editor");
  const admin = await store.createToken("admin");
  const revoked = await store.createToken("editor");
  await store.revokeToken(revoked.id);
  await store.close();
  return { location, editor, admin, revoked };
}

describe("the token log", () => {
  it("records each creation and revocation, in order, with the token's hash only", async () => {
    const store = await newStore();
    const a = await store.createToken("editor", new Date("2025-01-01T00:00:00Z"), "2025-04-01T00:00:00.000Z");
    const b = await store.createToken("admin", new Date("2025-01-02T00:00:00Z"));
    expect(await store.revokeToken(a.id, new Date("2025-01-03T00:00:00Z"))).toBe(true);
    expect(await store.revokeToken(a.id)).toBe(false); // already revoked: nothing logged
    expect(await logBodies(store.location)).toEqual([
      {
        action: "create",
        id: a.id,
        hash: hashToken(a.token),
        role: "editor",
        createdAt: "2025-01-01T00:00:00.000Z",
        expiresAt: "2025-04-01T00:00:00.000Z",
      },
      {
        action: "create",
        id: b.id,
        hash: hashToken(b.token),
        role: "admin",
        createdAt: "2025-01-02T00:00:00.000Z",
      },
      { action: "revoke", id: a.id, revokedAt: "2025-01-03T00:00:00.000Z" },
    ]);
    const text = JSON.stringify(await rawSql(store.location, "SELECT * FROM token_log"));
    expect(text).not.toContain(a.token);
    expect((await store.verify()).tokens).toMatchObject({ ok: true, kept: true, records: 3, problems: [] });
  });

  it("is append-only (triggers), like the entries: SQL refused by the database", async () => {
    const { location } = await withTokens();
    await expect(rawSql(location, "UPDATE token_log SET body = '{}'")).rejects.toThrow(
      /the token log is append-only/,
    );
    await expect(rawSql(location, "DELETE FROM token_log")).rejects.toThrow(/the token log is append-only/);
  });

  describe("refuses a token whose row the log does not back, and verify names it", () => {
    it("a row inserted directly with SQL", async () => {
      const { location } = await withTokens();
      const forged = "lst_forged-by-sql";
      await rawSql(
        location,
        "INSERT INTO tokens (id, hash, role, created_at) VALUES ('tok_forged', ?, 'admin', ?)",
        [hashToken(forged), new Date().toISOString()],
      );
      const store = await reopen(location);
      expect(await findToken(store, forged)).toBeUndefined();
      expect(await store.lookupToken(forged)).toEqual({
        refused:
          "the token was changed outside Lockstep: the token log does not back it (run lockstep verify)",
      });
      const report = await store.verify();
      expect(report.ok).toBe(false);
      expect(report.tokens?.problems).toEqual([
        "token tok_forged is in the tokens table but was never created through Lockstep (no token log record)",
      ]);
    });

    it("a role changed from editor to admin", async () => {
      const { location, editor, admin } = await withTokens();
      await rawSql(location, "UPDATE tokens SET role = 'admin' WHERE id = ?", [editor.id]);
      const store = await reopen(location);
      expect(await findToken(store, editor.token)).toBeUndefined();
      expect((await findToken(store, admin.token))?.role).toBe("admin"); // the others still work
      expect((await store.verify()).tokens?.problems).toEqual([
        `token ${editor.id}: its role is admin in the tokens table but editor in the token log`,
      ]);
    });

    it("a revocation removed", async () => {
      const { location, revoked } = await withTokens();
      await rawSql(location, "UPDATE tokens SET revoked_at = NULL WHERE id = ?", [revoked.id]);
      const store = await reopen(location);
      expect(await findToken(store, revoked.token)).toBeUndefined();
      expect((await store.verify()).tokens?.problems).toEqual([
        expect.stringMatching(
          new RegExp(`^token ${revoked.id}: its revocation \\(logged at .*\\) is missing`),
        ),
      ]);
    });

    it("an expiry removed, and a row deleted", async () => {
      const { location, store } = await unclosed();
      const expiring = await store.createToken("editor", new Date(), "2999-01-01T00:00:00.000Z");
      const gone = await store.createToken("editor");
      await store.close();
      await rawSql(location, "UPDATE tokens SET expires_at = NULL WHERE id = ?", [expiring.id]);
      await rawSql(location, "DELETE FROM tokens WHERE id = ?", [gone.id]);
      const again = await reopen(location);
      expect(await findToken(again, expiring.token)).toBeUndefined();
      expect((await again.verify()).tokens?.problems).toEqual([
        `token ${expiring.id}: its expiry is never in the tokens table but 2999-01-01T00:00:00.000Z in the token log`,
        `token ${gone.id} is in the token log but missing from the tokens table`,
      ]);
    });
  });

  it("a log record edited without recomputing the chain: every token refused, verify names the record", async () => {
    const { location, editor, admin } = await withTokens();
    await tamper(
      location,
      ["tokens", "token_log"],
      [
        `UPDATE tokens SET role = 'admin' WHERE id = '${editor.id}'`,
        `UPDATE token_log SET body = replace(body, '"editor"', '"admin"') WHERE seq = 1`,
      ],
    );
    const store = await reopen(location);
    expect(await findToken(store, editor.token)).toBeUndefined();
    expect(await store.lookupToken(admin.token)).toEqual({
      refused: "the token log does not verify, so no token is accepted (run lockstep verify)",
    });
    expect((await store.verify()).tokens).toMatchObject({
      ok: false,
      problems: ["token log record 1: its hash does not match its content"],
    });
  });
});

describe("the import log", () => {
  async function imported(): Promise<string> {
    const { location, store } = await unclosed();
    for (const [i, d] of ["2022-10-28", "2022-11-02", "2022-11-03"].entries())
      await store.appendEvents(items(`f${i}.json`, [launch(d)]), {
        importer: "json",
        file: `f${i}.json`,
        recordedAt: RECORDED_AT,
      });
    expect((await store.verify()).imports).toMatchObject({ ok: true, kept: true, records: 3 });
    await store.close();
    return location;
  }

  it("an imports row altered outside Lockstep is reported by verify", async () => {
    const location = await imported();
    await expect(rawSql(location, "UPDATE imports SET added = 99 WHERE id = 2")).rejects.toThrow(
      /the import log is append-only/,
    );
    await tamper(location, ["imports"], ["UPDATE imports SET added = 99 WHERE id = 2"]);
    const store = await reopen(location);
    expect(await store.verify()).toMatchObject({
      ok: false,
      imports: { ok: false, problems: ["import 2: its hash does not match its content"] },
    });
  });

  it("an imports row removed from the middle is reported by verify", async () => {
    const location = await imported();
    await tamper(location, ["imports"], ["DELETE FROM imports WHERE id = 2"]);
    const store = await reopen(location);
    expect((await store.verify()).imports?.problems).toEqual([
      "import 3: its link to the record before does not match",
    ]);
  });
});
