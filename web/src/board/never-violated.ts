import type { ObligationResult } from "../api.js";

/**
 * A step to perform with no deadline: it can be done, but never missed, so it is never violated. The obligation list
 * and the status strip both mark it by this test, in place of a green "active" that would read as kept.
 */
export const neverViolated = (o: ObligationResult): boolean =>
  o.kind === "perform" && o.due === null && o.status === "active";

/** What the mark says, in the list and in the strip's legend. */
export const NEVER_VIOLATED_LABEL = "owed, no deadline: can never be violated";
export const NEVER_VIOLATED_WHY = "a perform obligation without a deadline can never be violated";
