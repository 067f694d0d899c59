import { describe, expect, it } from "vitest";
import { match, moran, parseStrategy } from "../../src/sim/index.js";

const population = (spec: [string, number][]) =>
  spec.flatMap(([name, n]) => Array(n).fill(parseStrategy(name)));

/**
 * The exact fixation probability of one A among N − 1 B's in the birth–death process with frequency-dependent
 * fitness (each individual's summed payoff per turn against all others), the parent also liable to be replaced:
 * with j A's, a step adds an A with probability (j fA / F)((N − j)/N) and removes one with ((N − j) fB / F)(j/N),
 * so ρ = 1 / (1 + Σ_k Π_{j≤k} fB(j)/fA(j)).
 */
function exactFixation(aa: number, ab: number, ba: number, bb: number, n: number): number {
  let sum = 0;
  let product = 1;
  for (let j = 1; j < n; j++) {
    const fA = (j - 1) * aa + (n - j) * ab;
    const fB = j * ba + (n - j - 1) * bb;
    product *= fB / fA;
    sum += product;
  }
  return 1 / (1 + sum);
}

describe("moran", () => {
  it("fixes a single invader as often as the exact birth–death formula has it", () => {
    const turns = 10;
    const perTurn = (a: string, b: string) =>
      match(parseStrategy(a), parseStrategy(b), { turns }).scores.map((s) => s / turns) as [number, number];
    const [dd] = perTurn("Defector", "Defector");
    const [dt, td] = perTurn("Defector", "TitForTat");
    const [tt] = perTurn("TitForTat", "TitForTat");
    const n = 5;
    const rho = exactFixation(dd!, dt, td, tt!, n);
    const runs = 4000;
    const r = moran(
      population([
        ["Defector", 1],
        ["TitForTat", n - 1],
      ]),
      { turns, runs, seed: 3 },
    );
    const defector = r.fixation.find((f) => f.name === "Defector")!;
    expect(Math.abs(defector.probability - rho)).toBeLessThan(4 * Math.sqrt((rho * (1 - rho)) / runs));
    expect(defector.interval[0]).toBeLessThan(defector.probability);
    expect(defector.interval[1]).toBeGreaterThan(defector.probability);
    expect(defector.neutral).toBe(1 / n);
    expect(r.fixation.reduce((s, f) => s + f.fixations, 0)).toBe(runs);
  });

  it("gives strategies that cannot be told apart their share of the population (neutral drift), with noise", () => {
    // Cooperator and Cooperator-like GTFT:1 play alike whatever the noise: fixation is neutral, 2 in 5.
    const runs = 3000;
    const r = moran(
      population([
        ["Cooperator", 2],
        ["GTFT:1", 3],
      ]),
      { turns: 10, runs, noise: 0.1, seed: 8 },
    );
    const c = r.fixation.find((f) => f.name === "Cooperator")!;
    expect(Math.abs(c.probability - 0.4)).toBeLessThan(4 * Math.sqrt((0.4 * 0.6) / runs));
    expect(r.meanSteps).toBeGreaterThan(0);
  });

  it("is reproduced exactly by its seed", () => {
    const run = (seed: number) =>
      moran(
        population([
          ["TitForTat", 2],
          ["Defector", 2],
          ["GTFT", 1],
        ]),
        { turns: 30, runs: 40, noise: 0.05, seed },
      );
    expect(run(5)).toEqual(run(5));
    expect(run(5).fixation).not.toEqual(run(6).fixation);
  });

  it("refuses bad options, naming the field", () => {
    const two = population([
      ["TitForTat", 1],
      ["Defector", 1],
    ]);
    expect(() => moran(two.slice(0, 1), { turns: 5, runs: 1 })).toThrow(/population must have at least 2/);
    expect(() => moran(two, { turns: 5, runs: 0 })).toThrow(/runs must be a whole number/);
    expect(() => moran(two, { turns: 5, runs: 1, noise: 3 })).toThrow(/noise must be a probability/);
  });
});
