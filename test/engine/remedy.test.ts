import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, v, verdicts } from "./helpers.js";

/** remedy: a violation of `from` gives its creditors a power over `to`, available from the violation. */

const a = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, creditor: USA, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: no-exercises, title: No exercises, debtor: USA, creditor: PRK, kind: refrain, counts: actor=USA type=military_exercise }
links:
  - { kind: remedy, from: no-tests, to: no-exercises }
  - { kind: remedy, from: no-exercises, to: no-tests, action: terminate }
`);

describe("remedy", () => {
  it("no violation: the power exists but is not available", () => {
    const r = evaluate(a, [], "2020-12-31");
    expect(verdicts(r)).toEqual({
      "no-tests": v("active", "2020-01-01", "start"),
      "no-exercises": v("active", "2020-01-01", "start"),
    });
    expect(r.powers).toEqual([
      {
        id: "remedy-0",
        holder: ["USA"],
        action: "suspend",
        obligations: ["no-exercises"],
        availableSince: null,
        exercised: [],
        note: "remedy for a violation of no-tests",
      },
      {
        id: "remedy-1",
        holder: ["PRK"],
        action: "terminate",
        obligations: ["no-tests"],
        availableSince: null,
        exercised: [],
        note: "remedy for a violation of no-exercises",
      },
    ]);
  });

  it("a violation makes the creditors' power available from that day; the other obligation is untouched", () => {
    const r = evaluate(a, [ev("2020-05-01", "PRK", "nuclear_test")], "2020-12-31");
    expect(verdicts(r)).toEqual({
      "no-tests": v("violated", "2020-05-01", "event"),
      "no-exercises": v("active", "2020-01-01", "start"),
    });
    expect(r.powers.map((p) => [p.id, p.holder, p.action, p.availableSince])).toEqual([
      ["remedy-0", ["USA"], "suspend", "2020-05-01"],
      ["remedy-1", ["PRK"], "terminate", null],
    ]);
  });
});

describe("remedy with `exercised`", () => {
  const b = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, creditor: USA, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: no-exercises, title: No exercises, debtor: USA, creditor: PRK, kind: refrain, counts: actor=USA type=military_exercise }
links:
  - { kind: remedy, from: no-tests, to: no-exercises, exercised: actor=USA type=declaration subject=exercise-freeze effect=ended }
`);
  const test = ev("2020-05-01", "PRK", "nuclear_test");
  const ended = ev("2020-06-01", "USA", "declaration", { subject: "exercise-freeze", effect: "ended" });
  const drill = ev("2020-08-01", "USA", "military_exercise", { name: "UFS", status: "held" });

  it("is exercised by the matching event once available: the linked obligation is suspended, its events do not count", () => {
    const r = evaluate(b, [test, ended, drill], "2020-12-31");
    expect(verdicts(r)).toEqual({
      "no-tests": v("violated", "2020-05-01", "event"),
      "no-exercises": v("suspended", "2020-06-01", "power"),
    });
    expect(r.powers[0]).toMatchObject({
      id: "remedy-0",
      availableSince: "2020-05-01",
      exercised: [{ date: "2020-06-01", events: [ended.id] }],
    });
  });

  it("is not exercised by a matching event before the violation made it available", () => {
    const early = ev("2020-03-01", "USA", "declaration", { subject: "exercise-freeze", effect: "ended" });
    const r = evaluate(b, [early, test, drill], "2020-12-31");
    expect(verdicts(r)["no-exercises"]).toEqual(v("violated", "2020-08-01", "event"));
    expect(r.powers[0]!.exercised).toEqual([]);
  });
});
