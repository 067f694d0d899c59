import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation } from "./helpers.js";

/** Every transition is recorded with its date, from, to and cause. */

const a = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, creditor: USA, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: { held: no-tests, for: P30D }, window: { for: P60D } }
  - { id: talks, title: Talks, debtor: USA, kind: perform, counts: actor=USA type=summit_or_meeting, window: { for: P365D } }
powers:
  - id: suspend
    holder: USA
    action: suspend
    obligations: [relief]
    available: { violated: no-tests }
    exercised: actor=USA type=declaration subject=relief effect=ended
  - id: resume
    holder: USA
    action: resume
    obligations: [relief]
    exercised: actor=USA type=declaration subject=relief effect=reaffirmed
  - id: walk-away
    holder: USA
    action: terminate
    obligations: [talks]
    exercised: actor=USA type=declaration subject=talks effect=ended
`);

describe("history", () => {
  it("records every transition in order, with date, from, to and the kind of cause", () => {
    const test = ev("2020-03-01", "PRK", "nuclear_test");
    const events = [
      test,
      ev("2020-03-05", "USA", "declaration", { subject: "relief", effect: "ended" }),
      ev("2020-03-15", "USA", "declaration", { subject: "relief", effect: "reaffirmed" }),
      ev("2020-04-01", "USA", "declaration", { subject: "talks", effect: "ended" }),
    ];
    const r = evaluate(a, events, "2020-12-31");
    const trace = (id: string) => obligation(r, id).history.map((t) => [t.date, t.from, t.to, t.cause.kind]);
    expect(trace("no-tests")).toEqual([
      ["2020-01-01", "dormant", "active", "start"],
      ["2020-03-01", "active", "violated", "event"],
    ]);
    // Started 01-31, due 03-31; suspended 10 days, so due 04-10.
    expect(trace("relief")).toEqual([
      ["2020-01-31", "dormant", "active", "start"],
      ["2020-03-05", "active", "suspended", "power"],
      ["2020-03-15", "suspended", "active", "power"],
      ["2020-04-11", "active", "overdue", "deadline"],
    ]);
    expect(trace("talks")).toEqual([
      ["2020-01-01", "dormant", "active", "start"],
      ["2020-04-01", "active", "terminated", "power"],
    ]);
    expect(obligation(r, "no-tests").history[1]!.cause).toEqual({
      kind: "event",
      events: [test.id],
      text: `broken by 2020-03-01 PRK nuclear_test (${test.summary})`,
    });
    expect(obligation(r, "relief").history[3]!.cause).toMatchObject({ kind: "deadline", date: "2020-04-10" });
  });

  it("`since` is the date of the last transition, `started` the date of the first start", () => {
    const r = evaluate(a, [], "2020-12-31");
    for (const o of r.obligations) expect(o.since).toBe(o.history.at(-1)?.date ?? null);
    expect(obligation(r, "relief")).toMatchObject({
      started: "2020-01-31",
      status: "overdue",
      since: "2020-04-01",
    });
  });
});
