import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockstep } from "../cli/run-cli.js";
import { binomialTest, poissonInterval } from "../../src/analysis/exact-poisson.js";
import { holm } from "../../src/analysis/holm.js";
import type { RatesReport } from "../../src/analysis/run.js";
import { demoLedger, expectError, request, startServer, type Running } from "./helpers.js";

let db: string;
let server: Running;
const api = (path: string) => `${server.url}${path}`;

const EVENTS = "actor=PRK type=missile_launch";
const PERIODS = [
  "before=2015-01-01..2018-06-11",
  "during=2018-06-12..2022-08-21",
  "after=2022-08-22..2025-12-31",
];

beforeAll(async () => {
  db = (await demoLedger()).db;
  server = await startServer({ db });
});
afterAll(async () => {
  await server?.close();
});

function query(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ events: EVENTS, unit: "days", ...extra });
  for (const p of PERIODS) q.append("period", p);
  return q.toString();
}

describe("lockstep rates and GET /api/analysis/rates", () => {
  it("gives each period's rate with its exact interval, and each against the first; CLI and API alike", async () => {
    const r = await request<RatesReport>(api(`/api/analysis/rates?${query()}`));
    expect(r.status).toBe(200);
    const [before, during, after] = r.body.periods;
    expect(r.body.periods.map((p) => p.name)).toEqual(["before", "during", "after"]);
    // Counted from the ledger: launch days in each period, as `lockstep events` lists them.
    for (const p of r.body.periods) {
      const listed = lockstep(["events", EVENTS, "--from", p.from, "--to", p.to, "--db", db, "--json"]);
      const days = new Set(
        (JSON.parse(listed.stdout) as { date: string }[]).map((e) => e.date).filter((d) => d.length === 10),
      );
      expect(p.count, p.name).toBe(days.size);
      expect(p.perYear).toBeCloseTo((p.count / p.days) * 365.25, 12);
      const [lo, hi] = poissonInterval(p.count);
      expect(p.perYearInterval[0]).toBeCloseTo((lo / p.days) * 365.25, 12);
      expect(p.perYearInterval[1]).toBeCloseTo((hi / p.days) * 365.25, 12);
    }
    expect(before!.comparedWithFirst).toBeUndefined();
    for (const p of [during!, after!]) {
      const c = p.comparedWithFirst!;
      expect(c.rateRatio).toBeCloseTo(p.perYear / before!.perYear, 12);
      expect(c.pValue).toBe(binomialTest(p.count, p.count + before!.count, p.days / (p.days + before!.days)));
    }
    // Two comparisons shown together: each p also adjusted by Holm over the two.
    const adjusted = holm([during!.comparedWithFirst!.pValue, after!.comparedWithFirst!.pValue]);
    expect([during!.comparedWithFirst!.pHolm, after!.comparedWithFirst!.pHolm]).toEqual(adjusted);
    const cli = lockstep([
      "rates",
      ...["--events", EVENTS, "--unit", "days"],
      ...PERIODS.flatMap((p) => ["--period", p]),
      ...["--db", db, "--json"],
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(r.body);
    const text = lockstep([
      "rates",
      "--events",
      EVENTS,
      ...PERIODS.flatMap((p) => ["--period", p]),
      "--db",
      db,
    ]);
    expect(text.stdout).toMatch(/rate ratio vs before \[95%\]/);
  });

  it("clips a period to the events' coverage, saying so", async () => {
    const q = new URLSearchParams({ events: EVENTS });
    q.append("period", "a=2020-01-01..2020-12-31");
    q.append("period", "b=2026-01-01..2026-11-30");
    const r = await request<RatesReport>(api(`/api/analysis/rates?${q}`));
    expect(r.status).toBe(200);
    expect(r.body.periods[1]!.to < "2026-11-30").toBe(true);
    expect(r.body.coverageWarnings.join(" ")).toMatch(/period b clipped to 2026-01-01\.\./);
  });

  it("refuses a period it cannot read, a name given twice, and no period, naming the parameter", async () => {
    const bad = async (periods: string[], message: RegExp) => {
      const q = new URLSearchParams({ events: EVENTS });
      for (const p of periods) q.append("period", p);
      const e = expectError(await request(api(`/api/analysis/rates?${q}`)), 400);
      expect(e.issues?.[0]?.path).toBe("period");
      expect(e.error).toMatch(message);
    };
    await bad(["2018-01-01..2019-01-01"], /period must be NAME=FROM\.\.TO with dates YYYY-MM-DD/);
    await bad(["a=2019-02-30..2019-03-01"], /period must be NAME=FROM\.\.TO/);
    await bad(["a=2019-03-01..2019-02-01"], /the period ends before it starts/);
    await bad(["a=2019-01-01..2019-02-01", "a=2020-01-01..2020-02-01"], /the name "a" is given twice/);
    // Left out: the query schema's own refusal, naming it.
    await bad([], /invalid request querystring/);
    const cli = lockstep(["rates", "--events", EVENTS, "--db", db]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^lockstep: --period is required: a named period NAME=FROM\.\.TO/);
  });
});
