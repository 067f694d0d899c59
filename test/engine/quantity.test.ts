import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** Quantities: deliveries add up, in the obligation's unit, toward a total by the deadline or an amount per period. */

const a = agreement(`obligations:
  - id: fuel
    title: Deliver 950,000 t of heavy fuel oil within a year
    debtor: USA
    kind: perform
    counts: actor=USA type=aid_delivered goods=heavy_fuel_oil
    quantity: { value: 950000, unit: t }
    window: { for: P1Y }
`);
const deliver = (date: string, value: number, unit = "t") =>
  ev(date, "USA", "aid_delivered", {}, { amount: { value, unit } });

describe("a total by the deadline", () => {
  it("partial deliveries accumulate: the share done, and which events made it up", () => {
    const d1 = deliver("2020-02-01", 50000);
    const d2 = deliver("2020-06-01", 406000000, "kg");
    const r = evaluate(a, [d1, d2], "2020-07-01");
    expect(verdicts(r)).toEqual({ fuel: v("active", "2020-01-01", "start") });
    const q = obligation(r, "fuel").quantity!;
    expect(q).toMatchObject({ required: { value: 950000, unit: "t" }, owed: 950000, done: 456000 });
    expect(q.share).toBeCloseTo(0.48, 10);
    expect(q.contributions).toEqual([
      { event: d1.id, date: "2020-02-01", value: 50000, unit: "t", counted: 50000 },
      { event: d2.id, date: "2020-06-01", value: 406000000, unit: "kg", counted: 406000 },
    ]);
    expect(obligation(r, "fuel").evidence.map((e) => e.id)).toEqual([d1.id, d2.id]);
  });

  it("reaching the total performs it, on the day of the delivery that reached it", () => {
    const r = evaluate(a, [deliver("2020-02-01", 500000), deliver("2020-09-01", 450000)], "2020-12-31");
    expect(verdicts(r)).toEqual({ fuel: v("fulfilled", "2020-09-01", "event") });
    expect(obligation(r, "fuel").history.at(-1)!.cause.text).toMatch(
      /^performed: 950,000 t of 950,000 t reached/,
    );
  });

  it("short at the deadline: overdue with the share done; the rest delivered later makes it fulfilled_late", () => {
    const events = [deliver("2020-02-01", 500000)];
    const missed = evaluate(a, events, "2021-01-02");
    expect(verdicts(missed)).toEqual({ fuel: v("overdue", "2021-01-02", "deadline") });
    expect(obligation(missed, "fuel").history.at(-1)!.cause.text).toBe(
      "not performed by its deadline, 2021-01-01: 500,000 t of 950,000 t done",
    );
    const late = evaluate(a, [...events, deliver("2021-03-01", 450000)], "2021-12-31");
    expect(verdicts(late)).toEqual({ fuel: v("fulfilled_late", "2021-03-01", "event") });
    expect(obligation(late, "fuel").daysLate).toBe(59);
  });

  it("units are checked: tonnes and dollars do not add up, and an event without an amount adds nothing; both are said", () => {
    const dollars = ev("2020-03-01", "USA", "aid_delivered", {}, { amount: { value: 1000000, unit: "USD" } });
    const none = ev("2020-04-01", "USA", "aid_delivered");
    const r = evaluate(a, [dollars, none, deliver("2020-05-01", 10000)], "2020-06-01");
    const q = obligation(r, "fuel").quantity!;
    expect(q.done).toBe(10000);
    expect(q.notCounted).toEqual([
      { event: dollars.id, date: "2020-03-01", reason: "its amount is in USD, which does not add up with t" },
      { event: none.id, date: "2020-04-01", reason: "it carries no amount" },
    ]);
  });
});

describe("an amount every period (maintain)", () => {
  const m = agreement(`obligations:
  - id: fuel
    title: 500,000 t a year
    debtor: USA
    kind: maintain
    counts: actor=USA type=aid_delivered
    quantity: { value: 500000, unit: t }
    every: P1Y
`);

  it("what is owed grows by the amount each period; behind at a period's end is overdue; catching up is active", () => {
    const first = [deliver("2020-03-01", 300000), deliver("2020-10-01", 200000)];
    const r1 = evaluate(m, first, "2021-06-01");
    expect(verdicts(r1)).toEqual({ fuel: v("active", "2020-01-01", "start") });
    expect(obligation(r1, "fuel").quantity).toMatchObject({ owed: 500000, done: 500000, share: 1 });
    const r2 = evaluate(m, [...first, deliver("2021-05-01", 100000)], "2022-01-05");
    expect(verdicts(r2)).toEqual({ fuel: v("overdue", "2022-01-02", "deadline") });
    expect(obligation(r2, "fuel").quantity).toMatchObject({ owed: 1000000, done: 600000 });
    const r3 = evaluate(
      m,
      [...first, deliver("2021-05-01", 100000), deliver("2022-02-01", 400000)],
      "2022-03-01",
    );
    expect(verdicts(r3)).toEqual({ fuel: v("active", "2022-02-01", "event") });
    expect(obligation(r3, "fuel").history.at(-1)!.cause.text).toBe(
      "caught up: 1,000,000 t done of 1,000,000 t owed",
    );
  });
});
