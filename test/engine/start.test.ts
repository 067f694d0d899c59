import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, dormant, ev, obligation, v, verdicts } from "./helpers.js";

/** dormant → active, on each kind of start condition; dormant → discharged when the window ends first. */

describe("dormant → active", () => {
  const a = agreement(`obligations:
  - { id: from-effective, title: T, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: on-a-date, title: T, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, start: 2020-03-01 }
  - { id: on-a-date-map, title: T, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, start: { date: 2020-03-01 } }
`);

  it("starts on the effective date, or on its own start date", () => {
    expect(verdicts(evaluate(a, [], "2020-02-29"))).toEqual({
      "from-effective": v("active", "2020-01-01", "start"),
      "on-a-date": dormant,
      "on-a-date-map": dormant,
    });
    expect(verdicts(evaluate(a, [], "2020-03-01"))).toEqual({
      "from-effective": v("active", "2020-01-01", "start"),
      "on-a-date": v("active", "2020-03-01", "start"),
      "on-a-date-map": v("active", "2020-03-01", "start"),
    });
  });

  it("is dormant before the effective date", () => {
    expect(verdicts(evaluate(a, [], "2019-12-31"))).toEqual({
      "from-effective": dormant,
      "on-a-date": dormant,
      "on-a-date-map": dormant,
    });
  });

  it("starts when another obligation is fulfilled: {fulfilled: X}", () => {
    const b = agreement(`obligations:
  - { id: x, title: X, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P90D } }
  - { id: y, title: Y, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, start: { fulfilled: x } }
`);
    const events = [ev("2020-02-10", "USA", "sanctions_relieved")];
    expect(verdicts(evaluate(b, events, "2020-02-09"))).toEqual({
      x: v("active", "2020-01-01", "start"),
      y: dormant,
    });
    const r = evaluate(b, events, "2020-02-10");
    // Same day: x fulfilled, so y starts.
    expect(verdicts(r)).toEqual({
      x: v("fulfilled", "2020-02-10", "event"),
      y: v("active", "2020-02-10", "start"),
    });
    expect(obligation(r, "y").history[0]!.cause.text).toBe("started: x is fulfilled");
  });

  it("starts on the day of a matching event: {event: matcher}, with the event as cause", () => {
    const b = agreement(`obligations:
  - id: y
    title: Y
    debtor: PRK
    kind: refrain
    counts: actor=PRK type=nuclear_test
    start: { event: actor=USA type=declaration effect=announced }
`);
    const wrongEffect = ev("2020-02-01", "USA", "declaration", { effect: "ended" });
    const before = ev("2019-12-01", "USA", "declaration"); // before the effective date: does not count
    const announced = ev("2020-03-05", "USA", "declaration");
    const r = evaluate(b, [before, wrongEffect, announced], "2020-12-31");
    expect(verdicts(r)).toEqual({ y: v("active", "2020-03-05", "start") });
    expect(obligation(r, "y").history[0]!.cause).toEqual({
      kind: "start",
      text: "started: an event matching `actor=USA type=declaration effect=announced`",
      events: [announced.id],
    });
    expect(verdicts(evaluate(b, [before, wrongEffect, announced], "2020-03-04"))).toEqual({ y: dormant });
  });

  describe("{held: X, for: P30D}", () => {
    const b = agreement(`obligations:
  - { id: x, title: X, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: y, title: Y, debtor: USA, kind: refrain, counts: actor=USA type=military_exercise, start: { held: x, for: P30D } }
`);

    it("starts once X has held for the period: 30 days after X started", () => {
      expect(verdicts(evaluate(b, [], "2020-01-30"))).toEqual({
        x: v("active", "2020-01-01", "start"),
        y: dormant,
      });
      expect(verdicts(evaluate(b, [], "2020-01-31"))).toEqual({
        x: v("active", "2020-01-01", "start"),
        y: v("active", "2020-01-31", "start"),
      });
    });

    it("does not start when X was violated within the period", () => {
      const events = [ev("2020-01-30", "PRK", "nuclear_test")];
      expect(verdicts(evaluate(b, events, "2020-12-31"))).toEqual({
        x: v("violated", "2020-01-30", "event"),
        y: dormant,
      });
    });

    it("starts when X was violated only after the period", () => {
      const events = [ev("2020-02-15", "PRK", "nuclear_test")];
      expect(verdicts(evaluate(b, events, "2020-12-31"))).toEqual({
        x: v("violated", "2020-02-15", "event"),
        y: v("active", "2020-01-31", "start"),
      });
    });
  });

  describe("all / any", () => {
    const b = agreement(`obligations:
  - { id: x, title: X, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P365D } }
  - id: both
    title: Both
    debtor: PRK
    kind: refrain
    counts: actor=PRK type=nuclear_test
    start: { all: [2020-03-01, { fulfilled: x }] }
  - id: either
    title: Either
    debtor: PRK
    kind: refrain
    counts: actor=PRK type=missile_launch
    start: { any: [2020-03-01, { fulfilled: x }] }
`);

    it("all waits for the last of its conditions; any starts on the first", () => {
      const early = [ev("2020-02-01", "USA", "sanctions_relieved")];
      expect(verdicts(evaluate(b, early, "2020-12-31"))).toEqual({
        x: v("fulfilled", "2020-02-01", "event"),
        both: v("active", "2020-03-01", "start"),
        either: v("active", "2020-02-01", "start"),
      });
      const late = [ev("2020-04-01", "USA", "sanctions_relieved")];
      expect(verdicts(evaluate(b, late, "2020-12-31"))).toEqual({
        x: v("fulfilled", "2020-04-01", "event"),
        both: v("active", "2020-04-01", "start"),
        either: v("active", "2020-03-01", "start"),
      });
    });

    it("all of them never holding: stays dormant", () => {
      expect(verdicts(evaluate(b, [], "2020-06-01"))).toEqual({
        x: v("active", "2020-01-01", "start"),
        both: dormant,
        either: v("active", "2020-03-01", "start"),
      });
    });
  });
});

describe("dormant → discharged", () => {
  it("when its window {until} ends before it starts: the day after the window's end", () => {
    const a = agreement(`obligations:
  - { id: x, title: X, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P365D } }
  - id: y
    title: Y
    debtor: PRK
    kind: refrain
    counts: actor=PRK type=nuclear_test
    start: { fulfilled: x }
    window: { until: 2020-06-30 }
`);
    const late = [ev("2020-08-01", "USA", "sanctions_relieved")];
    expect(verdicts(evaluate(a, late, "2020-06-30"))).toEqual({
      x: v("active", "2020-01-01", "start"),
      y: dormant,
    });
    const r = evaluate(a, late, "2020-12-31");
    expect(verdicts(r)).toEqual({
      x: v("fulfilled", "2020-08-01", "event"),
      y: v("discharged", "2020-07-01", "deadline"),
    });
    expect(obligation(r, "y")).toMatchObject({ started: null, evidence: [] });
  });

  it("a start date after the window's end: discharged, never started", () => {
    const a = agreement(`obligations:
  - { id: y, title: Y, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, start: 2020-09-01, window: { until: 2020-06-30 } }
`);
    expect(verdicts(evaluate(a, [ev("2020-09-02", "PRK", "nuclear_test")], "2020-12-31"))).toEqual({
      y: v("discharged", "2020-07-01", "deadline"),
    });
  });
});
