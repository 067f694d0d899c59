import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { copyLedger } from "../../src/store/copy.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { describePostgres, newDatabase } from "../ledger/postgres/postgres.js";
import { demoLedger, request, startServer, type Running } from "./helpers.js";

// `lockstep serve --db postgres://…`: the same API over the same ledger copied to PostgreSQL gives the same answers,
// writes go to the server's database, and a second server on the same database sees the first one's writes.

const X = "actor=USA type=military_exercise";
const Y = "actor=PRK type=missile_launch";

/** The reads compared: pages and filters, facets, agreements and their evaluation, audit, coverage, analyses. */
const READS = [
  "/api/events?limit=50",
  "/api/events?limit=20&offset=40&sort=-date&history=true",
  `/api/events?actor=PRK&type=missile_launch&from=2022-01-01&to=2022-12-31&limit=100`,
  "/api/events?q=summit&limit=10",
  "/api/events/facets",
  "/api/agreements",
  "/api/agreements/moratorium-2018/evaluation?asOf=2022-10-28",
  "/api/agreements/military-agreement-2018/evaluation?asOf=2024-06-30",
  "/api/audit",
  "/api/coverage",
  `/api/analysis/react?${new URLSearchParams({ cause: X, effect: Y, from: "2015-01-01", to: "2024-12-31", permutations: "200", unit: "days" })}`,
  `/api/analysis/rates?events=${encodeURIComponent(Y)}&unit=days&period=before%3D2015-01-01..2018-06-11&period=during%3D2018-06-12..2022-08-21`,
];

describePostgres("the API served from a PostgreSQL ledger", (cluster) => {
  let dir = "";
  let tokens: Awaited<ReturnType<typeof demoLedger>>["tokens"];
  let url = "";
  let onFile: Running;
  let onServer: Running;
  let second: Running | undefined;
  beforeAll(async () => {
    const demo = await demoLedger();
    dir = demo.dir;
    tokens = demo.tokens;
    url = newDatabase(cluster());
    const from = SqliteStore.open(demo.db, { mustExist: true });
    const to = await PostgresStore.open(url);
    try {
      await copyLedger(from, to);
    } finally {
      await from.close();
      await to.close();
    }
    onFile = await startServer({ db: demo.db, webDir: false });
    onServer = await startServer({ db: url, webDir: false });
  }, 120_000);
  afterAll(async () => {
    await onFile?.close();
    await onServer?.close();
    await second?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers every read as the SQLite file does, byte for byte", async () => {
    for (const path of READS) {
      const [a, b] = await Promise.all([request(onFile.url + path), request(onServer.url + path)]);
      expect(a.status, path).toBe(200);
      expect(b.status, path).toBe(200);
      expect(b.text, path).toBe(a.text);
      expect(b.headers.get("lockstep-chain"), path).toBe(a.headers.get("lockstep-chain"));
    }
  });

  it("names PostgreSQL in /api/health, with the same entries, events and chain", async () => {
    type Health = {
      engine: { name: string; version: string };
      entries: number;
      events: number;
      chain: object;
    };
    const [a, b] = await Promise.all([
      request<Health>(`${onFile.url}/api/health`),
      request<Health>(`${onServer.url}/api/health`),
    ]);
    expect(b.body.engine.name).toBe("postgresql");
    expect(b.body.engine.version).toMatch(/^\d+/);
    expect(b.body.entries).toBe(a.body.entries);
    expect(b.body.events).toBe(a.body.events);
    const chain = (h: Health) => {
      const { checkedAt: _c, fullCheckAt: _f, ...rest } = h.chain as Record<string, unknown>;
      return rest;
    };
    expect(chain(b.body)).toEqual(chain(a.body));
    // verify reads the same chain to the same head
    const [va, vb] = await Promise.all([
      request<{ ok: boolean; head: string; entries: number }>(`${onFile.url}/api/verify`),
      request<{ ok: boolean; head: string; entries: number }>(`${onServer.url}/api/verify`),
    ]);
    expect(vb.body).toMatchObject({ ok: true, head: va.body.head, entries: va.body.entries });
  });

  it("writes to the database with the ledger's tokens, and a second server on it sees the write", async () => {
    second = await startServer({ db: url, webDir: false });
    const before = await request<{ total: number }>(
      `${second.url}/api/events?type=statement&from=2024-01-02&to=2024-01-02&limit=5`,
    );
    const event = {
      date: "2024-01-02",
      actor: "PRK",
      type: "statement",
      attributes: { subject: "served from PostgreSQL" },
      sources: [{ title: "KCNA", publisher: "KCNA", date: "2024-01-02" }],
    };
    const refused = await request(`${onServer.url}/api/events`, {
      method: "POST",
      json: event,
      token: tokens.revoked,
    });
    expect(refused.status).toBe(403);
    const added = await request<{ added: number; ids: string[] }>(`${onServer.url}/api/events`, {
      method: "POST",
      json: event,
      token: tokens.editor,
    });
    expect(added.status).toBe(201);
    expect(added.body.added).toBe(1);
    const after = await request<{ total: number; events: { id: string }[] }>(
      `${second.url}/api/events?type=statement&from=2024-01-02&to=2024-01-02&limit=5`,
    );
    expect(after.body.total).toBe(before.body.total + 1);
    expect(after.body.events.map((e) => e.id)).toContain(added.body.ids[0]);
    const health = await request<{ ok: boolean; chain: { entries: number } }>(`${second.url}/api/health`);
    expect(health.body.ok).toBe(true);
    expect(health.headers.get("lockstep-chain")).toBe(`intact; entries=${health.body.chain.entries}`);
  });

  it("imports a file and manages tokens on the database", async () => {
    const file = join(dir, "one.jsonl");
    const line = {
      date: "2024-02-03",
      actor: "KOR",
      type: "statement",
      attributes: { subject: "imported into PostgreSQL" },
      sources: [{ title: "Yonhap", publisher: "Yonhap", date: "2024-02-03" }],
    };
    writeFileSync(file, JSON.stringify(line) + "\n");
    const imported = await request<{ added: number }>(`${onServer.url}/api/imports?filename=one.jsonl`, {
      method: "POST",
      body: JSON.stringify(line) + "\n",
      token: tokens.editor,
    });
    expect(imported.status).toBe(201);
    expect(imported.body.added).toBe(1);
    const made = await request<{ id: string; token: string }>(`${onServer.url}/api/tokens`, {
      method: "POST",
      json: { role: "editor" },
      token: tokens.admin,
    });
    expect(made.status).toBe(201);
    const listed = await request<{ tokens: { id: string }[] }>(`${second!.url}/api/tokens`, {
      token: tokens.admin,
    });
    expect(listed.body.tokens.map((t) => t.id)).toContain(made.body.id);
    const revoked = await request(`${second!.url}/api/tokens/${made.body.id}`, {
      method: "DELETE",
      token: tokens.admin,
    });
    expect(revoked.status).toBe(200);
    const refused = await request(`${onServer.url}/api/events`, {
      method: "POST",
      json: { ...line, attributes: { subject: "by a revoked token" } },
      token: made.body.token,
    });
    expect(refused.status).toBe(403);
  });
});
