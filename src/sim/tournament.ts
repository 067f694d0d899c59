import { createRandom } from "../analysis/random.js";
import { quantile } from "../analysis/quantile.js";
import { checkCount, checkNoise, checkSeed, checkTurns } from "./options.js";
import { Noise } from "./noise.js";
import { play } from "./play.js";
import { Seat } from "./seat.js";
import type { Strategy } from "./strategies.js";

export interface TournamentOptions {
  turns: number;
  repetitions: number;
  noise?: number;
  seed?: number;
  /** Told after each pair's repetitions: matches played, matches in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface Standing {
  /** 1 for the first. */
  rank: number;
  name: string;
  /** The median over repetitions of its mean score per turn against the others (the ranking's key). */
  medianScore: number;
  /** Its cooperations over its turns against the others, all repetitions. */
  cooperationRating: number;
  /** The median over repetitions of the matches it won (scored more than its opponent) against the others. */
  medianWins: number;
}

export interface TournamentResult {
  players: string[];
  turns: number;
  repetitions: number;
  noise: number;
  seed: number;
  matches: number;
  ranking: Standing[];
  /** [player][repetition]: its mean score per turn over its matches against the others (self-play left out). */
  normalisedScores: number[][];
  /** [i][j]: i's score per turn against j, averaged over repetitions; the diagonal averages both copies. */
  payoffMatrix: number[][];
}

const bump = (values: Float64Array, k: number, by: number) => {
  values[k] = values[k]! + by;
};

/** Tallies kept while matches are played, each a flat typed array over players (and repetitions, or opponents). */
class Tally {
  readonly perTurn: Float64Array;
  readonly wins: Float64Array;
  readonly cooperations: Float64Array;
  readonly payoff: Float64Array;
  constructor(
    readonly n: number,
    readonly reps: number,
  ) {
    this.perTurn = new Float64Array(n * reps);
    this.wins = new Float64Array(n * reps);
    this.cooperations = new Float64Array(n);
    this.payoff = new Float64Array(n * n);
  }

  add(i: number, j: number, r: number, a: Seat, b: Seat, turns: number): void {
    const { n, reps } = this;
    if (i === j) {
      bump(this.payoff, i * n + i, (a.score + b.score) / 2 / turns);
      return;
    }
    bump(this.payoff, i * n + j, a.score / turns);
    bump(this.payoff, j * n + i, b.score / turns);
    bump(this.perTurn, i * reps + r, a.score / turns);
    bump(this.perTurn, j * reps + r, b.score / turns);
    if (a.score > b.score) bump(this.wins, i * reps + r, 1);
    else if (b.score > a.score) bump(this.wins, j * reps + r, 1);
    bump(this.cooperations, i, a.cooperations);
    bump(this.cooperations, j, b.cooperations);
  }
}

const medianOf = (values: Float64Array) => quantile(Float64Array.from(values), 0.5);

/**
 * A round robin with the reference's conventions: in each repetition every pair plays one match, and each player
 * also plays a separate copy of itself; a player's score in a repetition is its mean score per turn over its
 * matches against the others (self-play left out), and players are ranked by the median of that over
 * repetitions, ties in the order given. Pairs are played in order (i ≤ j), each pair's repetitions together, all
 * from one generator seeded with `seed`: a seed reproduces a tournament exactly.
 */
export function tournament(players: readonly Strategy[], options: TournamentOptions): TournamentResult {
  if (players.length < 2)
    throw new RangeError(`players must name at least 2 strategies, not ${players.length}`);
  const turns = checkTurns(options.turns);
  const reps = checkCount(options.repetitions, "repetitions");
  const noise = checkNoise(options.noise ?? 0);
  const seed = checkSeed(options.seed ?? 1);
  const n = players.length;
  const total = ((n * (n + 1)) / 2) * reps;
  const rng = createRandom(seed);
  const flips = noise > 0 ? new Noise(noise, rng) : undefined;
  const tally = new Tally(n, reps);
  const a = new Seat();
  const b = new Seat();
  let done = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      for (let r = 0; r < reps; r++) {
        a.sit(players[i]!);
        b.sit(players[j]!);
        play(a, b, turns, rng, flips);
        tally.add(i, j, r, a, b, turns);
      }
      done += reps;
      options.onProgress?.(done, total);
    }
  return summarise(players, tally, { turns, repetitions: reps, noise, seed, matches: total });
}

function summarise(
  players: readonly Strategy[],
  tally: Tally,
  run: Pick<TournamentResult, "turns" | "repetitions" | "noise" | "seed" | "matches">,
): TournamentResult {
  const { n, reps } = tally;
  const row = (values: Float64Array, i: number, width: number) => values.subarray(i * width, (i + 1) * width);
  const normalised = players.map((_, i) => Array.from(row(tally.perTurn, i, reps), (s) => s / (n - 1)));
  const standings = players.map((p, i) => ({
    name: p.name,
    medianScore: medianOf(Float64Array.from(normalised[i]!)),
    cooperationRating: tally.cooperations[i]! / ((n - 1) * run.turns * reps),
    medianWins: medianOf(row(tally.wins, i, reps)),
  }));
  // Array.prototype.sort is stable: ties keep the order given, as the reference's sorted() does.
  const order = standings
    .map((_, i) => i)
    .sort((x, y) => standings[y]!.medianScore - standings[x]!.medianScore);
  return {
    players: players.map((p) => p.name),
    ...run,
    ranking: order.map((i, k) => ({ rank: k + 1, ...standings[i]! })),
    normalisedScores: normalised,
    payoffMatrix: players.map((_, i) => Array.from(row(tally.payoff, i, n), (s) => s / reps)),
  };
}
