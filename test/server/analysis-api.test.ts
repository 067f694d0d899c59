import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockstep } from "../cli/run-cli.js";
import { optionName, parameterFlags, type ParameterList } from "../../src/analysis/parameters.js";
import {
  grangerParameters,
  reactParameters,
  reciprocityParameters,
  xcorrParameters,
} from "../../src/analysis/run.js";
import { regressParameters } from "../../src/analysis/run-regress.js";
import { demoLedger, expectError, request, startServer, type ErrorBody, type Running } from "./helpers.js";

let server: Running;
let db: string;
const api = (path: string) => `${server.url}${path}`;

interface XcorrBody {
  method: string;
  x: string;
  y: string;
  from: string;
  to: string;
  freq: string;
  nobs: number;
  band: number;
  level: number;
  lags: { lag: number; correlation: number; outsideBand: boolean }[];
}
interface OlsBody {
  names: string[];
  coefficients: number[];
  nobs: number;
}
interface ReciprocityBody {
  a: string;
  b: string;
  from: string;
  to: string;
  freq: string;
  lags: number;
  series: { ab: { bins: unknown[]; values: number[] }; ba: { bins: unknown[]; values: number[] } };
  bToA: OlsBody;
  aToB: OlsBody;
}

const X = "actor=USA type=military_exercise";
const Y = "actor=PRK type=missile_launch";
const SOURCES = [{ url: "https://example.org/report", title: "A test report" }];
/** Exchanges between PRK and USA over 2030–2033, where the demo record has none: enough for the regression. */
const DYAD_FROM = "2030-01-01";
const DYAD_TO = "2033-12-31";

function dyadEvents() {
  const events: unknown[] = [];
  for (let m = 0; m < 48; m++) {
    const month = `${2030 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    if (m % 3 === 0)
      events.push({
        date: `${month}-05`,
        actor: "USA",
        target: "PRK",
        type: "sanctions_imposed",
        attributes: { authority: "OFAC", instrument: "designations" },
        sources: SOURCES,
      });
    if (m % 4 === 1)
      events.push({
        date: `${month}-10`,
        actor: "PRK",
        target: "USA",
        type: "statement",
        attributes: { subject: "warning" },
        sources: SOURCES,
      });
    if (m % 5 === 2)
      events.push({
        date: `${month}-12`,
        actor: "PRK",
        target: "USA",
        type: "missile_launch",
        attributes: { class: "SRBM" },
        sources: SOURCES,
      });
  }
  return events;
}

/** The CLI's `--json` output for the same ledger file; it must succeed. */
function cliJson(args: string[]): unknown {
  const r = lockstep([...args, "--db", db, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

beforeAll(async () => {
  const built = await demoLedger();
  db = built.db;
  server = await startServer({ db });
  const added = await request(api("/api/events"), {
    method: "POST",
    json: dyadEvents(),
    token: built.tokens.editor,
  });
  expect(added.status).toBe(201);
});

afterAll(async () => {
  await server?.close();
});

describe("GET /api/analysis/xcorr", () => {
  it("gives the same JSON as lockstep xcorr --json with the same parameters", async () => {
    const q = new URLSearchParams({
      x: X,
      y: Y,
      freq: "month",
      maxlag: "4",
      measure: "goldstein",
      from: "2012-01-01",
      to: "2022-10-28",
    });
    const r = await request<XcorrBody>(api(`/api/analysis/xcorr?${q}`));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.body).toMatchObject({ x: X, y: Y, from: "2012-01-01", to: "2022-10-28", freq: "month" });
    expect(r.body.lags.map((l) => l.lag)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(r.body.nobs).toBe(130);
    expect(r.body.band).toBeCloseTo(1.959964 / Math.sqrt(130), 5);
    const cli = cliJson([
      "xcorr",
      "--x",
      X,
      "--y",
      Y,
      "--freq",
      "month",
      "--maxlag",
      "4",
      "--measure",
      "goldstein",
      "--from",
      "2012-01-01",
      "--to",
      "2022-10-28",
    ]);
    expect(r.body).toEqual(cli);
    // Served again from the cache: the same bytes.
    const again = await request(api(`/api/analysis/xcorr?${q}`));
    expect(again.text).toBe(r.text);
  });

  it("has the CLI's defaults: weekly counts, lags −8..8, the range of the matching events", async () => {
    const r = await request<XcorrBody>(api(`/api/analysis/xcorr?${new URLSearchParams({ x: X, y: Y })}`));
    expect(r.status).toBe(200);
    expect(r.body.freq).toBe("week");
    expect(r.body.lags).toHaveLength(17);
    expect(r.body.lags[0]!.lag).toBe(-8);
    expect(r.body).toEqual(cliJson(["xcorr", "--x", X, "--y", Y]));
  });

  it("bad or missing parameters are 400 naming them", async () => {
    const bad = async (q: Record<string, string>, path: string) => {
      const e = expectError(await request(api(`/api/analysis/xcorr?${new URLSearchParams(q)}`)), 400);
      expect(e.issues?.map((i) => i.path)).toContain(path);
    };
    await bad({ x: X, y: Y, freq: "year" }, "freq");
    await bad({ x: X, y: Y, maxlag: "0" }, "maxlag");
    await bad({ x: X, y: Y, maxlag: "two" }, "maxlag");
    await bad({ x: X, y: Y, measure: "sum" }, "measure");
    await bad({ y: Y }, "x");
    await bad({ x: X }, "y");
    await bad({ x: X, y: "" }, "y");
    await bad({ x: X, y: "actor=PRK type=missile_launch class=ICMB" }, "y.class");
    await bad({ x: X, y: Y, from: "2022-13-01" }, "from");
    await bad({ x: X, y: Y, from: "2022-01-01", to: "2021-01-01" }, "to");
    await bad({ x: X, y: Y, lags: "2" }, "lags");
    const maxlag = expectError(
      await request(api(`/api/analysis/xcorr?${new URLSearchParams({ x: X, y: Y, maxlag: "0" })}`)),
      400,
    );
    expect(maxlag.error).toBe('maxlag must be a whole number ≥ 1, not "0"');
  });

  it("too many lags for the series is 422 with the CLI's message", async () => {
    const q = { x: X, y: Y, from: "2010-01-01", to: "2010-02-01" };
    const e = expectError(await request(api(`/api/analysis/xcorr?${new URLSearchParams(q)}`)), 422);
    const cli = lockstep(["xcorr", "--x", X, "--y", Y, "--from", q.from, "--to", q.to, "--db", db, "--json"]);
    expect(cli.code).toBe(1);
    expect(e.error).toMatch(/maxLag must be a whole number from 0 to 5/);
    expect(e.error).toBe((JSON.parse(cli.stdout) as ErrorBody).error);
  });
});

describe("counting units (unit=events|days|count)", () => {
  it("react and xcorr count in the unit asked, say which, and give the CLI's JSON", async () => {
    const totals: Record<string, number> = {};
    for (const unit of ["events", "days", "count"]) {
      const q = { cause: X, effect: Y, from: "2022-01-01", to: "2022-12-31", permutations: "50", unit };
      const r = await request<{ unit: string; windowTest: { effectTotal: number } }>(
        api(`/api/analysis/react?${new URLSearchParams(q)}`),
      );
      expect(r.status).toBe(200);
      expect(r.body.unit).toBe(unit);
      totals[unit] = r.body.windowTest.effectTotal;
      const cli = cliJson([
        "react",
        ...[
          "--cause",
          X,
          "--effect",
          Y,
          "--from",
          q.from,
          "--to",
          q.to,
          "--permutations",
          "50",
          "--unit",
          unit,
        ],
      ]);
      expect(r.body).toEqual(cli);
    }
    // 2022: fewer launch days than launch events, fewer events than missiles.
    expect(totals.days).toBeLessThan(totals.events!);
    expect(totals.events).toBeLessThan(totals.count!);
    const x = await request<{ unit: string }>(
      api(
        `/api/analysis/xcorr?${new URLSearchParams({ x: X, y: Y, unit: "days", from: "2016-01-01", to: "2022-12-31" })}`,
      ),
    );
    expect(x.body.unit).toBe("days");
  });

  it("an unknown unit, or a unit with Goldstein weights, is refused naming the parameter", async () => {
    const bad = expectError(
      await request(
        api(`/api/analysis/react?${new URLSearchParams({ cause: X, effect: Y, unit: "salvos" })}`),
      ),
      400,
    );
    expect(JSON.stringify(bad)).toMatch(/unit/);
    const q = new URLSearchParams({ x: X, y: Y, measure: "goldstein", unit: "days" });
    const e = expectError(await request(api(`/api/analysis/xcorr?${q}`)), 400);
    expect(e.error).toMatch(/unit days counts without weights/);
  });
});

describe("react: what was known on a day, and without each cause", () => {
  interface ReactBody {
    to: string;
    knownAt?: string;
    coverageWarnings: string[];
    windowTest: { effectTotal: number; window: { observed: number; pOneSided: number } };
    leaveOneOut?: { withoutEach: { start: string }[]; mostInfluential: { start: string } | null };
  }
  const base = { cause: X, effect: Y, from: "2021-01-01", permutations: "200", unit: "days" };
  const react = (q: Record<string, string>) =>
    request<ReactBody>(api(`/api/analysis/react?${new URLSearchParams({ ...base, ...q })}`));

  it("knownAt leaves out what is dated after it and ends the analysis there; the CLI gives the same JSON", async () => {
    const known = await react({ knownAt: "2022-10-28" });
    expect(known.status).toBe(200);
    expect(known.body.to).toBe("2022-10-28");
    expect(known.body.knownAt).toBe("2022-10-28");
    expect(known.body.coverageWarnings).toContain(
      "as known on 2022-10-28: events dated after it are left out and the analysis ends there",
    );
    const later = await react({});
    expect(later.body.to > "2022-10-28").toBe(true);
    expect(later.body.windowTest.effectTotal).toBeGreaterThan(known.body.windowTest.effectTotal);
    // The same numbers as a range ending that day: nothing after it was read.
    const until = await react({ to: "2022-10-28" });
    expect(known.body.windowTest).toEqual(until.body.windowTest);
    const cli = cliJson([
      "react",
      ...["--cause", X, "--effect", Y, "--from", base.from, "--permutations", "200", "--unit", "days"],
      ...["--known-at", "2022-10-28"],
    ]);
    expect(known.body).toEqual(cli);
    const e = expectError(await react({ knownAt: "2022-10-28", to: "2022-12-31" }), 400);
    expect(e.issues?.[0]?.path).toBe("to");
    expect(e.error).toBe("to 2022-12-31 is after knownAt 2022-10-28: nothing after that day was known");
  });

  it("exact and jitter choose the null, say which, and give the CLI's JSON", async () => {
    const nullOf = (b: ReactBody) =>
      b.windowTest as unknown as { null: string; alignments: number; jitter: number };
    const exact = await react({ to: "2022-12-31", exact: "true" });
    expect(exact.status).toBe(200);
    expect(nullOf(exact.body)).toMatchObject({ null: "exact" });
    // Every rotation 1..L−1 once.
    const days = (exact.body.windowTest as unknown as { days: number }).days;
    expect(nullOf(exact.body).alignments).toBe(days - 1);
    const jittered = await react({ to: "2022-12-31", seasonal: "true", jitter: "30" });
    expect(nullOf(jittered.body)).toMatchObject({ null: "seasonal-jitter", jitter: 30 });
    const cli = cliJson([
      "react",
      ...["--cause", X, "--effect", Y, "--from", base.from, "--to", "2022-12-31", "--permutations", "200"],
      ...["--unit", "days", "--seasonal", "--jitter", "30"],
    ]);
    expect(jittered.body).toEqual(cli);
    const e = expectError(await react({ jitter: "30" }), 400);
    expect(e.error).toBe("jitter moves whole-year shifts: it goes with seasonal");
    // Two jittered years must not reach the same rotation: half a 364-day year, less a day, at most.
    const far = expectError(await react({ seasonal: "true", jitter: "182" }), 400);
    expect(far.error).toBe("jitter must be at most 181, not 182");
    expect(far.issues?.[0]?.path).toBe("jitter");
  });

  it("leaveOneOut gives the window test without each cause, and the one it rests on most", async () => {
    const r = await react({ to: "2022-12-31", leaveOneOut: "true" });
    expect(r.status).toBe(200);
    const l = r.body.leaveOneOut!;
    expect(l.withoutEach.length).toBeGreaterThan(1);
    expect(l.withoutEach.map((x) => x.start)).toContain(l.mostInfluential!.start);
    expect((await react({ to: "2022-12-31" })).body.leaveOneOut).toBeUndefined();
  });
});

describe("GET /api/analysis/reciprocity", () => {
  it("gives the same JSON as lockstep reciprocity --json with the same parameters", async () => {
    const q = new URLSearchParams({ a: "prk", b: "USA", from: DYAD_FROM, to: DYAD_TO });
    const r = await request<ReciprocityBody>(api(`/api/analysis/reciprocity?${q}`));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      a: "PRK",
      b: "USA",
      from: DYAD_FROM,
      to: DYAD_TO,
      freq: "month",
      lags: 1,
    });
    expect(r.body.series.ab.values).toHaveLength(48);
    expect(r.body.bToA.names).toEqual(["const", "ab.L1", "ba.L1"]);
    expect(r.body.bToA.nobs).toBe(47);
    expect(r.body.aToB.names).toEqual(["const", "ba.L1", "ab.L1"]);
    // Goldstein-weighted: PRK's launch months (one in five) weigh −7.2, its warnings nothing; each of the USA's
    // sanction months (one in three) −8.
    expect(r.body.series.ab.values.filter((v) => v !== 0)).toEqual(Array(10).fill(-7.2));
    expect(r.body.series.ba.values.filter((v) => v !== 0)).toEqual(Array(16).fill(-8));
    expect(r.body).toEqual(
      cliJson(["reciprocity", "--a", "prk", "--b", "USA", "--from", DYAD_FROM, "--to", DYAD_TO]),
    );
  });

  it("with weekly bins and two lags, still the CLI's JSON", async () => {
    const q = new URLSearchParams({
      a: "USA",
      b: "PRK",
      freq: "week",
      lags: "2",
      from: DYAD_FROM,
      to: DYAD_TO,
    });
    const r = await request<ReciprocityBody>(api(`/api/analysis/reciprocity?${q}`));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ a: "USA", b: "PRK", freq: "week", lags: 2 });
    expect(r.body.bToA.names).toEqual(["const", "ab.L1", "ab.L2", "ba.L1", "ba.L2"]);
    expect(r.body).toEqual(
      cliJson([
        "reciprocity",
        "--a",
        "USA",
        "--b",
        "PRK",
        "--freq",
        "week",
        "--lags",
        "2",
        "--from",
        DYAD_FROM,
        "--to",
        DYAD_TO,
      ]),
    );
  });

  it("bad or missing parameters are 400 naming them", async () => {
    const bad = async (q: Record<string, string>, path: string) => {
      const e = expectError(await request(api(`/api/analysis/reciprocity?${new URLSearchParams(q)}`)), 400);
      expect(e.issues?.map((i) => i.path)).toContain(path);
      return e;
    };
    await bad({ b: "USA" }, "a");
    await bad({ a: "PRK" }, "b");
    await bad({}, "a");
    const empty = await bad({ a: "", b: "USA" }, "a");
    expect(empty.error).toBe("a is required: first party's actor code, e.g. PRK");
    await bad({ a: "PRK", b: "USA", freq: "year" }, "freq");
    await bad({ a: "PRK", b: "USA", lags: "0" }, "lags");
    await bad({ a: "PRK", b: "USA", from: "2022-13-01" }, "from");
    await bad({ a: "PRK", b: "USA", from: "2022-01-01", to: "2021-01-01" }, "to");
    await bad({ a: "PRK", b: "USA", maxlag: "2" }, "maxlag");
    await bad({ a: "ZZZ", b: "YYY" }, "a.actor");
  });

  it("a dyad with one side silent gives the other side's equation and says what it left out", async () => {
    // Between 2006 and 2016 the demo record has events of the USA toward PRK but none of PRK toward the USA.
    const q = { a: "PRK", b: "USA", from: "2006-01-01", to: "2016-12-31" };
    const r = await request<{
      aToB: unknown;
      bToA: { names: string[] } | null;
      notEstimated: { equation: string; reason: string }[];
      dropped: { equation: string; column: string }[];
    }>(api(`/api/analysis/reciprocity?${new URLSearchParams(q)}`));
    expect(r.status).toBe(200);
    expect(r.body.aToB).toBeNull();
    expect(r.body.notEstimated).toEqual([
      { equation: "aToB", reason: expect.stringMatching(/^PRK → USA is 0 in every bin used/) },
    ]);
    expect(r.body.bToA?.names).toEqual(["const", "ba.L1"]);
    expect(r.body.dropped).toEqual([{ equation: "bToA", column: "ab.L1" }]);
    const cli = lockstep([
      "reciprocity",
      "--a",
      "PRK",
      "--b",
      "USA",
      "--from",
      q.from,
      "--to",
      q.to,
      "--db",
      db,
    ]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/How PRK answers USA: not estimated: PRK → USA is 0 in every bin used/);
    expect(cli.stdout).toMatch(/Left out of how USA answers PRK: ab\.L1, all zeros over the months used/);
  });

  it("too few bins for the lags is 422 with the CLI's message, saying what would do", async () => {
    const q = { a: "PRK", b: "USA", from: "2022-01-01", to: "2022-03-31", lags: "2" };
    const e = expectError(await request(api(`/api/analysis/reciprocity?${new URLSearchParams(q)}`)), 422);
    expect(e.error).toBe(
      "3 month bin(s) are too few for 2 lag(s) of each series: the regressions need at least 8; give a range of 8 months or more (from/to), or finer bins (freq week), or fewer lags",
    );
    const flags = ["--a", "PRK", "--b", "USA", "--from", q.from, "--to", q.to, "--lags", "2", "--db", db];
    const cli = lockstep(["reciprocity", ...flags]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe(
      `lockstep: ${e.error.replace("(from/to)", "(--from/--to)").replace("(freq week)", "(--freq week)").replace("fewer lags", "fewer --lags")}\n`,
    );
  });

  it("the help's own example runs", () => {
    const help = lockstep(["reciprocity", "--help"]).stdout;
    expect(help).toMatch(/e\.g\. PRK/);
    const r = lockstep(["reciprocity", "--a", "PRK", "--b", "USA", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/How USA answers PRK/);
    // Totals as a reader writes them, not with binary rounding (−1.7999999999999998 for −1.8).
    const wide = lockstep([
      "reciprocity",
      "--a",
      "PRK",
      "--b",
      "USA",
      "--from",
      "2006-01-01",
      "--to",
      "2022-10-28",
      "--db",
      db,
    ]);
    const totals = wide.stdout.split("\n").filter((l) => /^(PRK|USA) → /.test(l));
    expect(totals).toHaveLength(2);
    for (const line of totals)
      expect(line).toMatch(/^\w+ → \w+: -?\d+(\.\d{1,6})? \(Goldstein-weighted counts\)/);
  });

  it("the CLI names the missing party by its flag, and every missing one at once", () => {
    const r = lockstep(["reciprocity", "--a", "PRK", "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("lockstep: --b is required: second party's actor code, e.g. USA\n");
    const both = lockstep(["reciprocity", "--db", db]);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe(
      "lockstep: 2 parameters cannot be used: --a, --b\n" +
        "  field `--a`: is required: first party's actor code, e.g. PRK\n" +
        "  field `--b`: is required: second party's actor code, e.g. USA\n",
    );
  });
});

describe("the OpenAPI document", () => {
  it("describes both routes and their query parameters", async () => {
    interface Param {
      name: string;
      in: string;
      required?: boolean;
      schema?: { enum?: string[] };
    }
    const r = await request<{ paths: Record<string, { get?: { tags?: string[]; parameters?: Param[] } }> }>(
      api("/api/openapi.json"),
    );
    expect(r.status).toBe(200);
    const params = (path: string) => {
      const get = r.body.paths[path]?.get;
      expect(get, path).toBeDefined();
      expect(get!.tags).toEqual(["analysis"]);
      return new Map((get!.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p]));
    };
    const xcorr = params("/api/analysis/xcorr");
    expect([...xcorr.keys()].sort()).toEqual(["freq", "from", "maxlag", "measure", "to", "unit", "x", "y"]);
    expect(xcorr.get("unit")?.schema?.enum).toEqual(["events", "days", "count"]);
    expect(xcorr.get("x")?.required).toBe(true);
    expect(xcorr.get("freq")?.schema?.enum).toEqual(["day", "week", "month"]);
    expect(xcorr.get("measure")?.schema?.enum).toEqual(["count", "goldstein"]);
    const reciprocity = params("/api/analysis/reciprocity");
    expect([...reciprocity.keys()].sort()).toEqual(["a", "b", "freq", "from", "lags", "to"]);
    expect(reciprocity.get("a")?.required).toBe(true);
    expect(reciprocity.get("b")?.required).toBe(true);
    expect(reciprocity.get("freq")?.schema?.enum).toEqual(["day", "week", "month"]);
  });

  it("gives each analysis's query parameters and command-line flags from one list", async () => {
    interface Param {
      name: string;
      in: string;
      required?: boolean;
      description?: string;
      schema?: { default?: unknown };
    }
    const doc = await request<{ paths: Record<string, { get?: { parameters?: Param[] } }> }>(
      api("/api/openapi.json"),
    );
    const lists: [string, ParameterList][] = [
      ["react", reactParameters()],
      ["granger", grangerParameters()],
      ["xcorr", xcorrParameters()],
      ["reciprocity", reciprocityParameters()],
      ["regress", regressParameters()],
    ];
    for (const [route, list] of lists) {
      const query = (doc.body.paths[`/api/analysis/${route}`]?.get?.parameters ?? []).filter(
        (p) => p.in === "query",
      );
      const flags = parameterFlags(list);
      expect(query.map((p) => p.name).sort(), route).toEqual(flags.map((f) => f.key).sort());
      const help = lockstep([route, "--help"]).stdout.replace(/\s+/g, " ");
      for (const f of flags) {
        const p = query.find((q) => q.name === f.key)!;
        // The server bounds the work (at most …); the text before that is the same.
        const said = f.description.replace(/ \(at most \d+\)$/, "");
        expect(p.description ?? "", `${route} ${f.key}`).toContain(said);
        expect(p.schema?.default, `${route} ${f.key}`).toEqual(f.isSwitch ? false : f.fallback);
        expect(help, `${route} --help`).toContain(
          `${optionName(f.key)}${f.isSwitch ? "" : ` <${f.placeholder}>`}`,
        );
        expect(help, `${route} --help`).toContain(said);
      }
    }
  });
});
