import { describe, expect, it } from "vitest";
import { buildSeries, type Frequency } from "../../src/analysis/series.js";
import { createRandom } from "../../src/analysis/random.js";
import { dayNumber, dayString, mondayOf } from "../../src/analysis/days.js";
import { ev } from "./helpers.js";

const launches = { types: ["missile_launch"] };
const exercises = { types: ["military_exercise"] };

describe("buildSeries: days", () => {
  it("is zero-filled and inclusive at both ends; count adds event.count", () => {
    const events = [ev("2022-10-01", "missile_launch", { count: 2 }), ev("2022-10-03"), ev("2022-10-03")];
    const s = buildSeries(events, launches, { freq: "day", from: "2022-10-01", to: "2022-10-04" });
    expect(s.bins).toEqual(["2022-10-01", "2022-10-02", "2022-10-03", "2022-10-04"]);
    expect(s.values).toEqual([2, 0, 2, 0]);
    expect(s.binDays).toEqual([1, 1, 1, 1]);
    expect(s.placed).toBe(3);
  });

  it("a one-day range has one bin", () => {
    const s = buildSeries([ev("2022-10-01")], launches, {
      freq: "day",
      from: "2022-10-01",
      to: "2022-10-01",
    });
    expect(s.bins).toEqual(["2022-10-01"]);
    expect(s.values).toEqual([1]);
  });

  it("events outside the range are not counted, and are reported", () => {
    const events = [ev("2022-09-30"), ev("2022-10-01"), ev("2022-10-05")];
    const s = buildSeries(events, launches, { freq: "day", from: "2022-10-01", to: "2022-10-04" });
    expect(s.values).toEqual([1, 0, 0, 0]);
    expect(s).toMatchObject({ placed: 1, outside: 2 });
  });

  it("only events that match the matcher count", () => {
    const events = [ev("2022-10-01"), ev("2022-10-01", "missile_launch", { actor: "RUS" })];
    const s = buildSeries(events, { actors: ["PRK"] }, { freq: "day", from: "2022-10-01", to: "2022-10-01" });
    expect(s.values).toEqual([1]);
  });

  it("leap days: 2020-02-29 and 2000-02-29 exist, 2100-02-29 and 1900-02-29 do not", () => {
    const s = buildSeries([ev("2020-02-29")], launches, {
      freq: "day",
      from: "2020-02-28",
      to: "2020-03-01",
    });
    expect(s.bins).toEqual(["2020-02-28", "2020-02-29", "2020-03-01"]);
    expect(s.values).toEqual([0, 1, 0]);
    const y2000 = buildSeries([], launches, { freq: "day", from: "2000-02-28", to: "2000-03-01" });
    expect(y2000.bins).toHaveLength(3);
    const y2100 = buildSeries([], launches, { freq: "day", from: "2100-02-28", to: "2100-03-01" });
    expect(y2100.bins).toEqual(["2100-02-28", "2100-03-01"]);
    expect(() => buildSeries([], launches, { freq: "day", from: "1900-02-29", to: "1900-03-01" })).toThrow(
      /not a calendar day/,
    );
  });

  it("rejects a range that ends before it starts, and dates that are not days", () => {
    expect(() => buildSeries([], launches, { freq: "day", from: "2022-10-02", to: "2022-10-01" })).toThrow(
      /before it starts/,
    );
    expect(() => buildSeries([], launches, { freq: "day", from: "2022-10", to: "2022-11-01" })).toThrow(
      RangeError,
    );
    expect(() => buildSeries([], launches, { freq: "day", from: "2021-02-30", to: "2021-03-01" })).toThrow(
      RangeError,
    );
  });
});

describe("buildSeries: ISO weeks", () => {
  it("2020-12-28 is the Monday of 2020-W53, 2021-01-04 of 2021-W01; a cut week counts only days in range", () => {
    const events = [ev("2020-12-30"), ev("2021-01-03"), ev("2021-01-04"), ev("2021-01-11")];
    const s = buildSeries(events, launches, { freq: "week", from: "2020-12-31", to: "2021-01-10" });
    expect(s.bins).toEqual(["2020-12-28", "2021-01-04"]);
    // 2020-12-30 is in W53 but before `from`; 2021-01-03 is the Sunday of W53.
    expect(s.values).toEqual([1, 1]);
    expect(s.binDays).toEqual([4, 7]);
    expect(s.outside).toBe(2);
  });

  it("weeks that start in the previous year: 2020-W01 starts 2019-12-30, 2026-W01 starts 2025-12-29", () => {
    expect(dayString(mondayOf(dayNumber("2020-01-01")))).toBe("2019-12-30");
    expect(dayString(mondayOf(dayNumber("2026-01-01")))).toBe("2025-12-29");
    expect(dayString(mondayOf(dayNumber("2021-01-03")))).toBe("2020-12-28");
    // A Monday is its own week's Monday, a Sunday belongs to the week before.
    expect(dayString(mondayOf(dayNumber("2021-01-04")))).toBe("2021-01-04");
    expect(dayString(mondayOf(dayNumber("2021-01-10")))).toBe("2021-01-04");
    // Before 1970 too (negative day numbers).
    expect(dayString(mondayOf(dayNumber("1969-12-31")))).toBe("1969-12-29");
    const s = buildSeries([ev("2020-01-01")], launches, {
      freq: "week",
      from: "2019-12-25",
      to: "2020-01-06",
    });
    expect(s.bins).toEqual(["2019-12-23", "2019-12-30", "2020-01-06"]);
    expect(s.values).toEqual([0, 1, 0]);
    expect(s.binDays).toEqual([5, 7, 1]);
  });
});

describe("buildSeries: months", () => {
  it("bins are the months that meet the range; month ends and February lengths", () => {
    const events = [ev("2021-01-31"), ev("2021-02-28"), ev("2021-03-01"), ev("2021-03-03")];
    const s = buildSeries(events, launches, { freq: "month", from: "2021-01-30", to: "2021-03-02" });
    expect(s.bins).toEqual(["2021-01", "2021-02", "2021-03"]);
    expect(s.values).toEqual([1, 1, 1]);
    expect(s.binDays).toEqual([2, 28, 2]);
    const leap = buildSeries([], launches, { freq: "month", from: "2020-01-01", to: "2020-12-31" });
    expect(leap.binDays).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(
      buildSeries([], launches, { freq: "month", from: "1900-02-01", to: "1900-02-28" }).binDays,
    ).toEqual([28]);
  });

  it("crosses year ends", () => {
    const s = buildSeries([ev("2021-12-31"), ev("2022-01-01")], launches, {
      freq: "month",
      from: "2021-11-15",
      to: "2022-01-15",
    });
    expect(s.bins).toEqual(["2021-11", "2021-12", "2022-01"]);
    expect(s.values).toEqual([0, 1, 1]);
  });
});

describe("buildSeries: events that last", () => {
  const drill = ev("2022-08-22", "military_exercise", { end: "2022-09-01", count: 2 });

  it("span start: once, on the first day", () => {
    const s = buildSeries([drill], exercises, { freq: "day", from: "2022-08-21", to: "2022-08-24" });
    expect(s.values).toEqual([0, 2, 0, 0]);
  });

  it("span every-day: every day it runs, clipped to the range", () => {
    const s = buildSeries([drill], exercises, {
      freq: "day",
      from: "2022-08-30",
      to: "2022-09-03",
      span: "every-day",
    });
    expect(s.values).toEqual([2, 2, 2, 0, 0]);
    const months = buildSeries([drill], exercises, {
      freq: "month",
      from: "2022-08-01",
      to: "2022-09-30",
      span: "every-day",
    });
    expect(months.values).toEqual([20, 2]);
  });

  it("span start: an event that began before the range does not count, even if it runs into it", () => {
    const s = buildSeries([drill], exercises, { freq: "day", from: "2022-08-30", to: "2022-09-03" });
    expect(s.values).toEqual([0, 0, 0, 0, 0]);
    expect(s.outside).toBe(1);
  });
});

describe("buildSeries: partial dates", () => {
  const events = [ev("2021-03"), ev("2021"), ev("2021-03-10"), ev("2021-04", "missile_launch", { count: 3 })];

  it("day and week series skip them and say how many", () => {
    for (const freq of ["day", "week"] as const) {
      const s = buildSeries(events, launches, { freq, from: "2021-01-01", to: "2021-12-31" });
      expect(s.skipped).toEqual({ partialDate: 3, noWeight: 0 });
      expect(s.values.reduce((a, b) => a + b, 0)).toBe(1);
    }
  });

  it("a month series places month-precision events whose month lies in the range", () => {
    const s = buildSeries(events, launches, { freq: "month", from: "2021-03-01", to: "2021-04-30" });
    expect(s.values).toEqual([2, 3]);
    expect(s.skipped.partialDate).toBe(1); // the year
  });

  it("a month cut by the range cannot place a month-precision event", () => {
    const s = buildSeries(events, launches, { freq: "month", from: "2021-03-05", to: "2021-04-30" });
    expect(s.values).toEqual([1, 3]);
    expect(s.skipped.partialDate).toBe(2);
  });

  it("every-day cannot count the days of an event with a partial start", () => {
    const partialStart = ev("2021-03", "military_exercise", { end: "2021-03-20" });
    const range = { freq: "month", from: "2021-03-01", to: "2021-04-30" } as const;
    expect(buildSeries([partialStart], exercises, { ...range, span: "every-day" }).skipped.partialDate).toBe(
      1,
    );
    // With span start it counts once, in its month.
    expect(buildSeries([partialStart], exercises, range).values).toEqual([1, 0]);
  });

  it("every-day cannot count the days of an event with a partial end", () => {
    const partialEnd = ev("2021-03-28", "military_exercise", { end: "2021-04" });
    const s = buildSeries([partialEnd], exercises, {
      freq: "month",
      from: "2021-03-01",
      to: "2021-04-30",
      span: "every-day",
    });
    expect(s.values).toEqual([0, 0]);
    expect(s.skipped.partialDate).toBe(1);
    const start = buildSeries([partialEnd], exercises, {
      freq: "month",
      from: "2021-03-01",
      to: "2021-04-30",
    });
    expect(start.values).toEqual([1, 0]);
  });
});

describe("buildSeries: Goldstein", () => {
  it("adds count × the Goldstein weight; events without one are skipped and reported", () => {
    const events = [
      ev("2018-08-01", "missile_launch", { count: 2 }), // 150: −7.2 each
      ev("2018-08-02", "military_exercise", { attributes: { status: "suspended" } }), // 087: +9
      ev("2018-08-02", "military_exercise"), // 150: −7.2
      ev("2018-08-03", "retraction"),
    ];
    const s = buildSeries(
      events,
      {},
      { freq: "day", from: "2018-08-01", to: "2018-08-03", measure: "goldstein" },
    );
    expect(s.values[0]).toBeCloseTo(-14.4, 12);
    expect(s.values[1]).toBeCloseTo(1.8, 12);
    expect(s.values[2]).toBe(0);
    expect(s.skipped.noWeight).toBe(1);
    // With measure count, the retraction counts like any other event.
    expect(buildSeries(events, {}, { freq: "day", from: "2018-08-01", to: "2018-08-03" }).values).toEqual([
      2, 2, 1,
    ]);
  });
});

describe("buildSeries: frequencies agree", () => {
  it("week and month bins are sums of day bins, for random lasting events", () => {
    const random = createRandom(7);
    const events = Array.from({ length: 300 }, () => {
      const start = dayNumber("2019-11-20") + random.int(0, 900);
      const end = start + random.int(0, 20);
      return ev(dayString(start), "military_exercise", { end: dayString(end), count: random.int(1, 3) });
    });
    for (const span of ["start", "every-day"] as const) {
      const range = { from: "2019-12-31", to: "2022-03-02", span };
      const days = buildSeries(events, exercises, { freq: "day", ...range });
      for (const freq of ["week", "month"] as Frequency[]) {
        const s = buildSeries(events, exercises, { freq, ...range });
        const sums = s.bins.map(() => 0);
        days.bins.forEach((d, i) => {
          const label = freq === "week" ? dayString(mondayOf(dayNumber(d))) : d.slice(0, 7);
          sums[s.bins.indexOf(label)]! += days.values[i]!;
        });
        expect(s.values).toEqual(sums);
        expect(s.binDays.reduce((a, b) => a + b, 0)).toBe(days.bins.length);
      }
    }
  });
});

describe("buildSeries: units", () => {
  // Two salvos on Saturday 10-01 (2 and 3 missiles), one of 1 on Monday 10-03 and one on Sunday 10-09.
  const events = [
    ev("2022-10-01", "missile_launch", { count: 2 }),
    ev("2022-10-01", "missile_launch", { count: 3 }),
    ev("2022-10-03"),
    ev("2022-10-09"),
  ];
  const range = { from: "2022-10-01", to: "2022-10-09" };
  const total = (unit: "events" | "days" | "count", freq: Frequency = "day") =>
    buildSeries(events, launches, { freq, ...range, unit });

  it("count adds counts, events adds one per event, days one per day with an event", () => {
    expect(total("count").values.slice(0, 3)).toEqual([5, 0, 1]);
    expect(total("events").values.slice(0, 3)).toEqual([2, 0, 1]);
    expect(total("days").values.slice(0, 3)).toEqual([1, 0, 1]);
    expect(total("days").unit).toBe("days");
  });

  it("days counts distinct days in wider bins: a week with two launch days is 2, whatever the salvos", () => {
    expect(total("days", "week").values).toEqual([1, 2]);
    expect(total("days", "month").values).toEqual([3]);
    expect(total("events", "month").values).toEqual([4]);
    expect(total("count", "month").values).toEqual([7]);
  });

  it("an event that lasts counts each of its days once with span every-day, however many overlap", () => {
    const drills = [
      ev("2022-10-01", "military_exercise", { end: "2022-10-03" }),
      ev("2022-10-02", "military_exercise", { end: "2022-10-04" }),
    ];
    const s = buildSeries(drills, exercises, {
      freq: "month",
      from: "2022-10-01",
      to: "2022-10-31",
      unit: "days",
      span: "every-day",
    });
    expect(s.values).toEqual([4]);
  });

  it("a month-dated event cannot be placed on a day: skipped in days, counted in events", () => {
    const month = [ev("2022-10", "missile_launch")];
    const opts = { freq: "month" as const, from: "2022-10-01", to: "2022-10-31" };
    expect(buildSeries(month, launches, { ...opts, unit: "days" })).toMatchObject({
      values: [0],
      skipped: { partialDate: 1 },
    });
    expect(buildSeries(month, launches, { ...opts, unit: "events" }).values).toEqual([1]);
  });

  it("goldstein weighs counts whatever the unit asked", () => {
    const s = buildSeries(events, launches, { freq: "day", ...range, measure: "goldstein", unit: "days" });
    expect(s.unit).toBe("count");
  });
});
