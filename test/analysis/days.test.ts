import { describe, expect, it } from "vitest";
import { dayNumber, dayString, mondayOf, monthNumber, monthString } from "../../src/analysis/days.js";

const viaDate = (n: number): string => {
  const d = new Date(0);
  d.setUTCFullYear(1970, 0, 1 + n); // not Date.UTC, which reads years 0 to 99 as 1900 to 1999
  return d.toISOString().slice(0, 10);
};

describe("day numbers", () => {
  it("agree with Date on every day from 1800 to 2200, and on every 97th day of years 0000 to 9999", () => {
    const check = (n: number) => {
      const text = viaDate(n);
      if (dayString(n) !== text || dayNumber(text) !== n)
        expect([n, dayString(n), dayNumber(text)]).toEqual([n, text, n]);
    };
    for (let n = dayNumber("1800-01-01"); n <= dayNumber("2200-12-31"); n++) check(n);
    for (let n = dayNumber("0000-01-01"); n <= dayNumber("9999-12-31"); n += 97) check(n);
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(dayString(dayNumber("9999-12-31"))).toBe("9999-12-31");
    expect(dayString(dayNumber("0000-01-01"))).toBe("0000-01-01");
  });

  it("rejects what is not a calendar day", () => {
    for (const bad of [
      "2021-02-29",
      "1900-02-29",
      "2021-04-31",
      "2021-13-01",
      "2021-00-10",
      "2021-01-00",
      "2021-1-01",
      "2021-01",
      "20210101",
      " 2021-01-01",
      "",
    ])
      expect(() => dayNumber(bad), bad).toThrow(RangeError);
    expect(dayNumber("2000-02-29") - dayNumber("2000-02-28")).toBe(1);
    expect(dayNumber("2024-02-29") - dayNumber("2024-02-28")).toBe(1);
  });

  it("months and ISO weeks", () => {
    expect(monthString(monthNumber(dayNumber("2021-01-31")))).toBe("2021-01");
    expect(monthNumber(dayNumber("2021-02-01")) - monthNumber(dayNumber("2021-01-31"))).toBe(1);
    expect(monthString(monthNumber(dayNumber("1969-12-31")))).toBe("1969-12");
    expect(monthString(monthNumber(dayNumber("0001-03-01")))).toBe("0001-03");
    expect(dayString(mondayOf(dayNumber("2020-12-28")))).toBe("2020-12-28"); // 2020-W53
    expect(dayString(mondayOf(dayNumber("2021-01-03")))).toBe("2020-12-28");
    expect(dayString(mondayOf(dayNumber("2021-01-04")))).toBe("2021-01-04"); // 2021-W01
  });
});
