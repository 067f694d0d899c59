import { daysBetween, type Obligation } from "../agreement/index.js";
import { addDays, parsePartialDate } from "../model/index.js";
import type { PartRecord } from "./record.js";
import type { PartState } from "./snapshot.js";

export interface Spell {
  from: string;
  to: string;
  /** Days in the spell, both ends included. */
  days: number;
  /** Still running on the as-of date. */
  open: boolean;
}

/** The last day an obligation was in force: its window's end, the day before it ended otherwise, or the as-of date. */
function lastDayInForce(s: PartState, asOf: string): string {
  let last = asOf;
  if (s.due !== null && s.due < last) last = s.due;
  const ended = s.status === "discharged" || s.status === "terminated" || s.status === "suspended";
  if (ended && s.since !== null && addDays(s.since, -1) < last) last = addDays(s.since, -1);
  if (s.withdrawnOn !== null && addDays(s.withdrawnOn, -1) < last) last = addDays(s.withdrawnOn, -1);
  return last;
}

const spell = (from: string, to: string, open: boolean): Spell => ({
  from,
  to,
  days: daysBetween(from, to) + 1,
  open,
});

/**
 * The spells in which a restraint (or an upkeep) was actually kept while in force: a refrain's days without a breach
 * between its breaches, a maintain's days between its lapses. A broken restraint stays violated, but a spell after
 * the breach is still restraint, and reciprocity counts it as a step once it has lasted long enough.
 */
export function spellsOf(o: Obligation, s: PartState, r: PartRecord, asOf: string): Spell[] {
  if (!s.started) return [];
  const last = lastDayInForce(s, asOf);
  const running = last === asOf && (s.status === "active" || s.status === "violated");
  const spells: Spell[] = [];
  if (o.kind === "refrain") {
    // A breach that lasts (an exercise of two weeks) breaks the restraint until its last day.
    let from = s.started;
    let seen = "";
    for (const e of r.evidence) {
      if (e.day > last) break;
      // Several breaches on one day end one spell; only one that lasts can push the next spell further.
      if (e.day === seen && e.event.end === undefined) continue;
      seen = e.day;
      if (e.day > from) spells.push(spell(from, addDays(e.day, -1), false));
      const end = e.event.end ? parsePartialDate(e.event.end)!.last : e.day;
      if (addDays(end, 1) > from) from = addDays(end, 1);
    }
    if (from <= last) spells.push(spell(from, last, running));
    return spells;
  }
  // maintain: active from the start, or from a step that caught up, until the day it fell behind.
  let from: string | null = s.started;
  for (const h of r.history) {
    if (h.to === "overdue" || h.to === "violated") {
      if (from !== null && h.date > from) spells.push(spell(from, addDays(h.date, -1), false));
      from = null;
    } else if (h.from === "overdue" && h.to === "active") from = h.date;
  }
  if (from !== null && from <= last) spells.push(spell(from, last, last === asOf && s.status === "active"));
  return spells;
}
