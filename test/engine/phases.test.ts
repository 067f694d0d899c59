import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, v, verdicts } from "./helpers.js";

/** Phases are entered in order, each on the first day its condition holds once the previous one was entered. */

const a = agreement(`obligations:
  - { id: freeze, title: Freeze, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, start: 2020-02-01 }
  - { id: talks, title: Talks, debtor: [PRK, USA], kind: perform, counts: "actor=PRK,USA type=summit_or_meeting", window: { for: P365D } }
phases:
  - { id: freeze, title: Double freeze, enters: { started: freeze } }
  - { id: talks, title: Talks, enters: { fulfilled: talks } }
  - { id: review, title: Review, enters: 2020-06-01 }
`);

describe("phases", () => {
  it("none entered before the first condition holds: no current phase", () => {
    const r = evaluate(a, [], "2020-01-31");
    expect(r.phase).toBeNull();
    expect(r.phases).toEqual([
      { id: "freeze", title: "Double freeze", entered: null },
      { id: "talks", title: "Talks", entered: null },
      { id: "review", title: "Review", entered: null },
    ]);
  });

  it("entered in order; the current phase is the last one entered", () => {
    const r = evaluate(a, [ev("2020-03-10", "USA", "summit_or_meeting")], "2020-12-31");
    expect(verdicts(r)).toEqual({
      freeze: v("active", "2020-02-01", "start"),
      talks: v("fulfilled", "2020-03-10", "event"),
    });
    expect(r.phases.map((p) => [p.id, p.entered])).toEqual([
      ["freeze", "2020-02-01"],
      ["talks", "2020-03-10"],
      ["review", "2020-06-01"],
    ]);
    expect(r.phase).toEqual({ id: "review", title: "Review", since: "2020-06-01" });
    expect(evaluate(a, [ev("2020-03-10", "USA", "summit_or_meeting")], "2020-05-31").phase).toEqual({
      id: "talks",
      title: "Talks",
      since: "2020-03-10",
    });
  });

  it("a later phase whose condition holds first waits for the one before it", () => {
    // Talks held before the freeze started: the talks phase is entered only once the freeze phase is.
    const r = evaluate(a, [ev("2020-01-15", "PRK", "summit_or_meeting")], "2020-03-01");
    expect(verdicts(r)).toEqual({
      freeze: v("active", "2020-02-01", "start"),
      talks: v("fulfilled", "2020-01-15", "event"),
    });
    expect(r.phases.map((p) => [p.id, p.entered])).toEqual([
      ["freeze", "2020-02-01"],
      ["talks", "2020-02-01"],
      ["review", null],
    ]);
    expect(r.phase).toMatchObject({ id: "talks", since: "2020-02-01" });
  });

  it("a phase whose predecessor is never entered is never entered", () => {
    const r = evaluate(a, [], "2020-12-31");
    // Talks never held: the review date passes, but the review phase waits on the talks phase.
    expect(r.phases.map((p) => p.entered)).toEqual(["2020-02-01", null, null]);
    expect(r.phase).toMatchObject({ id: "freeze" });
  });
});
