import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** Powers: suspend (active → suspended), resume (suspended → active, deadline extended), terminate. */

const POWERS = `powers:
  - id: suspend
    holder: USA
    action: suspend
    obligations: [relief]
    exercised: actor=USA type=declaration subject=relief effect=ended
  - id: resume
    holder: USA
    action: resume
    obligations: [relief]
    exercised: actor=USA type=declaration subject=relief effect=reaffirmed
`;
const suspendOn = (date: string) => ev(date, "USA", "declaration", { subject: "relief", effect: "ended" });
const resumeOn = (date: string) =>
  ev(date, "USA", "declaration", { subject: "relief", effect: "reaffirmed" });

describe("suspend and resume", () => {
  // Due 2020-03-01 (60 days from 2020-01-01).
  const a = agreement(`obligations:
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P60D } }
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
${POWERS}`);

  it("suspend moves an active obligation to suspended, with the power as cause", () => {
    const s = suspendOn("2020-02-01");
    const r = evaluate(a, [s], "2020-02-05");
    expect(verdicts(r)).toEqual({
      relief: v("suspended", "2020-02-01", "power"),
      "no-tests": v("active", "2020-01-01", "start"),
    });
    expect(obligation(r, "relief").history.at(-1)!.cause).toMatchObject({
      kind: "power",
      power: "suspend",
      events: [s.id],
    });
    expect(r.powers.map((p) => [p.id, p.availableSince, p.exercised])).toEqual([
      [
        "suspend",
        "2020-01-01",
        [
          {
            date: "2020-02-01",
            events: [s.id],
            changed: [{ obligation: "relief", party: null, from: "active", to: "suspended" }],
            noEffect: [],
          },
        ],
      ],
      ["resume", "2020-01-01", []],
    ]);
    // Suspended: not anyone's move.
    expect(r.nextMoves).toEqual([]);
  });

  it("a suspended perform is not violated when its deadline passes", () => {
    expect(verdicts(evaluate(a, [suspendOn("2020-02-01")], "2020-12-31"))).toEqual({
      relief: v("suspended", "2020-02-01", "power"),
      "no-tests": v("active", "2020-01-01", "start"),
    });
  });

  it("resume moves it back, its deadline extended by the days suspended", () => {
    const events = [suspendOn("2020-02-01"), resumeOn("2020-02-11")];
    const r = evaluate(a, events, "2020-03-05");
    expect(verdicts(r)).toEqual({
      relief: v("active", "2020-02-11", "power"),
      "no-tests": v("active", "2020-01-01", "start"),
    });
    expect(obligation(r, "relief").due).toBe("2020-03-11");
    expect(obligation(r, "relief").history.map((t) => [t.date, t.from, t.to, t.cause.kind])).toEqual([
      ["2020-01-01", "dormant", "active", "start"],
      ["2020-02-01", "active", "suspended", "power"],
      ["2020-02-11", "suspended", "active", "power"],
    ]);
    expect(verdicts(evaluate(a, events, "2020-03-12"))).toMatchObject({
      relief: v("overdue", "2020-03-12", "deadline"),
    });
    expect(
      verdicts(evaluate(a, [...events, ev("2020-03-11", "USA", "sanctions_relieved")], "2020-12-31")),
    ).toMatchObject({ relief: v("fulfilled", "2020-03-11", "event") });
  });

  it("events during the suspension do not count; from the resume day they do", () => {
    const during = ev("2020-02-05", "USA", "sanctions_relieved");
    const onSuspendDay = ev("2020-02-01", "USA", "sanctions_relieved");
    const events = [suspendOn("2020-02-01"), onSuspendDay, during, resumeOn("2020-02-11")];
    const r = evaluate(a, events, "2020-12-31");
    expect(verdicts(r)).toMatchObject({ relief: v("overdue", "2020-03-12", "deadline") });
    expect(obligation(r, "relief").evidence).toEqual([]);

    const onResumeDay = ev("2020-02-11", "USA", "sanctions_relieved");
    expect(verdicts(evaluate(a, [...events, onResumeDay], "2020-12-31"))).toMatchObject({
      relief: v("fulfilled", "2020-02-11", "event"),
    });
  });

  it("a resume without a suspension, or a suspension of a settled obligation, changes nothing", () => {
    const done = ev("2020-01-15", "USA", "sanctions_relieved");
    const r = evaluate(a, [resumeOn("2020-01-10"), done, suspendOn("2020-02-01")], "2020-12-31");
    expect(verdicts(r)).toEqual({
      relief: v("fulfilled", "2020-01-15", "event"),
      "no-tests": v("active", "2020-01-01", "start"),
    });
    // The exercises are on record all the same, each saying it changed nothing, and why.
    expect(r.powers.map((p) => p.exercised.length)).toEqual([1, 1]);
    expect(r.powers.map((p) => [p.exercised[0]!.changed, p.exercised[0]!.noEffect])).toEqual([
      [[], [{ obligation: "relief", party: null, status: "fulfilled" }]],
      [[], [{ obligation: "relief", party: null, status: "active" }]],
    ]);
  });

  it("a suspension of an obligation already in breach does not take effect, and the record says so", () => {
    // Before: reported as exercised like any other, as if it had suspended something.
    const strict = agreement(`obligations:
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P60D }, cure: none }
${POWERS}`);
    const r = evaluate(strict, [suspendOn("2020-04-01")], "2020-12-31");
    expect(verdicts(r)).toEqual({ relief: v("violated", "2020-03-02", "deadline") });
    expect(r.powers[0]!.exercised).toEqual([
      expect.objectContaining({
        changed: [],
        noEffect: [{ obligation: "relief", party: null, status: "violated" }],
      }),
    ]);
  });

  it("a power is exercised only by an event of a party that holds it", () => {
    // Before: a declaration by the DPRK suspended the US obligation under the US's power.
    const byOther = ev("2020-02-01", "PRK", "declaration", { subject: "relief", effect: "ended" });
    const byHolder = ev("2020-02-05", "USA+PRK", "declaration", { subject: "relief", effect: "ended" });
    const m = agreement(`obligations:
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: type=sanctions_relieved, window: { for: P60D } }
powers:
  - { id: suspend, holder: USA, action: suspend, obligations: [relief], exercised: type=declaration subject=relief effect=ended }
`);
    expect(verdicts(evaluate(m, [byOther], "2020-02-03"))).toEqual({
      relief: v("active", "2020-01-01", "start"),
    });
    expect(evaluate(m, [byOther], "2020-02-03").powers[0]!.exercised).toEqual([]);
    expect(verdicts(evaluate(m, [byOther, byHolder], "2020-02-10"))).toEqual({
      relief: v("suspended", "2020-02-05", "power"),
    });
  });

  it("a suspension the day after the deadline comes too late: the deadline had already passed", () => {
    const r = evaluate(a, [suspendOn("2020-03-02")], "2020-12-31");
    expect(verdicts(r)).toMatchObject({ relief: v("overdue", "2020-03-02", "deadline") });
  });

  it("a power is exercised only once available", () => {
    const b = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, creditor: USA, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P60D } }
powers:
  - id: suspend
    holder: USA
    action: suspend
    obligations: [relief]
    available: { violated: no-tests }
    exercised: actor=USA type=declaration subject=relief effect=ended
`);
    const events = [
      suspendOn("2020-01-10"),
      ev("2020-01-20", "PRK", "nuclear_test"),
      suspendOn("2020-01-25"),
    ];
    const r = evaluate(b, events, "2020-02-01");
    expect(verdicts(r)).toEqual({
      "no-tests": v("violated", "2020-01-20", "event"),
      relief: v("suspended", "2020-01-25", "power"),
    });
    expect(r.powers[0]).toMatchObject({ availableSince: "2020-01-20", exercised: [{ date: "2020-01-25" }] });
  });
});

describe("a suspended maintain or refrain", () => {
  it("maintain: the days suspended do not count toward the gap", () => {
    const a = agreement(`obligations:
  - { id: relief, title: Meet, debtor: USA, kind: maintain, every: P30D, counts: actor=USA type=summit_or_meeting }
${POWERS}`);
    // Last step 01-01 (the start); suspended 01-20 to 02-19 (30 days): the next step is due by 03-01.
    const events = [suspendOn("2020-01-20"), resumeOn("2020-02-19")];
    expect(verdicts(evaluate(a, events, "2020-03-01"))).toEqual({
      relief: v("active", "2020-02-19", "power"),
    });
    expect(verdicts(evaluate(a, events, "2020-03-02"))).toEqual({
      relief: v("overdue", "2020-03-02", "deadline"),
    });
    expect(
      verdicts(evaluate(a, [...events, ev("2020-03-01", "USA", "summit_or_meeting")], "2020-03-20")),
    ).toEqual({ relief: v("active", "2020-02-19", "power") });
  });

  it("refrain: events while suspended are no breach; the window's end does not move", () => {
    const a = agreement(`obligations:
  - { id: relief, title: No exercises, debtor: USA, kind: refrain, counts: actor=USA type=military_exercise, window: { until: 2020-06-30 } }
${POWERS}`);
    const events = [
      suspendOn("2020-02-01"),
      ev("2020-02-10", "USA", "military_exercise"),
      resumeOn("2020-03-01"),
    ];
    const r = evaluate(a, events, "2020-06-30");
    expect(verdicts(r)).toEqual({ relief: v("active", "2020-03-01", "power") });
    expect(obligation(r, "relief")).toMatchObject({ due: "2020-06-30", evidence: [] });
    expect(verdicts(evaluate(a, events, "2020-07-01"))).toEqual({
      relief: v("discharged", "2020-07-01", "deadline"),
    });
  });
});

describe("the terminate power", () => {
  const a = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, creditor: USA, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P60D } }
  - { id: talks, title: Talks, debtor: USA, kind: perform, counts: actor=USA type=summit_or_meeting, window: { for: P365D } }
  - { id: later, title: Later, debtor: USA, kind: perform, counts: actor=USA type=statement, start: 2021-01-01, window: { for: P30D } }
powers:
  - id: walk-away
    holder: USA
    action: terminate
    obligations: all
    available: { violated: no-tests }
    exercised: actor=USA type=declaration subject=agreement effect=ended
`);

  it("ends every unsettled obligation it covers, dormant ones too; settled ones are unchanged", () => {
    const events = [
      ev("2020-01-15", "USA", "sanctions_relieved"),
      ev("2020-04-01", "PRK", "nuclear_test"),
      ev("2020-05-01", "USA", "declaration", { subject: "agreement", effect: "ended" }),
    ];
    const r = evaluate(a, events, "2021-12-31");
    expect(verdicts(r)).toEqual({
      "no-tests": v("violated", "2020-04-01", "event"),
      relief: v("fulfilled", "2020-01-15", "event"),
      talks: v("terminated", "2020-05-01", "power"),
      later: v("terminated", "2020-05-01", "power"),
    });
    expect(obligation(r, "later").history).toEqual([
      expect.objectContaining({ date: "2020-05-01", from: "dormant", to: "terminated" }),
    ]);
  });

  it("is not exercised before it is available", () => {
    const events = [ev("2020-02-01", "USA", "declaration", { subject: "agreement", effect: "ended" })];
    const r = evaluate(a, events, "2020-02-15");
    expect(verdicts(r)).toMatchObject({ talks: v("active", "2020-01-01", "start") });
    expect(r.powers[0]).toMatchObject({ availableSince: null, exercised: [] });
  });
});
