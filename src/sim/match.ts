import { createRandom } from "../analysis/random.js";
import { LETTER } from "./game.js";
import { checkNoise, checkSeed, checkTurns } from "./options.js";
import { Noise } from "./noise.js";
import { play } from "./play.js";
import { Seat } from "./seat.js";
import type { Strategy } from "./strategies.js";

export interface MatchOptions {
  turns: number;
  /** The probability that each intended move is flipped (default 0). */
  noise?: number;
  /** Seeds the one generator behind noise and stochastic players (default 1). */
  seed?: number;
}

export interface MatchResult {
  players: [string, string];
  turns: number;
  noise: number;
  seed: number;
  /** One letter a turn, C or D, turn 1 first: the realised moves (after noise). */
  actions: [string, string];
  scores: [number, number];
  cooperations: [number, number];
}

const letters = (moves: Uint8Array) => Array.from(moves, (m) => LETTER[m]).join("");

/** One match of the iterated game: both players' moves turn by turn and their total scores. */
export function match(a: Strategy, b: Strategy, options: MatchOptions): MatchResult {
  const turns = checkTurns(options.turns);
  const noise = checkNoise(options.noise ?? 0);
  const seed = checkSeed(options.seed ?? 1);
  const seats = [new Seat(), new Seat()] as const;
  seats[0].sit(a);
  seats[1].sit(b);
  const record = new Uint8Array(2 * turns);
  const rng = createRandom(seed);
  play(seats[0], seats[1], turns, rng, noise > 0 ? new Noise(noise, rng) : undefined, record);
  return {
    players: [a.name, b.name],
    turns,
    noise,
    seed,
    actions: [letters(record.subarray(0, turns)), letters(record.subarray(turns))],
    scores: [seats[0].score, seats[1].score],
    cooperations: [seats[0].cooperations, seats[1].cooperations],
  };
}
