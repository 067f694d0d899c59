import { addDuration, daysBetween, type Obligation } from "../../agreement/index.js";
import { addDays, convertAmount, formatAmount } from "../../model/index.js";
import type { Draft } from "../draft.js";
import { describeEvent } from "../evidence.js";
import { isWeak } from "../draft.js";
import type { DatedEvent } from "../event-index.js";
import { allKey, type PartSpec } from "../machine.js";
import type { ObligationStatus } from "../result.js";
import type { PartState } from "../snapshot.js";
import { parallelDue } from "./start.js";

/** The statuses in which a day's events can matter to a part. */
const READING: readonly ObligationStatus[] = ["active", "overdue", "violated", "fulfilled", "fulfilled_late"];

/** Today's events a matcher matches, for this part: by its own debtor when every debtor owes its own step. */
function eventsFor(d: Draft, spec: PartSpec, key: string): readonly DatedEvent[] {
  const all = d.events(key);
  if (!spec.party || all.length === 0) return all;
  const party = spec.party;
  return all.filter((e) => e.event.actors.includes(party));
}

/**
 * Reads today's events for a part, once a day, as its status asks: a performance, a breach or a step while it is
 * active or overdue; later breaches of a broken restraint; the undoing of a performed step, and its verification;
 * what its debtor did after walking out. Returns whether the status changed.
 */
export function countToday(d: Draft, spec: PartSpec): boolean {
  const s = d.part(spec.index);
  const o = spec.obligation;
  if (!READING.includes(s.status) && s.withdrawnOn === null) return false;
  if (!d.countOnce(spec.index)) return false;
  if (s.withdrawnOn !== null && s.status !== "active") {
    afterWithdrawal(d, spec);
    return false;
  }
  if (s.status === "fulfilled" || s.status === "fulfilled_late") return keepAndVerify(d, spec);
  const today = eventsFor(d, spec, allKey(o.counts));
  if (s.status === "violated") {
    if (o.kind === "refrain" && (!s.due || d.day <= s.due) && today.length) {
      // Every later breach in its window counts against it too; the status stays violated.
      d.evidence(spec, "counted", today);
      if (s.weakOnly && !today.every(isWeak)) d.setPart(spec.index, { ...s, weakOnly: false });
    }
    return false;
  }
  if (today.length === 0) return false;
  if (o.kind === "perform") return perform(d, spec, today);
  if (o.kind === "refrain") {
    d.evidence(spec, "counted", today);
    d.transition(
      spec,
      "violated",
      {
        kind: "event",
        events: today.map((e) => e.event.id),
        text: `broken by ${today.map(describeEvent).join("; ")}`,
      },
      today,
    );
    return true;
  }
  return maintainStep(d, spec, today);
}

/** The amounts of today's events, added in the obligation's unit; events that add nothing are said to. */
function addAmounts(d: Draft, spec: PartSpec, today: readonly DatedEvent[]): number {
  const q = spec.obligation.quantity!;
  let added = 0;
  for (const e of today) {
    const amount = e.event.amount;
    const counted = amount ? convertAmount(amount, q.unit) : undefined;
    if (counted === undefined) {
      const reason = amount
        ? `its amount is in ${amount.unit}, which does not add up with ${q.unit}`
        : "it carries no amount";
      d.changes.push({ kind: "amount", part: spec.index, event: e, counted: null, reason });
      continue;
    }
    d.changes.push({ kind: "amount", part: spec.index, event: e, counted });
    added += counted;
  }
  return added;
}

function perform(d: Draft, spec: PartSpec, today: readonly DatedEvent[]): boolean {
  const o = spec.obligation;
  const s = d.part(spec.index);
  let done = s.done;
  let performing: readonly DatedEvent[] = [today[0]!];
  if (o.quantity) {
    done += addAmounts(d, spec, today);
    d.evidence(spec, "counted", today);
    d.setPart(spec.index, { ...d.part(spec.index), done });
    if (done < o.quantity.value) return false;
    performing = today;
  } else d.evidence(spec, "counted", performing);
  const late = s.status === "overdue";
  const daysLate = late && s.due ? daysBetween(s.due, d.day) : null;
  const what = o.quantity
    ? `${formatAmount(done, o.quantity.unit)} of ${formatAmount(o.quantity.value, o.quantity.unit)} reached with ${performing.map(describeEvent).join("; ")}`
    : describeEvent(performing[0]!);
  d.transition(
    spec,
    late ? "fulfilled_late" : "fulfilled",
    {
      kind: "event",
      events: performing.map((e) => e.event.id),
      text: late ? `performed ${daysLate} days late: ${what}` : `performed: ${what}`,
    },
    performing,
    { performedOn: d.day, daysLate, ...keepDutyFrom(o, d.day) },
    daysLate ?? undefined,
  );
  const next = d.part(spec.index);
  if (next.keepUntil) d.wakeOn(addDays(next.keepUntil, 1));
  if (next.keepNextBy) d.wakeOn(addDays(next.keepNextBy, 1));
  verify(d, spec);
  answerInParallel(d, o);
  return true;
}

/** The duty to keep a step, from the day it was performed. */
function keepDutyFrom(o: Obligation, day: string): Partial<PartState> {
  const t = o.then;
  if (!t) return {};
  const until = t.window ? ("until" in t.window ? t.window.until : addDuration(day, t.window.for)) : null;
  return {
    keeping: true,
    keepUntil: until,
    keepNextBy: t.kind === "maintain" && t.every ? addDuration(day, t.every) : null,
  };
}

/** Once one of two parallel steps is performed, the other is due within the tolerance. */
function answerInParallel(d: Draft, o: Obligation): void {
  for (const { other } of d.machine.parallel.get(o.id) ?? []) {
    const partner = d.machine.agreement.obligations.find((x) => x.id === other)!;
    const due = parallelDue(d, partner);
    if (!due) continue;
    for (const spec of d.machine.partsOf.get(other)!) {
      const s = d.part(spec.index);
      if ((s.status !== "active" && s.status !== "suspended") || (s.due !== null && s.due <= due)) continue;
      d.setPart(spec.index, { ...s, due });
      d.wakeOn(addDays(due, 1));
    }
  }
}

function maintainStep(d: Draft, spec: PartSpec, today: readonly DatedEvent[]): boolean {
  const o = spec.obligation;
  const s = d.part(spec.index);
  d.evidence(spec, "counted", today);
  if (o.quantity) {
    const done = s.done + addAmounts(d, spec, today);
    const owed = o.quantity.value * s.periods;
    d.setPart(spec.index, { ...d.part(spec.index), done, lastStep: d.day });
    if (s.status !== "overdue" || done < owed) return false;
    d.transition(
      spec,
      "active",
      {
        kind: "event",
        events: today.map((e) => e.event.id),
        text: `caught up: ${formatAmount(done, o.quantity.unit)} done of ${formatAmount(owed, o.quantity.unit)} owed`,
      },
      today,
    );
    return true;
  }
  const nextStepBy = addDuration(d.day, o.every!);
  d.wakeOn(addDays(nextStepBy, 1));
  if (s.status !== "overdue") {
    d.setPart(spec.index, { ...s, lastStep: d.day, nextStepBy });
    return false;
  }
  d.transition(
    spec,
    "active",
    {
      kind: "event",
      events: today.map((e) => e.event.id),
      text: `resumed ${daysBetween(s.nextStepBy!, d.day)} days after a step was due (${s.nextStepBy}): ${today.map(describeEvent).join("; ")}`,
    },
    today,
    { lastStep: d.day, nextStepBy },
  );
  return true;
}

/** A performed step: undone (reversed) by an event its keep duty forbids, kept up by one it asks for, verified. */
function keepAndVerify(d: Draft, spec: PartSpec): boolean {
  verify(d, spec);
  const o = spec.obligation;
  const s = d.part(spec.index);
  const t = o.then;
  if (!t || !s.keeping || d.day <= s.performedOn!) return false;
  const today = eventsFor(d, spec, allKey(t.counts));
  if (!today.length) return false;
  if (t.kind === "maintain") {
    const keepNextBy = addDuration(d.day, t.every!);
    d.setPart(spec.index, { ...s, keepNextBy });
    d.wakeOn(addDays(keepNextBy, 1));
    return false;
  }
  d.evidence(spec, "reversal", today);
  d.transition(
    spec,
    "reversed",
    {
      kind: "event",
      events: today.map((e) => e.event.id),
      text: `undone: ${today.map(describeEvent).join("; ")}`,
    },
    today,
    { keeping: false },
  );
  return true;
}

/** A performed step is confirmed by the first event matching `verified_by` on or after the day it was performed. */
function verify(d: Draft, spec: PartSpec): void {
  const o = spec.obligation;
  const s = d.part(spec.index);
  if (!o.verifiedBy || s.verifiedOn !== null) return;
  const today = d.events(allKey(o.verifiedBy.matcher));
  if (!today.length) return;
  d.evidence(spec, "verification", today);
  d.setPart(spec.index, { ...s, verifiedOn: d.day });
}

/** What a party that walked out did afterwards that its obligations would have counted: listed, not counted. */
function afterWithdrawal(d: Draft, spec: PartSpec): void {
  const o = spec.obligation;
  const s = d.part(spec.index);
  const inWindow = !s.due || d.day <= s.due;
  const today = o.kind === "refrain" && inWindow ? eventsFor(d, spec, allKey(o.counts)) : [];
  const undoing =
    o.then?.kind === "refrain" && s.performedOn ? eventsFor(d, spec, allKey(o.then.counts)) : [];
  d.evidence(spec, "after_withdrawal", [...today, ...undoing]);
}
