import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/ledger/index.js";
import { rawSql } from "./engine.js";
import { demoLedger, expectError, request, startServer, type Running } from "./helpers.js";

/**
 * Rows of the tokens table changed with plain SQL, as anyone who can write the file could: the server must refuse
 * each token the token log does not back. The old code, reading the tokens table alone, let all three through.
 */
let server: Running;
let db: string;
let tokens: { editor: string; admin: string; revoked: string };
const api = (path: string) => `${server.url}${path}`;

const meeting = {
  type: "summit_or_meeting",
  date: "2030-01-02",
  actor: "USA+PRK",
  attributes: { name: "Forged token talks" },
  sources: [{ url: "https://example.org/forged", title: "A test report" }],
};

const sql = (statement: string, ...params: unknown[]) => rawSql(db, statement, params);

const listTokens = (token: string) => request(api("/api/tokens"), { token });
const postEvent = (token: string) => request(api("/api/events"), { method: "POST", token, json: meeting });

beforeAll(async () => {
  const built = await demoLedger();
  db = built.db;
  tokens = built.tokens;
  server = await startServer({ db });
});

afterAll(async () => {
  await server?.close();
});

describe("tokens changed outside Lockstep", () => {
  it("an admin row inserted directly with SQL: 403", async () => {
    const forged = "lst_inserted-with-sqlite3";
    await sql(
      "INSERT INTO tokens (id, hash, role, created_at) VALUES ('tok_forged', ?, 'admin', ?)",
      hashToken(forged),
      new Date().toISOString(),
    );
    const r = expectError(await listTokens(forged), 403);
    expect(r.error).toBe(
      "the token was changed outside Lockstep: the token log does not back it (run lockstep verify)",
    );
    expectError(await postEvent(forged), 403);
  });

  it("an editor's role changed to admin: 403, for admin and editor work alike", async () => {
    expectError(await listTokens(tokens.editor), 403); // an editor, as created
    await sql("UPDATE tokens SET role = 'admin' WHERE hash = ?", hashToken(tokens.editor));
    expect(expectError(await listTokens(tokens.editor), 403).error).toMatch(/changed outside Lockstep/);
    expectError(await postEvent(tokens.editor), 403);
  });

  it("a revocation removed: 403", async () => {
    expectError(await postEvent(tokens.revoked), 403);
    await sql("UPDATE tokens SET revoked_at = NULL WHERE hash = ?", hashToken(tokens.revoked));
    expect(expectError(await postEvent(tokens.revoked), 403).error).toMatch(/changed outside Lockstep/);
  });

  it("the admin token nobody touched still works, and GET /api/verify names every forged row", async () => {
    expect((await listTokens(tokens.admin)).status).toBe(200);
    const v = await request<{ ok: boolean; tokens: { ok: boolean; problems: string[] } }>(api("/api/verify"));
    expect(v.body.ok).toBe(false);
    expect(v.body.tokens.ok).toBe(false);
    expect(v.body.tokens.problems).toHaveLength(3);
    expect(v.body.tokens.problems.join("\n")).toMatch(
      /tok_forged is in the tokens table but was never created/,
    );
    expect(v.body.tokens.problems.join("\n")).toMatch(/its role is admin in the tokens table but editor/);
    expect(v.body.tokens.problems.join("\n")).toMatch(/its revocation \(logged at .*\) is missing/);
  });
});
