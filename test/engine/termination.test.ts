import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { HEADER, agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** An agreement with `status: terminated` and `terminated: {date}`: every unsettled obligation ends that day. */

const TERMINATED =
  HEADER.replace("status: in_force", "status: terminated") +
  `terminated: { date: 2020-06-01, note: withdrawn by both }
`;

const a = agreement(
  `obligations:
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P60D } }
  - { id: talks, title: Talks, debtor: USA, kind: perform, counts: actor=USA type=summit_or_meeting, window: { for: P365D } }
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: no-launches, title: No launches, debtor: PRK, kind: refrain, counts: actor=PRK type=missile_launch }
  - { id: freeze, title: Freeze, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, window: { until: 2020-03-31 } }
  - { id: later, title: Later, debtor: PRK, kind: refrain, counts: actor=PRK type=statement, start: 2020-09-01 }
`,
  TERMINATED,
);

describe("termination of the agreement", () => {
  it("before the date, nothing is terminated", () => {
    const r = evaluate(a, [ev("2020-01-10", "USA", "sanctions_relieved")], "2020-05-31");
    expect(verdicts(r)).toEqual({
      relief: v("fulfilled", "2020-01-10", "event"),
      talks: v("active", "2020-01-01", "start"),
      "no-tests": v("active", "2020-01-01", "start"),
      "no-launches": v("active", "2020-01-01", "start"),
      freeze: v("discharged", "2020-04-01", "deadline"),
      later: { status: "dormant", since: null, cause: null },
    });
  });

  it("on the date, unsettled obligations are terminated; settled ones are unchanged", () => {
    const events = [ev("2020-01-10", "USA", "sanctions_relieved"), ev("2020-05-01", "PRK", "missile_launch")];
    const r = evaluate(a, events, "2021-12-31");
    expect(verdicts(r)).toEqual({
      relief: v("fulfilled", "2020-01-10", "event"),
      talks: v("terminated", "2020-06-01", "agreement"),
      "no-tests": v("terminated", "2020-06-01", "agreement"),
      "no-launches": v("violated", "2020-05-01", "event"),
      freeze: v("discharged", "2020-04-01", "deadline"),
      later: v("terminated", "2020-06-01", "agreement"),
    });
    expect(obligation(r, "talks").history.at(-1)).toEqual({
      date: "2020-06-01",
      from: "active",
      to: "terminated",
      cause: { kind: "agreement", text: "the agreement was terminated on 2020-06-01: withdrawn by both" },
    });
    expect(r.agreement).toMatchObject({ status: "terminated", hypothetical: false });
  });

  it("events after the termination count against nothing", () => {
    const r = evaluate(
      a,
      [ev("2020-07-01", "PRK", "nuclear_test"), ev("2020-07-01", "USA", "summit_or_meeting")],
      "2021-12-31",
    );
    expect(obligation(r, "no-tests")).toMatchObject({ status: "terminated", evidence: [] });
    expect(obligation(r, "talks")).toMatchObject({ status: "terminated", evidence: [] });
  });

  it("a deadline that passed the day before the termination is a violation (missed, then never performed)", () => {
    const b = agreement(
      `obligations:
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: 2020-04-01, window: { for: P60D } }
  - { id: freeze, title: Freeze, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, window: { until: 2020-05-31 } }
`,
      TERMINATED,
    );
    // relief is due 2020-05-31; the agreement ends 2020-06-01.
    const r = evaluate(b, [], "2020-12-31");
    expect(verdicts(r)).toEqual({
      relief: v("violated", "2020-06-01", "agreement"),
      freeze: v("discharged", "2020-06-01", "deadline"),
    });
    expect(obligation(r, "relief").history.map((h) => h.to)).toEqual(["active", "overdue", "violated"]);
    expect(obligation(r, "relief").history.at(-1)!.cause.text).toMatch(
      /terminated on 2020-06-01.*still owed$/,
    );
  });
});
