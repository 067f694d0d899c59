import { Draft, type DayEvents } from "./draft.js";
import type { Machine } from "./machine.js";
import { countToday } from "./rules/count.js";
import { enterPhases, noteFirstEvents } from "./rules/phases.js";
import { exercisePowers } from "./rules/powers.js";
import { settle } from "./rules/settle.js";
import { startOrLapse, startWindows } from "./rules/start.js";
import { terminate } from "./rules/termination.js";
import { withdraw } from "./rules/withdrawal.js";
import type { Change, Snapshot } from "./snapshot.js";

/** The parts that read any of the day's events, in the agreement's order. */
function partsWithEvents(machine: Machine, today: DayEvents): number[] {
  if (today.size === 0) return [];
  const marked = new Uint8Array(machine.parts.length);
  for (const key of today.keys()) for (const i of machine.partsReading.get(key) ?? []) marked[i] = 1;
  const found: number[] = [];
  for (let i = 0; i < marked.length; i++) if (marked[i]) found.push(i);
  return found;
}

export interface StepResult {
  snapshot: Snapshot;
  /** What happened, in order: transitions with their causes, evidence, powers used, withdrawals. */
  changes: Change[];
  /** Later days on which something may happen that only this step knows of (a deadline set today). */
  wake: string[];
}

/**
 * One day of the replay: the state at the end of the day before and the day's events in, the state at the end of
 * the day and what changed out. Pure: the snapshot given is never changed.
 *
 * First what the passing of the previous days settled (a missed deadline is missed whatever today brings); then the
 * agreement's termination, withdrawals, powers, windows, each part's lifecycle and the phases, repeated until nothing
 * changes, so that a chain of same-day consequences (A fulfilled unlocks B, performed the same day) settles today.
 */
export function step(machine: Machine, snapshot: Snapshot, day: string, today: DayEvents): StepResult {
  const d = new Draft(machine, snapshot, day, today);
  noteFirstEvents(d);
  for (const spec of machine.parts) settle(d, spec);
  // Only parts with events today have anything to count: most parts on most days have none.
  const reading = partsWithEvents(machine, today);
  // A bound guards against a cycle that lint would have reported.
  const rounds = 4 * machine.parts.length + 8;
  for (let round = 0; round < rounds; round++) {
    let changed = terminate(d);
    changed = withdraw(d) || changed;
    changed = exercisePowers(d) || changed;
    changed = startWindows(d) || changed;
    for (const spec of machine.parts) changed = startOrLapse(d, spec) || changed;
    for (const i of reading) changed = countToday(d, machine.parts[i]!) || changed;
    changed = enterPhases(d) || changed;
    if (!changed) break;
  }
  return { snapshot: d.snapshot(), changes: d.changes, wake: d.wake };
}
