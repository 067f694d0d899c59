import type { Random } from "../analysis/random.js";
import { decide } from "./decide.js";
import type { Seat } from "./seat.js";

/**
 * Plays `turns` turns between two seated players; afterwards each seat holds its score and cooperations. As in
 * the reference's Match: both players choose (stochastic players drawing in that order), then noise flips each
 * intended move with probability `noise` (a's draw first), and both see and are scored on the realised moves.
 * `record`, when given (2 × turns long), receives a's moves then b's, 0 for C and 1 for D.
 */
export function play(a: Seat, b: Seat, turns: number, noise: number, rng: Random, record?: Uint8Array): void {
  for (let t = 0; t < turns; t++) {
    let x: number = decide(a, t, rng);
    let y: number = decide(b, t, rng);
    if (noise > 0) {
      if (rng.next() < noise) x ^= 1;
      if (rng.next() < noise) y ^= 1;
    }
    a.observe(x, y);
    b.observe(y, x);
    if (record) {
      record[t] = x;
      record[turns + t] = y;
    }
  }
}
