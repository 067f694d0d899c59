import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, dormant, ev, obligation, v, verdicts } from "./helpers.js";

/** gates: `to` cannot start before `from` is fulfilled. */

const a = agreement(`obligations:
  - { id: dismantle, title: Dismantle the test site, debtor: PRK, kind: perform, counts: actor=PRK type=declaration subject=test-site, window: { for: P90D } }
  - { id: relief, title: Relieve sanctions, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P30D } }
links:
  - { kind: gates, from: dismantle, to: relief }
`);

describe("gates", () => {
  it("B waits until A is fulfilled, and nextMoves says so", () => {
    const r = evaluate(a, [], "2020-02-01");
    expect(verdicts(r)).toEqual({ dismantle: v("active", "2020-01-01", "start"), relief: dormant });
    expect(r.nextMoves).toEqual([
      {
        party: "PRK",
        obligation: "dismantle",
        title: "Dismantle the test site",
        kind: "perform",
        state: "due",
        due: "2020-03-31",
      },
      {
        party: "USA",
        obligation: "relief",
        title: "Relieve sanctions",
        kind: "perform",
        state: "waiting",
        due: null,
        waitingOn: ["dismantle to be fulfilled"],
      },
    ]);
  });

  it("B starts the day A is fulfilled, and its own deadline runs from then", () => {
    const done = ev("2020-02-10", "PRK", "declaration", { subject: "test-site", effect: "announced" });
    const r = evaluate(a, [done], "2020-02-20");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled", "2020-02-10", "event"),
      relief: v("active", "2020-02-10", "start"),
    });
    expect(obligation(r, "relief").due).toBe("2020-03-11");
    expect(r.nextMoves.map((m) => [m.obligation, m.state, m.due])).toEqual([["relief", "due", "2020-03-11"]]);
  });

  it("B's events before it starts do not count", () => {
    const early = ev("2020-01-15", "USA", "sanctions_relieved");
    const done = ev("2020-02-10", "PRK", "declaration", { subject: "test-site", effect: "announced" });
    expect(verdicts(evaluate(a, [early, done], "2020-12-31"))).toEqual({
      dismantle: v("fulfilled", "2020-02-10", "event"),
      relief: v("overdue", "2020-03-12", "deadline"),
    });
  });

  it("A overdue: B still waits, for A may yet be performed", () => {
    const r = evaluate(a, [], "2020-12-31");
    expect(verdicts(r)).toEqual({ dismantle: v("overdue", "2020-04-01", "deadline"), relief: dormant });
    expect(r.nextMoves.map((m) => [m.obligation, m.state, m.waitingOn])).toEqual([
      ["dismantle", "overdue", undefined],
      ["relief", "waiting", ["dismantle to be fulfilled"]],
    ]);
  });

  it("A violated for good: B can no longer start, and whose move says why and since when", () => {
    // Before: "waits on dismantle is fulfilled", though it never could be.
    const strict = agreement(`obligations:
  - { id: dismantle, title: D, debtor: PRK, kind: perform, counts: actor=PRK type=statement, window: { for: P90D }, cure: none }
  - { id: relief, title: R, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P30D } }
links:
  - { kind: gates, from: dismantle, to: relief }
`);
    const r = evaluate(strict, [], "2020-12-31");
    expect(verdicts(r)).toEqual({ dismantle: v("violated", "2020-04-01", "deadline"), relief: dormant });
    expect(r.nextMoves).toMatchObject([
      {
        party: "USA",
        obligation: "relief",
        state: "blocked",
        waitingOn: ["can no longer start: dismantle was violated on 2020-04-01 and can never be fulfilled"],
      },
    ]);
  });

  it("a gate adds to B's own start: both must hold", () => {
    const b = agreement(`obligations:
  - { id: x, title: X, debtor: PRK, kind: perform, counts: actor=PRK type=statement, window: { for: P90D } }
  - { id: y, title: Y, debtor: USA, kind: perform, counts: actor=USA type=statement, start: 2020-03-01, window: { for: P30D } }
links:
  - { kind: gates, from: x, to: y }
`);
    const r = evaluate(b, [ev("2020-01-10", "PRK", "statement")], "2020-02-01");
    expect(verdicts(r)).toEqual({ x: v("fulfilled", "2020-01-10", "event"), y: dormant });
    expect(r.nextMoves).toMatchObject([{ obligation: "y", waitingOn: ["the date 2020-03-01"] }]);
    expect(verdicts(evaluate(b, [ev("2020-01-10", "PRK", "statement")], "2020-03-01"))).toEqual({
      x: v("fulfilled", "2020-01-10", "event"),
      y: v("active", "2020-03-01", "start"),
    });
  });
});
