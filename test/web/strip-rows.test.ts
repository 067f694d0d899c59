import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { neverViolated } from "../../web/src/board/never-violated.js";
import { segmentsOf, stripRows, stripStart, type StripRow } from "../../web/src/board/strip-rows.js";
import { HEADER, agreement, ev, obligation } from "../engine/helpers.js";

/** Real evaluations by the engine, cut into the strip's rows: each segment as [mark, status, from, to]. */
const drawn = (rows: StripRow[], id: string, party?: string) =>
  rows
    .find((r) => r.obligation.id === id && r.party === party)!
    .segments.map((s) => [s.mark, s.status, s.from, s.to]);

const deal = agreement(
  `obligations:
  - { id: talks, title: Hold talks, debtor: USA, kind: perform, counts: type=summit_or_meeting, start: 2020-03-01 }
  - { id: aid, title: Each sends aid, debtor: { each: [USA, PRK] }, kind: perform, counts: type=aid_delivered }
  - { id: report, title: Report within 60 days, debtor: PRK, kind: perform, counts: type=declaration, window: { for: P60D } }
  - { id: calm, title: No launches, debtor: PRK, kind: refrain, counts: type=missile_launch }
`,
  HEADER,
);

describe("the status strip's rows", () => {
  it("draws the active days of a step to perform without a deadline with their own mark, not as 'active'", () => {
    const r = evaluate(deal, [], "2020-06-30");
    expect(stripStart(r)).toBe("2020-01-01");
    const rows = stripRows(r, stripStart(r));
    // Dormant until its start, then owed with no deadline: never violated.
    expect(drawn(rows, "talks")).toEqual([
      ["dormant", "dormant", "2020-01-01", "2020-02-29"],
      ["never_violated", "active", "2020-03-01", "2020-06-30"],
    ]);
    // With a deadline it is plain active until the deadline passes, then overdue.
    expect(obligation(r, "report").due).toBe("2020-03-01");
    expect(drawn(rows, "report")).toEqual([
      ["active", "active", "2020-01-01", "2020-03-01"],
      ["overdue", "overdue", "2020-03-02", "2020-06-30"],
    ]);
    // A restraint can be broken any day: active, not the mark.
    expect(drawn(rows, "calm")).toEqual([["active", "active", "2020-01-01", "2020-06-30"]]);
    // Owed by each debtor: the obligation's row and each debtor's.
    for (const party of [undefined, "USA", "PRK"])
      expect(drawn(rows, "aid", party)).toEqual([["never_violated", "active", "2020-01-01", "2020-06-30"]]);
  });

  it("marks exactly the obligations the list marks (the same test), and only their active days", () => {
    const r = evaluate(deal, [ev("2020-04-02", "USA", "aid_delivered")], "2020-06-30");
    const marked = new Set(
      stripRows(r, stripStart(r)).flatMap((row) =>
        row.segments.filter((s) => s.mark === "never_violated").map(() => row.obligation.id),
      ),
    );
    expect([...marked].sort()).toEqual(
      r.obligations
        .filter(neverViolated)
        .map((o) => o.id)
        .sort(),
    );
    expect([...marked].sort()).toEqual(["aid", "talks"]);
    // The USA did its part: fulfilled from that day; the PRK's part is still owed, with no deadline.
    const rows = stripRows(r, stripStart(r));
    expect(drawn(rows, "aid", "USA")).toEqual([
      ["never_violated", "active", "2020-01-01", "2020-04-01"],
      ["fulfilled", "fulfilled", "2020-04-02", "2020-06-30"],
    ]);
    expect(drawn(rows, "aid", "PRK")).toEqual([["never_violated", "active", "2020-01-01", "2020-06-30"]]);
  });

  it("once performed, the step is no longer marked: its status is the answer", () => {
    const r = evaluate(deal, [ev("2020-04-10", "USA", "summit_or_meeting")], "2020-06-30");
    expect(obligation(r, "talks").status).toBe("fulfilled");
    expect(drawn(stripRows(r, stripStart(r)), "talks")).toEqual([
      ["dormant", "dormant", "2020-01-01", "2020-02-29"],
      ["active", "active", "2020-03-01", "2020-04-09"],
      ["fulfilled", "fulfilled", "2020-04-10", "2020-06-30"],
    ]);
  });

  it("cuts the days at each transition; transitions on one day make one segment, in the day's last status", () => {
    const r = evaluate(deal, [ev("2020-05-01", "PRK", "missile_launch")], "2020-06-30");
    const calm = obligation(r, "calm");
    const segments = segmentsOf(calm.history, "2020-01-01", r.asOf, calm.status);
    expect(segments.map((s) => [s.mark, s.from, s.to])).toEqual([
      ["active", "2020-01-01", "2020-04-30"],
      ["violated", "2020-05-01", "2020-06-30"],
    ]);
    expect(segments[1]!.causes.map((h) => h.cause.kind)).toEqual(["event"]);
    // Before the first transition the row is in that transition's `from` status.
    const both = segmentsOf(
      [
        { date: "2020-02-01", from: "dormant", to: "active", cause: { kind: "start", text: "started" } },
        { date: "2020-02-01", from: "active", to: "violated", cause: { kind: "agreement", text: "broken" } },
      ],
      "2020-01-01",
      "2020-03-01",
      "violated",
    );
    expect(both.map((s) => [s.status, s.from, s.to, s.causes.length])).toEqual([
      ["dormant", "2020-01-01", "2020-01-31", 0],
      ["violated", "2020-02-01", "2020-03-01", 2],
    ]);
  });
});
