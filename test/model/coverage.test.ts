import { describe, expect, it } from "vitest";
import {
  clipToCoverage,
  coverageOf,
  parseCoverage,
  parseMatcher,
  type CoverageEntry,
  type EventMatcher,
} from "../../src/model/index.js";

const entry = (id: string, filter: string, from: string, to: string, extent = "complete"): CoverageEntry =>
  ({ id, label: id, filter, from, to, extent, basis: "checked" }) as CoverageEntry;

const m = (terms: string): EventMatcher => {
  const r = parseMatcher(terms);
  if (!r.ok) throw new Error(terms);
  return r.matcher;
};

const ENTRIES = [
  entry("launches", "type=missile_launch actor=PRK", "1984-01-01", "2026-04-19"),
  entry("exercises", "type=military_exercise", "2006-01-01", "2026-08-31", "partial"),
  entry("unsc", "type=sanctions_imposed actor=UNSC", "1993-01-01", "2026-02-28"),
  entry("ofac", "type=sanctions_imposed actor=OFAC", "2016-01-01", "2024-12-31", "partial"),
];

describe("parseCoverage", () => {
  it("accepts a well-formed file", () => {
    const r = parseCoverage({ record: "r", series: ENTRIES });
    expect(r.ok).toBe(true);
  });

  it("names the field of each problem: a bad date, an end before the start, a bad extent", () => {
    const r = parseCoverage({
      record: "r",
      series: [
        { ...ENTRIES[0], from: "1984-13-01" },
        { ...ENTRIES[1], to: "2005-12-31" },
        { ...ENTRIES[2], extent: "mostly" },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(["series.0.from", "series.1.to", "series.2.extent"]);
  });

  it("refuses a filter without a type, with an unknown type or with terms other than type and actor", () => {
    const r = parseCoverage({
      record: "r",
      series: [
        { ...ENTRIES[0], filter: "actor=PRK" },
        { ...ENTRIES[1], filter: "type=exercise" },
        { ...ENTRIES[2], filter: "type=sanctions_imposed confidence=confirmed" },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.path, i.message])).toEqual([
      ["series.0.filter", "must name a type (type=...)"],
      ["series.1.filter", 'unknown event type "exercise"'],
      ["series.2.filter", "may only use the terms type and actor: the period is given by from and to"],
    ]);
  });

  it("refuses a duplicate id", () => {
    const r = parseCoverage({ record: "r", series: [ENTRIES[0], ENTRIES[0]] });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(["series.1.id"]);
  });
});

describe("coverageOf", () => {
  it("one family: its period", () => {
    const c = coverageOf(m("actor=PRK type=missile_launch class=ICBM"), ENTRIES);
    expect([c.from, c.to, c.entries.map((e) => e.id), c.unknown]).toEqual([
      "1984-01-01",
      "2026-04-19",
      ["launches"],
      [],
    ]);
  });

  it("a type split by actor: without an actor the series is covered only where every part is", () => {
    const c = coverageOf(m("type=sanctions_imposed"), ENTRIES);
    expect([c.from, c.to]).toEqual(["2016-01-01", "2024-12-31"]);
    expect(c.unknown).toEqual(["type=sanctions_imposed by actors other than UNSC, OFAC"]);
    const unsc = coverageOf(m("type=sanctions_imposed actor=UNSC"), ENTRIES);
    expect([unsc.from, unsc.to, unsc.unknown]).toEqual(["1993-01-01", "2026-02-28", []]);
  });

  it("two types: the latest start and the earliest end", () => {
    const c = coverageOf(m("type=missile_launch,military_exercise actor=PRK"), ENTRIES);
    expect([c.from, c.to]).toEqual(["2006-01-01", "2026-04-19"]);
  });

  it("what no entry covers is said, not guessed", () => {
    expect(coverageOf(m("type=statement"), ENTRIES)).toEqual({ entries: [], unknown: ["type=statement"] });
    expect(coverageOf(m("type=missile_launch actor=USA"), ENTRIES).unknown).toEqual([
      "type=missile_launch actor=USA",
    ]);
    expect(coverageOf(m("actor=PRK"), ENTRIES).unknown).toEqual(["every type (the filter names none)"]);
  });
});

describe("clipToCoverage", () => {
  const series = (name: string, terms: string) => ({ name, coverage: coverageOf(m(terms), ENTRIES) });

  it("a range inside the coverage is unchanged and unwarned, unless a series is partial", () => {
    const r = clipToCoverage({ from: "2010-01-01", to: "2020-12-31" }, [
      series("cause", "type=missile_launch actor=PRK"),
    ]);
    expect(r).toEqual({ from: "2010-01-01", to: "2020-12-31", warnings: [], empty: false });
  });

  it("a range past the coverage is clipped to the common coverage, and says so once", () => {
    const r = clipToCoverage({ from: "1990-01-01", to: "2026-11-29" }, [
      series("cause", "type=military_exercise"),
      series("effect", "type=missile_launch actor=PRK"),
    ]);
    expect([r.from, r.to, r.empty]).toEqual(["2006-01-01", "2026-04-19", false]);
    expect(r.warnings).toEqual([
      "clipped to the common coverage of the series, 2006-01-01 to 2026-04-19 (not 1990-01-01 to 2026-11-29): cause: exercises 2006-01-01 to 2026-08-31, partial; effect: launches 1984-01-01 to 2026-04-19",
      "cause rests on partial coverage (exercises): a day without an event may be one not found",
    ]);
  });

  it("a range wholly outside is empty; an uncovered series does not clip", () => {
    const outside = clipToCoverage({ from: "1990-01-01", to: "2000-12-31" }, [
      series("x", "type=military_exercise"),
    ]);
    expect(outside.empty).toBe(true);
    const unknown = clipToCoverage({ from: "1990-01-01", to: "2030-12-31" }, [series("x", "type=statement")]);
    expect([unknown.from, unknown.to, unknown.warnings]).toEqual([
      "1990-01-01",
      "2030-12-31",
      ["x: no coverage written down for type=statement; not clipped for it"],
    ]);
  });
});
