import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatCheckpoint,
  generateSigningKey,
  readSigningKey,
  signNote,
} from "../../src/ledger/checkpoint.js";
import { buildServer } from "../../src/server/app.js";
import { repoRoot } from "../cli/run-cli.js";
import { holdWriteLock, withStore } from "./engine.js";
import { demoLedger, request, startServer, type Res, type Running } from "./helpers.js";
import {
  openApiContract,
  type OpenApiContract,
  type OpenApiDocument,
  type Operation,
} from "./openapi-contract.js";

// The OpenAPI document tells the truth about responses: every answer a request can provoke, success or error,
// matches the schema /api/openapi.json gives for its path, method and status; no route answers a status the
// document does not declare, and every status declared is provoked here. The schemas describe; they never serialize.

/** The body limits of the server under test: small, so that a body over them is cheap to send. */
const LIMIT = 64 * 1024;

let demo: Awaited<ReturnType<typeof demoLedger>>;
let server: Running;
/** The same ledger served with no checkpoint. */
let bare: Running;
let contract: OpenApiContract;

async function writeCheckpoint(db: string, file: string): Promise<string> {
  const key = generateSigningKey("example.org/lockstep");
  const checkpoint = await withStore(db, (store) => store.checkpoint("example.org/lockstep"));
  writeFileSync(file, signNote(formatCheckpoint(checkpoint), readSigningKey(key.privateKeyText, "key")));
  return file;
}

beforeAll(async () => {
  demo = await demoLedger();
  const checkpoint = await writeCheckpoint(demo.db, join(demo.dir, "checkpoint.txt"));
  server = await startServer({
    db: demo.db,
    checkpoint,
    bodyLimit: LIMIT,
    importBodyLimit: LIMIT,
    webDir: false,
  });
  bare = await startServer({ db: demo.db, webDir: false });
  contract = openApiContract((await request<OpenApiDocument>(`${server.url}/api/openapi.json`)).body);
});
afterAll(async () => {
  await server.close();
  await bare.close();
});

type Init = Parameters<typeof request>[1];

/** Asks the server under test, and holds the answer to the document. */
async function call<T = Record<string, unknown>>(
  operation: Operation,
  path: string,
  status: number,
  init: Init = {},
): Promise<Res<T>> {
  const method = operation.split(" ")[0]!;
  return contract.check(operation, await request<T>(`${server.url}${path}`, { method, ...init }), status);
}

const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const SOURCES = [{ url: "https://example.org/report", title: "A test report" }];
const meeting = (date: string) => ({
  type: "summit_or_meeting",
  date,
  actor: "USA+PRK",
  attributes: { name: "Contract talks" },
  sources: SOURCES,
});
const jsonl = (dates: string[]) => dates.map((d) => JSON.stringify(meeting(d))).join("\n") + "\n";
const tooBig = () => JSON.stringify({ ...meeting("2032-01-01"), summary: "x".repeat(LIMIT) });

describe("the ledger's routes answer as documented", () => {
  it("health, verify, audit and coverage", async () => {
    await call("GET /api/health", "/api/health", 200);
    await call("GET /api/verify", "/api/verify", 200);
    await call("GET /api/audit", "/api/audit", 200);
    const coverage = await call<unknown[]>("GET /api/coverage", "/api/coverage", 200);
    expect(coverage.body.length).toBeGreaterThan(0);
  });

  it("the checkpoint, and 404 where the server was given none", async () => {
    await call("GET /api/checkpoint", "/api/checkpoint", 200);
    const none = await request(`${bare.url}/api/checkpoint`);
    contract.check("GET /api/checkpoint", none, 404);
  });
});

describe("the event routes answer as documented", () => {
  it("pages of events, every event of the record among them, and the facets", async () => {
    // Every event of the record, history too, page after page: the record is larger than one page of the most.
    type Page = { total: number; events: unknown[]; next?: string };
    const all = await call<Page>("GET /api/events", "/api/events?history=true&limit=1000", 200);
    let [seen, next, pages] = [all.body.events.length, all.body.next, 1];
    while (next !== undefined) {
      const more = await call<Page>(
        "GET /api/events",
        `/api/events?history=true&limit=1000&after=${next}`,
        200,
      );
      expect(more.body.total).toBe(all.body.total);
      [seen, next, pages] = [seen + more.body.events.length, more.body.next, pages + 1];
    }
    expect(seen).toBe(all.body.total);
    expect(pages).toBeGreaterThan(1);
    const page = await call<{ next?: string }>("GET /api/events", "/api/events?sort=-date&limit=5", 200);
    expect(page.body.next).toBeDefined();
    await call("GET /api/events", `/api/events?limit=5&after=${page.body.next}`, 200);
    await call("GET /api/events", "/api/events?limit=1001", 400);
    await call("GET /api/events", "/api/events?actor=NOPE", 400);
    await call("GET /api/events/facets", "/api/events/facets", 200);
    await call("GET /api/events/facets", "/api/events/facets?history=true", 200);
    await call("GET /api/events/facets", "/api/events/facets?history=maybe", 400);
  });

  it("POST /api/events: added, duplicate, and each refusal", async () => {
    const op = "POST /api/events";
    const unauthorised = await call(op, "/api/events", 401, { json: meeting("2032-01-01") });
    expect(unauthorised.headers.get("www-authenticate")).toMatch(/^Bearer/);
    await call(op, "/api/events", 403, { json: meeting("2032-01-01"), token: demo.tokens.revoked });
    await call(op, "/api/events", 400, {
      json: { ...meeting("2032-01-01"), date: "March" },
      token: demo.tokens.editor,
    });
    const xml = { body: "<event/>", headers: { "content-type": "application/xml" } };
    await call(op, "/api/events", 415, { ...xml, token: demo.tokens.editor });
    const big = { body: tooBig(), headers: { "content-type": "application/json" } };
    await call(op, "/api/events", 413, { ...big, token: demo.tokens.editor });
    await call(op, "/api/events", 201, { json: [meeting("2032-01-01")], token: demo.tokens.editor });
    await call(op, "/api/events", 200, { json: meeting("2032-01-01"), token: demo.tokens.editor });
  });

  it("POST /api/imports: imported, all duplicates, and each refusal", async () => {
    const op = "POST /api/imports";
    const file = {
      body: jsonl(["2032-02-01", "2032-02-02"]),
      headers: { "content-type": "application/x-ndjson" },
    };
    await call(op, "/api/imports?filename=talks.jsonl", 401, file);
    await call(op, "/api/imports?filename=talks.jsonl", 403, { ...file, token: demo.tokens.revoked });
    await call(op, "/api/imports", 400, { method: "POST", token: demo.tokens.editor });
    await call(op, "/api/imports?format=jsonl", 413, { body: tooBig(), token: demo.tokens.editor });
    await call(op, "/api/imports?filename=talks.jsonl", 201, { ...file, token: demo.tokens.editor });
    await call(op, "/api/imports?format=jsonl", 200, { ...file, token: demo.tokens.editor });
  });
});

describe("the agreement routes answer as documented", () => {
  it("every agreement, evaluated today and in 2000, and each refusal", async () => {
    const list = await call<{ agreements: { id: string }[] }>("GET /api/agreements", "/api/agreements", 200);
    expect(list.body.agreements.length).toBeGreaterThan(0);
    const op = "GET /api/agreements/{id}/evaluation";
    for (const { id } of list.body.agreements) {
      await call(op, `/api/agreements/${id}/evaluation`, 200);
      await call(op, `/api/agreements/${id}/evaluation?asOf=2000-01-01`, 200);
    }
    const id = list.body.agreements[0]!.id;
    await call(op, `/api/agreements/${id}/evaluation?asOf=2000-13-01`, 400);
    await call(op, "/api/agreements/no-such-agreement/evaluation", 404);
  });
});

/** A roadmap game of three players: a small request, well within the server's bounds. */
const GAME = {
  agreement: "double-freeze-2017",
  strategies: { PRK: "gtft", USA: "reciprocal", KOR: "grim" },
  runs: 200,
  noise: 0.02,
};

describe("the simulation routes answer as documented", () => {
  it("what a simulation takes, every agreement played, and each refusal", async () => {
    const options = await call<{ agreements: { id: string; players: string[]; maxRuns?: number }[] }>(
      "GET /api/simulations",
      "/api/simulations",
      200,
    );
    const op = "POST /api/simulations";
    for (const { id, players, maxRuns } of options.body.agreements) {
      if (!maxRuns) continue; // an agreement that cannot be played (none of the bundled)
      const strategies = Object.fromEntries(players.map((p) => [p, "gtft"]));
      const game = { agreement: id, strategies, runs: Math.min(100, maxRuns), noise: 0.05 };
      await call(op, "/api/simulations", 200, { json: game });
    }
    await call(op, "/api/simulations", 200, { json: { ...GAME, horizon: 400, tick: 3, delay: 30 } });
    await call(op, "/api/simulations", 400, {
      json: { ...GAME, strategies: { ...GAME.strategies, USA: "tit-for-tat" } },
    });
    await call(op, "/api/simulations", 400, { json: { ...GAME, runs: 100_000 } });
    await call(op, "/api/simulations", 400, { json: { ...GAME, runs: "many" } });
    await call(op, "/api/simulations", 404, { json: { ...GAME, agreement: "no-such-agreement" } });
    await call(op, "/api/simulations", 413, {
      body: tooBig(),
      headers: { "content-type": "application/json" },
    });
    await call(op, "/api/simulations", 415, {
      body: "<game/>",
      headers: { "content-type": "application/xml" },
    });
  });
});

const XY = { x: "actor=USA", y: "actor=PRK" };
/** Series too short for the lags asked: a year of months. */
const SHORT = { freq: "month", from: "2017-01-01", to: "2017-12-31" };

describe("the analysis routes answer as documented", () => {
  it("each result, a parameter refused, and an estimate the series cannot support", async () => {
    const react = { cause: "actor=USA type=military_exercise", effect: "actor=PRK type=missile_launch" };
    await call("GET /api/analysis/react", `/api/analysis/react?${q({ ...react, permutations: "200" })}`, 200);
    const asKnown = { ...react, permutations: "200", knownAt: "2022-10-28", leaveOneOut: "true" };
    const known = await call<{ knownAt?: string; leaveOneOut?: { withoutEach: unknown[] } }>(
      "GET /api/analysis/react",
      `/api/analysis/react?${q(asKnown)}`,
      200,
    );
    expect(known.body.knownAt).toBe("2022-10-28");
    expect(known.body.leaveOneOut?.withoutEach.length).toBeGreaterThan(1);
    await call("GET /api/analysis/react", `/api/analysis/react?${q({ effect: react.effect })}`, 400);
    await call("GET /api/analysis/granger", `/api/analysis/granger?${q({ ...XY, maxlag: "2" })}`, 200);
    await call("GET /api/analysis/granger", `/api/analysis/granger?${q({ x: XY.x })}`, 400);
    await call(
      "GET /api/analysis/granger",
      `/api/analysis/granger?${q({ ...XY, ...SHORT, maxlag: "12" })}`,
      422,
    );
    await call("GET /api/analysis/xcorr", `/api/analysis/xcorr?${q({ ...XY, unit: "events" })}`, 200);
    await call("GET /api/analysis/xcorr", `/api/analysis/xcorr?${q({ ...XY, maxlag: "0" })}`, 400);
    await call(
      "GET /api/analysis/xcorr",
      `/api/analysis/xcorr?${q({ ...XY, ...SHORT, maxlag: "300" })}`,
      422,
    );
    const ab = { a: "PRK", b: "USA" };
    await call("GET /api/analysis/reciprocity", `/api/analysis/reciprocity?${q(ab)}`, 200);
    // 2006–2016: the USA toward PRK, PRK silent toward the USA: one equation null, with the reason and what it left out.
    const silent = await call<{ aToB: unknown; notEstimated: unknown[]; dropped: unknown[] }>(
      "GET /api/analysis/reciprocity",
      `/api/analysis/reciprocity?${q({ ...ab, from: "2006-01-01", to: "2016-12-31" })}`,
      200,
    );
    expect(silent.body.aToB).toBeNull();
    expect(silent.body.notEstimated.length * silent.body.dropped.length).toBeGreaterThan(0);
    await call("GET /api/analysis/reciprocity", `/api/analysis/reciprocity?${q({ a: "PRK" })}`, 400);
    const short = q({ ...ab, ...SHORT, lags: "12" });
    await call("GET /api/analysis/reciprocity", `/api/analysis/reciprocity?${short}`, 422);
    const rates = (periods: string[]) => {
      const p = new URLSearchParams({ events: "actor=PRK type=missile_launch" });
      for (const x of periods) p.append("period", x);
      return `/api/analysis/rates?${p}`;
    };
    await call(
      "GET /api/analysis/rates",
      rates(["a=2015-01-01..2018-06-11", "b=2018-06-12..2022-08-21"]),
      200,
    );
    await call("GET /api/analysis/rates", rates(["2015-01-01..2018-06-11"]), 400);
    const regress = {
      y: "actor=PRK type=missile_launch",
      x: "actor=USA type=military_exercise",
      from: "2015-01-01",
    };
    await call("GET /api/analysis/regress", `/api/analysis/regress?${q({ ...regress, fe: "month" })}`, 200);
    await call(
      "GET /api/analysis/regress",
      `/api/analysis/regress?${q({ ...regress, family: "nb", unit: "count" })}`,
      200,
    );
    await call(
      "GET /api/analysis/regress",
      `/api/analysis/regress?${q({ ...regress, fe: "month", freq: "week", to: "2025-12-31" })}`,
      200,
    );
    await call("GET /api/analysis/regress", `/api/analysis/regress?${q({ ...regress, fe: "week" })}`, 400);
    await call("GET /api/analysis/regress", `/api/analysis/regress?${q({ ...regress, freq: "month" })}`, 400);
    // Launch days no more dispersed than Poisson's: the NB2's alpha goes to 0.
    await call(
      "GET /api/analysis/regress",
      `/api/analysis/regress?${q({ ...regress, family: "nb", unit: "days" })}`,
      422,
    );
  });
});

describe("the token routes answer as documented", () => {
  it("a token made, listed and revoked, and each refusal", async () => {
    const admin = demo.tokens.admin;
    const make = "POST /api/tokens";
    await call(make, "/api/tokens", 401, { json: { role: "editor" } });
    await call(make, "/api/tokens", 403, { json: { role: "editor" }, token: demo.tokens.editor });
    await call(make, "/api/tokens", 400, { json: { role: "root" }, token: admin });
    await call(make, "/api/tokens", 415, {
      body: "role=editor",
      headers: { "content-type": "application/xml" },
      token: admin,
    });
    await call(make, "/api/tokens", 413, {
      body: tooBig(),
      headers: { "content-type": "application/json" },
      token: admin,
    });
    const made = await call<{ id: string }>(make, "/api/tokens", 201, {
      json: { role: "editor", expires: "P90D" },
      token: admin,
    });

    const list = "GET /api/tokens";
    await call(list, "/api/tokens", 401);
    await call(list, "/api/tokens", 403, { token: demo.tokens.editor });
    await call(list, "/api/tokens", 200, { token: admin });

    const revoke = "DELETE /api/tokens/{id}";
    const path = `/api/tokens/${made.body.id}`;
    await call(revoke, path, 401);
    await call(revoke, path, 403, { token: demo.tokens.editor });
    await call(revoke, path, 415, {
      body: "<id/>",
      headers: { "content-type": "application/xml" },
      token: admin,
    });
    await call(revoke, path, 413, {
      body: tooBig(),
      headers: { "content-type": "application/json" },
      token: admin,
    });
    await call(revoke, path, 200, { token: admin });
    await call(revoke, path, 404, { token: admin });
    // The revoked token is listed with the day it was revoked.
    await call(list, "/api/tokens", 200, { token: admin });
  });
});

describe("writes while another process holds the ledger: 503 with Retry-After", () => {
  it("adding events, importing, making and revoking a token", async () => {
    const release = await holdWriteLock(demo.db); // as a command-line import would
    try {
      const answers = await Promise.all([
        call("POST /api/events", "/api/events", 503, {
          json: meeting("2032-03-01"),
          token: demo.tokens.editor,
        }),
        call("POST /api/imports", "/api/imports?format=jsonl", 503, {
          body: jsonl(["2032-03-02"]),
          token: demo.tokens.editor,
        }),
        call("POST /api/tokens", "/api/tokens", 503, { json: { role: "editor" }, token: demo.tokens.admin }),
        call("DELETE /api/tokens/{id}", "/api/tokens/tok_none", 503, { token: demo.tokens.admin }),
      ]);
      for (const r of answers) expect(r.headers.get("retry-after")).toBe("5");
    } finally {
      await release();
    }
  });
});

/** A concrete path for an operation's template: a real agreement, any token id. */
function pathOf(operation: Operation): string {
  return operation
    .split(" ")[1]!
    .replace("/api/agreements/{id}", "/api/agreements/agreed-framework-1994")
    .replace("/api/tokens/{id}", "/api/tokens/tok_none");
}

/** The admin token passes every route's check; a write gets a body to read. */
function asAdmin(operation: Operation, headers: Record<string, string> = {}): Init {
  const write = operation.startsWith("POST");
  return {
    token: demo.tokens.admin,
    headers: { ...(write ? { "content-type": "application/json" } : {}), ...headers },
    ...(write ? { body: "{}" } : {}),
  };
}

describe("every route refuses what it does not take", () => {
  it("a query parameter it does not know: 400", async () => {
    for (const op of contract.operations()) await call(op, `${pathOf(op)}?nope=1`, 400, asAdmin(op));
  });

  it("a Content-Encoding the server cannot decode: 415", async () => {
    for (const op of contract.operations())
      await call(op, pathOf(op), 415, asAdmin(op, { "content-encoding": "x-unknown" }));
  });
});

describe("analyses stopped at the time limit or refused when too many wait: 503 (the built server)", () => {
  // Built, the server runs analyses on threads with a time limit; run from the sources, on the calling thread.
  it("each analysis route answers 503 as documented", async () => {
    const built = (await import(pathToFileURL(join(repoRoot, "dist/server/app.js")).href)) as {
      buildServer: typeof buildServer;
    };
    const app = await built.buildServer({
      db: demo.db,
      logLevel: "silent",
      webDir: false,
      analysisThreads: 1,
      analysisTimeoutMs: 1000,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      // Heavy analyses hold the one thread, each till it is stopped; quick ones, each different (none waits for
      // another's answer), fill the queue behind them; then each route is refused.
      const heavy = (seed: number) =>
        q({
          cause: "actor=USA",
          effect: "actor=PRK",
          permutations: "100000",
          k: "366",
          from: "1984-01-01",
          seed: String(seed),
        });
      const stopped = [1, 2, 3].map((seed) => request(`${url}/api/analysis/react?${heavy(seed)}`));
      await sleep(200);
      const quick = Array.from({ length: 36 }, (_, i) =>
        request(`${url}/api/analysis/xcorr?${q({ ...XY, maxlag: String(100 + i) })}`),
      );
      const probes: [string, (n: number) => Record<string, string>][] = [
        ["granger", (n) => ({ ...XY, maxlag: String(n) })],
        ["xcorr", (n) => ({ ...XY, maxlag: String(n) })],
        ["reciprocity", (n) => ({ a: "PRK", b: "USA", lags: String(n) })],
        [
          "regress",
          (n) => ({ y: "actor=PRK", x: "actor=USA", from: `2015-01-${String(n).padStart(2, "0")}` }),
        ],
        [
          "rates",
          (n) => ({ events: "actor=PRK", period: `p=2015-01-01..2015-01-${String(n).padStart(2, "0")}` }),
        ],
        ["react", (n) => ({ cause: "actor=USA", effect: "actor=PRK", permutations: "100", seed: String(n) })],
      ];
      for (const [route, params] of probes) {
        // A probe that finds a place in the queue waits there (and fills it): the next one is refused.
        let refused: Res | undefined;
        for (let n = 1; !refused && n <= 10; n++) {
          const r = await Promise.race([
            request(`${url}/api/analysis/${route}?${q(params(n))}`),
            sleep(1000),
          ]);
          if (r?.status === 503) refused = r;
        }
        expect(refused, `${route}: refused while analyses wait`).toBeDefined();
        contract.check(`GET /api/analysis/${route}` as Operation, refused!, 503);
        expect(refused!.headers.get("retry-after")).toBe("5");
      }
      // A simulation runs on the same threads, behind the same queue.
      let refusedGame: Res | undefined;
      for (let n = 1; !refusedGame && n <= 10; n++) {
        const r = await Promise.race([
          request(`${url}/api/simulations`, { method: "POST", json: { ...GAME, seed: n } }),
          sleep(1000),
        ]);
        if (r?.status === 503) refusedGame = r;
      }
      expect(refusedGame, "simulations: refused while analyses wait").toBeDefined();
      contract.check("POST /api/simulations", refusedGame!, 503);
      expect(refusedGame!.headers.get("retry-after")).toBe("5");
      for (const r of await Promise.all(stopped)) {
        contract.check("GET /api/analysis/react", r, 503);
        expect(r.text).toMatch(/stopped after 1 s/);
      }
      for (const r of await Promise.all(quick)) {
        expect([200, 503]).toContain(r.status);
        contract.check("GET /api/analysis/xcorr", r, r.status);
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe("the response schemas document, never serialize", () => {
  const ANSWER = { named: 5, unnamed: { kept: [1, "two"] } };
  /** A route whose schema names one member, as a string, and allows no other. */
  const probe = (app: FastifyInstance) =>
    app.get(
      "/api/probe",
      {
        schema: {
          hide: true,
          response: {
            200: { type: "object", additionalProperties: false, properties: { named: { type: "string" } } },
          },
        },
      },
      async () => ANSWER,
    );
  const listen = async (app: FastifyInstance) => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };

  it("sends every member of an answer as it is, one the schema does not name included", async () => {
    const app = await buildServer({ db: demo.db, logLevel: "silent", webDir: false });
    probe(app);
    // As the analyses and cached answers are sent: JSON already written, passed through unchanged.
    app.get(
      "/api/probe-written",
      { schema: { hide: true, response: { 200: { type: "object", properties: {} } } } },
      async (_request, reply) =>
        reply.type("application/json; charset=utf-8").send('{"written": 1,  "as": "is"}'),
    );
    try {
      const url = await listen(app);
      expect((await request(`${url}/api/probe`)).text).toBe(JSON.stringify(ANSWER));
      expect((await request(`${url}/api/probe-written`)).text).toBe('{"written": 1,  "as": "is"}');
    } finally {
      await app.close();
    }
  });

  it("which Fastify alone would not: it drops the unnamed member and writes 5 as a string", async () => {
    const app = Fastify();
    probe(app);
    try {
      expect((await request(`${await listen(app)}/api/probe`)).text).toBe('{"named":"5"}');
    } finally {
      await app.close();
    }
  });
});

describe("the document declares what the routes answer", () => {
  it("every operation declares a 4xx, and every status it declares was answered here", () => {
    const operations = contract.operations();
    expect(operations.length).toBeGreaterThanOrEqual(18);
    for (const op of operations) {
      expect(
        contract.declared(op).some((s) => s.startsWith("4")),
        `${op} declares a 4xx`,
      ).toBe(true);
      // Each answer was checked to be declared as it came (contract.check); here, the other way round.
      expect(contract.observed(op).sort(), op).toEqual(contract.declared(op).sort());
    }
  });
});
