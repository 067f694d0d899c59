import { describe, expect, it } from "vitest";
import { compileMachine, initialSnapshot, step, type Snapshot } from "../../src/engine/index.js";
import type { DatedEvent } from "../../src/engine/event-index.js";
import { allKey } from "../../src/engine/machine.js";
import { agreement, ev } from "./helpers.js";

/**
 * The engine's heart is a pure step: the state at the end of the day before and one day's events in, the new state
 * and what changed (transitions with causes, evidence) out — like XState's transition(machine, snapshot, event).
 */

const a = agreement(`obligations:
  - { id: relief, title: Relief, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P30D } }
`);
const machine = compileMachine(a);
const relief = a.obligations[0]!;
const dated = (date: string): DatedEvent => ({
  event: ev(date, "USA", "sanctions_relieved"),
  day: date,
  position: 0,
});
const none = new Map<string, readonly DatedEvent[]>();

/** A deep copy, to show that a step leaves the snapshot it was given as it was. */
const frozen = (s: Snapshot) => JSON.stringify({ ...s, seen: [...s.seen], withdrawn: [...s.withdrawn] });

describe("step", () => {
  it("starts an obligation on its start day: a transition with its cause, and the day to wake on for its deadline", () => {
    const before = initialSnapshot(machine);
    const copy = frozen(before);
    const r = step(machine, before, "2020-01-01", none);
    expect(frozen(before)).toBe(copy);
    expect(r.snapshot.parts[0]).toMatchObject({ status: "active", started: "2020-01-01", due: "2020-01-31" });
    expect(r.changes).toEqual([
      expect.objectContaining({
        kind: "transition",
        part: 0,
        from: "dormant",
        to: "active",
        date: "2020-01-01",
      }),
    ]);
    expect(r.wake).toContain("2020-02-01");
  });

  it("performs it with the day's event: the evidence and the transition, as data", () => {
    const started = step(machine, initialSnapshot(machine), "2020-01-01", none).snapshot;
    const e = dated("2020-01-10");
    const r = step(machine, started, "2020-01-10", new Map([[allKey(relief.counts), [e]]]));
    expect(r.snapshot.parts[0]).toMatchObject({ status: "fulfilled", performedOn: "2020-01-10" });
    expect(r.changes.map((c) => c.kind)).toEqual(["evidence", "transition"]);
    expect(started.parts[0]!.status).toBe("active");
  });

  it("the day after the deadline, settles what the days before decided before anything else", () => {
    const started = step(machine, initialSnapshot(machine), "2020-01-01", none).snapshot;
    const r = step(machine, started, "2020-02-01", new Map([[allKey(relief.counts), [dated("2020-02-01")]]]));
    expect(
      r.changes.filter((c) => c.kind === "transition").map((c) => c.kind === "transition" && c.to),
    ).toEqual(["overdue", "fulfilled_late"]);
    expect(r.snapshot.parts[0]).toMatchObject({
      status: "fulfilled_late",
      daysLate: 1,
      breachedOn: "2020-02-01",
    });
  });

  it("a day with nothing to do changes nothing and returns the same parts", () => {
    const started = step(machine, initialSnapshot(machine), "2020-01-01", none).snapshot;
    const r = step(machine, started, "2020-01-15", none);
    expect(r.changes).toEqual([]);
    expect(r.snapshot.parts).toBe(started.parts);
  });
});
