import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** A party's withdrawal ends its participation from that day; the file says what that does to open obligations. */

const text = (own: string, others: string) => `obligations:
  - { id: freeze, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: report, title: Declare, debtor: PRK, kind: perform, counts: actor=PRK type=document_handover, window: { for: P90D } }
  - { id: later, title: Later step, debtor: PRK, kind: perform, counts: actor=PRK type=statement, start: 2020-06-01, window: { for: P30D } }
  - { id: fuel, title: Fuel, debtor: USA, kind: perform, counts: actor=USA type=aid_delivered, window: { for: P1Y } }
withdrawal:
  counts: type=withdrawal agreement=Framework
  own: ${own}
  others: ${others}
phases:
  - { id: collapse, title: Collapse, enters: { withdrawn: PRK } }
`;
const leave = (date: string, actor = "PRK") => ev(date, actor, "withdrawal", { agreement: "Framework" });

describe("withdrawal", () => {
  it("own: breached — its open obligations are violated that day; one not yet started is discharged", () => {
    const r = evaluate(agreement(text("breached", "continue")), [leave("2020-02-01")], "2020-12-31");
    expect(verdicts(r)).toEqual({
      freeze: v("violated", "2020-02-01", "withdrawal"),
      report: v("violated", "2020-02-01", "withdrawal"),
      later: v("discharged", "2020-02-01", "withdrawal"),
      fuel: v("active", "2020-01-01", "start"), // others: continue
    });
    expect(obligation(r, "report").history.at(-1)!.cause).toMatchObject({
      kind: "withdrawal",
      party: "PRK",
      text: "PRK withdrew on 2020-02-01 with it still owed",
    });
    expect(r.withdrawals).toMatchObject([{ party: "PRK", date: "2020-02-01" }]);
    expect(r.phase).toMatchObject({ id: "collapse", since: "2020-02-01" });
    // The withdrawal event is cited in the obligation's context, for explain.
    expect(obligation(r, "freeze").context.map((e) => e.type)).toEqual(["withdrawal"]);
  });

  it("own: discharged; others: discharged — everything still open ends without breach", () => {
    const r = evaluate(agreement(text("discharged", "discharged")), [leave("2020-02-01")], "2020-12-31");
    expect(verdicts(r)).toEqual({
      freeze: v("discharged", "2020-02-01", "withdrawal"),
      report: v("discharged", "2020-02-01", "withdrawal"),
      later: v("discharged", "2020-02-01", "withdrawal"),
      fuel: v("discharged", "2020-02-01", "withdrawal"),
    });
  });

  it("others: terminated", () => {
    const r = evaluate(agreement(text("breached", "terminated")), [leave("2020-02-01")], "2020-12-31");
    expect(verdicts(r)).toMatchObject({ fuel: v("terminated", "2020-02-01", "withdrawal") });
  });

  it("what would have broken the agreement after the withdrawal is still listed, as after withdrawal", () => {
    const test = ev("2020-05-01", "PRK", "nuclear_test");
    const r = evaluate(agreement(text("breached", "continue")), [leave("2020-02-01"), test], "2020-12-31");
    const freeze = obligation(r, "freeze");
    expect(freeze.evidence).toEqual([]);
    expect(freeze.afterWithdrawal.map((e) => e.id)).toEqual([test.id]);
  });

  it("walking out on a duty to keep a step reverses it (own: breached), or ends the duty (own: discharged)", () => {
    const keep = (own: string) =>
      agreement(`obligations:
  - { id: posts, title: Remove guard posts, debtor: PRK, kind: perform, counts: actor=PRK type=military_activity activity=guard_post_removed, then: { kind: refrain, counts: actor=PRK type=military_activity activity=guard_post_restored } }
withdrawal: { counts: type=withdrawal, own: ${own}, others: continue }
`);
    const events = [
      ev("2020-01-10", "PRK", "military_activity", { activity: "guard_post_removed" }),
      leave("2020-06-01"),
      ev("2020-06-02", "PRK", "military_activity", { activity: "guard_post_restored" }),
    ];
    const breached = evaluate(keep("breached"), events, "2020-12-31");
    expect(verdicts(breached)).toEqual({ posts: v("reversed", "2020-06-01", "withdrawal") });
    expect(obligation(breached, "posts").afterWithdrawal.map((e) => e.date)).toEqual(["2020-06-02"]);
    const discharged = evaluate(keep("discharged"), events, "2020-12-31");
    expect(verdicts(discharged)).toEqual({ posts: v("fulfilled", "2020-01-10", "event") });
    expect(obligation(discharged, "posts").afterWithdrawal.map((e) => e.date)).toEqual(["2020-06-02"]);
  });

  it("a withdrawal by a party not in the agreement, or an event that is no withdrawal, changes nothing", () => {
    const r = evaluate(agreement(text("breached", "continue")), [leave("2020-02-01", "JPN")], "2020-02-10");
    expect(verdicts(r)).toMatchObject({ freeze: v("active", "2020-01-01", "start") });
    expect(r.withdrawals).toEqual([]);
  });
});
