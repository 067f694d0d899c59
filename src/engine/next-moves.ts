import { describeWait, neverAgain, unmetParts, type StateView } from "./conditions.js";
import type { NextMove } from "./result.js";
import { debtorsOf } from "./rules/withdrawal.js";

/**
 * Whose move it is: by party, what is due (and by when), what is overdue (missed, still owed), what waits on a
 * condition, and what can never start because what it waits on can no longer happen.
 */
export function nextMoves(v: StateView, asOf: string): NextMove[] {
  const moves: NextMove[] = [];
  for (const spec of v.machine.parts) {
    const o = spec.obligation;
    const s = v.part(spec.index);
    const base = { obligation: o.id, title: o.title, kind: o.kind };
    const parties = debtorsOf(spec);
    if ((s.status === "active" || s.status === "overdue") && o.kind !== "refrain") {
      // A maintain's move is its next step, due before its window ends.
      const due = s.nextStepBy !== null && (s.due === null || s.nextStepBy < s.due) ? s.nextStepBy : s.due;
      for (const party of parties)
        moves.push({ ...base, party, state: s.status === "overdue" ? "overdue" : "due", due });
    } else if (s.status === "dormant") {
      const unmet = unmetParts(v.machine.starts.get(o.id)!, asOf, v);
      const blocked = unmet.map((c) => neverAgain(c, v)).find(Boolean);
      for (const party of parties)
        moves.push({
          ...base,
          party,
          state: blocked ? "blocked" : "waiting",
          due: null,
          waitingOn: blocked ? [`can no longer start: ${blocked.why}`] : unmet.map(describeWait),
        });
    }
  }
  return moves.sort(
    (x, y) => x.party.localeCompare(y.party) || (x.due ?? "9999").localeCompare(y.due ?? "9999"),
  );
}
