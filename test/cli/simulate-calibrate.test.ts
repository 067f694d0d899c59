import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/agreement/index.js";
import { openLedger, queryEvents } from "../../src/ledger/index.js";
import { calibrateAnswerDelays } from "../../src/sim/roadmap/calibrate.js";
import { calibrationLedger, playedFile } from "../sim/calibration-ledger.js";
import { lockstep, tempDir } from "./run-cli.js";

let db: string;
let file: string;
const STRATEGIES = "PRK=gtft,USA=reciprocal,KOR=grim";

beforeAll(async () => {
  db = await calibrationLedger();
  file = playedFile(tempDir());
});

describe("lockstep simulate --calibrate", () => {
  it("sets the game's inputs from the ledger and says how each was derived, in the JSON", () => {
    const r = lockstep([
      "simulate",
      file,
      "--strategy",
      STRATEGIES,
      "--runs",
      "50",
      "--calibrate",
      "--db",
      db,
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.calibration.ledger).toBe(db);
    // The numbers worked by hand in test/sim/calibrate.test.ts: PRK 5 dates in 731 days; USA and KOR half of 2
    // dates in 366.
    const [prk, usa, kor] = j.calibration.provocations;
    expect(prk).toMatchObject({
      party: "PRK",
      events: 7,
      days: 5,
      period: { from: "2020-01-01", days: 731 },
    });
    expect(prk.value).toBeCloseTo((5 * 365) / 731, 12);
    expect(usa.value).toBeCloseTo(365 / 366, 12);
    expect(kor.countedDays).toBe(1);
    expect(prk.eventIds).toHaveLength(7);
    // The game plays them by month.
    expect(j.provocationsByMonth).toEqual({ PRK: prk.byMonth, USA: usa.byMonth, KOR: kor.byMonth });
    // The answer delays come from the bundled agreements' accounts on this ledger.
    const ledger = openLedger(db, { mustExist: true });
    const expected = calibrateAnswerDelays(
      {
        events: queryEvents(ledger),
        accounts: [...loadCatalog().values()].filter((e) => e.origin === "bundled").map((e) => e.agreement),
      },
      "2021-12-31",
    );
    ledger.close();
    expect(j.calibration.answerDelays.value).toEqual(expected.value);
    expect(j.calibration.answerDelays.asOf).toBe("2021-12-31");
    if (expected.value.length) expect(j.answerDelays).toEqual(expected.value);
    else expect(j).not.toHaveProperty("answerDelays");
    expect(j.calibration.resumption).toMatchObject({ suspensions: 3, resumed: 1, modelled: false });
    expect(j.calibration.resumption.value).toBeCloseTo(365 / 458, 12);
    expect(j.notModelled.at(-1)).toMatch(
      /^reversal of a performed step: .*0\.797 a year, 1 of 3 suspensions/,
    );
    for (const x of [prk, j.calibration.answerDelays, j.calibration.resumption])
      expect(x.rule.length).toBeGreaterThan(50);
  });

  it("prints how each input was derived before the game, and takes --calibrate-from, --calibrate-to and renamed series", () => {
    const r = lockstep([
      "simulate",
      file,
      "--strategy",
      STRATEGIES,
      "--runs",
      "20",
      "--calibrate",
      "--db",
      db,
      "--calibrate-from",
      "2020-03-01",
      "--calibrate-to",
      "2020-12-31",
      "--series-renamed",
      "Drill Gamma=Drill Delta",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Calibrated from the ledger .*calibration\.db/);
    // PRK: 2020-03-05, 2020-03-20 and 2020-11 in the 306 days from March to December.
    expect(r.stdout).toMatch(
      new RegExp(
        `\\nPRK\\s+${((3 * 365) / 306).toFixed(3)}\\s+no-launches, no-tests\\s+4\\s+3\\s+3\\s+2020-03-01 to 2020-12-31`,
      ),
    );
    expect(r.stdout).toContain("Period: from 2020-03-01 (--calibrate-from), not 2020-01-01");
    // Alpha (resumed after 91 days), Beta and Gamma (renamed: resumed by Delta after 30 days).
    expect(r.stdout).toContain("2 of 3 suspension(s) resumed over");
    expect(r.stdout).toContain("Renamed: Drill Gamma → Drill Delta (--series-renamed)");
    expect(r.stdout).toContain("Roadmap game: Calibration test (calib).");
    expect(r.stdout).toMatch(/provocations a year: PRK [\d.]+ \(by month\), USA [\d.]+ \(by month\)/);
  });

  it("lets --provocations set the game's rate over the measured one, and says so", () => {
    const r = lockstep([
      "simulate",
      file,
      "--strategy",
      STRATEGIES,
      "--runs",
      "10",
      "--calibrate",
      "--db",
      db,
      "--provocations",
      "1",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Provocations a year by party (measured, but --provocations sets the game's rate):",
    );
    expect(r.stdout).toContain("provocations a year: PRK 1, USA 1, KOR 1.");
  });

  it("refuses bad input naming the option", () => {
    const run = (...args: string[]) => lockstep(["simulate", file, "--strategy", STRATEGIES, ...args]);
    const cases: [string[], string][] = [
      [
        ["--calibrate", "--db", db, "--calibrate-from", "2020-13-01"],
        '--calibrate-from must be a date YYYY-MM-DD, not "2020-13-01"',
      ],
      [["--calibrate-from", "2020-01-01"], "--calibrate-from is read only with --calibrate"],
      [["--db", db], "--db is read only with --calibrate"],
      [
        ["--calibrate", "--db", db, "--calibrate-from", "2021-01-01", "--calibrate-to", "2020-01-01"],
        "--calibrate-from 2021-01-01 is after --calibrate-to 2020-01-01",
      ],
      [
        ["--calibrate", "--db", db, "--series-renamed", "Drill Gamma"],
        '--series-renamed takes OLD=NEW,OLD=NEW…, not "Drill Gamma"',
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain(message);
    }
    // No ledger where the default says: the file is named.
    const cwd = tempDir();
    const missing = lockstep(["simulate", file, "--strategy", STRATEGIES, "--calibrate"], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("lockstep.db");
    expect(existsSync(`${cwd}/lockstep.db`)).toBe(false);
  });
});
