import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { buildServer } from "../../src/server/app.js";
import { ROADMAP_STRATEGY_NAMES } from "../../src/sim/roadmap/strategies.js";
import {
  DEFAULT_RUNS,
  DEFAULT_SEED,
  MAX_WORK,
  simulationRequest,
  type PlayableAgreement,
} from "../../src/sim/roadmap/request.js";
import type { RoadmapResult } from "../../src/sim/roadmap/simulate.js";
import { lockstep, repoRoot } from "../cli/run-cli.js";
import { demoLedger, expectError, request, startServer, type Running } from "./helpers.js";

interface Schema {
  properties: Record<string, { default?: unknown }>;
  required: string[];
  additionalProperties: boolean;
}

// POST /api/simulations plays an agreement as `lockstep simulate` does, on the analysis threads: the same JSON for the
// same options, each refusal naming the member at fault, and the work bounded before anything is queued.

let demo: Awaited<ReturnType<typeof demoLedger>>;
let server: Running;
/** The ids GET /api/agreements lists. */
let agreementIds: string[];
let options: {
  strategies: { name: string; rule: string; parameters: { name: string; default: number }[] }[];
  agreements: PlayableAgreement[];
  limits: { maxRuns: number; maxWork: number; work: string };
};

beforeAll(async () => {
  demo = await demoLedger();
  server = await startServer({ db: demo.db, webDir: false });
  options = (await request<typeof options>(`${server.url}/api/simulations`)).body;
  agreementIds = (
    await request<{ agreements: { id: string }[] }>(`${server.url}/api/agreements`)
  ).body.agreements.map((a) => a.id);
});
afterAll(async () => {
  await server.close();
});

const simulate = (url: string, body: unknown) =>
  request<RoadmapResult>(`${url}/api/simulations`, { method: "POST", json: body });

const agreement = (id: string) => {
  const a = options.agreements.find((x) => x.id === id);
  expect(a, id).toBeDefined();
  return a!;
};

/** The CLI's JSON for an agreement id and options, without the file it read (the API leaves the server's path out). */
function cliJson(id: string, strategies: Record<string, string>, flags: string[]): unknown {
  const spec = Object.entries(strategies)
    .map(([p, s]) => `${p}=${s}`)
    .join(",");
  const r = lockstep(["simulate", id, "--strategy", spec, ...flags, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as { agreement: { file?: string } };
  expect(j.agreement.file).toMatch(/\.yaml$/);
  delete j.agreement.file;
  return j;
}

/** Three players, every option given: double-freeze-2017 with noise, provocations, a delay, horizon and tick. */
const FULL = {
  agreement: "double-freeze-2017",
  strategies: { PRK: "gtft:0.2", USA: "reciprocal", KOR: "grim" },
  runs: 400,
  seed: 7,
  noise: 0.03,
  provocations: 1.5,
  delay: 30,
  horizon: 1000,
  tick: 5,
};
const FULL_FLAGS = [
  "--runs",
  "400",
  "--seed",
  "7",
  "--noise",
  "0.03",
  "--provocations",
  "1.5",
  "--delay",
  "30",
  "--horizon",
  "1000",
  "--tick",
  "5",
];

describe("GET /api/simulations", () => {
  it("lists the strategies, each agreement's players and assumptions, and the limits", () => {
    expect(options.strategies.map((s) => s.name)).toEqual([...ROADMAP_STRATEGY_NAMES]);
    expect(options.strategies.find((s) => s.name === "gtft")!.parameters.map((p) => p.name)).toEqual([
      "generosity",
      "credit",
    ]);
    expect(options.limits.maxWork).toBe(MAX_WORK);
    expect(options.agreements.map((a) => a.id).sort()).toEqual([...agreementIds].sort());
    const df = agreement("double-freeze-2017");
    expect(df.players).toEqual(["PRK", "USA", "KOR"]);
    expect("tickDays" in df && df.tickDays).toBe(7);
  });
});

describe("the request is defined once", () => {
  it("the documented body has the schema's members: --strategy as strategies, every other option by its name", async () => {
    const doc = await request<{
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: Schema }> } } }>;
    }>(`${server.url}/api/openapi.json`);
    const body = doc.body.paths["/api/simulations"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(body.properties)).toEqual(Object.keys(simulationRequest.entries));
    expect(body.required).toEqual(["agreement", "strategies"]);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.runs?.default).toBe(DEFAULT_RUNS);
    expect(body.properties.seed?.default).toBe(DEFAULT_SEED);
    // The command's options, each a member of the body (--strategy as strategies; --agreements is the server's own).
    // Not the command's own: calibration reads a ledger file named on the command line (--calibrate, --db,
    // --allow-broken and its period and series), a sweep answers a table of games, and --plot writes a file.
    const commandOnly = [
      "calibrate",
      "db",
      "allow-broken",
      "calibrate-from",
      "calibrate-to",
      "series-renamed",
      "sweep",
      "plot",
    ];
    const help = lockstep(["simulate", "--help"]).stdout;
    const flags = [...help.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]!);
    expect(flags).toContain("strategy");
    expect(flags).toEqual(expect.arrayContaining(commandOnly));
    for (const flag of flags.filter((f) => !["strategy", "agreements", "json", ...commandOnly].includes(f)))
      expect(body.properties, `--${flag}`).toHaveProperty(flag);
    // The same defaults as the command's.
    const flat = help.replace(/\s+/g, " ");
    expect(flat).toMatch(new RegExp(`--runs <n> [^-]*\\(default: "${DEFAULT_RUNS}"\\)`));
    expect(flat).toMatch(new RegExp(`--seed <n> [^-]*\\(default: "${DEFAULT_SEED}"\\)`));
  });
});

describe("POST /api/simulations answers what `lockstep simulate --json` prints", () => {
  it("with every option given, three players", async () => {
    const r = await simulate(server.url, FULL);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual(cliJson(FULL.agreement, FULL.strategies, FULL_FLAGS));
    expect(r.body.runs).toBe(400);
    expect(r.body.tickDays).toBe(5);
    expect(r.body.horizonDays).toBe(1000);
    expect(r.body.strategies).toEqual([
      { party: "PRK", strategy: "gtft:0.2:1" },
      { party: "USA", strategy: "reciprocal" },
      { party: "KOR", strategy: "grim" },
    ]);
  });

  it("with the file's own assumptions (seed 1 by default), for every bundled agreement that can be played", async () => {
    for (const a of options.agreements) {
      if ("problem" in a) continue;
      const strategies = Object.fromEntries(a.players.map((p, i) => [p, i % 2 ? "demand-first" : "gtft"]));
      const runs = Math.min(300, a.maxRuns);
      const r = await simulate(server.url, { agreement: a.id, strategies, runs });
      expect(r.status, `${a.id}: ${r.text}`).toBe(200);
      expect(r.body, a.id).toEqual(cliJson(a.id, strategies, ["--runs", String(runs)]));
    }
  }, 60_000);

  it("on the built server's worker threads, the same answer", async () => {
    const built = (await import(pathToFileURL(join(repoRoot, "dist/server/app.js")).href)) as {
      buildServer: typeof buildServer;
    };
    const app = await built.buildServer({
      db: demo.db,
      logLevel: "silent",
      webDir: false,
      analysisThreads: 1,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const r = await simulate(url, FULL);
      expect(r.status, r.text).toBe(200);
      expect(r.body).toEqual((await simulate(server.url, FULL)).body);
    } finally {
      await app.close();
    }
  });
});

describe("refusals name the member at fault", () => {
  const base = { agreement: "double-freeze-2017", strategies: FULL.strategies };

  it("an unknown agreement: 404", async () => {
    const e = expectError(await simulate(server.url, { ...base, agreement: "no-such-agreement" }), 404);
    expect(e.error).toBe('no agreement "no-such-agreement"; see GET /api/agreements');
  });

  it("a strategy that is not one, or with a bad parameter: 400 naming strategies.PARTY", async () => {
    const e = expectError(
      await simulate(server.url, { ...base, strategies: { ...base.strategies, USA: "reciprocl" } }),
      400,
    );
    expect(e.issues).toEqual([
      {
        path: "strategies.USA",
        message: 'strategies.USA unknown strategy "reciprocl" (did you mean reciprocal?)',
      },
    ]);
    const p = expectError(
      await simulate(server.url, { ...base, strategies: { ...base.strategies, PRK: "gtft:2" } }),
      400,
    );
    expect(p.issues?.[0]?.path).toBe("strategies.PRK");
    expect(p.error).toMatch(/generosity must be a probability in \[0, 1\]/);
  });

  it("a party that owes nothing, and a player left without a strategy: 400 naming each", async () => {
    const extra = expectError(
      await simulate(server.url, { ...base, strategies: { ...base.strategies, CHN: "grim" } }),
      400,
    );
    expect(extra.issues?.map((i) => i.path)).toEqual(["strategies.CHN"]);
    expect(extra.error).toBe(
      "strategies.CHN is not a player: CHN owes nothing in double-freeze-2017, whose players are PRK, USA, KOR",
    );
    const missing = expectError(await simulate(server.url, { ...base, strategies: { PRK: "grim" } }), 400);
    expect(missing.issues?.map((i) => i.path)).toEqual(["strategies.USA", "strategies.KOR"]);
  });

  it("members unknown, missing or of the wrong type: 400 naming each", async () => {
    const unknown = expectError(await simulate(server.url, { ...base, strategy: "PRK=grim" }), 400);
    expect(unknown.issues?.map((i) => i.path)).toEqual(["strategy"]);
    const missing = expectError(await simulate(server.url, { strategies: base.strategies }), 400);
    expect(missing.issues?.map((i) => i.path)).toEqual(["agreement"]);
    const wrong = expectError(
      await simulate(server.url, { ...base, runs: 1.5, noise: 2, tick: 0, strategies: "PRK=grim" }),
      400,
    );
    expect(wrong.issues?.map((i) => i.path).sort()).toEqual(["noise", "runs", "strategies", "tick"]);
  });

  it("more work than the limit: 400 naming runs, the limit and the most runs that fit", async () => {
    const a = agreement("military-agreement-2018");
    if ("problem" in a) throw new Error(a.problem);
    const strategies = Object.fromEntries(a.players.map((p) => [p, "reciprocal"]));
    const e = expectError(
      await simulate(server.url, { agreement: a.id, strategies, runs: a.maxRuns + 1 }),
      400,
    );
    expect(e.issues?.map((i) => i.path)).toEqual(["runs"]);
    expect(e.error).toContain(`the limit is ${MAX_WORK.toLocaleString("en")}`);
    expect(e.error).toContain(`at most ${a.maxRuns.toLocaleString("en")} runs with ${a.turns} turns`);
    // A day a turn for a hundred years: 36,501 turns a run, and the most runs is smaller by as much.
    const long = expectError(
      await simulate(server.url, { agreement: a.id, strategies, runs: 100, tick: 1, horizon: 36_500 }),
      400,
    );
    const most = Math.floor(MAX_WORK / (36_501 * a.unitsPerTurn));
    expect(long.error).toContain(`at most ${most} runs with 36501 turns of 1 day(s) to day 36500`);
  });
});

describe("the analysis threads' time limit applies (the built server)", () => {
  it("a simulation within the bounds but past a short time limit is stopped: 503", async () => {
    const built = (await import(pathToFileURL(join(repoRoot, "dist/server/app.js")).href)) as {
      buildServer: typeof buildServer;
    };
    const app = await built.buildServer({
      db: demo.db,
      logLevel: "silent",
      webDir: false,
      analysisThreads: 1,
      analysisTimeoutMs: 100,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const a = agreement("agreed-framework-1994");
      if ("problem" in a) throw new Error(a.problem);
      const strategies = Object.fromEntries(a.players.map((p) => [p, "gtft"]));
      const r = await simulate(url, { agreement: a.id, strategies, runs: a.maxRuns, noise: 0.05 });
      const e = expectError(r, 503);
      expect(e.error).toMatch(/stopped after 0.1 s/);
    } finally {
      await app.close();
    }
  });
});
