import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** Windows counted from a condition, and obligations that lapse when a condition holds. */

describe("window: {for, from: CONDITION}", () => {
  const a = agreement(`obligations:
  - { id: shutdown, title: Shut down, debtor: PRK, kind: perform, counts: actor=PRK type=facility_status status=shut_down, window: { for: P30D } }
  - { id: fuel, title: Fuel within 60 days of the shutdown, debtor: USA, kind: perform, counts: actor=USA type=aid_delivered, window: { for: P60D, from: { fulfilled: shutdown } } }
  - { id: talks, title: Talks within 90 days of the first inspection, debtor: USA, kind: perform, counts: actor=USA type=summit_or_meeting, window: { for: P90D, from: { event: type=inspection action=admitted } } }
  - { id: report, title: Report within 10 days of phase two, debtor: PRK, kind: perform, counts: actor=PRK type=document_handover, window: { for: P10D, from: { phase: two } } }
phases:
  - { id: one, title: One, enters: 2020-01-01 }
  - { id: two, title: Two, enters: { fulfilled: fuel } }
`);

  it("no deadline until the condition holds: active and due with no date", () => {
    const r = evaluate(a, [], "2020-01-20");
    expect(obligation(r, "fuel")).toMatchObject({ status: "active", due: null });
    expect(obligation(r, "talks")).toMatchObject({ status: "active", due: null });
  });

  it("counted from an obligation fulfilled, a matcher's first event, a phase entered", () => {
    const events = [
      ev("2020-01-10", "PRK", "facility_status", { status: "shut_down" }),
      ev("2020-02-01", "IAEA", "inspection", { action: "admitted" }),
      ev("2020-02-15", "USA", "aid_delivered"),
    ];
    const r = evaluate(a, events, "2020-02-20");
    expect(obligation(r, "fuel")).toMatchObject({ status: "fulfilled" });
    expect(obligation(r, "talks")).toMatchObject({ status: "active", due: "2020-05-01" });
    expect(obligation(r, "report")).toMatchObject({ status: "active", due: "2020-02-25" });
    expect(verdicts(evaluate(a, events, "2020-02-26"))).toMatchObject({
      report: v("overdue", "2020-02-26", "deadline"),
    });
  });

  it("the deadline from the condition is missed like any other", () => {
    const r = evaluate(
      a,
      [ev("2020-01-10", "PRK", "facility_status", { status: "shut_down" })],
      "2020-03-11",
    );
    expect(verdicts(r)).toMatchObject({ fuel: v("overdue", "2020-03-11", "deadline") });
    expect(obligation(r, "fuel").due).toBe("2020-03-10");
  });
});

describe("lapses: owed no longer once a condition holds", () => {
  const a = agreement(`obligations:
  - { id: freeze, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relief while the freeze holds, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: { held: freeze, for: P90D }, lapses: { violated: freeze } }
`);

  it("discharged the day the condition holds, citing the events behind it", () => {
    const test = ev("2020-08-01", "PRK", "nuclear_test");
    const r = evaluate(a, [test], "2020-12-31");
    expect(verdicts(r)).toEqual({
      freeze: v("violated", "2020-08-01", "event"),
      relief: v("discharged", "2020-08-01", "lapse"),
    });
    expect(obligation(r, "relief").context.map((e) => e.id)).toEqual([test.id]);
    expect(r.nextMoves).toEqual([]);
  });

  it("performed before it lapsed: stays fulfilled", () => {
    const r = evaluate(
      a,
      [ev("2020-05-01", "USA", "sanctions_relieved"), ev("2020-08-01", "PRK", "nuclear_test")],
      "2020-12-31",
    );
    expect(verdicts(r)).toMatchObject({ relief: v("fulfilled", "2020-05-01", "event") });
  });
});
