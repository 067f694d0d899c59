import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, dormant, ev, v, verdicts } from "./helpers.js";

/** in_return_for: each step by `from`'s debtor, and whether `to` answered it (answered / pending / unanswered). */

const a = agreement(`obligations:
  - { id: dismantle, title: Dismantle, debtor: PRK, creditor: USA, kind: perform, counts: actor=PRK type=declaration subject=test-site, window: { for: P90D } }
  - { id: relief, title: Relief, debtor: USA, creditor: PRK, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P30D } }
links:
  - { kind: unlocks, from: dismantle, to: relief }
  - { kind: in_return_for, from: dismantle, to: relief }
`);
const dismantled = ev("2020-02-01", "PRK", "declaration", { subject: "test-site" });

describe("in_return_for", () => {
  it("no step yet: nothing in the account", () => {
    const r = evaluate(a, [], "2020-01-31");
    expect(verdicts(r)).toEqual({ dismantle: v("active", "2020-01-01", "start"), relief: dormant });
    expect(r.reciprocity).toEqual([]);
  });

  it("answered: with the answering events and the days it took", () => {
    const answer = ev("2020-02-11", "USA", "sanctions_relieved");
    const r = evaluate(a, [dismantled, answer], "2020-12-31");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled", "2020-02-01", "event"),
      relief: v("fulfilled", "2020-02-11", "event"),
    });
    expect(r.reciprocity).toEqual([
      {
        party: ["PRK"],
        obligation: "dismantle",
        title: "Dismantle",
        step: "fulfilled",
        date: "2020-02-01",
        owed: [
          {
            obligation: "relief",
            title: "Relief",
            debtor: ["USA"],
            answer: "answered",
            date: "2020-02-11",
            daysWaited: 10,
            evidence: [expect.objectContaining({ id: answer.id })],
          },
        ],
      },
      // The answer is itself a step, owed nothing in return.
      {
        party: ["USA"],
        obligation: "relief",
        title: "Relief",
        step: "fulfilled",
        date: "2020-02-11",
        owed: [],
      },
    ]);
  });

  it("pending: its deadline has not passed; the date is the deadline", () => {
    const r = evaluate(a, [dismantled], "2020-02-06");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled", "2020-02-01", "event"),
      relief: v("active", "2020-02-01", "start"),
    });
    expect(r.reciprocity).toEqual([
      expect.objectContaining({
        obligation: "dismantle",
        step: "fulfilled",
        date: "2020-02-01",
        owed: [
          expect.objectContaining({ answer: "pending", date: "2020-03-02", daysWaited: 5, evidence: [] }),
        ],
      }),
    ]);
  });

  it("pending on the deadline day itself", () => {
    const r = evaluate(a, [dismantled], "2020-03-02");
    expect(r.reciprocity[0]!.owed[0]).toMatchObject({
      answer: "pending",
      date: "2020-03-02",
      daysWaited: 30,
    });
  });

  it("unanswered: its deadline passed, with the days to the deadline", () => {
    const late = ev("2020-04-01", "USA", "sanctions_relieved");
    const r = evaluate(a, [dismantled, late], "2020-12-31");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled", "2020-02-01", "event"),
      relief: v("violated", "2020-03-03", "deadline"),
    });
    expect(r.reciprocity).toEqual([
      expect.objectContaining({
        obligation: "dismantle",
        owed: [
          expect.objectContaining({ answer: "unanswered", date: "2020-03-02", daysWaited: 30, evidence: [] }),
        ],
      }),
    ]);
  });

  it("unanswered: no deadline and nothing came, with the days to the as-of date", () => {
    const b = agreement(`obligations:
  - { id: dismantle, title: Dismantle, debtor: PRK, kind: perform, counts: actor=PRK type=declaration subject=test-site, window: { for: P90D } }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved }
links:
  - { kind: in_return_for, from: dismantle, to: relief }
`);
    const r = evaluate(b, [dismantled], "2020-03-01");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled", "2020-02-01", "event"),
      relief: v("active", "2020-01-01", "start"),
    });
    expect(r.reciprocity[0]!.owed).toEqual([
      expect.objectContaining({ answer: "unanswered", date: null, daysWaited: 29 }),
    ]);
  });

  it("preceded: what was owed had been done before the step (the other side moved first), no negative days", () => {
    const b = agreement(`obligations:
  - { id: dismantle, title: Dismantle, debtor: PRK, kind: perform, counts: actor=PRK type=declaration subject=test-site, window: { for: P90D } }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved }
links:
  - { kind: in_return_for, from: dismantle, to: relief }
`);
    const early = ev("2020-01-10", "USA", "sanctions_relieved");
    const r = evaluate(b, [early, dismantled], "2020-03-01");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled", "2020-02-01", "event"),
      relief: v("fulfilled", "2020-01-10", "event"),
    });
    expect(r.reciprocity.find((s) => s.obligation === "dismantle")!.owed).toEqual([
      expect.objectContaining({
        answer: "preceded",
        date: "2020-01-10",
        daysWaited: 0,
        evidence: [expect.objectContaining({ id: early.id })],
      }),
    ]);
  });

  it("a restraint counts as a step once held for the period the link names", () => {
    const b = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: { held: no-tests, for: P90D }, window: { for: P30D } }
links:
  - { kind: in_return_for, from: no-tests, to: relief, held: P90D }
`);
    expect(evaluate(b, [], "2020-03-30").reciprocity).toEqual([]);
    const r = evaluate(b, [], "2020-04-05");
    expect(verdicts(r)).toEqual({
      "no-tests": v("active", "2020-01-01", "start"),
      relief: v("active", "2020-03-31", "start"),
    });
    expect(r.reciprocity).toEqual([
      expect.objectContaining({
        party: ["PRK"],
        obligation: "no-tests",
        step: "held",
        date: "2020-03-31",
        owed: [
          expect.objectContaining({
            obligation: "relief",
            answer: "pending",
            date: "2020-04-30",
            daysWaited: 5,
          }),
        ],
      }),
    ]);
    // Broken within the period: no step.
    expect(evaluate(b, [ev("2020-03-01", "PRK", "nuclear_test")], "2020-12-31").reciprocity).toEqual([]);
  });

  it("a restraint held for its whole window is a step", () => {
    const b = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, window: { until: 2020-03-31 } }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: { discharged: no-tests }, window: { for: P30D } }
links:
  - { kind: in_return_for, from: no-tests, to: relief }
`);
    const answer = ev("2020-04-03", "USA", "sanctions_relieved");
    const r = evaluate(b, [answer], "2020-12-31");
    expect(verdicts(r)).toEqual({
      "no-tests": v("discharged", "2020-04-01", "deadline"),
      relief: v("fulfilled", "2020-04-03", "event"),
    });
    expect(r.reciprocity[0]).toMatchObject({
      obligation: "no-tests",
      step: "held",
      date: "2020-04-01",
      owed: [{ obligation: "relief", answer: "answered", date: "2020-04-03", daysWaited: 2 }],
    });
  });

  describe("a restraint owed in return for a restraint", () => {
    const b = agreement(`obligations:
  - { id: dprk-freeze, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: us-freeze, title: No exercises, debtor: USA, kind: refrain, counts: actor=USA type=military_exercise, window: { until: 2020-12-31 } }
links:
  - { kind: in_return_for, from: dprk-freeze, to: us-freeze, held: P90D }
`);

    it("pending while it is kept", () => {
      const r = evaluate(b, [], "2020-05-10");
      expect(verdicts(r)).toEqual({
        "dprk-freeze": v("active", "2020-01-01", "start"),
        "us-freeze": v("active", "2020-01-01", "start"),
      });
      expect(r.reciprocity).toEqual([
        expect.objectContaining({
          obligation: "dprk-freeze",
          step: "held",
          date: "2020-03-31",
          owed: [
            expect.objectContaining({ answer: "pending", date: "2020-12-31", daysWaited: 40, evidence: [] }),
          ],
        }),
      ]);
    });

    it("answered once held for its whole window", () => {
      const r = evaluate(b, [], "2021-01-10");
      expect(verdicts(r)).toEqual({
        "dprk-freeze": v("active", "2020-01-01", "start"),
        "us-freeze": v("discharged", "2021-01-01", "deadline"),
      });
      expect(r.reciprocity.find((s) => s.obligation === "dprk-freeze")!.owed).toEqual([
        expect.objectContaining({ answer: "answered", date: "2021-01-01", daysWaited: 276 }),
      ]);
    });

    it("unanswered once broken, with the breach as evidence", () => {
      const breach = ev("2020-04-20", "USA", "military_exercise");
      const r = evaluate(b, [breach], "2020-05-10");
      expect(verdicts(r)).toEqual({
        "dprk-freeze": v("active", "2020-01-01", "start"),
        "us-freeze": v("violated", "2020-04-20", "event"),
      });
      expect(r.reciprocity[0]!.owed).toEqual([
        expect.objectContaining({
          answer: "unanswered",
          date: "2020-04-20",
          daysWaited: 20,
          evidence: [expect.objectContaining({ id: breach.id })],
        }),
      ]);
    });
  });
});
