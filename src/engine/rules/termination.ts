import type { Cause } from "../result.js";
import type { Draft } from "../draft.js";
import type { PartSpec } from "../machine.js";

/**
 * Ends a part that is still open: `terminated` (or `discharged`), or `violated` if it was overdue (a step owed and
 * never taken before the end). Returns whether it changed.
 */
export function endOpenPart(
  d: Draft,
  spec: PartSpec,
  cause: Cause,
  events: Parameters<Draft["transition"]>[3] = [],
  to: "terminated" | "discharged" = "terminated",
): boolean {
  const s = d.part(spec.index);
  if (s.status === "overdue") {
    d.transition(spec, "violated", { ...cause, text: `${cause.text}, with it still owed` } as Cause, events);
    return true;
  }
  if (s.status === "dormant" || s.status === "active" || s.status === "suspended") {
    d.transition(spec, to, cause, events);
    return true;
  }
  return false;
}

/** The agreement's own end: every part still open ends that day. */
export function terminate(d: Draft): boolean {
  const t = d.machine.agreement.terminated;
  if (!t || d.day < t.date) return false;
  let changed = false;
  for (const spec of d.machine.parts) {
    // A performed step need no longer be kept once the agreement has ended.
    const s = d.part(spec.index);
    if (s.keeping) d.setPart(spec.index, { ...s, keeping: false });
    changed =
      endOpenPart(d, spec, {
        kind: "agreement",
        text: `the agreement was terminated on ${t.date}${t.note ? `: ${t.note}` : ""}`,
      }) || changed;
  }
  return changed;
}
