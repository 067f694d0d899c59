import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";
import { demoLedger, expectError, request, startServer, type Running } from "./helpers.js";

// No request may hold the server: each analysis parameter has a bound (400 saying it), a query's numbers are whole
// and in range, and an analysis that runs too long is stopped while everything else is answered.

let server: Running;
let db: string;
beforeAll(async () => {
  db = (await demoLedger()).db;
  server = await startServer({ db });
});
afterAll(() => server.close());

const get = <T = Record<string, unknown>>(path: string) => request<T>(`${server.url}${path}`);
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const XY = { x: "actor=USA", y: "actor=PRK" };

describe("limits on what one request may ask", () => {
  it.each([
    ["granger", { ...XY, maxlag: "61" }, "maxlag", /maxlag must be at most 60, not 61/],
    ["xcorr", { ...XY, maxlag: "367" }, "maxlag", /at most 366/],
    ["reciprocity", { a: "PRK", b: "USA", lags: "25" }, "lags", /at most 24/],
    ["react", { cause: "actor=USA", effect: "actor=PRK", k: "367" }, "k", /at most 366/],
    ["react", { cause: "actor=USA", effect: "actor=PRK", permutations: "100001" }, "permutations", /100000/],
    ["xcorr", { ...XY, freq: "day", from: "0001-01-01", to: "9999-12-31" }, "from", /at most 36600 days/],
  ])("%s refuses %o, naming %s and the limit", async (route, params, path, message) => {
    const r = await get(`/api/analysis/${route}?${q(params)}`);
    const body = expectError(r, 400);
    expect(body.error).toMatch(message);
    expect(body.issues?.[0]?.path).toBe(path);
  });

  it("refuses a granger test over a century of days at 50 lags at once (it took 43 s and 275 MB), saying why", async () => {
    const started = Date.now();
    const r = await get(
      `/api/analysis/granger?${q({ ...XY, maxlag: "50", freq: "day", from: "1950-01-01", to: "2030-12-31" })}`,
    );
    const body = expectError(r, 400);
    expect(body.error).toMatch(/29585 day bins × maxlag 50 is 1479250; here at most 150000/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("refuses an analysis of an actor no event has, naming the series, with 400 (not 500, not an empty series)", async () => {
    const body = expectError(await get(`/api/analysis/xcorr?${q({ x: "actor=NKR", y: "actor=USA" })}`), 400);
    expect(body.issues?.[0]).toMatchObject({ path: "x.actor" });
    expect(body.error).toMatch(/did you mean NK = PRK/);
  });

  it("takes the usual analyses as before", async () => {
    const r = await get(`/api/analysis/granger?${q({ ...XY, maxlag: "4" })}`);
    expect(r.status).toBe(200);
  });

  it.each(["Infinity", "-1", "1.5", "1001"])("refuses limit=%s on /api/events", async (limit) => {
    const body = expectError(await get(`/api/events?limit=${limit}`), 400);
    expect(JSON.stringify(body)).toMatch(/limit/);
  });

  it("pages /api/events as the whole list would, with the total of all matches", async () => {
    const all = await get<{ total: number; events: { id: string }[] }>(
      `/api/events?type=missile_launch&limit=1000`,
    );
    const page = await get<{ total: number; events: { id: string }[] }>(
      `/api/events?type=missile_launch&limit=7&offset=11`,
    );
    expect(page.body.total).toBe(all.body.total);
    expect(page.body.events.map((e) => e.id)).toEqual(all.body.events.slice(11, 18).map((e) => e.id));
  });
});

describe("paging /api/events by cursor", () => {
  it("walks the list by each page's next, as the offsets would, and refuses a cursor it did not give", async () => {
    type Page = { total: number; next?: string; events: { id: string }[] };
    const all = await get<Page>(`/api/events?sort=-date&limit=1000`);
    const ids: string[] = [];
    let page = await get<Page>(`/api/events?sort=-date&limit=97`);
    while (page.body.next) {
      ids.push(...page.body.events.map((e) => e.id));
      page = await get<Page>(`/api/events?sort=-date&limit=97&after=${page.body.next}`);
    }
    ids.push(...page.body.events.map((e) => e.id));
    expect(ids).toEqual(all.body.events.map((e) => e.id));
    const bad = expectError(await get(`/api/events?after=bm90IGEgY3Vyc29y`), 400);
    expect(bad.issues?.[0]?.path).toBe("after");
  });
});

describe("a time limit on analyses, off the event loop (the built server)", () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    child = spawn(
      process.execPath,
      [join(repoRoot, "dist/cli/main.js"), "serve", "--db", db, "--port", "0", "--analysis-timeout", "1"],
      { cwd: repoRoot },
    );
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      const look = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      };
      child.stdout!.on("data", look);
      child.stderr!.on("data", look);
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  });
  afterAll(() => {
    child.kill("SIGTERM");
  });

  it("stops an analysis past the limit with 503 while health is answered at once", async () => {
    const heavy = {
      cause: "actor=USA",
      effect: "actor=PRK",
      permutations: "100000",
      k: "366",
      from: "1984-01-01",
    };
    const started = Date.now();
    const pending = request(`${url}/api/analysis/react?${q(heavy)}`);
    await new Promise((r) => setTimeout(r, 100));
    const healthStarted = Date.now();
    const health = await request(`${url}/api/health`);
    expect(health.status).toBe(200);
    // Answered while the analysis runs on its thread (a loaded machine may still take a while).
    expect(Date.now() - healthStarted).toBeLessThan(900);
    const r = await pending;
    const body = expectError(r, 503);
    expect(body.error).toMatch(/stopped after 1 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(5000);
    // The thread was replaced: the next analysis is answered.
    const next = await request(`${url}/api/analysis/xcorr?${q(XY)}`);
    expect(next.status).toBe(200);
  });
});
