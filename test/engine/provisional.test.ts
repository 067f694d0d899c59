import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** A status that rests only on events marked unverified or disputed is provisional. */

const a = agreement(`obligations:
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P90D } }
`);

describe("provisional", () => {
  it("a violation resting only on an unverified event is provisional", () => {
    const r = evaluate(
      a,
      [ev("2020-02-01", "PRK", "nuclear_test", {}, { confidence: "unverified" })],
      "2020-12-31",
    );
    expect(verdicts(r)).toMatchObject({ "no-tests": v("violated", "2020-02-01", "event") });
    expect(obligation(r, "no-tests").provisional).toBe(true);
    expect(obligation(r, "no-tests").evidence[0]!.confidence).toBe("unverified");
  });

  it("a disputed event too; a mix of unverified and disputed is still provisional", () => {
    const events = [
      ev("2020-02-01", "PRK", "nuclear_test", {}, { confidence: "disputed" }),
      ev("2020-03-01", "PRK", "nuclear_test", {}, { confidence: "unverified" }),
    ];
    expect(obligation(evaluate(a, events, "2020-12-31"), "no-tests").provisional).toBe(true);
  });

  it("a confirmed later breach makes it not provisional; the status keeps its first date", () => {
    const events = [
      ev("2020-02-01", "PRK", "nuclear_test", {}, { confidence: "unverified" }),
      ev("2020-05-01", "PRK", "nuclear_test", {}, { confidence: "confirmed" }),
    ];
    const r = evaluate(a, events, "2020-12-31");
    expect(verdicts(r)).toMatchObject({ "no-tests": v("violated", "2020-02-01", "event") });
    expect(obligation(r, "no-tests").provisional).toBe(false);
    // Until the confirmed breach, it was provisional.
    expect(obligation(evaluate(a, events, "2020-04-30"), "no-tests").provisional).toBe(true);
  });

  it("a reported event is not provisional", () => {
    const r = evaluate(a, [ev("2020-02-01", "PRK", "nuclear_test")], "2020-12-31");
    expect(obligation(r, "no-tests").provisional).toBe(false);
  });

  it("a fulfilment resting on an unverified event is provisional", () => {
    const r = evaluate(
      a,
      [ev("2020-02-01", "USA", "sanctions_relieved", {}, { confidence: "unverified" })],
      "2020-12-31",
    );
    expect(verdicts(r)).toMatchObject({ relief: v("fulfilled", "2020-02-01", "event") });
    expect(obligation(r, "relief").provisional).toBe(true);
  });

  it("statuses that rest on no event (a start date, a deadline) are not provisional", () => {
    const r = evaluate(a, [], "2020-12-31");
    expect(verdicts(r)).toEqual({
      "no-tests": v("active", "2020-01-01", "start"),
      relief: v("overdue", "2020-04-01", "deadline"),
    });
    expect(r.obligations.map((o) => o.provisional)).toEqual([false, false]);
  });
});
