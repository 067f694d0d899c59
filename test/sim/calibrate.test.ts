import { beforeAll, describe, expect, it } from "vitest";
import { openLedger, queryEvents, readCoverage } from "../../src/ledger/index.js";
import type { CoverageEntry, LedgerEvent } from "../../src/model/index.js";
import { buildRoadmap } from "../../src/sim/index.js";
import {
  calibrateRoadmap,
  daysByMonth,
  exerciseSeries,
  type Calibration,
  type CalibrationInput,
} from "../../src/sim/roadmap/calibrate.js";
import { ACCOUNTS, agreementOf, calibrationLedger, PLAYED } from "./calibration-ledger.js";

let events: LedgerEvent[];
let coverage: CoverageEntry[];
const played = agreementOf(PLAYED);
const accounts = ACCOUNTS.map((t) => agreementOf(t));

function calibrate(extra: Partial<CalibrationInput> = {}): Calibration {
  return calibrateRoadmap({
    agreement: played,
    players: buildRoadmap(played).players,
    events,
    coverage,
    accounts,
    ...extra,
  });
}

beforeAll(async () => {
  const ledger = openLedger(await calibrationLedger(), { mustExist: true });
  try {
    events = queryEvents(ledger);
    coverage = readCoverage(ledger);
  } finally {
    ledger.close();
  }
});

/** The days of each month from 2020-01-01 to 2021-12-31 (2020 a leap year). */
const TWO_YEARS = [62, 57, 62, 60, 62, 60, 62, 62, 60, 62, 60, 62];
const LEAP_YEAR = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

describe("calibration from a ledger", () => {
  it("counts the days of each month of a period", () => {
    expect(daysByMonth("2020-01-01", "2021-12-31")).toEqual(TWO_YEARS);
    expect(daysByMonth("2020-01-01", "2020-12-31")).toEqual(LEAP_YEAR);
    expect(daysByMonth("2020-02-28", "2020-03-01")).toEqual([0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("derives each player's provocations a year, and by month, from the events that break its refrains", () => {
    const [prk, usa, kor] = calibrate().provocations;
    // PRK: launches and tests covered 2020-01-01 to 2021-12-31 (731 days). In it, 7 events on 5 dates: two on
    // 2020-03-05, 2020-03-20, 2020-11 (a month), a launch and a test on 2021-08-01, 2021 (a year); 2019-05-05 is
    // before the coverage.
    expect(prk).toMatchObject({
      party: "PRK",
      events: 7,
      days: 5,
      countedDays: 5,
      period: { from: "2020-01-01", to: "2021-12-31", days: 731 },
      exposureByMonth: TWO_YEARS,
    });
    expect(prk!.restraints.map((r) => r.id)).toEqual(["no-launches", "no-tests"]);
    expect(prk!.value).toBeCloseTo((5 * 365) / 731, 12);
    // By month: the year-only launch adds 1/12 to every month.
    const prkDays = [0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 1, 0].map((d) => d + 1 / 12);
    prkDays.forEach((d, m) => expect(prk!.countedDaysByMonth[m]).toBeCloseTo(d, 12));
    prkDays.forEach((d, m) => expect(prk!.byMonth![m]).toBeCloseTo((d * 365) / TWO_YEARS[m]!, 12));
    // USA and KOR owe the freeze jointly: exercises covered in 2020 (366 days), held on 2 dates (3 events; 2021's
    // is after the coverage), each date counted 1/2 to each of them.
    for (const [x, party] of [
      [usa, "USA"],
      [kor, "KOR"],
    ] as const) {
      expect(x).toMatchObject({ party, events: 3, days: 2, countedDays: 1, exposureByMonth: LEAP_YEAR });
      expect(x!.value).toBeCloseTo(365 / 366, 12);
      expect(x!.byMonth![2]).toBeCloseTo((0.5 * 365) / 31, 12);
      expect(x!.byMonth![7]).toBeCloseTo((0.5 * 365) / 31, 12);
      expect(x!.byMonth!.filter((r) => r === 0)).toHaveLength(10);
    }
  });

  it("takes the period from the command line over the coverage", () => {
    const [prk] = calibrate({ from: "2020-03-01", to: "2020-03-31" }).provocations;
    // 2020-03-05 (two events) and 2020-03-20: 2 dates in 31 days; months the period misses take the yearly rate.
    expect(prk).toMatchObject({
      events: 3,
      days: 2,
      period: { from: "2020-03-01", to: "2020-03-31", days: 31 },
    });
    expect(prk!.value).toBeCloseTo((2 * 365) / 31, 12);
    expect(prk!.byMonth![2]).toBeCloseTo((2 * 365) / 31, 12);
    expect(prk!.byMonth![0]).toBeCloseTo(prk!.value, 12);
    expect(prk!.period.basis.join(" ")).toContain("--calibrate-from");
  });

  it("derives the answer delays from the engine's reciprocity accounts", () => {
    const a = calibrate().answerDelays;
    // Answered after 10 days (acc-x), late after 29 (acc-y, due 2020-01-10); acc-z unanswered; acc-x-again is the
    // same answer as acc-x, listed but counted once. The accounts are read as of the coverage's end.
    expect(a.value).toEqual([10, 29]);
    expect(a.median).toBe(19.5);
    expect(a.mean).toBe(19.5);
    expect(a.asOf).toBe("2021-12-31");
    expect(a.leftOut).toEqual({ unanswered: 1 });
    expect(
      a.observations.map((o) => [o.agreement, o.stepDate, o.answerDate, o.days, o.status, o.counted]),
    ).toEqual([
      ["acc-x", "2020-02-01", "2020-02-11", 10, "answered", true],
      ["acc-y", "2020-02-01", "2020-03-01", 29, "late", true],
      ["acc-x-again", "2020-02-01", "2020-02-11", 10, "answered", false],
    ]);
    expect(a.observations[1]!.answeredBy).toEqual(["PRK"]);
    expect(a.observations[2]!.sameAs).toBe("acc-x step → answer");
    // A step before the period is left out.
    expect(calibrate({ from: "2020-02-02" }).answerDelays.value).toEqual([]);
  });

  it("derives the resumption hazard of suspended exercise series", () => {
    const r = calibrate().resumption;
    // Exercises covered in 2020. Alpha suspended 04-01, held again 07-01 (91 days); Beta cancelled 05-01 and Gamma
    // postponed 09-01, at risk to the coverage's end (245 and 122 days).
    expect(r.observations.map((o) => [o.name, o.series, o.resumedBy?.name ?? null, o.daysAtRisk])).toEqual([
      ["Drill Alpha 2020", ["Drill Alpha"], "Drill Alpha 2020-2", 91],
      ["Drill Beta 19", ["Drill Beta"], null, 245],
      ["Drill Gamma", ["Drill Gamma"], null, 122],
    ]);
    expect(r).toMatchObject({ suspensions: 3, resumed: 1, modelled: false });
    expect(r.yearsAtRisk).toBeCloseTo(458 / 365, 12);
    expect(r.value).toBeCloseTo(365 / 458, 12);
    // The exact Poisson interval of 1 event (0.0253, 5.5716), over the same years.
    expect(r.interval[0]).toBeCloseTo((0.0253178 * 365) / 458, 5);
    expect(r.interval[1]).toBeCloseTo((5.5716421 * 365) / 458, 5);
    // Gamma renamed Delta: held 10-01, 30 days after.
    const renamed = calibrate({ renamed: { "Drill Gamma": "Drill Delta" } }).resumption;
    expect(renamed.resumed).toBe(2);
    expect(renamed.value).toBeCloseTo((2 * 365) / (91 + 245 + 30), 12);
  });

  it("reads an exercise's series from its name as the record writes it", () => {
    expect(exerciseSeries("Vigilant Ace 19")).toEqual(["Vigilant Ace"]);
    expect(exerciseSeries("Ulchi Freedom Guardian 2018")).toEqual(["Ulchi Freedom Guardian"]);
    expect(exerciseSeries("Combined Command Post Training 2020-1")).toEqual([
      "Combined Command Post Training",
    ]);
    expect(exerciseSeries("Max Thunder 14-1")).toEqual(["Max Thunder"]);
    expect(exerciseSeries("Key Resolve / Foal Eagle")).toEqual(["Key Resolve", "Foal Eagle"]);
    expect(exerciseSeries("Combined anti-submarine exercise (Yellow Sea), 2012")).toEqual([
      "Combined anti-submarine exercise (Yellow Sea)",
    ]);
    expect(exerciseSeries("Invincible Spirit")).toEqual(["Invincible Spirit"]);
  });

  it("gives the game its overrides: monthly rates, the delays, and what it does not play", () => {
    const c = calibrate();
    expect(c.overrides.provocationRates!.PRK).toEqual(c.provocations[0]!.byMonth);
    expect(c.overrides.answerDelays).toEqual([10, 29]);
    expect(c.overrides.notModelled![0]).toMatch(/^reversal of a performed step: /);
    const map = buildRoadmap(played, c.overrides);
    expect(map.provocationsByMonth!.USA).toEqual(c.provocations[1]!.byMonth);
    expect(map.answerDelays).toEqual([10, 29]);
    expect(map.notModelled).toContain(c.overrides.notModelled![0]);
    // The yearly rate the game reports: the months' rates weighted by their days in a year of 365.
    const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    expect(map.provocations.PRK).toBeCloseTo(
      c.provocations[0]!.byMonth!.reduce((s, x, m) => s + (x * days[m]!) / 365, 0),
      12,
    );
  });

  it("refuses an empty period", () => {
    expect(() => calibrate({ from: "2022-01-01", to: "2021-01-01" })).toThrow(/period is empty/);
  });
});
