import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";
import { demoLedger, startServer, type Running } from "./helpers.js";

let server: Running;
let db: string;
beforeAll(async () => {
  db = (await demoLedger()).db;
  server = await startServer({ db });
});
afterAll(() => server.close());

describe("answers a browser keeps and unpacks", () => {
  it("compresses a page of events for a client that accepts gzip or brotli, and not a small answer", async () => {
    for (const encoding of ["gzip", "br"]) {
      const r = await fetch(`${server.url}/api/events?limit=100`, {
        headers: { "accept-encoding": encoding },
      });
      expect(r.headers.get("content-encoding")).toBe(encoding);
      expect(((await r.json()) as { events: unknown[] }).events).toHaveLength(100);
    }
    const small = await fetch(`${server.url}/api/events?limit=0`, { headers: { "accept-encoding": "gzip" } });
    expect(small.headers.get("content-encoding")).toBeNull();
  });

  it("keeps the hashed assets for good and asks for the page again every time", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const asset = /(\/assets\/[^"]+\.js)/.exec(await page.text())?.[1];
    expect(asset).toBeDefined();
    const r = await fetch(`${server.url}${asset}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});

describe("lockstep serve", () => {
  it("says in words where the dashboard and the API are", async () => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, "dist/cli/main.js"), "serve", "--db", db, "--port", "0"],
      {
        cwd: repoRoot,
      },
    );
    try {
      const said = await new Promise<string>((resolve, reject) => {
        let err = "";
        child.stderr.on("data", (chunk: Buffer) => {
          err += chunk.toString();
          if (/API .*\n/.test(err)) resolve(err);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(said).toMatch(
        /^lockstep: chain intact \(\d+ entries\)\nlockstep: serving .*(korea\.db|\/served_\d+)\n {2}dashboard {2}http:\/\/127\.0\.0\.1:\d+\/\n {2}API {8}http:\/\/127\.0\.0\.1:\d+\/api \(reference: http:\/\/127\.0\.0\.1:\d+\/api\/docs\)\n/,
      );
      const url = /dashboard {2}(http:\/\/\S+)\//.exec(said)![1]!;
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
