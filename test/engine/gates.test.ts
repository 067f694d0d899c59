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
        waitingOn: ["dismantle is fulfilled"],
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
      relief: v("violated", "2020-03-12", "deadline"),
    });
  });

  it("A violated: B never starts", () => {
    expect(verdicts(evaluate(a, [], "2020-12-31"))).toEqual({
      dismantle: v("violated", "2020-04-01", "deadline"),
      relief: dormant,
    });
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
    expect(r.nextMoves).toMatchObject([{ obligation: "y", waitingOn: ["on 2020-03-01"] }]);
    expect(verdicts(evaluate(b, [ev("2020-01-10", "PRK", "statement")], "2020-03-01"))).toEqual({
      x: v("fulfilled", "2020-01-10", "event"),
      y: v("active", "2020-03-01", "start"),
    });
  });
});
