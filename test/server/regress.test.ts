import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockstep } from "../cli/run-cli.js";
import type { RegressReport } from "../../src/analysis/run-regress.js";
import { holm } from "../../src/analysis/holm.js";
import { demoLedger, expectError, request, startServer, type Running } from "./helpers.js";

let db: string;
let server: Running;
const api = (path: string) => `${server.url}${path}`;

/** statsmodels on the bundled record's daily launch days (scripts/reference/count_models.py). */
interface Fit {
  params: number[];
  llf: number;
  aic: number;
  cov: Record<string, { bse: number[] }>;
}
const fixture = JSON.parse(
  readFileSync(new URL("../analysis/fixtures/count-models.json", import.meta.url), "utf8"),
) as {
  datasets: {
    record_launch_days: Dataset;
    record_missiles: Dataset;
  };
};
interface Dataset {
  from: string;
  to: string;
  source: { effect: string; cause: string };
  fits: Record<string, { names: string[]; dropped: { name: string }[]; poisson: Fit; nb2: Fit }>;
}
/** statsmodels on the same series by ISO week (scripts/reference/count_models.py --weekly). */
const weekly = JSON.parse(
  readFileSync(new URL("../analysis/fixtures/count-models-weekly.json", import.meta.url), "utf8"),
) as {
  datasets: Record<
    "record_launch_days" | "record_missiles",
    {
      weeks: string[];
      partialWeeks: { week: string; days: number }[];
      fits: Record<string, { names: string[]; poisson: Fit; nb2: Fit }>;
    }
  >;
};
const record = fixture.datasets.record_launch_days;
const missiles = fixture.datasets.record_missiles;
const Y = record.source.effect;
const X = record.source.cause;

beforeAll(async () => {
  db = (await demoLedger()).db;
  server = await startServer({ db });
});
afterAll(async () => {
  await server?.close();
});

const query = (extra: Record<string, string>) =>
  new URLSearchParams({ y: Y, x: X, unit: "days", from: record.from, to: record.to, ...extra }).toString();

function expectClose(actual: number[], expected: number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i]!) / Math.max(1, Math.abs(expected[i]!)), `${what}[${i}]`).toBeLessThan(
      1e-6,
    ),
  );
}

describe("lockstep regress and GET /api/analysis/regress on the bundled record", () => {
  it("fits statsmodels' Poisson GLM with month effects and HC1 errors; the CLI gives the same JSON", async () => {
    const r = await request<RegressReport>(
      api(`/api/analysis/regress?${query({ fe: "month", robust: "true" })}`),
    );
    expect(r.status).toBe(200);
    const ref = record.fits.month!;
    const m = r.body.model;
    // If the record changes, so do these: regenerate the fixture (scripts/reference/count_models.py).
    expect(m.terms.map((t) => t.name)).toEqual(
      ref.names.map((n) => n.replace("exercise[0..14]", `${X} [0..14]`)),
    );
    expectClose(
      m.terms.map((t) => t.estimate),
      ref.poisson.params,
      "coefficients",
    );
    expectClose(
      m.terms.map((t) => t.standardError),
      ref.poisson.cov.HC1!.bse,
      "HC1 errors",
    );
    expectClose([m.llf, m.aic], [ref.poisson.llf, ref.poisson.aic], "llf, aic");
    expect(m.covarianceType).toBe("HC1");
    const cli = lockstep([
      "regress",
      ...[
        "--y",
        Y,
        "--x",
        X,
        "--unit",
        "days",
        "--from",
        record.from,
        "--to",
        record.to,
        "--fe",
        "month",
        "--robust",
      ],
      ...["--db", db, "--json"],
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(r.body);
  });

  it("fits the NB2 of missiles with alpha by maximum likelihood, years without a launch left out", async () => {
    const q = query({ fe: "month,year", family: "nb", unit: "count" });
    const r = await request<RegressReport>(api(`/api/analysis/regress?${q}`));
    expect(r.status).toBe(200);
    const ref = missiles.fits.month_year!;
    const m = r.body.model;
    expect(m.model).toBe("negative-binomial");
    expect(m.dispersion?.estimated).toBe(true);
    // statsmodels lists alpha last among the parameters.
    expectClose(
      [...m.terms.map((t) => t.estimate), m.dispersion!.alpha],
      ref.nb2.params,
      "coefficients and alpha",
    );
    expect(r.body.droppedLevels.map((d) => d.name)).toEqual(ref.dropped.map((d) => d.name));
  });

  it("adjusts the cause columns' p by Holm when there are several", async () => {
    const q = new URLSearchParams(query({ fe: "month" }));
    q.append("x", "actor=USA type=show_of_force");
    const r = await request<RegressReport>(api(`/api/analysis/regress?${q}`));
    expect(r.status).toBe(200);
    expect(r.body.x.map((x) => x.terms)).toEqual([X, "actor=USA type=show_of_force"]);
    const p = r.body.x.map((x) => r.body.model.terms.find((t) => t.name === x.column)!.p);
    expect(r.body.x.map((x) => x.p)).toEqual(p);
    expect(r.body.x.map((x) => x.pHolm)).toEqual(holm(p));
  });

  it("says, with 422, when launch days are no more dispersed than Poisson's: the NB2's alpha at 0", async () => {
    const e = expectError(
      await request(api(`/api/analysis/regress?${query({ fe: "month", family: "nb" })}`)),
      422,
    );
    expect(e.error).toMatch(/alpha falls towards 0.*use the Poisson model/);
  });

  it("counts by ISO week with --freq week: statsmodels' Poisson with month effects and HC0; the CLI gives the same JSON", async () => {
    const r = await request<RegressReport>(
      api(`/api/analysis/regress?${query({ fe: "month", covariance: "HC0", freq: "week" })}`),
    );
    expect(r.status).toBe(200);
    const ref = weekly.datasets.record_launch_days;
    const m = r.body.model;
    expect(r.body.freq).toBe("week");
    expect(r.body.bins).toBe(ref.weeks.length);
    expect(m.nobs).toBe(ref.weeks.length);
    expect(r.body.partialWeeks).toEqual(ref.partialWeeks);
    expect(r.body.method).toMatch(/weekly count .* share of each week's days within the windows \(days\/7\)/);
    expect(m.terms.map((t) => t.name)).toEqual(
      ref.fits.month!.names.map((n) => n.replace("exercise[0..14]", `${X} [0..14]`)),
    );
    expectClose(
      m.terms.map((t) => t.estimate),
      ref.fits.month!.poisson.params,
      "coefficients",
    );
    expectClose(
      m.terms.map((t) => t.standardError),
      ref.fits.month!.poisson.cov.HC0!.bse,
      "HC0 errors",
    );
    const flags = ["--unit", "days", "--from", record.from, "--to", record.to, "--fe", "month"];
    const cli = lockstep([
      "regress",
      ...["--y", Y, "--x", X, ...flags, "--covariance", "HC0", "--freq", "week", "--db", db, "--json"],
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(r.body);
    const text = lockstep(["regress", "--y", Y, "--x", X, ...flags, "--freq", "week", "--db", db]);
    expect(text.stdout).toMatch(/^Weeks: 573 whole weeks \(Monday to Sunday\) fitted\.$/m);
    expect(text.stdout).toMatch(
      /Left out: the week of 2014-12-29, cut by the range \(4 of its 7 days in it\)\./,
    );
  });

  it("fits the weekly NB2 of missiles with month effects, as statsmodels' discrete NegativeBinomial", async () => {
    const q = query({ fe: "month", family: "nb", unit: "count", freq: "week" });
    const r = await request<RegressReport>(api(`/api/analysis/regress?${q}`));
    expect(r.status).toBe(200);
    const m = r.body.model;
    expectClose(
      [...m.terms.map((t) => t.estimate), m.dispersion!.alpha],
      weekly.datasets.record_missiles.fits.month!.nb2.params,
      "coefficients and alpha",
    );
    expectClose(
      m.terms.map((t) => t.standardError),
      weekly.datasets.record_missiles.fits.month!.nb2.cov.nonrobust!.bse.slice(0, m.terms.length),
      "errors",
    );
  });

  it("by day, says so: freq day and a bin a day", async () => {
    const r = await request<RegressReport>(api(`/api/analysis/regress?${query({ fe: "month" })}`));
    expect(r.body.freq).toBe("day");
    expect(r.body.bins).toBe(r.body.model.nobs);
    expect(r.body.partialWeeks).toEqual([]);
  });

  it("refuses what it cannot read, naming the parameter", async () => {
    const bad = async (extra: Record<string, string>, path: string, message: RegExp) => {
      const e = expectError(await request(api(`/api/analysis/regress?${query(extra)}`)), 400);
      expect(e.issues?.[0]?.path).toBe(path);
      expect(e.error).toMatch(message);
    };
    await bad({ fe: "week" }, "fe", /fe must be none, month, year or month,year, not "week"/);
    // The query schema refuses it first, naming it; the command line says what it takes.
    await bad({ freq: "month" }, "freq", /invalid request querystring/);
    const month = lockstep(["regress", "--y", Y, "--x", X, "--freq", "month", "--db", db]);
    expect(month.code).toBe(1);
    expect(month.stderr).toMatch(/--freq must be day or week, not "?month"?/);
    await bad({ robust: "true", covariance: "HC0" }, "robust", /robust means covariance HC1, not HC0/);
    await bad({ window: "14..0" }, "window", /the last day comes before the first/);
    const short = expectError(
      await request(
        api(`/api/analysis/regress?${query({ freq: "week", from: "2022-10-05", to: "2022-10-10" })}`),
      ),
      422,
    );
    expect(short.error).toBe(
      "2022-10-05 to 2022-10-10 holds no whole week (Monday to Sunday), so there is no weekly count to model: give a range holding one (from/to), or freq day",
    );
    const text = lockstep([
      "regress",
      "--y",
      Y,
      "--x",
      X,
      "--from",
      record.from,
      "--to",
      record.to,
      "--db",
      db,
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/rate ratio \[95%\]/);
  });
});
