import type { ObligationResult } from "../api.js";

/**
 * A step owed with no deadline at all (the engine's `violable`, from the terms): it can be done, but never missed.
 * The obligation list and the status strip both mark it while it is active, in place of a green "active" that would
 * read as kept.
 */
export const neverViolated = (o: ObligationResult): boolean => !o.violable && o.status === "active";

/** What the mark says, in the list and in the strip's legend. */
export const NEVER_VIOLATED_LABEL = "owed, no deadline: can never be violated";
export const NEVER_VIOLATED_WHY = "a perform obligation without a deadline can never be violated";
