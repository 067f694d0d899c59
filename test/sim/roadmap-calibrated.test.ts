import { describe, expect, it } from "vitest";
import { buildRoadmap, parseStrategyAssignments } from "../../src/sim/index.js";
import { RoadGame } from "../../src/sim/roadmap/play.js";
import { createRandom } from "../../src/analysis/random.js";
import { play, tiny } from "./tiny-roadmap.js";

const medianDays = (r: ReturnType<typeof play>) => r.phases.map((p) => p.days?.median ?? null);

describe("the game's calibrated inputs", () => {
  it("without them the game is as before: no delays drawn, one rate all year", () => {
    const map = buildRoadmap(tiny());
    expect(map.answerDelays).toEqual([]);
    expect(map.provocationsByMonth).toBeUndefined();
    const r = play(tiny(), "A=reciprocal,B=demand-first");
    expect(medianDays(r)).toEqual([0, 7]);
    expect(r).not.toHaveProperty("answerDelays");
    expect(r).not.toHaveProperty("provocationsByMonth");
  });

  it("a player answers a step only once its answer delay has passed since it saw it", () => {
    // A steps on day 0; the demand-first B sees it at once but waits 30 days: it steps on the next turn, day 35.
    expect(medianDays(play(tiny(), "A=reciprocal,B=demand-first", { answerDelays: [30] }))).toEqual([0, 35]);
    // A delay of 0 answers on the next turn, as without delays; a delay of a whole turn too (day 7).
    expect(medianDays(play(tiny(), "A=reciprocal,B=demand-first", { answerDelays: [0] }))).toEqual([0, 7]);
    expect(medianDays(play(tiny(), "A=reciprocal,B=demand-first", { answerDelays: [7] }))).toEqual([0, 7]);
    // With the verification delay: seen on day 30, answered 10 days later, on the first turn after: day 42.
    expect(
      medianDays(play(tiny(), "A=reciprocal,B=demand-first", { answerDelays: [10], verificationDays: 30 })),
    ).toEqual([0, 42]);
  });

  it("the delays are drawn each run from the list, uniformly, from the run's generator", () => {
    const overrides = { answerDelays: [10, 40] };
    // 10 days: answered on day 14; 40 days: on day 42. About half the runs each.
    const r = play(tiny(), "A=reciprocal,B=demand-first", overrides, { runs: 2000, seed: 3 });
    const game = new RoadGame(
      buildRoadmap(tiny(), overrides),
      Object.values(parseStrategyAssignments("A=reciprocal,B=demand-first")),
      createRandom(3),
    );
    const days = new Map<number, number>();
    for (let run = 0; run < 2000; run++) {
      game.run();
      const d = game.phaseDay[1]!;
      days.set(d, (days.get(d) ?? 0) + 1);
    }
    expect([...days.keys()].sort((x, y) => x - y)).toEqual([14, 42]);
    expect(days.get(14)! / 2000).toBeGreaterThan(0.46);
    expect(days.get(14)! / 2000).toBeLessThan(0.54);
    expect(r.phases[1]!.days).toMatchObject({ p5: 14, p95: 42 });
    expect(r.answerDelays).toEqual([10, 40]);
    // The same seed, the same result.
    expect(play(tiny(), "A=reciprocal,B=demand-first", overrides, { runs: 200, seed: 9 })).toEqual(
      play(tiny(), "A=reciprocal,B=demand-first", overrides, { runs: 200, seed: 9 }),
    );
  });

  it("a reciprocal player counts a step received only after its delay: its credit runs ahead until then", () => {
    // B's step costs 2: B (credit 1) can take it only once A's step (value 1) counts as received.
    const a = tiny();
    a.simulation = { steps: { "b-step": { cost: 2 } } };
    expect(medianDays(play(a, "A=reciprocal,B=reciprocal"))).toEqual([0, 7]);
    expect(medianDays(play(a, "A=reciprocal,B=reciprocal", { answerDelays: [60] }))).toEqual([0, 63]);
  });

  it("provocations by month of the year happen only in the months that have them", () => {
    // 365 a year in June only (day 0 is 2020-01-01: June is days 152 to 181), none otherwise.
    const june = Array.from({ length: 12 }, (_, m) => (m === 5 ? 365 : 0));
    const r = play(
      tiny(),
      "A=cooperator,B=cooperator",
      { provocationRates: { A: june, B: 0 } },
      { runs: 300 },
    );
    expect(r.firstDefector).toMatchObject([{ party: "A", count: 300 }]);
    for (const f of r.firstDefection) {
      expect(f.days.p5).toBeGreaterThanOrEqual(152);
      expect(f.days.p95).toBeLessThanOrEqual(181);
    }
    // Two Junes in a horizon of two years, about 4 turns each, at 1 − exp(−7) a turn.
    expect(r.players[0]!.meanBreaches).toBeGreaterThan(7);
    expect(r.players[0]!.meanBreaches).toBeLessThanOrEqual(10);
    expect(r.players[1]!.meanBreaches).toBe(0);
    expect(r.provocationsByMonth).toEqual({ A: june });
    // The yearly rate reported: June's 365 × 30 / 365.
    expect(r.provocations.A).toBeCloseTo(30, 12);
  });

  it("a monthly rate held all year is the same game as that rate", () => {
    const flat = Array<number>(12).fill(2);
    const x = play(tiny(), "A=gtft,B=reciprocal", { provocationRates: { A: flat, B: flat } }, { runs: 100 });
    const y = play(tiny(), "A=gtft,B=reciprocal", { provocations: 2 }, { runs: 100 });
    const { provocationsByMonth, provocations, ...restX } = x;
    const { provocations: rates, ...restY } = y;
    expect(provocationsByMonth).toEqual({ A: flat, B: flat });
    expect(provocations.A).toBeCloseTo(rates.A!, 12);
    expect(restX).toEqual(restY);
  });

  it("refuses monthly rates that are not twelve, or negative", () => {
    expect(() => buildRoadmap(tiny(), { provocationRates: { A: [1, 2] } })).toThrow(
      "provocations.A must give 12 monthly rates, not 2",
    );
    expect(() => buildRoadmap(tiny(), { provocationRates: { A: -1 } })).toThrow(/provocations\.A must be/);
    expect(() => buildRoadmap(tiny(), { answerDelays: [1.5] })).toThrow(
      /answer delay must be a whole number/,
    );
  });
});
