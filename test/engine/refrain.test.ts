import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** refrain: active → violated by a matching event in its window; → discharged the day after a clean window. */

const a = agreement(`obligations:
  - id: no-tests
    title: No nuclear tests
    debtor: PRK
    kind: refrain
    counts: actor=PRK type=nuclear_test
    start: 2020-03-01
    window: { until: 2020-06-30 }
`);

describe("refrain", () => {
  it("is active through its window while nothing happens", () => {
    const r = evaluate(a, [], "2020-06-30");
    expect(verdicts(r)).toEqual({ "no-tests": v("active", "2020-03-01", "start") });
    expect(obligation(r, "no-tests").due).toBe("2020-06-30");
    // A restraint is nobody's move.
    expect(r.nextMoves).toEqual([]);
  });

  it("is violated on the day of a matching event in its window, with the event as cause and evidence", () => {
    const test = ev("2020-04-10", "PRK", "nuclear_test");
    const r = evaluate(a, [test], "2020-12-31");
    expect(verdicts(r)).toEqual({ "no-tests": v("violated", "2020-04-10", "event") });
    const o = obligation(r, "no-tests");
    expect(o.evidence.map((e) => e.id)).toEqual([test.id]);
    expect(o.history.at(-1)!.cause).toMatchObject({ kind: "event", events: [test.id] });
    expect(o.provisional).toBe(false);
  });

  it("a breach on the first and on the last day of the window counts", () => {
    expect(verdicts(evaluate(a, [ev("2020-03-01", "PRK", "nuclear_test")], "2020-12-31"))).toEqual({
      "no-tests": v("violated", "2020-03-01", "event"),
    });
    expect(verdicts(evaluate(a, [ev("2020-06-30", "PRK", "nuclear_test")], "2020-12-31"))).toEqual({
      "no-tests": v("violated", "2020-06-30", "event"),
    });
  });

  it("later breaches in the window are appended to the evidence; the status and its date stay", () => {
    const first = ev("2020-04-10", "PRK", "nuclear_test");
    const second = ev("2020-05-20", "PRK", "nuclear_test");
    const sameDay = ev("2020-05-20", "PRK", "nuclear_test");
    const afterWindow = ev("2020-07-01", "PRK", "nuclear_test");
    const r = evaluate(a, [afterWindow, second, first, sameDay], "2020-12-31");
    expect(verdicts(r)).toEqual({ "no-tests": v("violated", "2020-04-10", "event") });
    const o = obligation(r, "no-tests");
    expect(o.evidence.map((e) => e.id)).toEqual([first.id, ...[second.id, sameDay.id].sort()]);
    expect(o.history).toHaveLength(2);
  });

  it("is discharged the day after its window ends cleanly, with the window's end as cause", () => {
    const r = evaluate(a, [], "2020-07-01");
    expect(verdicts(r)).toEqual({ "no-tests": v("discharged", "2020-07-01", "deadline") });
    expect(obligation(r, "no-tests").history.at(-1)!.cause).toEqual({
      kind: "deadline",
      date: "2020-06-30",
      text: "held for its whole window, to 2020-06-30",
    });
  });

  it("an event before its start does not count", () => {
    const r = evaluate(a, [ev("2020-02-29", "PRK", "nuclear_test")], "2020-12-31");
    expect(verdicts(r)).toEqual({ "no-tests": v("discharged", "2020-07-01", "deadline") });
    expect(obligation(r, "no-tests").evidence).toEqual([]);
  });

  it("an event the day after its window ends does not count", () => {
    const r = evaluate(a, [ev("2020-07-01", "PRK", "nuclear_test")], "2020-12-31");
    expect(verdicts(r)).toEqual({ "no-tests": v("discharged", "2020-07-01", "deadline") });
    expect(obligation(r, "no-tests").evidence).toEqual([]);
  });

  it("without a window it is open-ended: never discharged", () => {
    const b = agreement(`obligations:
  - { id: n, title: N, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
`);
    expect(verdicts(evaluate(b, [], "2040-01-01"))).toEqual({ n: v("active", "2020-01-01", "start") });
    expect(verdicts(evaluate(b, [ev("2035-01-01", "PRK", "nuclear_test")], "2040-01-01"))).toEqual({
      n: v("violated", "2035-01-01", "event"),
    });
  });

  it("a window {for: P30D} runs 30 days after the start, inclusive", () => {
    const b = agreement(`obligations:
  - { id: n, title: N, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, window: { for: P30D } }
`);
    expect(verdicts(evaluate(b, [ev("2020-01-31", "PRK", "nuclear_test")], "2020-12-31"))).toEqual({
      n: v("violated", "2020-01-31", "event"),
    });
    expect(verdicts(evaluate(b, [ev("2020-02-01", "PRK", "nuclear_test")], "2020-12-31"))).toEqual({
      n: v("discharged", "2020-02-01", "deadline"),
    });
  });

  it("counts only what its matcher names: an attribute value outside it is no breach", () => {
    const b = agreement(`obligations:
  - { id: n, title: N, debtor: PRK, kind: refrain, counts: "actor=PRK type=missile_launch class=ICBM,IRBM" }
`);
    const r = evaluate(
      b,
      [
        ev("2020-02-01", "PRK", "missile_launch", { class: "SRBM" }),
        ev("2020-03-01", "PRK", "missile_launch", { class: "IRBM" }),
      ],
      "2020-12-31",
    );
    expect(verdicts(r)).toEqual({ n: v("violated", "2020-03-01", "event") });
  });
});
