import { describe, expect, it } from "vitest";
import { asOfProblem, beyondCoverage, todayUtc } from "../../src/model/as-of.js";

const NOW = new Date("2026-11-30T20:00:00Z");

describe("asOfProblem", () => {
  it.each(["2022-10-28", "2026-11-30", "2026-12-01", "1994-10-21"])(
    "takes %s (up to today, with a day of grace)",
    (d) => {
      expect(asOfProblem(d, NOW)).toBeUndefined();
    },
  );
  it.each([
    ["2026-12-02", /after today \(2026-11-30 UTC\).*up to 2026-12-01/],
    ["2030-01-01", /forecast/],
    ["2022-13-01", /must be a date/],
    ["yesterday", /must be a date/],
  ])("refuses %s", (d, message) => {
    expect(asOfProblem(d, NOW)).toMatch(message);
  });
  it("gives today in UTC, whatever the local time zone", () => {
    expect(todayUtc(new Date("2026-12-31T23:59:59Z"))).toBe("2026-12-31");
    expect(todayUtc(new Date("2027-01-01T00:00:00Z"))).toBe("2027-01-01");
  });
});

describe("beyondCoverage", () => {
  const ends = ["2024-12-31", "2026-04-19", "2018-09-19"];
  it("says nothing within the coverage, or with none written down", () => {
    expect(beyondCoverage("2026-04-19", ends)).toBeUndefined();
    expect(beyondCoverage("2022-10-28", ends)).toBeUndefined();
    expect(beyondCoverage("2030-01-01", [])).toBeUndefined();
  });
  it("calls a day after every coverage period extrapolation, naming the last day covered", () => {
    expect(beyondCoverage("2026-04-20", ends)).toMatch(/researched up to 2026-04-19.*extrapolation/);
  });
});
