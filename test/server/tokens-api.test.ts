import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/ledger/index.js";
import { rawSql, withStore } from "./engine.js";
import { demoLedger, expectError, request, startServer, type Running } from "./helpers.js";

let server: Running;
let db: string;
let tokens: { editor: string; admin: string; revoked: string };
const api = (path: string) => `${server.url}${path}`;

interface Created {
  id: string;
  role: string;
  createdAt: string;
  token: string;
}
interface Listed {
  tokens: { id: string; role: string; createdAt: string; revokedAt?: string }[];
}

const meeting = (date: string) => ({
  type: "summit_or_meeting",
  date,
  actor: "USA+PRK",
  attributes: { name: "Token API talks" },
  sources: [{ url: "https://example.org/token-api", title: "A test report" }],
});

const create = (json: unknown, token?: string) =>
  request<Created>(api("/api/tokens"), { method: "POST", json, ...(token !== undefined ? { token } : {}) });

async function tokenCount(): Promise<number> {
  const r = await request<Listed>(api("/api/tokens"), { token: tokens.admin });
  expect(r.status).toBe(200);
  return r.body.tokens.length;
}

beforeAll(async () => {
  const built = await demoLedger();
  db = built.db;
  tokens = built.tokens;
  server = await startServer({ db });
});

afterAll(async () => {
  await server?.close();
});

describe("POST /api/tokens", () => {
  it("without a token: 401; with an editor's, a revoked or an unknown token: 403; nothing created", async () => {
    const before = await tokenCount();
    expect(before).toBe(3);
    const none = await create({ role: "editor" });
    expectError(none, 401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const editor = expectError(await create({ role: "editor" }, tokens.editor), 403);
    expect(editor.error).toMatch(/admin role/);
    expectError(await create({ role: "admin" }, tokens.editor), 403);
    expectError(await create({ role: "editor" }, tokens.revoked), 403);
    expectError(await create({ role: "editor" }, "lst_unknown"), 403);
    expect(await tokenCount()).toBe(before);
  });

  it("a missing, unknown or non-string role, or an extra member, is 400 naming the field; nothing created", async () => {
    const before = await tokenCount();
    const paths = async (json: unknown) =>
      expectError(await create(json, tokens.admin), 400).issues?.map((i) => i.path);
    expect(await paths({})).toEqual(["role"]);
    expect(await paths({ role: "owner" })).toEqual(["role"]);
    expect(await paths({ role: "" })).toEqual(["role"]);
    expect(await paths({ role: 2 })).toEqual(["role"]);
    expect(await paths({ role: ["admin"] })).toEqual(["role"]);
    expect(await paths({ role: "editor", expires: "2030-01-01" })).toEqual(["expires"]);
    expect(await paths({ role: "admin", id: "tok_mine", token: "lst_mine" })).toEqual(["id", "token"]);
    const missing = expectError(await create({}, tokens.admin), 400);
    expect(missing.error).toBe("invalid request body");
    expect(missing.issues?.[0]?.message).toMatch(/required property 'role'/);
    expectError(await create(["editor"], tokens.admin), 400);
    expect(await tokenCount()).toBe(before);
  });

  it("expires: an admin makes a token that stops working after the duration; a bad duration is 400", async () => {
    const r = await create({ role: "editor", expires: "P2W" }, tokens.admin);
    expect(r.status).toBe(201);
    const body = r.body as unknown as { createdAt: string; expiresAt: string };
    expect((Date.parse(body.expiresAt) - Date.parse(body.createdAt)) / 86_400_000).toBe(14);
    const bad = expectError(await create({ role: "editor", expires: "two weeks" }, tokens.admin), 400);
    expect(bad.issues?.[0]?.path).toBe("expires");
  });

  it("201 for an admin: the token once, which then works; listed without the token; only its hash stored", async () => {
    const before = await tokenCount();
    const t0 = Date.now();
    const r = await create({ role: "editor" }, tokens.admin);
    expect(r.status).toBe(201);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(r.body).sort()).toEqual(["createdAt", "id", "role", "token"]);
    expect(r.body.id).toMatch(/^tok_[0-9a-f]{12}$/);
    expect(r.body.role).toBe("editor");
    expect(r.body.token).toMatch(/^lst_[A-Za-z0-9_-]{43}$/);
    expect(new Date(r.body.createdAt).toISOString()).toBe(r.body.createdAt);
    expect(Date.parse(r.body.createdAt)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(Date.parse(r.body.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);

    // The new editor token writes events...
    const added = await request<{ added: number; ids: string[] }>(api("/api/events"), {
      method: "POST",
      json: meeting("2034-05-06"),
      token: r.body.token,
    });
    expect(added.status).toBe(201);
    expect(added.body.added).toBe(1);
    const listedEvents = await request<{ events: { id: string; provenance: { file: string } }[] }>(
      api("/api/events?from=2034-05-06&to=2034-05-06"),
    );
    expect(listedEvents.body.events.map((e) => e.id)).toEqual(added.body.ids);
    expect(listedEvents.body.events[0]!.provenance.file).toBe(`api/${r.body.id}`);
    // ...but, being an editor's, does not manage tokens.
    expectError(await create({ role: "admin" }, r.body.token), 403);

    // Listed with its id, role and date, never the token.
    const listed = await request<Listed>(api("/api/tokens"), { token: tokens.admin });
    expect(listed.body.tokens).toHaveLength(before + 1);
    expect(listed.body.tokens.find((t) => t.id === r.body.id)).toEqual({
      id: r.body.id,
      role: "editor",
      createdAt: r.body.createdAt,
    });
    expect(listed.text).not.toContain(r.body.token);
    expect(listed.text).not.toContain("lst_");

    // The ledger holds its SHA-256 and nothing else of it.
    const [row] = await rawSql(db, "SELECT * FROM tokens WHERE id = ?", [r.body.id]);
    expect(row).toEqual({
      id: r.body.id,
      hash: hashToken(r.body.token),
      role: "editor",
      created_at: r.body.createdAt,
      revoked_at: null,
      expires_at: null,
    });
    for (const value of Object.values(row!)) expect(String(value)).not.toContain(r.body.token);
    const secret = r.body.token.slice("lst_".length);
    const stored = await rawSql(db, "SELECT id || hash || role || created_at AS text FROM tokens");
    expect(stored.length).toBeGreaterThan(0);
    for (const { text } of stored) expect(String(text)).not.toContain(secret);
  });

  it("an admin token created this way manages tokens, and is refused once revoked", async () => {
    const r = await create({ role: "admin" }, tokens.admin);
    expect(r.status).toBe(201);
    expect(r.body.role).toBe("admin");
    expect(await withStore(db, (store) => store.lookupToken(r.body.token))).toEqual({
      token: { id: r.body.id, role: "admin", createdAt: r.body.createdAt },
    });
    const child = await create({ role: "editor" }, r.body.token);
    expect(child.status).toBe(201);
    expect(child.body.token).not.toBe(r.body.token);
    expect(child.body.id).not.toBe(r.body.id);
    const listed = await request<Listed>(api("/api/tokens"), { token: r.body.token });
    expect(listed.status).toBe(200);
    expect(listed.body.tokens.map((t) => t.id)).toEqual(expect.arrayContaining([r.body.id, child.body.id]));
    const revoked = await request(api(`/api/tokens/${r.body.id}`), { method: "DELETE", token: tokens.admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ revoked: r.body.id });
    expectError(await create({ role: "editor" }, r.body.token), 403);
  });
});

describe("documentation", () => {
  it("GET /api/openapi.json lists POST /api/tokens: admin, body schema, and the token shown once", async () => {
    const r = await request<{
      paths: Record<
        string,
        Record<
          string,
          {
            summary?: string;
            description?: string;
            tags?: string[];
            security?: unknown[];
            requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
            responses?: Record<string, unknown>;
          }
        >
      >;
    }>(api("/api/openapi.json"));
    expect(r.status).toBe(200);
    const post = r.body.paths["/api/tokens"]?.post;
    expect(post).toBeDefined();
    expect(post!.tags).toEqual(["tokens"]);
    expect(post!.security).toEqual([{ bearer: [] }]);
    expect(post!.summary).toMatch(/admin/);
    expect(`${post!.summary} ${post!.description}`).toMatch(/shown .*once/);
    const schema = post!.requestBody?.content["application/json"]?.schema;
    expect(schema).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["role"],
      properties: { role: { enum: ["editor", "admin"] } },
    });
    expect(Object.keys(post!.responses ?? {})).toContain("201");
    expect(r.body.paths["/api/tokens"]?.get).toBeDefined();
    expect(r.body.paths["/api/tokens/{id}"]?.delete).toBeDefined();
  });
});
