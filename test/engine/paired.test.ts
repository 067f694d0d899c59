import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, dormant, ev, v, verdicts } from "./helpers.js";

/** paired: `from` and `to` start together, when the start conditions of both hold. */

const a = agreement(`obligations:
  - id: dprk-freeze
    title: No tests
    debtor: PRK
    kind: refrain
    counts: actor=PRK type=nuclear_test
    start: 2020-02-01
  - id: us-freeze
    title: No large exercises
    debtor: USA
    kind: refrain
    counts: actor=USA type=military_exercise scale=large
    start: { event: actor=USA type=declaration subject=exercises effect=announced }
links:
  - { kind: paired, from: dprk-freeze, to: us-freeze }
`);

describe("paired", () => {
  it("neither starts while only one start condition holds", () => {
    expect(verdicts(evaluate(a, [], "2020-06-01"))).toEqual({ "dprk-freeze": dormant, "us-freeze": dormant });
    const early = [ev("2020-01-10", "USA", "declaration", { subject: "exercises" })];
    expect(verdicts(evaluate(a, early, "2020-01-31"))).toEqual({
      "dprk-freeze": dormant,
      "us-freeze": dormant,
    });
  });

  it("both start on the day the later of the two conditions holds", () => {
    const early = [ev("2020-01-10", "USA", "declaration", { subject: "exercises" })];
    expect(verdicts(evaluate(a, early, "2020-06-01"))).toEqual({
      "dprk-freeze": v("active", "2020-02-01", "start"),
      "us-freeze": v("active", "2020-02-01", "start"),
    });
    const late = [ev("2020-03-05", "USA", "declaration", { subject: "exercises" })];
    expect(verdicts(evaluate(a, late, "2020-06-01"))).toEqual({
      "dprk-freeze": v("active", "2020-03-05", "start"),
      "us-freeze": v("active", "2020-03-05", "start"),
    });
  });

  it("a breach by one before both started counts against neither", () => {
    const events = [
      ev("2020-02-10", "PRK", "nuclear_test"),
      ev("2020-03-05", "USA", "declaration", { subject: "exercises" }),
      ev("2020-04-01", "USA", "military_exercise"),
    ];
    expect(verdicts(evaluate(a, events, "2020-06-01"))).toEqual({
      "dprk-freeze": v("active", "2020-03-05", "start"),
      "us-freeze": v("violated", "2020-04-01", "event"),
    });
  });

  it("the waiting obligations name every unmet condition", () => {
    const r = evaluate(a, [], "2020-01-15");
    expect(r.nextMoves).toEqual([
      expect.objectContaining({
        party: "PRK",
        obligation: "dprk-freeze",
        state: "waiting",
        waitingOn: [
          "the date 2020-02-01",
          "an event matching `actor=USA type=declaration subject=exercises effect=announced`",
        ],
      }),
      expect.objectContaining({ party: "USA", obligation: "us-freeze", state: "waiting" }),
    ]);
  });
});
