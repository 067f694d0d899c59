import { createRandom, type Random } from "../analysis/random.js";
import { checkCount, checkNoise, checkSeed, checkTurns } from "./options.js";
import { Noise } from "./noise.js";
import { play } from "./play.js";
import { Seat } from "./seat.js";
import { wilson } from "./wilson.js";
import type { Strategy } from "./strategies.js";

export interface MoranOptions {
  turns: number;
  noise?: number;
  seed?: number;
  /** Processes run to fixation, each from the initial population. */
  runs: number;
  /** A run that has not fixated after this many births is an error (default 1,000,000). */
  maxSteps?: number;
  /** Told after each run: runs done, runs in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface Fixation {
  name: string;
  /** Its individuals in the initial population. */
  initial: number;
  /** Runs in which it took over the whole population. */
  fixations: number;
  probability: number;
  /** Wilson score interval, 95%. */
  interval: [number, number];
  /** The fixation probability of a type with no advantage: its share of the initial population. */
  neutral: number;
}

export interface MoranResult {
  population: string[];
  size: number;
  turns: number;
  noise: number;
  seed: number;
  runs: number;
  fixation: Fixation[];
  meanSteps: number;
}

/**
 * What one generation's matches need: the distinct strategies, two seats, the generator and the noise. Without
 * noise, a match between two deterministic strategies is always the same, so its scores are kept (as the
 * reference's deterministic cache does); it draws nothing, so keeping it changes no later draw.
 */
class Arena {
  private readonly a = new Seat();
  private readonly b = new Seat();
  private readonly cache: Float64Array;

  constructor(
    private readonly types: readonly Strategy[],
    private readonly turns: number,
    private readonly rng: Random,
    private readonly noise: Noise | undefined,
  ) {
    this.cache = new Float64Array(types.length * types.length * 2).fill(NaN);
  }

  /** Each individual's fitness: its summed score per turn against every other individual (one match each). */
  fitness(population: Int32Array, out: Float64Array): void {
    out.fill(0);
    for (let i = 0; i < population.length; i++)
      for (let j = i + 1; j < population.length; j++) {
        const x = population[i]!;
        const y = population[j]!;
        const k = (x * this.types.length + y) * 2;
        if (!this.keeps(x, y) || Number.isNaN(this.cache[k]!)) this.play(x, y, k);
        out[i] = out[i]! + this.cache[k]!;
        out[j] = out[j]! + this.cache[k + 1]!;
      }
  }

  private keeps(x: number, y: number): boolean {
    return this.noise === undefined && !this.types[x]!.stochastic && !this.types[y]!.stochastic;
  }

  private play(x: number, y: number, k: number): void {
    this.a.sit(this.types[x]!);
    this.b.sit(this.types[y]!);
    play(this.a, this.b, this.turns, this.rng, this.noise);
    this.cache[k] = this.a.score / this.turns;
    this.cache[k + 1] = this.b.score / this.turns;
  }
}

/** Index of the individual chosen to reproduce, with probability proportional to fitness (the reference's rule). */
function proportional(fitness: Float64Array, rng: Random): number {
  let total = 0;
  for (let i = 0; i < fitness.length; i++) total += fitness[i]!;
  const r = rng.next() * total;
  let sum = 0;
  for (let i = 0; i < fitness.length; i++) {
    sum += fitness[i]!;
    if (sum >= r) return i;
  }
  return fitness.length - 1;
}

/** One birth–death process from `initial` to fixation: the type that took over, and the births it took. */
function runToFixation(initial: Int32Array, arena: Arena, rng: Random, maxSteps: number) {
  const population = Int32Array.from(initial);
  const fitness = new Float64Array(population.length);
  for (let steps = 0; steps <= maxSteps; steps++) {
    if (population.every((t) => t === population[0])) return { winner: population[0]!, steps };
    arena.fitness(population, fitness);
    const parent = proportional(fitness, rng);
    // The one replaced is drawn from the whole population, the parent included (the reference's default
    // reproduction graph: the complete graph with loops).
    population[rng.int(0, population.length - 1)] = population[parent]!;
  }
  throw new RangeError(`a Moran process did not fixate within ${maxSteps} births (maxSteps)`);
}

/**
 * Fixation probabilities by simulation of the reference's MoranProcess (birth–death, no mutation, everyone
 * interacting with everyone else): each generation every individual plays one match against every other, its
 * fitness the sum of its scores per turn; one individual is chosen to reproduce in proportion to fitness and its
 * copy replaces one drawn uniformly (itself included); repeated until one strategy holds the whole population.
 * `population` lists the individuals (a strategy may repeat); one generator, seeded, behind everything.
 */
export function moran(population: readonly Strategy[], options: MoranOptions): MoranResult {
  if (population.length < 2)
    throw new RangeError(`population must have at least 2 individuals, not ${population.length}`);
  checkCount(population.length, "population size", 2, 1000);
  const turns = checkTurns(options.turns);
  const noise = checkNoise(options.noise ?? 0);
  const seed = checkSeed(options.seed ?? 1);
  const runs = checkCount(options.runs, "runs");
  const maxSteps = checkCount(options.maxSteps ?? 1_000_000, "maxSteps");
  const names = [...new Set(population.map((s) => s.name))];
  const types = names.map((n) => population.find((s) => s.name === n)!);
  const initial = Int32Array.from(population, (s) => names.indexOf(s.name));
  const rng = createRandom(seed);
  const arena = new Arena(types, turns, rng, noise > 0 ? new Noise(noise, rng) : undefined);
  const fixations = new Float64Array(types.length);
  let steps = 0;
  for (let r = 0; r < runs; r++) {
    const run = runToFixation(initial, arena, rng, maxSteps);
    fixations[run.winner] = fixations[run.winner]! + 1;
    steps += run.steps;
    options.onProgress?.(r + 1, runs);
  }
  return {
    population: population.map((s) => s.name),
    size: population.length,
    turns,
    noise,
    seed,
    runs,
    fixation: names.map((name, t) => {
      const count = initial.filter((x) => x === t).length;
      return {
        name,
        initial: count,
        fixations: fixations[t]!,
        probability: fixations[t]! / runs,
        interval: wilson(fixations[t]!, runs),
        neutral: count / population.length,
      };
    }),
    meanSteps: steps / runs,
  };
}
