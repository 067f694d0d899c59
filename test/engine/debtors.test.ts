import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

const HEADER = `id: test
title: Test
status: in_force
effective: 2020-01-01
parties:
  - { id: PRK, role: party }
  - { id: USA, role: party }
  - { id: KOR, role: party }
  - { id: JPN, role: party }
`;

/** Several debtors: each owes its own step (`each`), or any combination performs for all (`jointly`). */
describe("each debtor owes its own step", () => {
  const a = agreement(
    `obligations:
  - { id: aid, title: Each sends aid within 90 days, debtor: { each: [USA, KOR, JPN] }, kind: perform, counts: type=aid_delivered, window: { for: P90D } }
`,
    HEADER,
  );

  it("a status per party: one party's refusal is visible, and the obligation shows the worst", () => {
    const events = [ev("2020-02-01", "USA", "aid_delivered"), ev("2020-05-15", "KOR", "aid_delivered")];
    const r = evaluate(a, events, "2020-12-31");
    const o = obligation(r, "aid");
    expect(o.debtorMode).toBe("each");
    expect(o.parties!.map((p) => [p.party, p.status, p.since, p.daysLate])).toEqual([
      ["USA", "fulfilled", "2020-02-01", null],
      ["KOR", "fulfilled_late", "2020-05-15", 45],
      ["JPN", "overdue", "2020-04-01", null],
    ]);
    expect(o).toMatchObject({ status: "overdue", since: "2020-04-01" });
    // Every part's transitions, with the party each belongs to.
    expect(o.history.filter((h) => h.to !== "active").map((h) => [h.date, h.party, h.to])).toEqual([
      ["2020-02-01", "USA", "fulfilled"],
      ["2020-04-01", "KOR", "overdue"],
      ["2020-04-01", "JPN", "overdue"],
      ["2020-05-15", "KOR", "fulfilled_late"],
    ]);
    // The obligation's own status over time: the worst of its parts, each day it changed.
    expect(o.statusChanges).toEqual([
      { date: "2020-01-01", status: "active" },
      { date: "2020-04-01", status: "overdue" },
    ]);
    // Whose move: Japan's, and only Japan's.
    expect(r.nextMoves.map((m) => [m.party, m.state])).toEqual([["JPN", "overdue"]]);
  });

  it("an event by one debtor counts for that debtor only, even when it names several actors", () => {
    const joint = ev("2020-02-01", "USA+KOR", "aid_delivered");
    const r = evaluate(a, [joint], "2020-03-01");
    expect(obligation(r, "aid").parties!.map((p) => p.status)).toEqual(["fulfilled", "fulfilled", "active"]);
  });

  it("fulfilled once every party has done its part, since the last of them", () => {
    const events = ["USA", "KOR", "JPN"].map((p, i) =>
      ev(`2020-02-${String(10 * i + 1).padStart(2, "0")}`, p, "aid_delivered"),
    );
    expect(verdicts(evaluate(a, events, "2020-12-31"))).toEqual({
      aid: v("fulfilled", "2020-02-21", "event"),
    });
  });

  it("a refrain owed by each: the party that broke it is named", () => {
    const b = agreement(
      `obligations:
  - { id: calm, title: No live fire, debtor: { each: [PRK, KOR] }, kind: refrain, counts: type=military_activity }
`,
      HEADER,
    );
    const fire = ev("2020-03-01", "PRK", "military_activity", { activity: "artillery_fire" });
    const r = evaluate(b, [fire], "2020-12-31");
    expect(obligation(r, "calm").parties!.map((p) => [p.party, p.status])).toEqual([
      ["PRK", "violated"],
      ["KOR", "active"],
    ]);
    expect(r.summary.firstBreach).toEqual({
      obligation: "calm",
      party: ["PRK"],
      date: "2020-03-01",
      status: "violated",
    });
  });
});

describe("joint debtors", () => {
  it("a plain list: any one of them performs for all (as before)", () => {
    const a = agreement(
      `obligations:
  - { id: aid, title: Aid, debtor: [USA, KOR], kind: perform, counts: type=aid_delivered, window: { for: P90D } }
`,
      HEADER,
    );
    const r = evaluate(a, [ev("2020-02-01", "KOR", "aid_delivered")], "2020-12-31");
    expect(verdicts(r)).toEqual({ aid: v("fulfilled", "2020-02-01", "event") });
    expect(obligation(r, "aid")).toMatchObject({ debtorMode: "jointly" });
    expect(obligation(r, "aid").parties).toBeUndefined();
  });

  it("with shares of a quantity: the total is joint, and what each did against its share is shown", () => {
    const a = agreement(
      `obligations:
  - id: fuel
    title: 1,000,000 t among three
    debtor: { jointly: [USA, KOR, JPN], shares: { USA: 0.4, KOR: 0.4, JPN: 0.2 } }
    kind: perform
    counts: type=aid_delivered
    quantity: { value: 1000000, unit: t }
    window: { for: P1Y }
`,
      HEADER,
    );
    const t = (date: string, actor: string, value: number) =>
      ev(date, actor, "aid_delivered", {}, { amount: { value, unit: "t" } });
    const r = evaluate(a, [t("2020-02-01", "USA", 400000), t("2020-03-01", "KOR", 450000)], "2020-06-01");
    const q = obligation(r, "fuel").quantity!;
    expect(q.done).toBe(850000);
    expect(q.byParty).toEqual([
      { party: "USA", share: 0.4, owed: 400000, done: 400000 },
      { party: "KOR", share: 0.4, owed: 400000, done: 450000 },
      { party: "JPN", share: 0.2, owed: 200000, done: 0 },
    ]);
    expect(
      verdicts(evaluate(a, [t("2020-02-01", "USA", 400000), t("2020-03-01", "KOR", 600000)], "2020-06-01")),
    ).toEqual({
      fuel: v("fulfilled", "2020-03-01", "event"),
    });
  });
});
