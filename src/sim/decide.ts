import type { Random } from "../analysis/random.js";
import { C, D, type Action } from "./game.js";
import type { Seat } from "./seat.js";

/**
 * Each strategy's number. The names are the catalog's (strategies.ts keys its entries by them, so the compiler
 * holds the two lists together); numbers let `decide` dispatch with a switch the JIT compiles to a jump.
 */
export const KIND = {
  Cooperator: 0,
  Defector: 1,
  TitForTat: 2,
  Grudger: 3,
  TitFor2Tats: 4,
  TwoTitsForTat: 5,
  SuspiciousTitForTat: 6,
  Alternator: 7,
  WinStayLoseShift: 8,
  CyclerCCD: 9,
  Bully: 10,
  Prober: 11,
  FirstByDavis: 12,
  Gradual: 13,
  OriginalGradual: 14,
  GTFT: 15,
  HardTitForTat: 16,
  SoftGrudger: 17,
  AntiTitForTat: 18,
  CyclerDC: 19,
  WinShiftLoseStay: 20,
  Random: 21,
  GRIT: 22,
} as const;
export type StrategyName = keyof typeof KIND;

/** C with probability p; no draw when p is 0 or 1, as the reference's random_choice. */
function chance(p: number, rng: Random): Action {
  if (p >= 1) return C;
  if (p <= 0) return D;
  return rng.next() < p ? C : D;
}

/**
 * The rules that read nothing but whether it is turn 1 and the last three moves of each side, with missing moves
 * read as C (as the reference's rules read a short history): each is a lookup table, built once from this.
 */
function reactive(kind: number, first: boolean, mine: number, theirs: number): Action | undefined {
  const opp = (theirs & 1) as Action;
  switch (kind) {
    case KIND.Cooperator:
      return C;
    case KIND.Defector:
      return D;
    case KIND.TitForTat:
      return opp;
    case KIND.TitFor2Tats:
      return (theirs & 3) === 3 ? D : C;
    case KIND.TwoTitsForTat:
      return (theirs & 3) !== 0 ? D : C;
    case KIND.SuspiciousTitForTat:
      return first ? D : opp;
    case KIND.Alternator:
      return first ? C : ((1 - (mine & 1)) as Action);
    case KIND.WinStayLoseShift:
      return first ? C : (((mine ^ theirs) & 1) as Action);
    case KIND.Bully:
      return (1 - opp) as Action;
    case KIND.HardTitForTat:
      return (theirs & 7) !== 0 ? D : C;
    case KIND.AntiTitForTat:
      return first ? C : ((1 - opp) as Action);
    case KIND.WinShiftLoseStay:
      return first ? D : ((1 - ((mine ^ theirs) & 1)) as Action);
    default:
      return undefined;
  }
}

/** Where a reactive rule's table keeps turn 1's move; before it, (own last three << 3) | the opponent's. */
const FIRST = 64;
const tables = new Map<number, Uint8Array | null>();

/** A reactive rule's table (shared, read-only), or null for a rule that keeps counters or draws. */
export function tableFor(kind: number): Uint8Array | null {
  let table = tables.get(kind);
  if (table === undefined) {
    const first = reactive(kind, true, 0, 0);
    table = first === undefined ? null : new Uint8Array(FIRST + 1);
    if (table) {
      for (let i = 0; i < FIRST; i++) table[i] = reactive(kind, false, i >> 3, i & 7)!;
      table[FIRST] = first!;
    }
    tables.set(kind, table);
  }
  return table;
}

/**
 * The move a seat intends on turn t (0-based), from what it has seen: its own and the opponent's realised moves
 * (after noise; the last in bit 0, 1 for D, zeros before turn 1) and the opponent's defections so far. Like the
 * reference's `strategy()`, it may change the seat's own counters. Small, so that the match loop inlines it.
 */
export function decide(
  s: Seat,
  t: number,
  mine: number,
  theirs: number,
  theirDefections: number,
  rng: Random,
): Action {
  const table = s.table;
  if (table !== null) return table[t === 0 ? FIRST : ((mine & 7) << 3) | (theirs & 7)] as Action;
  return byRule(s, t, mine, theirs, theirDefections, rng);
}

/** The rules that keep counters, read further back, or draw. */
function byRule(
  s: Seat,
  t: number,
  mine: number,
  theirs: number,
  theirDefections: number,
  rng: Random,
): Action {
  switch (s.kind) {
    case KIND.Grudger:
      return theirDefections > 0 ? D : C;
    case KIND.CyclerCCD:
      return cycle(s, 3, 2);
    case KIND.Prober:
      return prober(s, t, theirs);
    case KIND.FirstByDavis:
      return t >= 10 && theirDefections > 0 ? D : C;
    case KIND.Gradual:
      return gradual(s, t, theirs, theirDefections);
    case KIND.OriginalGradual:
      return originalGradual(s, theirs);
    case KIND.GTFT:
      return t === 0 || (theirs & 1) === C ? C : chance(s.p, rng);
    case KIND.SoftGrudger:
      return softGrudger(s, theirs);
    case KIND.CyclerDC:
      return cycle(s, 2, 0);
    case KIND.Random:
      return chance(s.p, rng);
    case KIND.GRIT:
      return grit(s, t, mine, theirs);
    default:
      throw new RangeError(`no strategy of kind ${s.kind}`);
  }
}

/** A fixed cycle of `length` moves with one D at `defectAt`; a = the position, which noise does not move. */
function cycle(s: Seat, length: number, defectAt: number): Action {
  const at = s.a;
  s.a = at + 1 === length ? 0 : at + 1;
  return at === defectAt ? D : C;
}

/** a = 1 once it has decided, at turn 4, to exploit an opponent that let its opening D pass on turns 2 and 3. */
function prober(s: Seat, t: number, theirs: number): Action {
  if (t === 0) return D;
  if (t < 3) return C;
  if (t === 3) s.a = (theirs & 3) === 0 ? 1 : 0;
  return s.a === 1 ? D : ((theirs & 1) as Action);
}

/** a = punishing turns still to play, b = calming turns still to play. */
function gradual(s: Seat, t: number, theirs: number, theirDefections: number): Action {
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
function originalGradual(s: Seat, theirs: number): Action {
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
function softGrudger(s: Seat, theirs: number): Action {
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
