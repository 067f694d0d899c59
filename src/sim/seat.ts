import { ruleFor, tableFor } from "./decide.js";
import { KIND } from "./kinds.js";
import type { Rule } from "./rules.js";
import type { Strategy } from "./strategies.js";

/**
 * One player's side of a match: its strategy, the counters its rule keeps, and afterwards its result. Numbers
 * only, so that a turn allocates nothing; two seats are reused for every match, `sit` resets one for the next.
 * What both players have seen (the moves) is kept by `play`, not here.
 */
export class Seat {
  kind = 0;
  p = 0;
  q = 0;
  /** The rule as a lookup table, for rules that only react to the last few moves (reactive.ts); else null. */
  table: Uint8Array | null = null;
  /** The rule of a strategy that is not a table (rules.ts); else null. */
  rule: Rule | null = null;
  /** Counters and flags a rule keeps for itself (what each means is beside the rule in rules.ts). */
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  /** Set by `play` at the end of a match. */
  score = 0;
  cooperations = 0;

  sit(s: Strategy): void {
    this.kind = s.kind;
    this.p = s.p;
    this.q = s.q;
    this.table = tableFor(s.kind);
    this.rule = ruleFor(s.kind);
    // GRIT opens with an initiative of p turns; every other rule starts from zeros.
    this.a = s.kind === KIND.GRIT ? s.p : 0;
    this.b = this.c = this.d = 0;
    this.score = this.cooperations = 0;
  }
}
