import type { Random } from "../analysis/random.js";
import { C, D, type Action } from "./game.js";
import type { StrategyName } from "./kinds.js";
import type { Seat } from "./seat.js";

/**
 * A rule that keeps counters (on its seat), reads further back than three moves, or draws. Its arguments are the
 * turn (0-based), its own and the opponent's realised moves (the last in bit 0, 1 for D, zeros before turn 1),
 * the opponent's defections so far and the generator.
 */
export type Rule = (
  s: Seat,
  t: number,
  mine: number,
  theirs: number,
  theirDefections: number,
  rng: Random,
) => Action;

/** C with probability p; no draw when p is 0 or 1, as the reference's random_choice. */
function chance(p: number, rng: Random): Action {
  if (p >= 1) return C;
  if (p <= 0) return D;
  return rng.next() < p ? C : D;
}

/**
 * The rules of this kind, each its own function: a strategy first met mid-tournament then costs the optimised
 * match loop nothing (one switch over them all lost its optimised code at each new strategy, for want of feedback).
 */
export const RULES: Partial<Record<StrategyName, Rule>> = {
  Grudger: (_s, _t, _m, _o, theirDefections) => (theirDefections > 0 ? D : C),
  CyclerCCD: (s) => cycle(s, 3, 2),
  Prober: prober,
  FirstByDavis: (_s, t, _m, _o, theirDefections) => (t >= 10 && theirDefections > 0 ? D : C),
  Gradual: gradual,
  OriginalGradual: originalGradual,
  GTFT: (s, t, _m, theirs, _d, rng) => (t === 0 || (theirs & 1) === C ? C : chance(s.p, rng)),
  SoftGrudger: softGrudger,
  CyclerDC: (s) => cycle(s, 2, 0),
  Random: (s, _t, _m, _o, _d, rng) => chance(s.p, rng),
  GRIT: grit,
};

/** A fixed cycle of `length` moves with one D at `defectAt`; a = the position, which noise does not move. */
function cycle(s: Seat, length: number, defectAt: number): Action {
  const at = s.a;
  s.a = at + 1 === length ? 0 : at + 1;
  return at === defectAt ? D : C;
}

/** a = 1 once it has decided, at turn 4, to exploit an opponent that let its opening D pass on turns 2 and 3. */
function prober(s: Seat, t: number, _mine: number, theirs: number): Action {
  if (t === 0) return D;
  if (t < 3) return C;
  if (t === 3) s.a = (theirs & 3) === 0 ? 1 : 0;
  return s.a === 1 ? D : ((theirs & 1) as Action);
}

/** a = punishing turns still to play, b = calming turns still to play. */
function gradual(s: Seat, t: number, _mine: number, theirs: number, theirDefections: number): Action {
  if (t === 0) return C;
  if (s.a > 0) {
    s.a--;
    return D;
  }
  if (s.b > 0) {
    s.b--;
    return C;
  }
  if ((theirs & 1) === D) {
    // This turn is the first of k = the opponent's defections so far, all of them counted.
    s.a = theirDefections - 1;
    s.b = 2;
    return D;
  }
  return C;
}

/** a = calming, b = punishing (flags), c = punishing turns played, d = this punishment's length. */
function originalGradual(s: Seat, _t: number, _mine: number, theirs: number): Action {
  if (s.a === 1) {
    s.a = 0;
    return C;
  }
  if (s.b === 1) {
    if (s.c < s.d) {
      s.c++;
      return D;
    }
    s.a = 1;
    s.b = 0;
    s.c = 0;
    return C;
  }
  if ((theirs & 1) === D) {
    s.b = 1;
    s.c++;
    s.d++;
    return D;
  }
  return C;
}

/** a = 1 while punishing, b = the punishment's step: D (the trigger), then D, D, D, C, C. */
function softGrudger(s: Seat, _t: number, _mine: number, theirs: number): Action {
  if (s.a === 1) {
    const step = s.b++;
    if (s.b === 5) s.a = s.b = 0;
    return step < 3 ? D : C;
  }
  if ((theirs & 1) === D) {
    s.a = 1;
    return D;
  }
  return C;
}

/**
 * GRIT, with p = k (initiative length) and q = d (patience). a = initiative steps still to play, b = turns in a row
 * of reciprocal play without mutual cooperation, c = 1 when the last move was an initiative step (initiative turns
 * are not counted as tension: the initiative is meant to go unanswered for a while).
 */
function grit(s: Seat, t: number, mine: number, theirs: number): Action {
  if (t > 0 && s.c === 0) s.b = ((mine | theirs) & 1) === 0 ? 0 : s.b + 1;
  if (s.b >= s.q) {
    s.a = s.p;
    s.b = 0;
  }
  if (s.a > 0) {
    s.a--;
    s.c = 1;
    return C;
  }
  s.c = 0;
  return (theirs & 1) as Action;
}
