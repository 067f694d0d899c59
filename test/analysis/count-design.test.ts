import { describe, expect, it } from "vitest";
import { countDesign, levelOf, windowIndicator } from "../../src/analysis/count-design.js";
import { dayNumber } from "../../src/analysis/days.js";
import { windowTest } from "../../src/analysis/window-test.js";
import { countFixture, fixtureDesigns } from "./count-fixture.js";
import { regressionError } from "./regression-fixture.js";

/** The days of an indicator as inclusive runs of offsets, as the fixture stores them. */
function runsOf(column: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let d = 0; d < column.length; d++) {
    if (!column[d]) continue;
    if (out.length && out[out.length - 1]![1] === d - 1) out[out.length - 1]![1] = d;
    else out.push([d, d]);
  }
  return out;
}

describe("count design against the reference script's (built there with numpy and datetime alone)", () => {
  for (const { where, data, ref, design } of fixtureDesigns()) {
    it(`${where}: names, levels left out, window columns`, () => {
      expect(design.names).toEqual(ref.names);
      expect(design.dropped).toEqual(ref.dropped);
      const left = ref.dropped.reduce((s, x) => s + x.days, 0);
      expect(design.y.length).toBe(data.values.length - left);
      data.causes.forEach((c) => {
        const column = windowIndicator(c.causes, c.window, dayNumber(data.from), data.values.length);
        expect(runsOf(column), c.name).toEqual(data.indicatorRuns[c.name]);
      });
      design.X.forEach((row) => expect(row.length).toBe(ref.names.length));
    });
  }
});

describe("the window columns are the window test's windows", () => {
  for (const [name, data] of Object.entries(countFixture.datasets)) {
    it(`${name}: the events in each column's days are the window test's observed total`, () => {
      const effect = { freq: "day", from: data.from, to: data.to, values: data.values };
      for (const c of data.causes) {
        const column = windowIndicator(c.causes, c.window, dayNumber(data.from), data.values.length);
        const inWindow = data.values.reduce((s, v, d) => s + v * column[d]!, 0);
        expect(inWindow).toBe(
          windowTest(c.causes, effect, { window: c.window, permutations: 1 }).window.observed,
        );
        // For the record, also what `lockstep react` reported when the fixture was made.
        if (data.source) expect(inWindow).toBe(data.source.reactObserved);
      }
    });
  }
});

describe("fixed effects", () => {
  const record = countFixture.datasets.record_missiles!;

  it("levels of a day: month of the year and year", () => {
    expect(levelOf("month", dayNumber("2016-02-29"))).toBe(2);
    expect(levelOf("year", dayNumber("2016-02-29"))).toBe(2016);
    expect(levelOf("month", dayNumber("1969-12-31"))).toBe(12);
    expect(levelOf("year", dayNumber("1969-12-31"))).toBe(1969);
  });

  it("dummies with the first level present as the reference, on exactly the days of their level", () => {
    const d = countDesign({ ...record, fixedEffects: ["month", "year"] });
    expect(d.names.slice(0, 3)).toEqual(["const", "exercise[0..14]", "month[2]"]);
    expect(d.names).toContain("month[12]");
    expect(d.names).not.toContain("month[1]");
    expect(d.names).not.toContain("year[2015]");
    const col = d.names.indexOf("year[2022]");
    d.X.forEach((row, i) => expect(row[col]).toBe(d.bins[i]!.startsWith("2022-") ? 1 : 0));
  });

  it("a year without an event is left out, said, and the reference moves to the first year left", () => {
    const d = countDesign({ ...record, fixedEffects: ["year"] });
    expect(d.dropped).toEqual([{ name: "year[2018]", effect: "year", level: 2018, days: 365 }]);
    expect(d.bins.some((day) => day.startsWith("2018-"))).toBe(false);
    expect(d.names).not.toContain("year[2018]");
    const from2018 = countDesign({
      ...record,
      from: "2018-01-01",
      values: record.values.slice(1096),
      fixedEffects: ["year"],
    });
    expect(from2018.dropped.map((x) => x.name)).toEqual(["year[2018]"]);
    expect(from2018.names).toContain("year[2020]");
    expect(from2018.names).not.toContain("year[2019]");
  });

  it("a month-of-year effect over less than a year has only the months present", () => {
    const synthetic = countFixture.datasets.synthetic!;
    const d = countDesign({
      ...synthetic,
      to: "2012-03-31",
      values: synthetic.values.slice(0, 91),
      fixedEffects: ["month"],
    });
    expect(d.dropped).toEqual([]);
    expect(d.names).toEqual(["const", "drill[0..14]", "summit[during+3]", "month[2]", "month[3]"]);
  });
});

describe("count design refuses bad input, naming the field", () => {
  const record = countFixture.datasets.record_missiles!;

  it("an unknown or repeated fixed effect", () => {
    expect(regressionError(() => countDesign({ ...record, fixedEffects: ["week" as "month"] })).message).toBe(
      'fixed effect "week" is not one of "month", "year"',
    );
    expect(regressionError(() => countDesign({ ...record, fixedEffects: ["year", "year"] })).message).toMatch(
      /fixed effect "year" is given twice/,
    );
  });

  it("values that do not cover the range, or are not counts", () => {
    expect(regressionError(() => countDesign({ ...record, values: record.values.slice(1) })).message).toMatch(
      /values has 4017 counts but 2015-01-01 to 2025-12-31 is 4018 days/,
    );
    const values = [...record.values];
    values[31] = -2;
    expect(regressionError(() => countDesign({ ...record, values })).message).toBe(
      "the count on 2015-02-01 is -2: counts are whole numbers ≥ 0",
    );
    expect(
      regressionError(() => countDesign({ ...record, values: record.values.map(() => 0) })).problem,
    ).toBe("no-events");
  });

  it("cause columns without a name or with a taken one", () => {
    const c = record.causes[0]!;
    expect(regressionError(() => countDesign({ ...record, causes: [c, c] })).message).toMatch(
      /cause column name "exercise\[0\.\.14\]" is taken/,
    );
    expect(
      regressionError(() => countDesign({ ...record, causes: [{ ...c, name: "const" }] })).message,
    ).toMatch(/"const" is taken/);
    expect(
      regressionError(() => countDesign({ ...record, causes: [{ ...c, name: "year[1]" }] })).message,
    ).toMatch(/"year\[1\]" is taken/);
    expect(regressionError(() => countDesign({ ...record, causes: [{ ...c, name: "" }] })).message).toMatch(
      /needs a name/,
    );
  });
});
