import { describe, expect, it } from "vitest";
import { evaluate, type Evaluation, type LinkAccount } from "../../src/engine/index.js";
import { agreement, dormant, ev, v, verdicts } from "./helpers.js";

/**
 * The reciprocity account: every step (each performance, on time or late, each restraint held for its period), and
 * per link who moved first, each side's step, and whether the answer came, came late, came partly, or preceded.
 */

const a = agreement(`obligations:
  - { id: dismantle, title: Dismantle, debtor: PRK, creditor: USA, kind: perform, counts: actor=PRK type=declaration subject=test-site, window: { for: P90D } }
  - { id: relief, title: Relief, debtor: USA, creditor: PRK, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P30D } }
links:
  - { kind: unlocks, from: dismantle, to: relief }
  - { kind: in_return_for, from: dismantle, to: relief }
`);
const dismantled = ev("2020-02-01", "PRK", "declaration", { subject: "test-site" });

const link = (r: Evaluation, i = 0): LinkAccount => r.reciprocity.links[i]!;

describe("in_return_for: a performance answered by a performance", () => {
  it("no step yet: the link is on the account with neither side's step", () => {
    const r = evaluate(a, [], "2020-01-31");
    expect(verdicts(r)).toEqual({ dismantle: v("active", "2020-01-01", "start"), relief: dormant });
    expect(r.reciprocity.steps).toEqual([]);
    expect(link(r)).toEqual({
      kind: "in_return_for",
      from: "dismantle",
      to: "relief",
      fromParty: ["PRK"],
      toParty: ["USA"],
      fromStep: null,
      toStep: null,
      firstMover: null,
      answer: null,
    });
  });

  it("answered: who moved first, both steps, the days waited and the answering events", () => {
    const answer = ev("2020-02-11", "USA", "sanctions_relieved");
    const r = evaluate(a, [dismantled, answer], "2020-12-31");
    expect(r.reciprocity.steps.map((s) => [s.party, s.obligation, s.kind, s.began, s.date])).toEqual([
      [["PRK"], "dismantle", "performed", "2020-02-01", "2020-02-01"],
      [["USA"], "relief", "performed", "2020-02-11", "2020-02-11"],
    ]);
    expect(link(r)).toMatchObject({
      firstMover: ["PRK"],
      fromStep: { party: ["PRK"], kind: "performed", date: "2020-02-01" },
      toStep: { party: ["USA"], kind: "performed", date: "2020-02-11" },
      answer: {
        status: "answered",
        date: "2020-02-11",
        daysWaited: 10,
        evidence: [expect.objectContaining({ id: answer.id })],
      },
    });
    expect(r.reciprocity.parties).toEqual([
      expect.objectContaining({ party: "PRK", steps: 1, owedAnswer: 1, answered: 1, medianWait: 10 }),
      expect.objectContaining({ party: "USA", steps: 1, owedAnswer: 0, answered: 0, medianWait: null }),
    ]);
    expect(r.summary.text).toBe(
      "No breach; first step: PRK performed dismantle on 2020-02-01; nothing unanswered.",
    );
  });

  it("pending: its deadline has not passed; the date is the deadline", () => {
    const r = evaluate(a, [dismantled], "2020-02-06");
    expect(link(r).answer).toEqual({ status: "pending", date: "2020-03-02", daysWaited: 5, evidence: [] });
    expect(evaluate(a, [dismantled], "2020-03-02").reciprocity.links[0]!.answer).toMatchObject({
      status: "pending",
      daysWaited: 30,
    });
  });

  it("late: the answer came after its deadline, and counts as a late step", () => {
    // Before: the late relief vanished from the account, which said "unanswered".
    const late = ev("2020-04-01", "USA", "sanctions_relieved");
    const r = evaluate(a, [dismantled, late], "2020-12-31");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled", "2020-02-01", "event"),
      relief: v("fulfilled_late", "2020-04-01", "event"),
    });
    expect(r.reciprocity.steps.find((s) => s.obligation === "relief")).toMatchObject({
      kind: "performed_late",
      daysLate: 30,
    });
    expect(link(r).answer).toMatchObject({ status: "late", date: "2020-04-01", daysWaited: 60 });
    expect(r.reciprocity.parties[0]).toMatchObject({ party: "PRK", late: 1, answered: 0, medianWait: 60 });
    expect(r.summary.firstBreach).toEqual({
      obligation: "relief",
      party: ["USA"],
      date: "2020-03-03",
      status: "overdue",
    });
  });

  it("unanswered while overdue, with the days waited so far; the summary names it", () => {
    const r = evaluate(a, [dismantled], "2020-12-31");
    expect(verdicts(r)).toMatchObject({ relief: v("overdue", "2020-03-03", "deadline") });
    expect(link(r).answer).toMatchObject({ status: "unanswered", date: "2020-03-02", daysWaited: 334 });
    expect(r.summary.text).toBe(
      "First breach: USA relief (overdue) on 2020-03-03; first step: PRK performed dismantle on 2020-02-01; unanswered: USA relief (owed for dismantle since 2020-02-01).",
    );
  });

  const open = agreement(`obligations:
  - { id: dismantle, title: Dismantle, debtor: PRK, kind: perform, counts: actor=PRK type=declaration subject=test-site, window: { for: P90D } }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved }
links:
  - { kind: in_return_for, from: dismantle, to: relief }
`);

  it("unanswered: no deadline and nothing came, with the days to the as-of date", () => {
    const r = evaluate(open, [dismantled], "2020-03-01");
    expect(link(r).answer).toMatchObject({ status: "unanswered", date: null, daysWaited: 29 });
  });

  it("preceded: done before the step, so the other side moved first; no negative days", () => {
    const early = ev("2020-01-10", "USA", "sanctions_relieved");
    const r = evaluate(open, [early, dismantled], "2020-03-01");
    expect(link(r)).toMatchObject({
      firstMover: ["USA"],
      answer: {
        status: "preceded",
        date: "2020-01-10",
        daysWaited: 0,
        evidence: [expect.objectContaining({ id: early.id })],
      },
    });
  });

  it("a late step is a step: owed in return, and answered", () => {
    const lateStep = ev("2020-05-01", "PRK", "declaration", { subject: "test-site" });
    const answer = ev("2020-05-10", "USA", "sanctions_relieved");
    const r = evaluate(a, [lateStep, answer], "2020-12-31");
    expect(verdicts(r)).toEqual({
      dismantle: v("fulfilled_late", "2020-05-01", "event"),
      relief: v("fulfilled", "2020-05-10", "event"),
    });
    expect(link(r)).toMatchObject({
      fromStep: { kind: "performed_late", daysLate: 31, date: "2020-05-01" },
      answer: { status: "answered", daysWaited: 9 },
    });
  });
});

describe("restraints as steps", () => {
  const b = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: { held: no-tests, for: P90D }, window: { for: P30D } }
links:
  - { kind: in_return_for, from: no-tests, to: relief, held: P90D }
`);

  it("a restraint counts as a step once held for the period the link names", () => {
    expect(evaluate(b, [], "2020-03-30").reciprocity.steps).toEqual([]);
    const r = evaluate(b, [], "2020-04-05");
    expect(verdicts(r)).toEqual({
      "no-tests": v("active", "2020-01-01", "start"),
      relief: v("active", "2020-03-31", "start"),
    });
    expect(r.reciprocity.steps).toEqual([
      {
        party: ["PRK"],
        obligation: "no-tests",
        title: "No tests",
        kind: "held",
        began: "2020-01-01",
        date: "2020-03-31",
      },
    ]);
    expect(link(r).answer).toMatchObject({ status: "pending", date: "2020-04-30", daysWaited: 5 });
  });

  it("a restraint resumed after a breach is a step again once it has held the period", () => {
    const breach = ev("2020-03-01", "PRK", "nuclear_test");
    expect(evaluate(b, [breach], "2020-05-30").reciprocity.steps).toEqual([]);
    const r = evaluate(b, [breach], "2020-06-30");
    expect(verdicts(r)).toMatchObject({ "no-tests": v("violated", "2020-03-01", "event") });
    expect(r.reciprocity.steps).toMatchObject([{ kind: "held", began: "2020-03-02", date: "2020-05-31" }]);
    // The relief waited on the first 90 days, which the breach broke: it can never start.
    expect(r.nextMoves).toMatchObject([{ obligation: "relief", state: "blocked" }]);
    expect(link(r).answer).toMatchObject({ status: "unanswered" });
  });

  it("a restraint held for its whole window is a step", () => {
    const c = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, window: { until: 2020-03-31 } }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, start: { discharged: no-tests }, window: { for: P30D } }
links:
  - { kind: in_return_for, from: no-tests, to: relief }
`);
    const answer = ev("2020-04-03", "USA", "sanctions_relieved");
    const r = evaluate(c, [answer], "2020-12-31");
    expect(verdicts(r)).toEqual({
      "no-tests": v("discharged", "2020-04-01", "deadline"),
      relief: v("fulfilled", "2020-04-03", "event"),
    });
    expect(link(r)).toMatchObject({
      fromStep: { kind: "held", began: "2020-01-01", date: "2020-04-01" },
      answer: { status: "answered", date: "2020-04-03", daysWaited: 2 },
    });
  });

  describe("a restraint owed in return for a restraint", () => {
    const c = agreement(`obligations:
  - { id: dprk-freeze, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: us-freeze, title: No exercises, debtor: USA, kind: refrain, counts: actor=USA type=military_exercise, window: { until: 2020-12-31 } }
links:
  - { kind: in_return_for, from: dprk-freeze, to: us-freeze, held: P90D }
`);

    it("pending while it is kept, due at its window's end", () => {
      const r = evaluate(c, [], "2020-05-10");
      expect(link(r)).toMatchObject({
        fromStep: { kind: "held", date: "2020-03-31" },
        answer: { status: "pending", date: "2020-12-31", daysWaited: 40, evidence: [] },
      });
    });

    it("answered once held for its whole window", () => {
      const r = evaluate(c, [], "2021-01-10");
      expect(verdicts(r)).toMatchObject({ "us-freeze": v("discharged", "2021-01-01", "deadline") });
      expect(link(r).answer).toMatchObject({ status: "answered", date: "2021-01-01", daysWaited: 276 });
    });

    it("unanswered once broken, with the breach as evidence", () => {
      const breach = ev("2020-04-20", "USA", "military_exercise");
      const r = evaluate(c, [breach], "2020-05-10");
      expect(link(r).answer).toEqual({
        status: "unanswered",
        date: "2020-04-20",
        daysWaited: 20,
        evidence: [expect.objectContaining({ id: breach.id })],
      });
    });
  });

  describe("a freeze for a freeze, each held for 90 days: who moved first", () => {
    const d = agreement(`obligations:
  - { id: dprk, title: No launches, debtor: PRK, kind: refrain, counts: actor=PRK type=missile_launch }
  - { id: us, title: No large exercises, debtor: USA, kind: refrain, counts: actor=USA type=military_exercise }
links:
  - { kind: in_return_for, from: dprk, to: us, held: P90D }
  - { kind: in_return_for, from: us, to: dprk, held: P90D }
`);
    // Both broke in the first months; the DPRK stopped after 2020-03-10, the US after 2020-05-20.
    const events = [
      ev("2020-02-01", "PRK", "missile_launch"),
      ev("2020-03-10", "PRK", "missile_launch"),
      ev("2020-03-15", "USA", "military_exercise"),
      ev("2020-05-20", "USA", "military_exercise"),
    ];

    it("the side whose restraint began first moved first; the other answered late, after breaking first", () => {
      const r = evaluate(d, events, "2020-12-31");
      const [dprkToUs, usToDprk] = [link(r, 0), link(r, 1)];
      expect(dprkToUs).toMatchObject({
        fromStep: { party: ["PRK"], began: "2020-03-11", date: "2020-06-09" },
        toStep: { party: ["USA"], began: "2020-05-21", date: "2020-08-19" },
        firstMover: ["PRK"],
        answer: { status: "late", date: "2020-08-19", daysWaited: 71 },
      });
      expect(usToDprk).toMatchObject({ firstMover: ["PRK"], answer: { status: "preceded", daysWaited: 0 } });
      expect(r.obligations.find((o) => o.id === "dprk")!.spells).toEqual([
        { from: "2020-01-01", to: "2020-01-31", days: 31, open: false },
        { from: "2020-02-02", to: "2020-03-09", days: 37, open: false },
        { from: "2020-03-11", to: "2020-12-31", days: 296, open: true },
      ]);
    });
  });
});

describe("parallel: steps meant to happen together", () => {
  const p = agreement(`obligations:
  - { id: shutdown, title: Shut down the reactor, debtor: PRK, kind: perform, counts: actor=PRK type=facility_status status=shut_down, window: { for: P60D } }
  - { id: fuel, title: First fuel delivery, debtor: USA, kind: perform, counts: actor=USA type=aid_delivered, window: { for: P120D } }
links:
  - { kind: parallel, from: shutdown, to: fuel, tolerance: P30D }
`);
  const shut = (d: string) => ev(d, "PRK", "facility_status", { facility: "Yongbyon", status: "shut_down" });
  const fuel = (d: string) => ev(d, "USA", "aid_delivered", { goods: "heavy_fuel_oil" });

  it("one step makes the other due within the tolerance, earlier than its own deadline", () => {
    const r = evaluate(p, [shut("2020-01-20")], "2020-02-10");
    expect(r.obligations.find((o) => o.id === "fuel")!.due).toBe("2020-02-19");
    expect(link(r)).toMatchObject({
      kind: "parallel",
      firstMover: ["PRK"],
      answer: { status: "pending", date: "2020-02-19" },
    });
    expect(verdicts(evaluate(p, [shut("2020-01-20")], "2020-02-20"))).toMatchObject({
      fuel: v("overdue", "2020-02-20", "deadline"),
    });
  });

  it("answered within the tolerance; late beyond it", () => {
    expect(link(evaluate(p, [shut("2020-01-20"), fuel("2020-02-05")], "2020-12-31")).answer).toMatchObject({
      status: "answered",
      daysWaited: 16,
    });
    const late = evaluate(p, [shut("2020-01-20"), fuel("2020-03-01")], "2020-12-31");
    expect(link(late).answer).toMatchObject({ status: "late", daysWaited: 41 });
    expect(verdicts(late)).toMatchObject({ fuel: v("fulfilled_late", "2020-03-01", "event") });
  });

  it("whichever side moves first is the first mover", () => {
    const r = evaluate(p, [fuel("2020-01-05"), shut("2020-01-20")], "2020-12-31");
    expect(link(r)).toMatchObject({ firstMover: ["USA"], answer: { status: "answered", daysWaited: 15 } });
  });
});
