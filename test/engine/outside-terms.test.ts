import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/**
 * outsideTerms: events by the same actors and of the same type, while the obligation was in force, that did not
 * count because an attribute is outside its words, grouped by that attribute's value.
 */

const a = agreement(`obligations:
  - id: no-icbm
    title: No ICBM launches
    debtor: PRK
    kind: refrain
    counts: actor=PRK type=missile_launch class=ICBM
    start: 2020-02-01
    window: { until: 2020-12-31 }
`);

describe("outsideTerms", () => {
  it("an IRBM under an ICBM ban is listed by class, not taken as evidence", () => {
    const irbm1 = ev("2020-03-01", "PRK", "missile_launch", { class: "IRBM" });
    const irbm2 = ev("2020-05-01", "PRK", "missile_launch", { class: "IRBM" });
    const srbm = ev("2020-04-01", "PRK", "missile_launch", { class: "SRBM" });
    const r = evaluate(a, [irbm2, srbm, irbm1], "2020-06-30");
    expect(verdicts(r)).toEqual({ "no-icbm": v("active", "2020-02-01", "start") });
    const o = obligation(r, "no-icbm");
    expect(o.evidence).toEqual([]);
    expect(o.outsideTerms.count).toBe(3);
    expect(o.outsideTerms.groups).toEqual([
      {
        attribute: "class",
        value: "IRBM",
        count: 2,
        first: expect.objectContaining({ id: irbm1.id }),
        latest: expect.objectContaining({ id: irbm2.id }),
      },
      {
        attribute: "class",
        value: "SRBM",
        count: 1,
        first: expect.objectContaining({ id: srbm.id }),
        latest: expect.objectContaining({ id: srbm.id }),
      },
    ]);
  });

  it("leaves out other actors, other types, and days the obligation was not in force", () => {
    const events = [
      ev("2020-01-15", "PRK", "missile_launch", { class: "IRBM" }), // before the start
      ev("2021-01-01", "PRK", "missile_launch", { class: "IRBM" }), // after the window
      ev("2020-03-01", "USA", "missile_launch", { class: "IRBM" }), // another actor
      ev("2020-03-01", "PRK", "nuclear_test"), // another type
    ];
    expect(obligation(evaluate(a, events, "2021-06-30"), "no-icbm").outsideTerms).toEqual({
      count: 0,
      groups: [],
    });
  });

  it("after a violation, only what happened while the window was open", () => {
    const events = [
      ev("2020-03-01", "PRK", "missile_launch", { class: "ICBM" }),
      ev("2020-06-01", "PRK", "missile_launch", { class: "IRBM" }),
      ev("2021-02-01", "PRK", "missile_launch", { class: "IRBM" }), // the ban had ended
    ];
    const r = evaluate(a, events, "2021-06-30");
    expect(verdicts(r)).toEqual({ "no-icbm": v("violated", "2020-03-01", "event") });
    expect(obligation(r, "no-icbm").outsideTerms).toMatchObject({
      count: 1,
      groups: [{ value: "IRBM", count: 1 }],
    });
  });

  it("a matcher without attributes has nothing outside its terms", () => {
    const b = agreement(`obligations:
  - { id: no-launches, title: No launches, debtor: PRK, kind: refrain, counts: actor=PRK type=missile_launch }
`);
    const r = evaluate(b, [ev("2020-03-01", "PRK", "missile_launch", { class: "IRBM" })], "2020-12-31");
    expect(obligation(r, "no-launches").outsideTerms).toEqual({ count: 0, groups: [] });
  });
});
