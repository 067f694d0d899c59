import { checkMinShift, drawShifts } from "./circular-shift.js";

/**
 * Which rotations of the effect series make the null of the window test and the event study (circular-shift.ts
 * says why rotations). A rotation by s days is an alignment of the effect with the causes; there are L − 1 besides
 * the observed one (L the series' length), and the statistic takes one value on each, so the null can be sampled
 * or enumerated:
 * - "sampled": `permutations` rotations drawn uniformly from minShift..L − minShift, with repetition;
 * - "exact": every rotation in minShift..L − minShift once — the sampled null's limit, without sampling error;
 * - "seasonal": every whole multiple of `shiftStep` days (364: 52 weeks) in that range, once;
 * - "seasonal-jitter": every whole multiple of `shiftStep` moved by −jitter..+jitter days, in that range, once.
 *
 * The observed alignment (rotation 0) is never in the null: the p-values count it once on their own (pValues in
 * circular-shift.ts, the +1), as the sampled null always has. With minShift 1 the exact one-sided p is then the
 * share of all L rotations, the observed one included, whose statistic is at least the observed: the exact
 * permutation p-value over the rotations. The sampled p tends to (#{null ≥ observed}) / (L − 1) instead, which
 * differs from it by at most 1 / L.
 *
 * Seasonal shifts count forward, as whole years ± jitter: a rotation by s moves the first L − s days forward by s
 * and the last s days back by L − s, which is whole years only when L is. A shift beyond L − minShift is left out
 * rather than taken modulo L, since it would be a rotation by a few days, not by years: over 2015–2025
 * (L = 4,018 = 11 × 364 + 14), the 11-year shift is kept (a rotation of 14 days back for all but 14 days), but of
 * its jittered neighbours only those up to 4,017 days, the rest being the observed alignment or within 16 days of it.
 */
/** The nulls a window test or event study can be read against. */
export const NULL_KINDS = ["exact", "sampled", "seasonal", "seasonal-jitter"] as const;
export type NullKind = (typeof NULL_KINDS)[number];

export interface ShiftNullOptions {
  /** Every rotation once instead of `permutations` drawn; default false. Seasonal nulls are always enumerated. */
  exact?: boolean;
  /** Rotations drawn for the sampled null; default 10,000. */
  permutations?: number;
  /** Seed of the sampled rotations (random.ts); default 1. */
  seed?: number;
  /**
   * The smallest rotation, in days either way; default 1. A rotation by a few days barely moves the effect
   * relative to the causes, so it counts an effect right after the causes as "chance" too: the test stays valid
   * but loses power. A minShift of the window's width or more leaves those rotations out.
   */
  minShift?: number;
  /** Rotate only by whole multiples of this many days, e.g. 364 to keep seasons and weekdays; default 1. */
  shiftStep?: number;
  /** With a shiftStep: each multiple moved by up to this many days either way, every offset once; default 0. */
  jitter?: number;
}

/** Which null a result rests on, as it reports it. */
export interface NullSummary {
  null: NullKind;
  /** Rotations in the null: drawn (sampled, repeats included) or enumerated (each once). */
  alignments: number;
  /** The same number as `alignments`, under the name the results have always had. */
  permutations: number;
  seed: number;
  minShift: number;
  shiftStep: number;
  jitter: number;
}

/** The null's rotations (each in 1..length − 1) and how the result reports them. */
export function nullShifts(
  length: number,
  options: ShiftNullOptions = {},
): { shifts: Int32Array; summary: NullSummary } {
  const { shifts, summary } = planNull(length, options);
  if (shifts) return { shifts, summary };
  const every = new Int32Array(summary.alignments);
  for (let i = 0; i < every.length; i++) every[i] = summary.minShift + i;
  return { shifts: every, summary };
}

/**
 * The null as nullShifts gives it, but the exact null's rotations left as the run minShift..length − minShift that
 * they are, not written out: a caller that reads the statistic of every rotation at once (the window test) needs no
 * list of them.
 */
export function planNull(
  length: number,
  options: ShiftNullOptions = {},
): { shifts?: Int32Array; summary: NullSummary } {
  const minShift = options.minShift ?? 1;
  const step = options.shiftStep ?? 1;
  const jitter = options.jitter ?? 0;
  const seed = options.seed ?? 1;
  checkWhole(step, 1, "shiftStep");
  checkMinShift(length, minShift);
  let kind: NullKind;
  let shifts: Int32Array | undefined;
  if (step > 1) {
    // Two jittered multiples never reach the same rotation, so each alignment is counted once.
    checkWhole(jitter, 0, "jitter", maxJitter(step));
    kind = jitter > 0 ? "seasonal-jitter" : "seasonal";
    shifts = seasonalShifts(length, step, jitter, minShift);
  } else if (jitter !== 0) {
    throw new RangeError(`jitter moves whole-year shifts: it needs a shiftStep (364), not ${step}`);
  } else if (options.exact) {
    kind = "exact";
  } else {
    kind = "sampled";
    shifts = drawShifts(length, options.permutations ?? 10_000, seed, minShift);
  }
  const n = shifts ? shifts.length : length - 2 * minShift + 1;
  const summary = { null: kind, alignments: n, permutations: n, seed, minShift, shiftStep: step, jitter };
  return shifts ? { shifts, summary } : { summary };
}

/** The most a multiple of `step` may be moved either way: two jittered multiples never reach the same rotation. */
export const maxJitter = (step: number): number => Math.floor((step - 1) / 2);

/**
 * The statistic under each rotation of the null, from its value under every rotation (totals[s] for s in
 * 0..L − 1). The exact null's rotations are one run of the table, returned as a view of it, not a copy.
 */
export function nullValues(
  totals: Float64Array,
  shifts: Int32Array | undefined,
  summary: NullSummary,
): Float64Array {
  if (summary.null === "exact" || !shifts)
    return totals.subarray(summary.minShift, totals.length - summary.minShift + 1);
  const nulls = new Float64Array(shifts.length);
  for (let i = 0; i < shifts.length; i++) nulls[i] = totals[shifts[i]!]!;
  return nulls;
}

/** k × step + j for k = 1, 2, … and j = −jitter..jitter, those in minShift..length − minShift, ascending. */
function seasonalShifts(length: number, step: number, jitter: number, minShift: number): Int32Array {
  const shifts: number[] = [];
  for (let k = 1; k * step - jitter <= length - minShift; k++)
    for (let j = -jitter; j <= jitter; j++) {
      const s = k * step + j;
      if (s >= minShift && s <= length - minShift) shifts.push(s);
    }
  if (shifts.length === 0)
    throw new RangeError(`the series (${length} days) is shorter than one shift of ${step} days`);
  return Int32Array.from(shifts);
}

function checkWhole(n: number, min: number, name: string, max = Infinity): void {
  if (!Number.isInteger(n) || n < min || n > max)
    throw new RangeError(
      `${name} must be a whole number ${max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`}, not ${n}`,
    );
}
