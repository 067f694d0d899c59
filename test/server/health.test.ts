import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { onPostgres, SQLITE_ONLY, withStore } from "./engine.js";
import { demoLedger, request, startServer, type Running } from "./helpers.js";

// Health verifies the chain in full once, then only from the last verified entry on: it must still see what is
// added (and check it), and a change to the entry it verified last.
interface Health {
  ok: boolean;
  entries: number;
  events: number;
  chain: { ok: boolean; entries: number; head: string; fullCheckAt: string; firstBroken?: { seq: number } };
}

let server: Running | undefined;
afterEach(() => server?.close());

const statement = (n: number) => ({
  date: "2024-01-02",
  actor: "PRK",
  type: "statement",
  attributes: { subject: `health test ${n}` },
  sources: [{ title: "KCNA" }],
});

async function addOutside(db: string, n: number) {
  await withStore(db, (store) =>
    store.appendEvents([{ where: { file: "t", record: "1" }, input: statement(n) }], {
      importer: "jsonl",
      file: "t",
    }),
  );
}

describe("GET /api/health", () => {
  it("names the engine and its version", async () => {
    const { db } = await demoLedger();
    server = await startServer({ db });
    const health = (await request<Health & { engine: unknown }>(`${server.url}/api/health`)).body;
    const version = await withStore(db, (store) => store.engineVersion());
    expect(health.engine).toEqual({ name: onPostgres ? "postgresql" : "sqlite", version });
    if (!onPostgres) {
      const sqlite = new Database(":memory:");
      expect(version).toBe(sqlite.prepare("SELECT sqlite_version()").pluck().get());
      sqlite.close();
    }
  });

  it("verifies entries added since its last check, with the counts and head of the whole chain", async () => {
    const { db } = await demoLedger();
    server = await startServer({ db });
    const first = (await request<Health>(`${server.url}/api/health`)).body;
    expect(first.ok).toBe(true);
    await addOutside(db, 1);
    await addOutside(db, 2);
    const next = (await request<Health>(`${server.url}/api/health`)).body;
    const full = await withStore(db, (store) => store.verify({ quick: true }));
    expect(next).toMatchObject({ ok: true, entries: first.entries + 2, events: first.events + 2 });
    expect(next.chain).toMatchObject({ ok: true, entries: full.entries, head: full.head });
    expect(next.chain.fullCheckAt).toBe(first.chain.fullCheckAt);
    const events = await request(`${server.url}/api/events?limit=1`);
    expect(events.headers.get("lockstep-chain")).toBe(`intact; entries=${full.entries}`);
  });

  it.skipIf(onPostgres)(`sees the last verified entry rewritten (${SQLITE_ONLY})`, async () => {
    const { db } = await demoLedger();
    server = await startServer({ db });
    const first = (await request<Health>(`${server.url}/api/health`)).body;
    const raw = new Database(db);
    raw.exec("DROP TRIGGER entries_no_update");
    raw.prepare("UPDATE entries SET hash = ? WHERE seq = ?").run("f".repeat(64), first.entries);
    raw.close();
    const after = (await request<Health>(`${server.url}/api/health`)).body;
    expect(after.ok).toBe(false);
    expect(after.chain.firstBroken?.seq).toBe(first.entries);
    // Every answer says so, whatever the route.
    const events = await request(`${server.url}/api/events?limit=1`);
    expect(events.headers.get("lockstep-chain")).toBe(`broken; entry=${first.entries}`);
  });
});
