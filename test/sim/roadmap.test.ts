import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAgreement } from "../../src/agreement/index.js";
import { buildRoadmap, parseRoadmapStrategy, parseStrategyAssignments } from "../../src/sim/index.js";
import { play, tiny } from "./tiny-roadmap.js";

const bundled = (name: string) =>
  readFileSync(new URL(`../../scenarios/korea/agreements/${name}`, import.meta.url), "utf8");
const BUNDLED_DOUBLE_FREEZE = bundled("double-freeze-2017.yaml");
const BUNDLED_MILITARY = bundled("military-agreement-2018.yaml");

const reached = (r: ReturnType<typeof play>) => r.phases.map((p) => p.reached.probability);
const medianDays = (r: ReturnType<typeof play>) => r.phases.map((p) => p.days?.median ?? null);

describe("roadmap games without noise: outcomes worked by hand", () => {
  it("two reciprocal parties: A steps on day 0 (its credit covers the cost), B a turn later once A's step starts B's", () => {
    const r = play(tiny(), "A=reciprocal,B=reciprocal");
    expect(reached(r)).toEqual([1, 1]);
    expect(medianDays(r)).toEqual([0, 7]);
    expect(r.steps.map((s) => [s.id, s.days])).toEqual([
      ["a-step", { p5: 0, median: 0, p95: 0 }],
      ["b-step", { p5: 7, median: 7, p95: 7 }],
    ]);
    expect(r.noDefection.probability).toBe(1);
    expect(r.firstDefection).toEqual([]);
    // Both steps performed by day 7, in every run, with no breach.
    expect([r.completed.probability, r.completed.days?.median, r.completedWithoutBreach.probability]).toEqual(
      [1, 7, 1],
    );
    // Payoffs: each gave 1 and received 1.
    expect(r.players.map((p) => p.meanPayoff)).toEqual([0, 0]);
  });

  it("a demand-first creditor waits until it has seen the step: seen on day 30, answered on the next turn, day 35", () => {
    const r = play(tiny(), "A=reciprocal,B=demand-first", { verificationDays: 30 });
    expect(medianDays(r)).toEqual([0, 35]);
    // The same from the file's simulation: section.
    const fromFile = play(
      tiny({ simulation: "simulation: { verification: P30D }" }),
      "A=reciprocal,B=demand-first",
    );
    expect(medianDays(fromFile)).toEqual([0, 35]);
  });

  it("two demand-first parties: each waits for the other, nothing moves and nobody defects", () => {
    const r = play(tiny(), "A=demand-first,B=demand-first");
    expect(reached(r)).toEqual([0, 0]);
    expect(r.steps.map((s) => s.taken.count)).toEqual([0, 0]);
    expect(r.noDefection.probability).toBe(1);
  });

  it("a step that costs more than the credit is not taken by a reciprocal party; a larger credit or GRIT takes it", () => {
    const costly = tiny({ simulation: "simulation: { steps: { a-step: { cost: 3 } } }" });
    expect(reached(play(costly, "A=reciprocal,B=reciprocal"))).toEqual([0, 0]);
    expect(reached(play(costly, "A=reciprocal:3,B=reciprocal"))).toEqual([1, 1]);
    expect(reached(play(costly, "A=grit:1,B=reciprocal"))).toEqual([1, 1]);
    // B's step answers A's only if its value covers B's cost: here 1 received against 1 given, with 1 of credit.
    expect(medianDays(play(costly, "A=grit,B=reciprocal"))).toEqual([0, 7]);
    // A step still being performed at the horizon is not performed: a step that takes 30 days, taken on day 0,
    // with a horizon of 20 days, is never counted as carried out.
    const slow = tiny({ simulation: "simulation: { steps: { a-step: { takes: P30D } } }" });
    expect(play(slow, "A=reciprocal,B=reciprocal", { horizonDays: 20 }).completed.probability).toBe(0);
    const done = play(slow, "A=reciprocal,B=reciprocal", { horizonDays: 60 }).completed;
    expect([done.probability, done.days?.median]).toEqual([1, 35]);
  });

  it("a defector breaks its freeze on day 0 before any step; the reciprocal party answers and nothing is built", () => {
    const r = play(tiny(), "A=defector,B=reciprocal");
    expect(reached(r)).toEqual([0, 0]);
    expect(r.firstDefection).toMatchObject([
      { party: "A", cause: "choice", afterStep: null, probability: 1, days: { median: 0 } },
    ]);
    // A breaks its freeze every turn (day 0 to 728, 105 turns); B answers each from day 7 (104 turns).
    expect(r.players.map((p) => p.meanBreaches)).toEqual([105, 104]);
  });

  it("a missed deadline is a breach by the debtor, after the step before it; with cure allowed it is taken late", () => {
    // B's step is due within 14 days of its start (day 0 to 13); B sees A's step only on day 30.
    const r = play(tiny({ bWindow: "P14D" }), "A=reciprocal,B=demand-first", { verificationDays: 30 });
    expect(r.firstDefection).toMatchObject([
      { party: "B", cause: "deadline", afterStep: "a-step", probability: 1, days: { median: 14 } },
    ]);
    // A sees the breach and defects (breaks its freeze) on day 14; B, alarmed, on day 21; A again on 28, B on 35:
    // the echo of two tit-for-tat players, each defecting every other turn. B, with no alarm on day 28 but A's step
    // not yet seen (day 30), holds; on day 42 it has seen the step and has no alarm: it takes its step, 29 days late.
    expect(reached(r)).toEqual([1, 1]);
    expect(r.steps[1]!.days?.median).toBe(42);
  });

  it("freeze-for-freeze steps after its calm days; grim never forgives", () => {
    const r = play(tiny(), "A=freeze-for-freeze:30,B=freeze-for-freeze:30");
    // A on the first turn at or after day 30 (day 35); B's step starts then and is taken a turn later.
    expect(medianDays(r)).toEqual([35, 42]);
    const grim = play(tiny(), "A=grim,B=defector");
    expect(reached(grim)).toEqual([1, 0]);
    expect(grim.players[0]!.meanBreaches).toBe(104);
  });
});

describe("roadmap games with noise", () => {
  it("the same seed gives the same result; another seed another one", () => {
    const run = (seed: number) =>
      play(tiny(), "A=gtft,B=reciprocal", { misperception: 0.05, provocations: 2 }, { runs: 200, seed });
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
  });

  it("misperceptions happen about as often as the noise says: a turn, an ordered pair, when a restraint is kept", () => {
    // Two cooperators keep both freezes: 105 turns × 2 observers × p misreadings expected a run.
    const r = play(tiny(), "A=cooperator,B=cooperator", { misperception: 0.1 }, { runs: 400 });
    expect(r.meanFalseAlarms).toBeGreaterThan(21 * 0.93);
    expect(r.meanFalseAlarms).toBeLessThan(21 * 1.07);
    // Provocations at λ a year: 1 − exp(−λ·7/365) a turn.
    const p = play(tiny(), "A=cooperator,B=cooperator", { provocations: 3 }, { runs: 400 });
    const expected = 105 * -Math.expm1((-3 * 7) / 365);
    for (const x of p.players) {
      expect(x.meanBreaches).toBeGreaterThan(expected * 0.9);
      expect(x.meanBreaches).toBeLessThan(expected * 1.1);
    }
  });

  it("with grim players, more noise never makes reaching a phase more likely, run by run (common random numbers)", () => {
    const slow = tiny();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (seed, x, y, rate) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const at = (m: number) =>
            play(
              slow,
              "A=grim,B=grim",
              { misperception: m, provocations: rate, verificationDays: 60 },
              {
                runs: 30,
                seed,
              },
            );
          const a = at(lo);
          const b = at(hi);
          expect(b.phases[1]!.reached.count).toBeLessThanOrEqual(a.phases[1]!.reached.count);
          expect(b.noDefection.count).toBeLessThanOrEqual(a.noDefection.count);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("reciprocal players reach the last phase less often as misperception grows", () => {
    const share = (m: number) =>
      play(tiny(), "A=reciprocal,B=demand-first", { misperception: m, verificationDays: 60 }, { runs: 2000 })
        .phases[1]!.reached.probability;
    const shares = [0, 0.02, 0.1, 0.3].map(share);
    expect(shares[0]).toBe(1);
    for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeLessThan(shares[i - 1]!);
  });
});

describe("roadmap strategies and input", () => {
  it("parses strategies with parameters and refuses what is not one, naming it", () => {
    expect(parseRoadmapStrategy("reciprocal")).toMatchObject({ name: "reciprocal", credit: 1 });
    expect(parseRoadmapStrategy("Reciprocal:2")).toMatchObject({ name: "reciprocal:2", credit: 2 });
    expect(parseRoadmapStrategy("grit:3")).toMatchObject({ name: "grit:3:1", initiative: 3, credit: 1 });
    expect(() => parseRoadmapStrategy("recipocral")).toThrow(
      'unknown strategy "recipocral" (did you mean reciprocal?)',
    );
    expect(() => parseRoadmapStrategy("gtft:2")).toThrow(
      'parameter generosity must be a probability in [0, 1], not "2"',
    );
    expect(() => parseRoadmapStrategy("defector:1")).toThrow("strategy defector takes no parameters");
    expect(() => parseStrategyAssignments("A=reciprocal,A=grim")).toThrow("strategy names A twice");
    expect(() => parseStrategyAssignments("A")).toThrow("strategy takes PARTY=STRATEGY");
  });

  it("needs a strategy for every party that owes something, and refuses one for a party that owes nothing", () => {
    expect(() => play(tiny(), "A=reciprocal")).toThrow("no strategy for B");
    expect(() => play(tiny(), "A=reciprocal,B=grim,C=grim")).toThrow("C owes nothing in tiny.yaml");
  });

  it("the simulation: section is checked against the agreement, errors naming the key", () => {
    const errors = (simulation: string) =>
      parseAgreement(
        `id: x\ntitle: X\nstatus: proposed\neffective: 2020-01-01\nparties: [{ id: A, role: party }]\n` +
          `obligations:\n  - { id: s, title: S, debtor: A, kind: perform, counts: actor=A type=dismantlement }\n` +
          `  - { id: f, title: F, debtor: A, kind: refrain, counts: actor=A type=nuclear_test }\n${simulation}`,
        "x.yaml",
      ).issues.filter((i) => i.severity === "error");
    expect(errors("simulation: { steps: { s: { cost: 2, takes: P30D } }, tick: P1W, horizon: P3Y }")).toEqual(
      [],
    );
    expect(errors("simulation: { steps: { f: { cost: 2 } } }")[0]).toMatchObject({
      at: ["simulation", "steps", "f"],
      message: expect.stringContaining('"f" is a refrain obligation'),
    });
    expect(errors("simulation: { steps: { nope: { cost: 2 } } }")[0]?.message).toContain(
      'unknown obligation "nope"',
    );
    expect(errors("simulation: { tick: P1M }")[0]?.message).toContain("must be whole days or weeks");
    expect(errors("simulation: { misperception: 2 }")[0]?.message).toContain(
      "must be a probability in [0, 1]",
    );
    expect(errors("simulation: { provocations: { Z: 1 } }")[0]?.message).toContain('unknown party "Z"');
    expect(errors("simulation: { steps: { s: { cost: -1 } } }")[0]?.message).toContain(
      "must not be negative",
    );
  });

  it("reads the bundled files: what the game leaves out is listed, not silently dropped", () => {
    const map = buildRoadmap(parseAgreement(BUNDLED_DOUBLE_FREEZE, "double-freeze.yaml").agreement!);
    expect(map.players).toEqual(["PRK", "USA", "KOR"]);
    // Each owes its own part of the talks, worth something to the others.
    expect(map.steps.map((s) => [s.id, s.debtors, s.creditors])).toEqual([
      ["parallel-talks:USA", ["USA"], ["PRK", "KOR"]],
      ["parallel-talks:PRK", ["PRK"], ["USA", "KOR"]],
    ]);
    expect(map.restraints.map((r) => r.id)).toEqual([
      "dprk-test-moratorium",
      "dprk-nuclear-moratorium",
      "exercise-restraint",
    ]);
    expect(map.horizonDays).toBe(1826); // the file's simulation section: P5Y
    const military = buildRoadmap(parseAgreement(BUNDLED_MILITARY, "military.yaml").agreement!);
    expect(military.notModelled).toContain(
      "phase unravelling: {withdrawn: PRK} (no party withdraws in the game) never holds",
    );
    expect(military.notModelled.some((n) => n.startsWith("powers ("))).toBe(true);
  });
});
