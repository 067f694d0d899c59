import type { Agreement } from "../agreement/index.js";
import { addDays, parsePartialDate, type LedgerEvent } from "../model/index.js";
import { DayQueue } from "./day-queue.js";
import { emptyMatcherWarnings } from "./diagnose.js";
import { Draft } from "./draft.js";
import { DayReader, EventIndex, type DatedEvent } from "./event-index.js";
import { toEvidence } from "./evidence.js";
import { compileMachine, conditionsOf, matchersOf, type Machine } from "./machine.js";
import { nextMoves } from "./next-moves.js";
import { obligationResult } from "./obligation-result.js";
import { looseOf, outsideTermsColumns, OutsideTermsReader } from "./outside-terms.js";
import { reciprocityAccount } from "./reciprocity.js";
import { Record } from "./record.js";
import type { Condition } from "../agreement/index.js";
import type { Evaluation, PowerResult } from "./result.js";
import { initialSnapshot, type Snapshot } from "./snapshot.js";
import { step } from "./step.js";
import { summarize } from "./summary.js";

const NO_EVENTS: ReadonlyMap<string, readonly DatedEvent[]> = new Map();

/**
 * Replays the record against an agreement as of a date: a pure function of its three arguments, with no clock and
 * no I/O. Events dated after `asOf` are invisible, and the order in which events are given does not matter.
 *
 * The replay visits, in date order, only the days on which something can change — days with events the agreement
 * reads, dates it names, and deadlines and holding periods as they become known — and hands each to `step`, which
 * returns the new state and what changed. The record of those changes, with the final state, makes the result.
 */
export function evaluate(agreement: Agreement, events: readonly LedgerEvent[], asOf: string): Evaluation {
  if (!parsePartialDate(asOf) || asOf.length !== 10)
    throw new RangeError(`as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  const machine = compileMachine(agreement);
  const index = new EventIndex(
    events,
    asOf,
    matchersOf(agreement, looseOf),
    agreement.obligations.flatMap(outsideTermsColumns),
  );
  const effective = machine.effective;
  const readers = machine.reads.map((r) => {
    const list = index.matching(r.matcher);
    return {
      key: r.key,
      reader: new DayReader(r.fromEffective && effective ? list.filter((d) => d.day >= effective) : list),
    };
  });
  const queue = new DayQueue(asOf);
  scheduleKnownDays(machine, readers, queue);

  const record = new Record(machine);
  let snapshot: Snapshot = initialSnapshot(machine);
  // One map for every day's events, emptied each day: a step reads it while it runs and keeps nothing of it.
  const today = new Map<string, readonly DatedEvent[]>();
  for (let day = queue.pop(); day !== undefined; day = queue.pop()) {
    today.clear();
    for (const { key, reader } of readers) {
      const found = reader.on(day);
      if (found.length) today.set(key, found);
    }
    const r = step(machine, snapshot, day, today);
    snapshot = r.snapshot;
    record.apply(r.changes);
    for (const d of r.wake) queue.push(d);
  }
  return result(machine, snapshot, record, index, events, asOf);
}

/** The days known before the replay starts: the effective date, every day with events read, dates the text names. */
function scheduleKnownDays(m: Machine, readers: { reader: DayReader }[], queue: DayQueue): void {
  const a = m.agreement;
  if (m.effective) queue.push(m.effective);
  for (const { reader } of readers) {
    const list = reader.list;
    for (let i = 0; i < list.length; i++)
      if (i === 0 || list[i]!.day !== list[i - 1]!.day) queue.push(list[i]!.day);
  }
  const dates = (c: Condition): void => {
    if (c.kind === "date") queue.push(c.date);
    if (c.kind === "all" || c.kind === "any") c.conditions.forEach(dates);
  };
  conditionsOf(a).forEach(dates);
  for (const o of a.obligations) if (o.window && "until" in o.window) queue.push(addDays(o.window.until, 1));
  if (a.terminated) queue.push(a.terminated.date);
}

function result(
  m: Machine,
  snapshot: Snapshot,
  record: Record,
  index: EventIndex,
  events: readonly LedgerEvent[],
  asOf: string,
): Evaluation {
  const a = m.agreement;
  const outside = new OutsideTermsReader(index, asOf);
  const obligations = a.obligations.map((o) => obligationResult(a, m, o, snapshot, record, outside, asOf));
  const lastPhase = snapshot.phases.reduce<number>((acc, d, k) => (d !== null ? k : acc), -1);
  const reciprocity = reciprocityAccount(a, obligations, asOf);
  const view = new Draft(m, snapshot, asOf, NO_EVENTS);
  return {
    agreement: {
      id: a.id,
      title: a.title,
      status: a.status,
      ...(a.file ? { file: a.file } : {}),
      hypothetical: a.status === "proposed",
      effective: m.effective,
    },
    asOf,
    summary: summarize(obligations, reciprocity),
    phase:
      lastPhase >= 0
        ? {
            id: a.phases[lastPhase]!.id,
            title: a.phases[lastPhase]!.title,
            since: snapshot.phases[lastPhase]!,
          }
        : null,
    phases: a.phases.map((p, k) => ({ id: p.id, title: p.title, entered: snapshot.phases[k]! })),
    obligations,
    nextMoves: nextMoves(view, asOf),
    reciprocity,
    powers: a.powers.map((p, k): PowerResult => ({
      id: p.id,
      holder: p.holders,
      action: p.action,
      obligations: p.obligations,
      availableSince: snapshot.powers[k]!.availableSince,
      exercised: record.powers[k]!.map((use) => ({
        date: use.date,
        events: use.events.map((e) => e.event.id),
        changed: use.changed.map((c) => ({ ...partName(m, c.part), from: c.from, to: c.to })),
        noEffect: use.noEffect.map((c) => ({ ...partName(m, c.part), status: c.status })),
      })),
      ...(p.note ? { note: p.note } : {}),
    })),
    withdrawals: record.withdrawals.map((w) => ({
      party: w.party,
      date: w.date,
      events: w.events.map(toEvidence),
    })),
    warnings: emptyMatcherWarnings(a, index, events, asOf),
  };
}

function partName(m: Machine, part: number): { obligation: string; party: string | null } {
  const spec = m.parts[part]!;
  return { obligation: spec.obligation.id, party: spec.party };
}
