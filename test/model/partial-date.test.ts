import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysInMonth, isDayDate, parsePartialDate } from "../../src/model/partial-date.js";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Any real day from year 0001 to 9999. */
const anyDay = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("parsePartialDate", () => {
  it("reads a year as the span of its days", () => {
    expect(parsePartialDate("2006")).toEqual({ precision: "year", first: "2006-01-01", last: "2006-12-31" });
  });

  it("reads a month as the span of its days", () => {
    expect(parsePartialDate("2021-11")).toEqual({
      precision: "month",
      first: "2021-11-01",
      last: "2021-11-30",
    });
    expect(parsePartialDate("2021-12")).toEqual({
      precision: "month",
      first: "2021-12-01",
      last: "2021-12-31",
    });
  });

  it("reads a day as a span of one day", () => {
    expect(parsePartialDate("2022-10-28")).toEqual({
      precision: "day",
      first: "2022-10-28",
      last: "2022-10-28",
    });
  });

  it.each([
    ["2023-02", "2023-02-28"],
    ["2024-02", "2024-02-29"],
    ["2000-02", "2000-02-29"],
    ["1900-02", "1900-02-28"],
    ["2100-02", "2100-02-28"],
    ["2021-04", "2021-04-30"],
    ["2021-01", "2021-01-31"],
  ])("ends the month %s on %s", (month, last) => {
    expect(parsePartialDate(month)?.last).toBe(last);
  });

  it.each([
    "2020-02-29",
    "2000-02-29",
    "2400-02-29",
    "0004-02-29",
    "2021-01-31",
    "2021-04-30",
    "0001-01-01",
    "9999-12-31",
  ])("accepts the day %s", (day) => {
    expect(parsePartialDate(day)?.precision).toBe("day");
  });

  it.each([
    "0000-01-01",
    "0000-02-29",
    "0000",
    "0000-12",
    "2021-02-29",
    "1900-02-29",
    "2100-02-29",
    "2021-04-31",
    "2021-06-31",
    "2021-01-32",
    "2021-01-00",
  ])("rejects the day %s", (day) => {
    expect(parsePartialDate(day)).toBeUndefined();
  });

  it.each([
    "2020-13",
    "2020-00",
    "2020-1",
    "20",
    "202",
    "20201",
    "2020-",
    "2020-1-01",
    "2020/10/28",
    "2020-10-28Z",
  ])("rejects %j", (text) => {
    expect(parsePartialDate(text)).toBeUndefined();
  });

  it.each(["", " 2020", "2020 ", "+2020", "-0001", "２０２０", "2020-10-28T00:00:00Z", "28 October 2022"])(
    "rejects %j",
    (text) => {
      expect(parsePartialDate(text)).toBeUndefined();
    },
  );

  it("accepts every real day, as a span of that day", () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(parsePartialDate(day)).toEqual({ precision: "day", first: day, last: day });
      }),
    );
  });

  it("gives a month a span whose next day is the first of the next month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const span = parsePartialDate(`${pad(year, 4)}-${pad(month)}`)!;
        expect(span.first).toBe(`${pad(year, 4)}-${pad(month)}-01`);
        const next = month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1)}-01`;
        expect(addDays(span.last, 1)).toBe(next);
      }),
    );
  });

  it("gives a year 365 days, or 366 in a leap year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), (year) => {
        const span = parsePartialDate(pad(year, 4))!;
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        expect(addDays(span.first, leap ? 366 : 365)).toBe(`${pad(year + 1, 4)}-01-01`);
        expect(addDays(span.last, 1)).toBe(`${pad(year + 1, 4)}-01-01`);
      }),
    );
  });
});

describe("daysInMonth", () => {
  it("counts the days of each month", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2021, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it("follows the Gregorian leap year rules", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });

  it("does not read years 0 to 99 as 1900 to 1999", () => {
    expect(daysInMonth(0, 2)).toBe(29);
    expect(daysInMonth(4, 2)).toBe(29);
    expect(daysInMonth(99, 2)).toBe(28);
    expect(daysInMonth(100, 2)).toBe(28);
  });
});

describe("isDayDate", () => {
  it("holds only for a real day", () => {
    expect(isDayDate("2022-10-28")).toBe(true);
    expect(isDayDate("2022-10")).toBe(false);
    expect(isDayDate("2022")).toBe(false);
    expect(isDayDate("2022-02-30")).toBe(false);
  });
});

describe("addDays", () => {
  it.each([
    ["2022-10-28", 0, "2022-10-28"],
    ["2022-10-28", 1, "2022-10-29"],
    ["2022-10-31", 1, "2022-11-01"],
    ["2022-11-01", -1, "2022-10-31"],
    ["2021-12-31", 1, "2022-01-01"],
    ["2022-01-01", -1, "2021-12-31"],
    ["2020-02-28", 1, "2020-02-29"],
    ["2020-02-29", 1, "2020-03-01"],
    ["2021-02-28", 1, "2021-03-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["1900-02-28", 1, "1900-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2020-01-01", 366, "2021-01-01"],
    ["2021-01-01", 365, "2022-01-01"],
    ["2018-06-12", -1000, "2015-09-16"],
    ["1999-12-31", 1, "2000-01-01"],
    ["2022-02-27", 1, "2022-02-28"],
    ["2022-02-28", -27, "2022-02-01"],
    ["2022-02-01", 27, "2022-02-28"],
    ["2022-02-01", -1, "2022-01-31"],
    ["2022-03-09", 1, "2022-03-10"],
    ["2022-03-10", -1, "2022-03-09"],
  ])("%s %+d days is %s", (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it("is not moved by daylight saving time, whatever the process's zone", () => {
    // 2022-03-27 and 2022-03-13 are the days clocks went forward in Europe and the United States.
    expect(addDays("2022-03-27", 1)).toBe("2022-03-28");
    expect(addDays("2022-03-13", 1)).toBe("2022-03-14");
    expect(addDays("2022-11-06", -1)).toBe("2022-11-05");
  });

  it("moves within a month as the calendar does", () => {
    fc.assert(
      fc.property(
        anyDay.filter((d) => d >= "0100" && d < "9900"),
        fc.integer({ min: -40, max: 40 }),
        (day, n) => {
          const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
          expect(addDays(day, n)).toBe(new Date(t).toISOString().slice(0, 10));
        },
      ),
    );
  });

  it("is undone by adding the opposite number of days", () => {
    fc.assert(
      fc.property(
        anyDay.filter((d) => d >= "0100" && d < "9900"),
        fc.integer({ min: -30000, max: 30000 }),
        (day, n) => {
          expect(addDays(addDays(day, n), -n)).toBe(day);
        },
      ),
    );
  });

  it("adds in steps: n + m days is n days then m days", () => {
    fc.assert(
      fc.property(
        anyDay.filter((d) => d >= "0100" && d < "9900"),
        fc.integer({ min: -10000, max: 10000 }),
        fc.integer({ min: -10000, max: 10000 }),
        (day, n, m) => {
          expect(addDays(addDays(day, n), m)).toBe(addDays(day, n + m));
        },
      ),
    );
  });

  it("always lands on a day parsePartialDate accepts", () => {
    fc.assert(
      fc.property(
        anyDay.filter((d) => d >= "0100" && d < "9900"),
        fc.integer({ min: -30000, max: 30000 }),
        (day, n) => {
          expect(isDayDate(addDays(day, n))).toBe(true);
        },
      ),
    );
  });

  it("reaches the day after the 28th of February of year 0004, a leap year, as parsePartialDate knows", () => {
    expect(addDays("0004-02-28", 1)).toBe("0004-02-29");
    expect(isDayDate(addDays("0004-02-28", 1))).toBe(true);
  });

  it("keeps to the years 0001 to 9999: year 0000 is no date a record holds", () => {
    expect(parsePartialDate("0001")?.first).toBe("0001-01-01");
    expect(isDayDate("0000-06-15")).toBe(false);
  });
});
