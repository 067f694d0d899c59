import type { Random } from "../analysis/random.js";
import { decide } from "./decide.js";
import { GAME } from "./game.js";
import type { Noise } from "./noise.js";
import type { Seat } from "./seat.js";

/** The last eight moves are all any rule reads (HardTitForTat reads three). */
const KEEP = 0xff;

/**
 * Plays `turns` turns between two seated players and leaves each seat's score and cooperations on it. As in the
 * reference's Match: both players choose (stochastic players drawing in that order), then noise may flip each
 * intended move (a's first), and both see and are scored on the realised moves. `noise` undefined: none.
 * `record`, when given (2 × turns long), receives a's moves then b's, 0 for C and 1 for D.
 */
export function play(
  a: Seat,
  b: Seat,
  turns: number,
  rng: Random,
  noise: Noise | undefined,
  record?: Uint8Array,
): void {
  // Each side's realised moves, the last in bit 0 (1 for D), its defections, and the turns both defected: with
  // the defection counts these give every outcome's count, hence both scores.
  let movesA = 0;
  let movesB = 0;
  let defectionsA = 0;
  let defectionsB = 0;
  let both = 0;
  for (let t = 0; t < turns; t++) {
    let x: number = decide(a, t, movesA, movesB, defectionsB, rng);
    let y: number = decide(b, t, movesB, movesA, defectionsA, rng);
    if (noise) {
      x ^= noise.flip();
      y ^= noise.flip();
    }
    movesA = ((movesA << 1) | x) & KEEP;
    movesB = ((movesB << 1) | y) & KEEP;
    defectionsA += x;
    defectionsB += y;
    both += x & y;
    if (record) {
      record[t] = x;
      record[turns + t] = y;
    }
  }
  const onlyA = defectionsA - both;
  const onlyB = defectionsB - both;
  const neither = turns - onlyA - onlyB - both;
  a.score = GAME.R * neither + GAME.S * onlyB + GAME.T * onlyA + GAME.P * both;
  b.score = GAME.R * neither + GAME.S * onlyA + GAME.T * onlyB + GAME.P * both;
  a.cooperations = turns - defectionsA;
  b.cooperations = turns - defectionsB;
}
