import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryName, ratesParams } from "../../../src/analysis/run.js";
import type { AnalysisJob } from "../../../src/server/analysis-jobs.js";
import { runJob } from "../../../src/server/analysis-jobs.js";
import { SqliteStore } from "../../../src/store/index.js";
import { calibrationLedger, playedFile } from "../../sim/calibration-ledger.js";
import { lockstep, repoRoot } from "../../cli/run-cli.js";
import { copied, koreaOnBoth } from "./korea-copy.js";
import { describePostgres, newDatabase } from "./postgres.js";

const dir = mkdtempSync(join(tmpdir(), "lockstep-pg-analyses-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A command's JSON on the file and on its copy in PostgreSQL. */
function jsonOnBoth(args: string[], file: string, url: string) {
  const run = (db: string) => {
    const r = lockstep([...args, "--json", "--db", db]);
    expect(r.code, `${args.join(" ")} --db ${db}: ${r.stderr}`).toBe(0);
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  return { sqlite: run(file), postgres: run(url) };
}

const EXERCISES = "actor=USA type=military_exercise status=held";
const LAUNCHES = "actor=PRK type=missile_launch";

describePostgres("the analyses on --db postgres://", (cluster) => {
  let file = "";
  let url = "";
  beforeAll(async () => {
    ({ file, url } = await koreaOnBoth(cluster(), dir));
  });

  it("react, rates and regress give the same JSON on the Korean record's copy as on its file", () => {
    const commands = [
      ["react", "--cause", EXERCISES, "--effect", LAUNCHES, "--unit", "days", "--permutations", "999"],
      // What was known on a day, and each cause left out in turn.
      [
        "react",
        "--cause",
        EXERCISES,
        "--effect",
        LAUNCHES,
        "--unit",
        "days",
        "--exact",
        "--leave-one-out",
        "--known-at",
        "2022-10-28",
      ],
      [
        "rates",
        "--events",
        LAUNCHES,
        "--unit",
        "days",
        "--period",
        "before=2014-01-01..2017-12-31",
        "--period",
        "suspension=2018-06-12..2022-04-30",
        "--period",
        "after=2022-05-01..2024-12-31",
      ],
      ["regress", "--y", LAUNCHES, "--x", EXERCISES, "--unit", "days", "--fe", "month", "--robust"],
      ["granger", "--x", EXERCISES, "--y", LAUNCHES, "--freq", "month"],
      ["xcorr", "--x", EXERCISES, "--y", LAUNCHES, "--freq", "month"],
      ["reciprocity", "--a", "PRK", "--b", "USA"],
    ];
    for (const args of commands) {
      const { sqlite, postgres } = jsonOnBoth(args, file, url);
      expect(postgres, args.join(" ")).toEqual(sqlite);
    }
  });

  it("refuses an actor no event has, and a range outside the coverage, as on the file", () => {
    for (const args of [
      ["react", "--cause", "actor=NKR", "--effect", LAUNCHES],
      ["rates", "--events", LAUNCHES, "--period", "old=1900-01-01..1900-12-31"],
    ]) {
      const [a, b] = [lockstep([...args, "--db", file]), lockstep([...args, "--db", url])];
      expect(a.code, args.join(" ")).toBe(1);
      expect(b, args.join(" ")).toEqual(a);
    }
  });

  it("simulate --calibrate measures the same inputs on a copy of its ledger", async () => {
    const db = await calibrationLedger();
    const there = copied(cluster(), db);
    const args = ["simulate", playedFile(dir), "--strategy", "PRK=gtft,USA=reciprocal,KOR=grim"];
    const { sqlite, postgres } = jsonOnBoth([...args, "--runs", "20", "--calibrate"], db, there);
    const calibration = (j: Record<string, unknown>) => j.calibration as { ledger: string };
    expect(calibration(sqlite).ledger).toBe(db);
    expect(calibration(postgres).ledger).toBe(there);
    const named = (j: Record<string, unknown>) => ({ ...j, calibration: { ...calibration(j), ledger: "" } });
    expect(named(postgres)).toEqual(named(sqlite));
  });

  it("the server's analysis threads (the compiled worker) open the PostgreSQL ledger and answer as on the file", async () => {
    // Only the build has the worker: from the sources the pool runs jobs on the calling thread.
    const { analysisPool } = (await import(
      pathToFileURL(join(repoRoot, "dist/server/analysis-pool.js")).href
    )) as typeof import("../../../src/server/analysis-pool.js");
    const job: AnalysisJob = {
      route: "rates",
      params: ratesParams(
        { events: LAUNCHES, period: ["before=2014-01-01..2017-12-31", "after=2022-05-01..2024-12-31"] },
        queryName,
      ),
    };
    const sqlite = SqliteStore.open(file, { mustExist: true });
    const expected = await runJob(sqlite, job);
    expect(expected).toHaveProperty("json");
    const options = { threads: 1, timeoutMs: 30_000, maxWaiting: 4 };
    const pool = analysisPool({ ...options, db: url }, sqlite);
    expect(await pool.run(job)).toEqual(expected);
    await pool.close();
    // A database without a ledger: the thread cannot open it and never gets ready.
    const empty = analysisPool({ ...options, db: newDatabase(cluster()) }, sqlite);
    expect(await empty.run(job)).toEqual({ status: 500, error: "an analysis thread failed to start" });
    await empty.close();
    await sqlite.close();
  });
});
