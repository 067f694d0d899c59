import type { Draft } from "../draft.js";
import type { DatedEvent } from "../event-index.js";
import { withdrawalKey, type PartSpec } from "../machine.js";
import type { Cause } from "../result.js";
import { endOpenPart } from "./termination.js";

/** The debtors a part stands for: its own party, or all the obligation's debtors when it is owed jointly. */
export const debtorsOf = (spec: PartSpec): string[] => (spec.party ? [spec.party] : spec.obligation.debtors);

/**
 * A party's withdrawal (an event matching the agreement's `withdrawal.counts`, by a party) ends its participation
 * from that day. Its open obligations are breached or discharged as the file says; a joint obligation ends only when
 * every debtor has left. The other parties' open obligations continue, are discharged or are terminated.
 */
export function withdraw(d: Draft): boolean {
  const w = d.machine.agreement.withdrawal;
  if (!w) return false;
  const today = d.events(withdrawalKey(w));
  if (today.length === 0) return false;
  const parties = new Set(d.machine.agreement.parties.filter((p) => p.role !== "proposer").map((p) => p.id));
  let changed = false;
  for (const e of today)
    for (const party of e.event.actors) {
      if (!parties.has(party) || d.withdrawnOn(party) !== undefined) continue;
      d.withdraw(party);
      d.changes.push({ kind: "withdrawal", party, date: d.day, events: [e] });
      applyWithdrawal(d, party, e);
      changed = true;
    }
  return changed;
}

function applyWithdrawal(d: Draft, party: string, e: DatedEvent): void {
  const w = d.machine.agreement.withdrawal!;
  const events = [e];
  const cause = (text: string): Cause => ({ kind: "withdrawal", text, party, events: [e.event.id] });
  for (const spec of d.machine.parts) {
    const debtors = debtorsOf(spec);
    const s = d.part(spec.index);
    if (debtors.includes(party)) {
      if (!debtors.every((p) => d.withdrawnOn(p) !== undefined)) continue;
      d.setPart(spec.index, { ...s, withdrawnOn: d.day, keeping: false });
      const open = s.status === "active" || s.status === "suspended" || s.status === "overdue";
      if (s.keeping && w.own === "breached")
        // Walking out on the duty to keep a step undoes it, as much as restarting what was shut down.
        d.transition(
          spec,
          "reversed",
          cause(`${party} withdrew on ${d.day}, no longer bound to keep it`),
          events,
        );
      else if (s.status === "dormant")
        d.transition(spec, "discharged", cause(`never started: ${party} withdrew on ${d.day}`), events);
      else if (open && w.own === "breached")
        d.transition(spec, "violated", cause(`${party} withdrew on ${d.day} with it still owed`), events);
      else if (open)
        d.transition(
          spec,
          "discharged",
          cause(`${party} withdrew on ${d.day}; the agreement discharges what it still owed`),
          events,
        );
    } else if (!debtors.some((p) => d.withdrawnOn(p) !== undefined) && w.others !== "continue") {
      const text = `${party} withdrew on ${d.day}; the agreement ${w.others === "discharged" ? "discharges" : "terminates"} what the others still owed`;
      endOpenPart(d, spec, cause(text), events, w.others);
    }
  }
}
