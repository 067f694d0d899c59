import { KIND, tableFor } from "./decide.js";
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
  /** The rule as a lookup table, for rules that only react to the last few moves (see decide.ts). */
  table: Uint8Array | null = null;
  /** Counters and flags a rule keeps for itself (what each means is beside the rule in decide.ts). */
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
    // GRIT opens with an initiative of p turns; every other rule starts from zeros.
    this.a = s.kind === KIND.GRIT ? s.p : 0;
    this.b = this.c = this.d = 0;
    this.score = this.cooperations = 0;
  }
}
