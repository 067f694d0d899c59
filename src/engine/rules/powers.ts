import { addDays } from "../../model/index.js";
import type { Power } from "../../agreement/index.js";
import { daysBetween } from "../../agreement/index.js";
import { holds } from "../conditions.js";
import type { Draft } from "../draft.js";
import { describeEvent } from "../evidence.js";
import type { DatedEvent } from "../event-index.js";
import { effectiveKey, type PartSpec } from "../machine.js";
import type { Cause, ObligationStatus } from "../result.js";
import { endOpenPart } from "./termination.js";

/**
 * Powers become available when their condition holds and are exercised by each day's events that match `exercised`
 * and are done by a holder: a party that holds no power cannot use it.
 */
export function exercisePowers(d: Draft): boolean {
  const a = d.machine.agreement;
  let changed = false;
  a.powers.forEach((p, k) => {
    let state = d.power(k);
    if (state.availableSince === null) {
      const available = p.available
        ? holds(p.available, d.day, d)
        : d.machine.effective === null || d.day >= d.machine.effective;
      if (!available) return;
      d.setPower(k, (state = { ...state, availableSince: d.day }));
    }
    if (state.exercisedOn === d.day || !p.exercised) return;
    const today = d
      .events(effectiveKey(p.exercised.matcher))
      .filter((e) => e.event.actors.some((x) => p.holders.includes(x)));
    if (!today.length) return;
    d.setPower(k, { ...state, exercisedOn: d.day });
    changed = exercise(d, p, k, today) || changed;
  });
  return changed;
}

function exercise(d: Draft, p: Power, k: number, today: DatedEvent[]): boolean {
  const targets: PartSpec[] =
    p.obligations === "all"
      ? d.machine.parts
      : p.obligations.flatMap((id) => d.machine.partsOf.get(id) ?? []);
  const cause: Cause = {
    kind: "power",
    power: p.id,
    events: today.map((e) => e.event.id),
    text: `${p.holders.join("+")} exercised the power to ${p.action} (${p.id}): ${today.map(describeEvent).join("; ")}`,
  };
  const changedParts: { part: number; from: ObligationStatus; to: ObligationStatus }[] = [];
  const noEffect: { part: number; status: ObligationStatus }[] = [];
  for (const spec of targets) {
    const before = d.part(spec.index).status;
    if (apply(d, p, spec, cause, today))
      changedParts.push({ part: spec.index, from: before, to: d.part(spec.index).status });
    else noEffect.push({ part: spec.index, status: before });
  }
  d.changes.push({ kind: "power", power: k, date: d.day, events: today, changed: changedParts, noEffect });
  return changedParts.length > 0;
}

function apply(d: Draft, p: Power, spec: PartSpec, cause: Cause, today: DatedEvent[]): boolean {
  const s = d.part(spec.index);
  if (p.action === "suspend" && s.status === "active") {
    d.transition(spec, "suspended", cause, today, { suspendedOn: d.day });
    return true;
  }
  if (p.action === "resume" && s.status === "suspended") {
    // The time spent suspended does not run against a perform's deadline, nor against the next step of a
    // maintain; the end of a refrain's or maintain's window is a date of the text and does not move.
    const o = spec.obligation;
    const suspended = s.suspendedOn ? daysBetween(s.suspendedOn, d.day) : 0;
    let { due, nextStepBy } = s;
    if (o.kind === "perform" && due && suspended > 0) due = addDays(due, suspended);
    if (o.kind === "maintain" && nextStepBy && suspended > 0) nextStepBy = addDays(nextStepBy, suspended);
    d.transition(spec, "active", cause, today, { due, nextStepBy, suspendedOn: null });
    if (due) d.wakeOn(addDays(due, 1));
    if (nextStepBy) d.wakeOn(addDays(nextStepBy, 1));
    return true;
  }
  if (p.action === "terminate") return endOpenPart(d, spec, cause, today);
  return false;
}
