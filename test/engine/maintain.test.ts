import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/**
 * maintain: active while a step comes at least once every period; overdue after a longer gap (a breach), active again
 * once a step comes; violated if still behind when its window ends, or at once with `cure: none`; discharged after.
 */

const a = agreement(`obligations:
  - id: meet
    title: Meet at least every 30 days
    debtor: [PRK, USA]
    kind: maintain
    counts: actor=PRK,USA type=summit_or_meeting
    every: P30D
    window: { until: 2020-06-30 }
`);

describe("maintain", () => {
  it("steps within `every` keep it active; each step is evidence", () => {
    // 2020-01-01 + 30 days = 01-31; 01-31 + 30 = 03-01; 03-01 + 30 = 03-31.
    const steps = [
      ev("2020-01-31", "PRK", "summit_or_meeting"),
      ev("2020-03-01", "USA", "summit_or_meeting"),
      ev("2020-03-31", "USA", "summit_or_meeting"),
    ];
    const r = evaluate(a, steps, "2020-04-30");
    expect(verdicts(r)).toEqual({ meet: v("active", "2020-01-01", "start") });
    expect(obligation(r, "meet").evidence.map((e) => e.id)).toEqual(steps.map((e) => e.id));
    // Whose move: the next step, due 30 days after the last one (before the window's end).
    expect(r.nextMoves.map((m) => [m.party, m.state, m.due])).toEqual([
      ["PRK", "due", "2020-04-30"],
      ["USA", "due", "2020-04-30"],
    ]);
    // Near the window's end, the end comes first.
    const more = ["2020-04-30", "2020-05-30", "2020-06-10"].map((d) => ev(d, "USA", "summit_or_meeting"));
    const late = evaluate(a, [...steps, ...more], "2020-06-15");
    expect(late.nextMoves.map((m) => m.due)).toEqual(["2020-06-30", "2020-06-30"]);
  });

  it("a gap longer than `every` is a breach (overdue) the day after the last allowed day, until a step comes", () => {
    const steps = [
      ev("2020-01-31", "PRK", "summit_or_meeting"),
      ev("2020-03-05", "USA", "summit_or_meeting"),
    ];
    const r = evaluate(a, steps, "2020-03-04");
    expect(verdicts(r)).toEqual({ meet: v("overdue", "2020-03-02", "deadline") });
    expect(obligation(r, "meet").history.at(-1)!.cause).toEqual({
      kind: "deadline",
      date: "2020-03-01",
      text: "no step between 2020-01-31 and 2020-03-01 (every P30D)",
    });
    expect(r.nextMoves.map((m) => [m.party, m.state, m.due])).toEqual([
      ["PRK", "overdue", "2020-03-01"],
      ["USA", "overdue", "2020-03-01"],
    ]);
    const resumed = evaluate(a, steps, "2020-03-10");
    expect(verdicts(resumed)).toEqual({ meet: v("active", "2020-03-05", "event") });
    expect(obligation(resumed, "meet").history.at(-1)!.cause.text).toMatch(
      /^resumed 4 days after a step was due \(2020-03-01\)/,
    );
    // The next step is due 30 days after the one that resumed it.
    expect(resumed.nextMoves.map((m) => m.due)).toEqual(["2020-04-04", "2020-04-04"]);
  });

  it("still behind when its window ends: violated", () => {
    const r = evaluate(a, [ev("2020-01-31", "PRK", "summit_or_meeting")], "2020-12-31");
    expect(verdicts(r)).toEqual({ meet: v("violated", "2020-07-01", "deadline") });
    expect(obligation(r, "meet").history.map((h) => h.to)).toEqual(["active", "overdue", "violated"]);
  });

  it("with `cure: none`, the first gap violates it for good", () => {
    const strict = agreement(`obligations:
  - { id: meet, title: M, debtor: USA, kind: maintain, counts: actor=USA type=summit_or_meeting, every: P30D, cure: none }
`);
    const r = evaluate(strict, [ev("2020-03-05", "USA", "summit_or_meeting")], "2020-12-31");
    expect(verdicts(r)).toEqual({ meet: v("violated", "2020-02-01", "deadline") });
  });

  it("no step at all: overdue once the first period has passed", () => {
    expect(verdicts(evaluate(a, [], "2020-01-31"))).toEqual({ meet: v("active", "2020-01-01", "start") });
    expect(verdicts(evaluate(a, [], "2020-02-01"))).toEqual({
      meet: v("overdue", "2020-02-01", "deadline"),
    });
  });

  it("discharged the day after its window when it was kept throughout", () => {
    const steps = [
      "2020-01-20",
      "2020-02-15",
      "2020-03-10",
      "2020-04-05",
      "2020-05-01",
      "2020-05-30",
      "2020-06-25",
    ].map((d) => ev(d, "USA", "summit_or_meeting"));
    const r = evaluate(a, steps, "2020-12-31");
    expect(verdicts(r)).toEqual({ meet: v("discharged", "2020-07-01", "deadline") });
    expect(obligation(r, "meet").history.at(-1)!.cause.text).toBe(
      "maintained for its whole window, to 2020-06-30",
    );
  });

  it("the window's end comes before a gap that would run past it", () => {
    // Last step 06-10; a gap would only be a violation on 07-11, after the window has ended.
    const steps = [
      "2020-01-20",
      "2020-02-15",
      "2020-03-10",
      "2020-04-05",
      "2020-05-01",
      "2020-05-30",
      "2020-06-10",
    ].map((d) => ev(d, "USA", "summit_or_meeting"));
    expect(verdicts(evaluate(a, steps, "2020-12-31"))).toEqual({
      meet: v("discharged", "2020-07-01", "deadline"),
    });
  });
});
