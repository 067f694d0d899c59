import { PAYOFF } from "./game.js";
import { KIND } from "./decide.js";
import type { Strategy } from "./strategies.js";

/**
 * One player's side of a match: its strategy and the little it remembers, in numbers only, so that a turn
 * allocates nothing. Two seats are reused for every match; `sit` resets one for a new match.
 */
export class Seat {
  kind = 0;
  p = 0;
  q = 0;
  /** Its own realised moves (after noise), the last in bit 0, 1 for D: the last eight are all a rule reads. */
  own = 0;
  /** The opponent's realised moves, the same way. */
  opp = 0;
  oppDefections = 0;
  /** Counters and flags a strategy keeps for itself (what each means is beside its rule in decide.ts). */
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  score = 0;
  cooperations = 0;

  sit(s: Strategy): void {
    this.kind = s.kind;
    this.p = s.p;
    this.q = s.q;
    this.own = this.opp = this.oppDefections = 0;
    // GRIT opens with an initiative of p turns; every other rule starts from zeros.
    this.a = s.kind === KIND.GRIT ? s.p : 0;
    this.b = this.c = this.d = 0;
    this.score = this.cooperations = 0;
  }

  /** What was played this turn, after noise: both players see and are scored on the realised moves. */
  observe(mine: number, theirs: number): void {
    this.own = ((this.own << 1) | mine) & 0xff;
    this.opp = ((this.opp << 1) | theirs) & 0xff;
    this.oppDefections += theirs;
    this.score += PAYOFF[mine * 2 + theirs]!;
    this.cooperations += 1 - mine;
  }
}
