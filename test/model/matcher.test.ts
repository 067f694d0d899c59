import { describe, expect, it } from "vitest";
import {
  addTerm,
  checkMatcherAttributes,
  EVENT_TYPES,
  matches,
  typesWithAttributes,
  parseMatcher,
  type EventContent,
  type EventMatcher,
  type Issue,
} from "../../src/model/index.js";

function matcher(terms: string | string[]): EventMatcher {
  const r = parseMatcher(terms);
  if (!r.ok) throw new Error(`expected a matcher, got ${JSON.stringify(r.issues)}`);
  return r.matcher;
}

function issues(terms: string | string[]): Issue[] {
  const r = parseMatcher(terms);
  if (r.ok) throw new Error(`expected issues, got ${JSON.stringify(r.matcher)}`);
  return r.issues;
}

function event(over: Partial<EventContent> = {}): EventContent {
  return {
    type: "missile_launch",
    date: "2017-07-04",
    actors: ["PRK"],
    count: 1,
    attributes: { class: "ICBM", missile: "Hwasong-14" },
    sources: [{ title: "KCNA" }],
    confidence: "confirmed",
    ...over,
  };
}

describe("parseMatcher", () => {
  it("reads actor, type and an attribute with alternatives", () => {
    expect(matcher("actor=PRK type=missile_launch class=ICBM,IRBM")).toEqual({
      actors: ["PRK"],
      types: ["missile_launch"],
      attributes: { class: ["ICBM", "IRBM"] },
    });
  });

  it("reads a list of terms as well as one string", () => {
    expect(matcher(["actor=PRK", "type=missile_launch class=ICBM"])).toEqual(
      matcher("actor=PRK type=missile_launch class=ICBM"),
    );
  });

  it("reads the empty filter, which matches everything", () => {
    expect(matcher("")).toEqual({});
    expect(matcher("   ")).toEqual({});
    expect(matcher([])).toEqual({});
  });

  it("adds the values of a repeated key as alternatives", () => {
    expect(matcher("actor=PRK actor=KOR class=ICBM class=IRBM")).toEqual({
      actors: ["PRK", "KOR"],
      attributes: { class: ["ICBM", "IRBM"] },
    });
  });

  it("writes actor and target codes in capitals", () => {
    expect(matcher("actor=prk,usa target=kor")).toEqual({ actors: ["PRK", "USA"], targets: ["KOR"] });
  });

  it("reads with, actors that must all be there besides the first", () => {
    const m = matcher("actor=usa with=DPRK type=summit_or_meeting");
    expect(m).toEqual({ actors: ["USA"], with: ["PRK"], types: ["summit_or_meeting"] });
    const meeting = (actors: string[]) =>
      event({ type: "summit_or_meeting", actors, attributes: { name: "talks" } });
    expect(matches(m, meeting(["PRK", "USA"]))).toBe(true);
    expect(matches(m, meeting(["KOR", "USA"]))).toBe(false);
    expect(matches(m, meeting(["PRK"]))).toBe(false);
    // Not alternatives: every actor it names.
    expect(matches(matcher("with=PRK,KOR"), meeting(["KOR", "USA"]))).toBe(false);
    expect(matches(matcher("actor=USA with=PRK,KOR"), meeting(["KOR", "PRK", "USA"]))).toBe(true);
  });

  it("keeps attribute values as written", () => {
    expect(matcher("status=suspended outcome=Success")).toEqual({
      attributes: { status: ["suspended"], outcome: ["Success"] },
    });
  });

  it("reads confidence", () => {
    expect(matcher("confidence=confirmed,reported")).toEqual({ confidence: ["confirmed", "reported"] });
  });

  it.each([
    ["from=2021", { from: "2021-01-01" }],
    ["to=2021", { to: "2021-12-31" }],
    ["from=2021-11", { from: "2021-11-01" }],
    ["to=2021-11", { to: "2021-11-30" }],
    ["to=2024-02", { to: "2024-02-29" }],
    ["from=2018-06-12 to=2018-06-12", { from: "2018-06-12", to: "2018-06-12" }],
  ])("reads %s as the widest inclusive span", (terms, expected) => {
    expect(matcher(terms)).toEqual(expected);
  });

  it.each(["actor", "=PRK", "actor=", "actor:PRK"])("rejects the term %j, which is not key=value", (term) => {
    expect(issues(term)).toEqual([
      { kind: "format", message: `expected key=value, got "${term}"`, expected: "key=value", received: term },
    ]);
  });

  it("rejects an unknown type, listing the known ones", () => {
    const [issue, ...rest] = issues("type=missile_launch,missile");
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ kind: "validation", path: "type", received: "missile" });
    expect(issue!.message).toBe('unknown event type "missile" (did you mean missile_launch?)');
    expect(issue!.expected).toContain("missile_launch | nuclear_test");
  });

  it.each(["from=2021-13", "from=2021-02-29", "to=yesterday", "to=28/10/2022", "from=2021,2022"])(
    "rejects the bad date in %s",
    (term) => {
      const [issue, ...rest] = issues(term);
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ kind: "format", path: term.slice(0, term.indexOf("=")) });
      expect(issue!.message).toMatch(/^must be a date, got /);
    },
  );

  it("reports every bad term at once", () => {
    expect(issues("actor type=nope from=2021-13 class=ICBM").map((i) => i.path ?? i.received)).toEqual([
      "actor",
      "type",
      "from",
    ]);
  });
});

describe("addTerm", () => {
  it("adds a term given as key and values, as a CLI flag does", () => {
    const m: EventMatcher = {};
    const found: Issue[] = [];
    addTerm(m, "actor", ["prk"], found);
    addTerm(m, "class", ["ICBM"], found);
    addTerm(m, "type", ["bogus"], found);
    expect(m).toMatchObject({ actors: ["PRK"], attributes: { class: ["ICBM"] } });
    expect(found).toHaveLength(1);
  });
});

describe("matches", () => {
  it("matches everything with the empty matcher", () => {
    expect(matches({}, event())).toBe(true);
  });

  it("matches the example filter", () => {
    const m = matcher("actor=PRK type=missile_launch class=ICBM,IRBM");
    expect(matches(m, event())).toBe(true);
    expect(matches(m, event({ attributes: { class: "IRBM" } }))).toBe(true);
    expect(matches(m, event({ attributes: { class: "SRBM" } }))).toBe(false);
    expect(matches(m, event({ actors: ["KOR"] }))).toBe(false);
    expect(matches(m, event({ type: "nuclear_test", attributes: {} }))).toBe(false);
  });

  describe("actors", () => {
    it("matches when any of the event's actors is any of the wanted ones", () => {
      const joint = event({ type: "military_exercise", actors: ["USA", "KOR"], attributes: {} });
      expect(matches(matcher("actor=KOR"), joint)).toBe(true);
      expect(matches(matcher("actor=USA"), joint)).toBe(true);
      expect(matches(matcher("actor=JPN,KOR"), joint)).toBe(true);
      expect(matches(matcher("actor=JPN,PRK"), joint)).toBe(false);
    });

    it("does not match an actor whose code contains the wanted one", () => {
      expect(matches(matcher("actor=UN"), event({ actors: ["UNSC"] }))).toBe(false);
    });
  });

  describe("targets", () => {
    it("matches any of the event's targets, and never an event without targets", () => {
      const m = matcher("target=JPN");
      expect(matches(m, event({ targets: ["KOR", "JPN"] }))).toBe(true);
      expect(matches(m, event({ targets: ["KOR"] }))).toBe(false);
      expect(matches(m, event())).toBe(false);
    });

    it("does not take an actor for a target", () => {
      expect(matches(matcher("target=PRK"), event({ actors: ["PRK"], targets: ["USA"] }))).toBe(false);
    });
  });

  describe("confidence", () => {
    it("matches the listed levels only", () => {
      expect(matches(matcher("confidence=confirmed"), event())).toBe(true);
      expect(matches(matcher("confidence=reported,disputed"), event())).toBe(false);
    });
  });

  describe("from and to, inclusive, with partial dates overlapping", () => {
    it.each([
      ["from=2017-07-04", true],
      ["from=2017-07-05", false],
      ["to=2017-07-04", true],
      ["to=2017-07-03", false],
      ["from=2017-07 to=2017-07", true],
      ["from=2017-08", false],
      ["to=2017-06", false],
      ["from=2017 to=2017", true],
      ["from=2016 to=2016", false],
    ])("a day event, 2017-07-04, with %s: %s", (terms, expected) => {
      expect(matches(matcher(terms), event())).toBe(expected);
    });

    it.each([
      ["from=2021-11-30", true],
      ["from=2021-12-01", false],
      ["to=2021-11-01", true],
      ["to=2021-10-31", false],
      ["from=2021-11-15 to=2021-11-15", true],
      ["from=2021-10-01 to=2021-12-31", true],
      ["from=2021-12", false],
      ["to=2021-10", false],
      ["from=2021", true],
      ["to=2021", true],
    ])("a month event, 2021-11, with %s: %s", (terms, expected) => {
      expect(matches(matcher(terms), event({ date: "2021-11" }))).toBe(expected);
    });

    it.each([
      ["from=2006-12-31", true],
      ["from=2007-01-01", false],
      ["to=2006-01-01", true],
      ["to=2005-12-31", false],
      ["from=2006-10 to=2006-10", true],
    ])("a year event, 2006, with %s: %s", (terms, expected) => {
      expect(matches(matcher(terms), event({ date: "2006" }))).toBe(expected);
    });

    it("crosses leap days", () => {
      expect(matches(matcher("to=2020-02"), event({ date: "2020-02-29" }))).toBe(true);
      expect(matches(matcher("from=2020-03"), event({ date: "2020-02-29" }))).toBe(false);
    });
  });

  describe("attributes", () => {
    it("matches string, number and boolean attributes as text", () => {
      expect(matches(matcher("missile=Hwasong-14"), event())).toBe(true);
      expect(
        matches(matcher("apogeeKm=2802"), event({ attributes: { class: "ICBM", apogeeKm: 2802 } })),
      ).toBe(true);
      expect(
        matches(matcher("apogeeKm=2802.0"), event({ attributes: { class: "ICBM", apogeeKm: 2802 } })),
      ).toBe(false);
      expect(matches(matcher("isRootEvent=true"), event({ attributes: { isRootEvent: true } }))).toBe(true);
    });

    it("matches any element of a list attribute", () => {
      const e = event({
        type: "military_exercise",
        attributes: { name: "Vigilant Ace", participants: ["USA", "KOR"] },
      });
      expect(matches(matcher("participants=KOR"), e)).toBe(true);
      expect(matches(matcher("participants=JPN"), e)).toBe(false);
    });

    it("never matches an event without the attribute", () => {
      expect(matches(matcher("status=suspended"), event())).toBe(false);
    });

    it("is case-sensitive", () => {
      expect(matches(matcher("class=icbm"), event())).toBe(false);
    });

    it("requires every attribute term to hold", () => {
      expect(matches(matcher("class=ICBM missile=Hwasong-14"), event())).toBe(true);
      expect(matches(matcher("class=ICBM missile=Hwasong-15"), event())).toBe(false);
    });
  });
});

describe("typesWithAttributes", () => {
  it("gives the types whose attributes include every key, and none for a key no type has", () => {
    expect(typesWithAttributes(["class"])).toEqual(["missile_launch"]);
    expect(typesWithAttributes(["name", "status"])).toEqual(["military_exercise"]);
    expect(typesWithAttributes(["absent"])).toEqual([]);
    // Own members only, as the filter check has it.
    expect(typesWithAttributes(["constructor"])).toEqual([]);
    for (const key of ["name", "authority", "activity", "subject"]) {
      const types = typesWithAttributes([key]);
      expect(types.length).toBeGreaterThan(0);
      // Each type named can carry the key, and the others cannot: an attribute term of the key on another type is an issue.
      for (const t of EVENT_TYPES)
        expect(
          checkMatcherAttributes({ types: [t], attributes: { [key]: ["x"] } }).some((i) =>
            i.message.includes(`has an attribute "${key}"`),
          ),
        ).toBe(!types.includes(t));
    }
  });
});
