import type { Random } from "../analysis/random.js";

/**
 * Which intended moves noise flips: each independently with probability p, as in the reference. Rather than one
 * draw a move (the reference's way, and two thirds of a noisy tournament's time here), it draws the gap to the next
 * flip, geometric with parameter p, by inversion: one draw a flip, the same distribution of flips.
 */
export class Noise {
  private left: number;
  private readonly logKeep: number;

  constructor(
    readonly p: number,
    private readonly rng: Random,
  ) {
    this.logKeep = Math.log1p(-p);
    this.left = this.gap();
  }

  /** 1 if this move is flipped, else 0; called once for each intended move, in the order they are made. */
  flip(): number {
    if (this.left > 0) {
      this.left--;
      return 0;
    }
    this.left = this.gap();
    return 1;
  }

  /** Moves left alone before the next flip: P(k) = (1 − p)^k p. None flip when p is 0 and all when it is 1. */
  private gap(): number {
    if (this.p <= 0) return Infinity;
    if (this.p >= 1) return 0;
    // 1 − next() is in (0, 1], so the logarithm is finite.
    return Math.floor(Math.log(1 - this.rng.next()) / this.logKeep);
  }
}
