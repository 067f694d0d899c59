import { describe, expect, it } from "vitest";
import {
  buildRoadmap,
  parseStrategyAssignments,
  simulateRoadmap,
  sweepRoadmap,
  sweepValues,
  type SweepSpec,
} from "../../src/sim/index.js";
import { tiny } from "./tiny-roadmap.js";

const sweep = (spec: SweepSpec, strategies: string, runs = 300, seed = 1, overrides = {}) =>
  sweepRoadmap(tiny(), overrides, spec, parseStrategyAssignments(strategies), { runs, seed });

describe("sweeps", () => {
  it("spaces the values evenly, as written, and refuses what the parameter cannot take", () => {
    expect(sweepValues({ parameter: "noise", from: 0, to: 0.2, steps: 4 })).toEqual([
      0, 0.05, 0.1, 0.15, 0.2,
    ]);
    expect(sweepValues({ parameter: "delay", from: 0, to: 90, steps: 3 })).toEqual([0, 30, 60, 90]);
    expect(sweepValues({ parameter: "provocations", from: 0.5, to: 2, steps: 3 })).toEqual([0.5, 1, 1.5, 2]);
    expect(() => sweepValues({ parameter: "delay", from: 0, to: 100, steps: 3 })).toThrow(
      "delay is whole days: 0..100 in 3 steps gives 33.3333333333; choose steps that divide 100",
    );
    expect(() => sweepValues({ parameter: "noise", from: 0, to: 2, steps: 4 })).toThrow(
      /must be in \[0, 1\]/,
    );
    expect(() => sweepValues({ parameter: "noise", from: 0.2, to: 0.1, steps: 4 })).toThrow(
      "FROM must be less than TO",
    );
    expect(() => sweepValues({ parameter: "noise", from: 0, to: 0.1, steps: 0 })).toThrow(/steps must be/);
    expect(() => sweepValues({ parameter: "provocations", from: -1, to: 1, steps: 2 })).toThrow(/0 or more/);
  });

  it("a sweep's point is the game played once at that value, with the same seed", () => {
    const s = sweep({ parameter: "noise", from: 0, to: 0.1, steps: 2 }, "A=gtft,B=reciprocal", 200, 5, {
      provocations: 1,
    });
    expect(s.values).toEqual([0, 0.05, 0.1]);
    const strategies = parseStrategyAssignments("A=gtft,B=reciprocal");
    for (const { value, result } of s.points)
      expect(result).toEqual(
        simulateRoadmap(buildRoadmap(tiny(), { provocations: 1, misperception: value }), strategies, {
          runs: 200,
          seed: 5,
        }),
      );
    const d = sweep({ parameter: "delay", from: 0, to: 60, steps: 2 }, "A=reciprocal,B=demand-first", 10);
    expect(d.points[2]!.result).toEqual(
      simulateRoadmap(
        buildRoadmap(tiny(), { verificationDays: 60 }),
        parseStrategyAssignments("A=reciprocal,B=demand-first"),
        { runs: 10, seed: 1 },
      ),
    );
  });

  it("with grim players, more noise or more provocations never makes the last phase more likely", () => {
    // The common random numbers make this hold run by run, so the counts can only fall.
    for (const parameter of ["noise", "provocations"] as const) {
      const s = sweep(
        { parameter, from: 0, to: parameter === "noise" ? 0.1 : 8, steps: 5 },
        "A=grim,B=grim",
        400,
        2,
        { verificationDays: 60 },
      );
      const counts = s.points.map((p) => p.result.phases[1]!.reached.count);
      for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1]!);
      expect(counts[0]).toBe(400);
      expect(counts.at(-1)).toBeLessThan(400);
      // Who defects first: nobody at 0, and more often someone as the parameter grows.
      const nobody = s.points.map((p) => p.result.noDefection.count);
      for (let k = 1; k < nobody.length; k++) expect(nobody[k]).toBeLessThanOrEqual(nobody[k - 1]!);
      expect(nobody[0]).toBe(400);
    }
  });

  it("a longer verification delay answers later, and not at all past the horizon", () => {
    const s = sweep({ parameter: "delay", from: 0, to: 1000, steps: 4 }, "A=reciprocal,B=demand-first", 5);
    expect(s.values).toEqual([0, 250, 500, 750, 1000]);
    // Seen on day d, answered on the first turn after: 7, 252, 504; past the horizon (day 730), never.
    expect(s.points.map((p) => p.result.phases[1]!.days?.median ?? null)).toEqual([7, 252, 504, null, null]);
    expect(s.points.map((p) => p.result.phases[1]!.reached.probability)).toEqual([1, 1, 1, 0, 0]);
  });
});
