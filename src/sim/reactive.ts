import { C, D, type Action } from "./game.js";
import type { StrategyName } from "./kinds.js";

/** A rule that reads nothing but whether it is turn 1 and the last three moves of each side (1 for D, last in bit 0). */
type Reaction = (first: boolean, mine: number, theirs: number) => Action;

const last = (moves: number) => (moves & 1) as Action;
const flip = (a: Action) => (1 - a) as Action;

/**
 * The rules that react to the last few moves only. Missing moves before turn 1 read as C, as the reference's rules
 * read a short history; each becomes a lookup table (see `tableFor`).
 */
export const REACTIONS: Partial<Record<StrategyName, Reaction>> = {
  Cooperator: () => C,
  Defector: () => D,
  TitForTat: (_f, _m, theirs) => last(theirs),
  TitFor2Tats: (_f, _m, theirs) => ((theirs & 3) === 3 ? D : C),
  TwoTitsForTat: (_f, _m, theirs) => ((theirs & 3) !== 0 ? D : C),
  SuspiciousTitForTat: (first, _m, theirs) => (first ? D : last(theirs)),
  Alternator: (first, mine) => (first ? C : flip(last(mine))),
  WinStayLoseShift: (first, mine, theirs) => (first ? C : last(mine ^ theirs)),
  Bully: (_f, _m, theirs) => flip(last(theirs)),
  HardTitForTat: (_f, _m, theirs) => ((theirs & 7) !== 0 ? D : C),
  AntiTitForTat: (first, _m, theirs) => (first ? C : flip(last(theirs))),
  WinShiftLoseStay: (first, mine, theirs) => (first ? D : flip(last(mine ^ theirs))),
};

/** Where a table keeps turn 1's move; before it, index (own last three << 3) | the opponent's last three. */
export const FIRST = 64;

/** A reaction as its table: 65 moves, built once per strategy. */
export function tableOf(reaction: Reaction): Uint8Array {
  const table = new Uint8Array(FIRST + 1);
  for (let i = 0; i < FIRST; i++) table[i] = reaction(false, i >> 3, i & 7);
  table[FIRST] = reaction(true, 0, 0);
  return table;
}
