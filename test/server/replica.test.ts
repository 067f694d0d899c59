import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildServer } from "../../src/server/app.js";
import { copyLedger } from "../../src/store/copy.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { startCluster, type Cluster } from "../ledger/postgres/cluster.js";
import { describePostgres } from "../ledger/postgres/postgres.js";
import { demoLedger, request, startServer, type Running } from "./helpers.js";

// `lockstep serve --db PRIMARY --read-replica STANDBY`: a second cluster made a hot standby of the first with
// pg_basebackup, the server reading from it and writing to the primary.

const statement = (subject: string) => ({
  date: "2024-03-04",
  actor: "PRK",
  type: "statement",
  attributes: { subject },
  sources: [{ title: "KCNA", publisher: "KCNA", date: "2024-03-04" }],
});
const ON_THE_DAY = "/api/events?type=statement&from=2024-03-04&to=2024-03-04&limit=10";

interface Page {
  total: number;
  events: { id: string; attributes: { subject: string } }[];
}

describePostgres("a read replica (streaming replication)", (cluster) => {
  let standby: Cluster | undefined;
  let server: Running;
  let dir = "";
  let tokens: Awaited<ReturnType<typeof demoLedger>>["tokens"];
  beforeAll(async () => {
    const demo = await demoLedger();
    dir = demo.dir;
    tokens = demo.tokens;
    const from = SqliteStore.open(demo.db, { mustExist: true });
    const to = await PostgresStore.open(cluster().url);
    try {
      await copyLedger(from, to);
    } finally {
      await from.close();
      await to.close();
    }
    standby = await startCluster({ standbyOf: cluster() });
    server = await startServer({ db: cluster().url, readReplica: standby.url, webDir: false });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    standby?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves from the standby an event written to the primary, once the standby has replayed it", async () => {
    const standbyPsql = (sql: string) => standby!.psql(sql, "lockstep");
    expect(standbyPsql("SELECT pg_is_in_recovery()").trim()).toBe("t");
    const before = await request<Page>(server.url + ON_THE_DAY);
    // Replay paused on the standby: an event written to the primary (not through the server) is not served...
    standbyPsql("SELECT pg_wal_replay_pause()");
    const primary = await PostgresStore.open(cluster().url);
    try {
      await primary.appendEvents(
        [{ where: { file: "t", record: "1" }, input: statement("written to the primary") }],
        {
          importer: "jsonl",
          file: "t",
        },
      );
    } finally {
      await primary.close();
    }
    expect(
      cluster()
        .psql("SELECT count(*) FROM entries WHERE body LIKE '%written to the primary%'", "lockstep")
        .trim(),
    ).toBe("1");
    const paused = await request<Page>(server.url + ON_THE_DAY);
    expect(paused.body.total).toBe(before.body.total);
    const lagging = await request<{ replica: { lagBytes: number } }>(`${server.url}/api/health`);
    expect(lagging.body.replica.lagBytes).toBeGreaterThan(0);
    // ...until the standby replays it.
    standbyPsql("SELECT pg_wal_replay_resume()");
    let after = paused;
    for (let i = 0; i < 200 && after.body.total === before.body.total; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      after = await request<Page>(server.url + ON_THE_DAY);
    }
    expect(after.body.total).toBe(before.body.total + 1);
    expect(after.body.events.map((e) => e.attributes.subject)).toContain("written to the primary");
    const health = await request<{ ok: boolean; replica: { location: string; lagBytes: number } }>(
      `${server.url}/api/health`,
    );
    expect(health.body.ok).toBe(true);
    expect(health.body.replica.location).toBe(standby!.url);
    expect(health.body.replica.lagBytes).toBe(0);
  });

  it("writes to the primary and answers once the standby has the write: the writer reads it at once", async () => {
    const added = await request<{ added: number; ids: string[] }>(`${server.url}/api/events`, {
      method: "POST",
      json: statement("written through the server"),
      token: tokens.editor,
    });
    expect(added.status).toBe(201);
    const page = await request<Page>(server.url + ON_THE_DAY);
    expect(page.body.events.map((e) => e.id)).toContain(added.body.ids[0]);
  });

  it("refuses a replica that is not a standby, and one without a PostgreSQL primary", async () => {
    await expect(
      buildServer({ db: cluster().url, readReplica: cluster().url, logLevel: "silent" }),
    ).rejects.toThrow(/--read-replica postgres:\/\/.*: not a standby/);
    const demo = await demoLedger();
    try {
      await expect(
        buildServer({ db: demo.db, readReplica: standby!.url, logLevel: "silent", webDir: false }),
      ).rejects.toThrow("--read-replica needs --db to be the primary's postgres:// URL, not a file");
    } finally {
      rmSync(demo.dir, { recursive: true, force: true });
    }
  });
});
