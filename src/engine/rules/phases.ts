import { holds } from "../conditions.js";
import type { Draft } from "../draft.js";
import { effectiveKey } from "../machine.js";

/** Phases are ordered: one is entered on the first day its condition holds, once the one before it was entered. */
export function enterPhases(d: Draft): boolean {
  let changed = false;
  d.machine.agreement.phases.forEach((p, k) => {
    if (d.phase(k) !== null || (k > 0 && d.phase(k - 1) === null)) return;
    if (holds(p.enters, d.day, d)) {
      d.enterPhase(k);
      changed = true;
    }
  });
  return changed;
}

/** The first event (on or after the effective date) of each matcher a condition names, as the days bring them. */
export function noteFirstEvents(d: Draft): void {
  for (const m of d.machine.conditionMatchers) {
    const key = effectiveKey(m);
    if (d.seenOf(key)) continue;
    const first = d.events(key)[0];
    if (first) d.setSeen(key, first);
  }
}
