import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { parseEvent } from "../../src/model/index.js";
import { HEADER, agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** evaluate(agreement, events, asOf): its arguments, the agreement header it reports, what it cannot see. */

const OBLIGATIONS = `obligations:
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
`;

describe("evaluate", () => {
  it("a proposed agreement is evaluated as if in force, and flagged hypothetical", () => {
    const proposed = agreement(OBLIGATIONS, HEADER.replace("status: in_force", "status: proposed"));
    const r = evaluate(proposed, [ev("2020-02-01", "PRK", "nuclear_test")], "2020-12-31");
    expect(r.agreement).toEqual({
      id: "test",
      title: "Test",
      status: "proposed",
      file: "test.yaml",
      hypothetical: true,
      effective: "2020-01-01",
    });
    expect(verdicts(r)).toEqual({ "no-tests": v("violated", "2020-02-01", "event") });
    expect(evaluate(agreement(OBLIGATIONS), [], "2020-12-31").agreement.hypothetical).toBe(false);
  });

  it("the effective date defaults to the signing date", () => {
    const signed = agreement(OBLIGATIONS, HEADER.replace("effective: 2020-01-01", "signed: 2020-03-01"));
    const r = evaluate(signed, [], "2020-12-31");
    expect(r.agreement.effective).toBe("2020-03-01");
    expect(verdicts(r)).toEqual({ "no-tests": v("active", "2020-03-01", "start") });
  });

  it.each(["2020-13-01", "2020-02-30", "2020-06", "2020", "yesterday", "", "2020-6-1"])(
    "an as-of that is not a date (%j) throws",
    (asOf) => {
      expect(() => evaluate(agreement(OBLIGATIONS), [], asOf)).toThrow(RangeError);
    },
  );

  it("events dated after the as-of date are invisible", () => {
    const a = agreement(OBLIGATIONS);
    const r = evaluate(a, [ev("2020-02-01", "PRK", "nuclear_test")], "2020-01-31");
    expect(verdicts(r)).toEqual({ "no-tests": v("active", "2020-01-01", "start") });
    expect(r.asOf).toBe("2020-01-31");
  });

  it("a retraction is not an event the engine counts", () => {
    const a = agreement(`obligations:
  - { id: any, title: Anything by PRK, debtor: PRK, kind: refrain, counts: actor=PRK }
`);
    const test = ev("2020-02-01", "PRK", "nuclear_test");
    const retraction = parseEvent({
      type: "retraction",
      date: "2020-03-01",
      actor: "PRK",
      attributes: { reason: "misreported" },
      supersedes: [test.id],
      sources: [{ title: "correction" }],
    });
    if (!retraction.ok) throw new Error("bad fixture");
    expect(verdicts(evaluate(a, [retraction.event], "2020-12-31"))).toEqual({
      any: v("active", "2020-01-01", "start"),
    });
  });

  it("an obligation with its own start before the effective date counts events from its start", () => {
    const a = agreement(`obligations:
  - { id: early, title: Early, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test, start: 2019-06-01 }
`);
    const r = evaluate(a, [ev("2019-09-01", "PRK", "nuclear_test")], "2020-12-31");
    expect(verdicts(r)).toEqual({ early: v("violated", "2019-09-01", "event") });
    expect(obligation(r, "early").evidence).toHaveLength(1);
  });

  it("evidence carries the event's sources and confidence", () => {
    const a = agreement(OBLIGATIONS);
    const e = ev("2020-02-01", "PRK", "nuclear_test", { site: "Punggye-ri" }, { confidence: "confirmed" });
    const [evidence] = obligation(evaluate(a, [e], "2020-12-31"), "no-tests").evidence;
    expect(evidence).toEqual({
      id: e.id,
      date: "2020-02-01",
      type: "nuclear_test",
      actors: ["PRK"],
      count: 1,
      summary: e.summary,
      confidence: "confirmed",
      sources: e.sources,
    });
  });
});
