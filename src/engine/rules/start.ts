import { addDuration, type Obligation } from "../../agreement/index.js";
import { addDays } from "../../model/index.js";
import { causeEvents, describeCondition, holds } from "../conditions.js";
import type { Draft } from "../draft.js";
import type { PartSpec } from "../machine.js";
import { PERFORMED_STATUSES } from "../result.js";
import { periodEnd } from "./settle.js";

/** The first day a window counted from a condition (`window: {for, from}`) begins; its parts' deadlines follow. */
export function startWindows(d: Draft): boolean {
  let changed = false;
  d.machine.agreement.obligations.forEach((o, k) => {
    if (!o.window || !("from" in o.window) || !o.window.from || d.windowFromOf(k) !== null) return;
    if (!holds(o.window.from, d.day, d)) return;
    d.setWindowFrom(k, d.day);
    const due = addDuration(d.day, o.window.for);
    for (const spec of d.machine.partsOf.get(o.id)!) {
      const s = d.part(spec.index);
      if (s.status !== "active" && s.status !== "suspended") continue;
      d.setPart(spec.index, { ...s, due: earliest(due, parallelDue(d, o)) });
      d.wakeOn(addDays(due, 1));
    }
    changed = true;
  });
  return changed;
}

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/** The deadline its window gives an obligation that starts today, or null while it has none (yet). */
function ownDue(d: Draft, o: Obligation, k: number): string | null {
  if (!o.window) return null;
  if ("until" in o.window) return o.window.until;
  if (!o.window.from) return addDuration(d.day, o.window.for);
  const from = d.windowFromOf(k);
  return from === null ? null : addDuration(from, o.window.for);
}

/** A step meant to come in parallel with another is due within the tolerance of the other's performance. */
export function parallelDue(d: Draft, o: Obligation): string | null {
  let due: string | null = null;
  for (const { other, tolerance } of d.machine.parallel.get(o.id) ?? []) {
    const parts = (d.machine.partsOf.get(other) ?? []).map((p) => d.part(p.index));
    if (!parts.length || !parts.every((s) => PERFORMED_STATUSES.includes(s.status))) continue;
    const last = parts
      .map((s) => s.performedOn!)
      .sort()
      .at(-1)!;
    due = earliest(due, addDuration(last, tolerance));
  }
  return due;
}

/**
 * A dormant part starts the first day its start condition (with what links add) holds; an open one lapses the
 * first day its `lapses` condition holds. Returns whether it changed.
 */
export function startOrLapse(d: Draft, spec: PartSpec): boolean {
  const o = spec.obligation;
  const s = d.part(spec.index);
  const open =
    s.status === "dormant" || s.status === "active" || s.status === "suspended" || s.status === "overdue";
  if (open && o.lapses && holds(o.lapses, d.day, d)) {
    const because = causeEvents(o.lapses, d.day, d);
    d.transition(
      spec,
      "discharged",
      {
        kind: "lapse",
        text: `lapsed: ${describeCondition(o.lapses)}`,
        ...(because.length ? { events: because.map((e) => e.event.id) } : {}),
      },
      because,
    );
    return true;
  }
  if (s.status !== "dormant") return false;
  const cond = d.machine.starts.get(o.id)!;
  if (!holds(cond, d.day, d)) return false;
  const because = causeEvents(cond, d.day, d);
  const k = d.machine.agreement.obligations.indexOf(o);
  const due = earliest(ownDue(d, o, k), parallelDue(d, o));
  const nextStepBy = o.every
    ? o.quantity
      ? periodEnd(d.day, o.every, 1)
      : addDuration(d.day, o.every)
    : null;
  d.transition(
    spec,
    "active",
    {
      kind: "start",
      text: `started: ${describeCondition(cond)}`,
      ...(because.length ? { events: because.map((e) => e.event.id) } : {}),
    },
    because,
    { started: d.day, due, lastStep: d.day, nextStepBy },
  );
  if (due) d.wakeOn(addDays(due, 1));
  if (nextStepBy) d.wakeOn(addDays(nextStepBy, 1));
  for (const held of d.machine.heldDurations.get(o.id) ?? []) d.wakeOn(addDuration(d.day, held));
  return true;
}
