import type { Random } from "../analysis/random.js";
import type { Action } from "./game.js";
import { KIND, type StrategyName } from "./kinds.js";
import { FIRST, REACTIONS, tableOf } from "./reactive.js";
import { RULES, type Rule } from "./rules.js";
import type { Seat } from "./seat.js";

/** Each kind's table (reactive rules) or rule (the others), by kind number; every strategy has exactly one. */
const NAMES = Object.keys(KIND) as StrategyName[];
const TABLES = NAMES.map((name) => {
  const reaction = REACTIONS[name];
  return reaction ? tableOf(reaction) : null;
});
const BY_KIND = NAMES.map((name) => RULES[name] ?? null);
for (const name of NAMES)
  if ((REACTIONS[name] === undefined) === (RULES[name] === undefined))
    throw new Error(`strategy ${name} needs exactly one of a reaction and a rule`);

/** A reactive strategy's table, else null. */
export const tableFor = (kind: number): Uint8Array | null => TABLES[kind] ?? null;

/** The rule of a strategy that is not a table, else null. */
export const ruleFor = (kind: number): Rule | null => BY_KIND[kind] ?? null;

/**
 * The move a seat intends on turn t (0-based), from what it has seen: its own and the opponent's realised moves
 * (after noise; the last in bit 0, 1 for D, zeros before turn 1) and the opponent's defections so far. Like the
 * reference's `strategy()`, a rule may change its seat's counters. Small, so that the match loop inlines it.
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
  return s.rule!(s, t, mine, theirs, theirDefections, rng);
}
