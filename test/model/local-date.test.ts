import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTOR_TIME_ZONES, isValidTimeZone, localDateOf } from "../../src/model/local-date.js";

const PYONGYANG = "Asia/Pyongyang";
const SEOUL = "Asia/Seoul";
const NEW_YORK = "America/New_York";

describe("localDateOf", () => {
  describe("Asia/Pyongyang, which moved from UTC+9 to UTC+8:30 on 2015-08-15", () => {
    it.each([
      // The last second of UTC+9: 23:59:59 on the 14th.
      ["2015-08-14T14:59:59Z", "2015-08-14"],
      // Clocks went back to 23:30 on the 14th, so the 15th began half an hour later than in Seoul.
      ["2015-08-14T15:00:00Z", "2015-08-14"],
      ["2015-08-14T15:29:59Z", "2015-08-14"],
      ["2015-08-14T15:30:00Z", "2015-08-15"],
    ])("dates %s on %s", (instant, day) => {
      expect(localDateOf(instant, PYONGYANG)).toBe(day);
    });

    it("differs from Seoul for the first half hour of each day of that period", () => {
      expect(localDateOf("2015-08-14T15:15:00Z", SEOUL)).toBe("2015-08-15");
      expect(localDateOf("2015-08-14T15:15:00Z", PYONGYANG)).toBe("2015-08-14");
      expect(localDateOf("2016-09-08T15:15:00Z", SEOUL)).toBe("2016-09-09");
      expect(localDateOf("2016-09-08T15:15:00Z", PYONGYANG)).toBe("2016-09-08");
    });

    it("dates the launch of 2017-02-11T22:55Z (07:25 in Pyongyang) on 2017-02-12", () => {
      expect(localDateOf("2017-02-11T22:55:00Z", PYONGYANG)).toBe("2017-02-12");
    });
  });

  describe("Asia/Pyongyang, which went back to UTC+9 on 2018-05-05", () => {
    it.each([
      ["2018-05-04T14:29:59Z", "2018-05-04"],
      // 23:59:59 on the 4th at UTC+8:30 ...
      ["2018-05-04T14:59:59Z", "2018-05-04"],
      // ... and then 00:00 on the 5th at UTC+9: the 4th lost its last half hour.
      ["2018-05-04T15:00:00Z", "2018-05-05"],
      ["2018-05-04T15:29:59Z", "2018-05-05"],
      ["2018-05-05T14:59:59Z", "2018-05-05"],
      ["2018-05-05T15:00:00Z", "2018-05-06"],
    ])("dates %s on %s", (instant, day) => {
      expect(localDateOf(instant, PYONGYANG)).toBe(day);
    });
  });

  it("agrees with UTC+9, or UTC+8:30 from 2015-08-14T15:00Z to 2018-05-04T15:00Z, for any instant since 1970", () => {
    const from = Date.parse("2015-08-14T15:00:00Z");
    const to = Date.parse("2018-05-04T15:00:00Z");
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1970-01-01T00:00:00Z"),
          max: new Date("2037-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (d) => {
          const offsetMinutes = d.getTime() >= from && d.getTime() < to ? 510 : 540;
          const local = new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
          expect(localDateOf(d, PYONGYANG)).toBe(local);
        },
      ),
    );
  });

  describe("either side of midnight", () => {
    it("in Seoul (UTC+9)", () => {
      expect(localDateOf("2019-02-27T14:59:59Z", SEOUL)).toBe("2019-02-27");
      expect(localDateOf("2019-02-27T15:00:00Z", SEOUL)).toBe("2019-02-28");
    });

    it("in New York, in winter (UTC-5) and in summer (UTC-4)", () => {
      expect(localDateOf("2019-02-28T04:59:59Z", NEW_YORK)).toBe("2019-02-27");
      expect(localDateOf("2019-02-28T05:00:00Z", NEW_YORK)).toBe("2019-02-28");
      expect(localDateOf("2018-06-12T03:59:59Z", NEW_YORK)).toBe("2018-06-11");
      expect(localDateOf("2018-06-12T04:00:00Z", NEW_YORK)).toBe("2018-06-12");
    });

    it("puts one instant on different days in Seoul and New York", () => {
      // 13:30 in Seoul on the 28th is 23:30 in New York on the 27th.
      expect(localDateOf("2019-02-28T04:30:00Z", SEOUL)).toBe("2019-02-28");
      expect(localDateOf("2019-02-28T04:30:00Z", NEW_YORK)).toBe("2019-02-27");
      expect(localDateOf("2019-02-28T04:30:00Z", "UTC")).toBe("2019-02-28");
    });

    it("crosses a year end", () => {
      expect(localDateOf("2016-12-31T15:00:00Z", SEOUL)).toBe("2017-01-01");
      expect(localDateOf("2017-01-01T04:59:59Z", NEW_YORK)).toBe("2016-12-31");
    });
  });

  it("takes a Date as well as a string", () => {
    expect(localDateOf(new Date("2017-02-11T22:55:00Z"), PYONGYANG)).toBe("2017-02-12");
  });

  it("writes YYYY-MM-DD, and in UTC the date part of the ISO form", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("2100-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.constantFrom(...Object.values(ACTOR_TIME_ZONES)),
        (d, zone) => {
          expect(localDateOf(d, zone)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(localDateOf(d, "UTC")).toBe(d.toISOString().slice(0, 10));
        },
      ),
    );
  });

  it.each(["not a date", "2022-13-01T00:00:00Z", ""])("throws on the invalid instant %j", (instant) => {
    expect(() => localDateOf(instant, SEOUL)).toThrow(RangeError);
    expect(() => localDateOf(instant, SEOUL)).toThrow(/invalid instant/);
  });

  it("throws on an invalid Date", () => {
    expect(() => localDateOf(new Date(NaN), SEOUL)).toThrow(/invalid instant/);
  });

  it("throws on an unknown time zone", () => {
    expect(() => localDateOf("2019-02-28T04:30:00Z", "Asia/Atlantis")).toThrow(RangeError);
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA zones and refuses others", () => {
    expect(isValidTimeZone(PYONGYANG)).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Asia/Atlantis")).toBe(false);
    expect(isValidTimeZone("KST")).toBe(false);
  });

  it("knows the zone of every actor", () => {
    for (const zone of Object.values(ACTOR_TIME_ZONES)) expect(isValidTimeZone(zone)).toBe(true);
  });
});
