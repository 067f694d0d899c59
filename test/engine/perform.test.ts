import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/**
 * perform: active → fulfilled by a matching event from the start to the deadline (inclusive); → overdue after, still
 * owed, and fulfilled_late by a later event; with `cure: none`, → violated for good.
 */

const a = agreement(`obligations:
  - id: relief
    title: Relieve sanctions within 90 days
    debtor: USA
    kind: perform
    counts: actor=USA type=sanctions_relieved
    start: 2020-03-01
    window: { for: P90D }
`);
// P90D from 2020-03-01 runs to 2020-05-30, inclusive (docs/agreements.md).
const DEADLINE = "2020-05-30";

describe("perform", () => {
  it("runs from its start to the deadline, inclusive: due is the last day", () => {
    const r = evaluate(a, [], "2020-04-01");
    expect(verdicts(r)).toEqual({ relief: v("active", "2020-03-01", "start") });
    expect(obligation(r, "relief")).toMatchObject({ started: "2020-03-01", due: DEADLINE, evidence: [] });
    expect(r.nextMoves).toEqual([
      {
        party: "USA",
        obligation: "relief",
        title: "Relieve sanctions within 90 days",
        kind: "perform",
        state: "due",
        due: DEADLINE,
      },
    ]);
  });

  it("is fulfilled by an event on the start day", () => {
    const e = ev("2020-03-01", "USA", "sanctions_relieved");
    const r = evaluate(a, [e], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("fulfilled", "2020-03-01", "event") });
    expect(obligation(r, "relief").evidence.map((x) => x.id)).toEqual([e.id]);
    expect(obligation(r, "relief").history.at(-1)!.cause).toMatchObject({ kind: "event", events: [e.id] });
  });

  it("is fulfilled by an event on the deadline day", () => {
    const e = ev(DEADLINE, "USA", "sanctions_relieved");
    expect(verdicts(evaluate(a, [e], "2020-12-31"))).toEqual({ relief: v("fulfilled", DEADLINE, "event") });
  });

  it("is fulfilled by the first matching event; later ones are not evidence", () => {
    const first = ev("2020-04-01", "USA", "sanctions_relieved");
    const second = ev("2020-04-05", "USA", "sanctions_relieved");
    const r = evaluate(a, [second, first], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("fulfilled", "2020-04-01", "event") });
    expect(obligation(r, "relief").evidence.map((x) => x.id)).toEqual([first.id]);
  });

  it("is overdue the day after the deadline, with the deadline as cause, and still owed", () => {
    const r = evaluate(a, [], "2020-05-31");
    expect(verdicts(r)).toEqual({ relief: v("overdue", "2020-05-31", "deadline") });
    expect(r.nextMoves).toMatchObject([
      { party: "USA", obligation: "relief", state: "overdue", due: DEADLINE },
    ]);
    expect(obligation(r, "relief").history.at(-1)!.cause).toEqual({
      kind: "deadline",
      date: DEADLINE,
      text: `not performed by its deadline, ${DEADLINE}`,
    });
    expect(obligation(r, "relief").provisional).toBe(false);
  });

  it("is still active, and due, on the deadline day itself", () => {
    const r = evaluate(a, [], DEADLINE);
    expect(verdicts(r)).toEqual({ relief: v("active", "2020-03-01", "start") });
    expect(obligation(r, "relief").due).toBe(DEADLINE);
  });

  it("an event after the deadline performs it late: fulfilled_late, with the days late, and history keeps the miss", () => {
    const e = ev("2020-08-29", "USA", "sanctions_relieved");
    const r = evaluate(a, [e], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("fulfilled_late", "2020-08-29", "event") });
    const o = obligation(r, "relief");
    expect(o.daysLate).toBe(91);
    expect(o.evidence.map((x) => x.id)).toEqual([e.id]);
    expect(o.history.map((h) => [h.date, h.to, h.daysLate])).toEqual([
      ["2020-03-01", "active", undefined],
      ["2020-05-31", "overdue", undefined],
      ["2020-08-29", "fulfilled_late", 91],
    ]);
    expect(o.history.at(-1)!.cause.text).toMatch(
      /^performed 91 days late: 2020-08-29 USA sanctions_relieved/,
    );
    expect(r.nextMoves).toEqual([]);
  });

  it("the day after the deadline: missed and performed the same day, one day late", () => {
    const r = evaluate(a, [ev("2020-05-31", "USA", "sanctions_relieved")], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("fulfilled_late", "2020-05-31", "event") });
    expect(obligation(r, "relief").daysLate).toBe(1);
  });

  it("with `cure: none`, a missed deadline is violated for good and a late event is not evidence", () => {
    const strict = agreement(`obligations:
  - { id: relief, title: R, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: 2020-03-01, window: { for: P90D }, cure: none }
`);
    const r = evaluate(strict, [ev("2020-08-29", "USA", "sanctions_relieved")], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("violated", "2020-05-31", "deadline") });
    expect(obligation(r, "relief").evidence).toEqual([]);
    expect(r.nextMoves).toEqual([]);
  });

  it("an event before the start does not fulfil it", () => {
    const r = evaluate(a, [ev("2020-02-29", "USA", "sanctions_relieved")], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("overdue", "2020-05-31", "deadline") });
  });

  it("an event by another actor, or of another type, does not fulfil it", () => {
    const r = evaluate(
      a,
      [ev("2020-04-01", "PRK", "sanctions_relieved"), ev("2020-04-01", "USA", "sanctions_imposed")],
      "2020-12-31",
    );
    expect(verdicts(r)).toEqual({ relief: v("overdue", "2020-05-31", "deadline") });
  });

  it("a deadline given as {until: DATE}", () => {
    const b = agreement(`obligations:
  - { id: p, title: P, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { until: 2020-02-15 } }
`);
    expect(verdicts(evaluate(b, [ev("2020-02-15", "USA", "sanctions_relieved")], "2020-12-31"))).toEqual({
      p: v("fulfilled", "2020-02-15", "event"),
    });
    expect(verdicts(evaluate(b, [ev("2020-02-16", "USA", "sanctions_relieved")], "2020-12-31"))).toEqual({
      p: v("fulfilled_late", "2020-02-16", "event"),
    });
  });

  it("months keep the day and clamp at month end: P1M from 2020-01-31 is due 2020-02-29", () => {
    const b = agreement(`obligations:
  - { id: p, title: P, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: 2020-01-31, window: { for: P1M } }
`);
    expect(obligation(evaluate(b, [], "2020-02-01"), "p").due).toBe("2020-02-29");
    expect(verdicts(evaluate(b, [], "2020-03-01"))).toEqual({ p: v("overdue", "2020-03-01", "deadline") });
  });

  it("without a deadline it stays active (never violated) and is due with no date", () => {
    const b = agreement(`obligations:
  - { id: p, title: P, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved }
`);
    const r = evaluate(b, [], "2030-01-01");
    expect(verdicts(r)).toEqual({ p: v("active", "2020-01-01", "start") });
    expect(r.nextMoves).toMatchObject([{ party: "USA", obligation: "p", state: "due", due: null }]);
  });

  it("an event with a partial date is placed on the first day it covers", () => {
    const r = evaluate(a, [ev("2020-05", "USA", "sanctions_relieved")], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("fulfilled", "2020-05-01", "event") });
    expect(obligation(r, "relief").evidence[0]!.date).toBe("2020-05");
  });

  it("a joint obligation is performed by an event of either debtor", () => {
    const b = agreement(`obligations:
  - { id: talks, title: Talks, debtor: [PRK, USA], kind: perform, counts: "actor=PRK,USA type=summit_or_meeting", window: { for: P180D } }
`);
    const r = evaluate(b, [ev("2020-03-01", "PRK", "summit_or_meeting")], "2020-12-31");
    expect(verdicts(r)).toEqual({ talks: v("fulfilled", "2020-03-01", "event") });
    expect(obligation(r, "talks").debtor).toEqual(["PRK", "USA"]);
  });
});
