import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, dormant, ev, v, verdicts } from "./helpers.js";

/** unlocks: `from` fulfilled (on: fulfilled, the default) or held for `held` (on: held) starts `to`. */

describe("unlocks on fulfilled", () => {
  const a = agreement(`obligations:
  - { id: freeze, title: Announce a freeze, debtor: PRK, kind: perform, counts: actor=PRK type=declaration subject=freeze, window: { for: P60D } }
  - { id: talks, title: Hold talks, debtor: USA, kind: perform, counts: actor=USA type=summit_or_meeting, window: { for: P30D } }
links:
  - { kind: unlocks, from: freeze, to: talks }
`);

  it("starts `to` on the day `from` is fulfilled", () => {
    const events = [ev("2020-01-20", "PRK", "declaration")];
    expect(verdicts(evaluate(a, events, "2020-01-19"))).toEqual({
      freeze: v("active", "2020-01-01", "start"),
      talks: dormant,
    });
    expect(verdicts(evaluate(a, events, "2020-01-20"))).toEqual({
      freeze: v("fulfilled", "2020-01-20", "event"),
      talks: v("active", "2020-01-20", "start"),
    });
  });

  it("a chain of same-day consequences settles that day: fulfilled, unlocked, fulfilled", () => {
    const events = [ev("2020-01-20", "PRK", "declaration"), ev("2020-01-20", "USA", "summit_or_meeting")];
    expect(verdicts(evaluate(a, events, "2020-01-20"))).toEqual({
      freeze: v("fulfilled", "2020-01-20", "event"),
      talks: v("fulfilled", "2020-01-20", "event"),
    });
  });
});

describe("unlocks on held", () => {
  const a = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relieve sanctions, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P30D } }
links:
  - { kind: unlocks, from: no-tests, to: relief, on: held, held: P90D }
`);

  it("starts `to` once `from` has held for the period", () => {
    // 2020-01-01 + 90 days = 2020-03-31.
    expect(verdicts(evaluate(a, [], "2020-03-30"))).toEqual({
      "no-tests": v("active", "2020-01-01", "start"),
      relief: dormant,
    });
    expect(verdicts(evaluate(a, [], "2020-03-31"))).toEqual({
      "no-tests": v("active", "2020-01-01", "start"),
      relief: v("active", "2020-03-31", "start"),
    });
  });

  it("a breach within the period keeps `to` dormant", () => {
    expect(verdicts(evaluate(a, [ev("2020-02-01", "PRK", "nuclear_test")], "2020-12-31"))).toEqual({
      "no-tests": v("violated", "2020-02-01", "event"),
      relief: dormant,
    });
  });

  it("a breach after the period does not undo the start", () => {
    expect(verdicts(evaluate(a, [ev("2020-04-15", "PRK", "nuclear_test")], "2020-04-30"))).toEqual({
      "no-tests": v("violated", "2020-04-15", "event"),
      relief: v("active", "2020-03-31", "start"),
    });
  });
});
