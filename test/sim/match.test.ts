import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { match, parseStrategy, PAYOFF, STRATEGY_NAMES, type Strategy } from "../../src/sim/index.js";

const ALL = STRATEGY_NAMES.map((n) => parseStrategy(n));
// With parameters, so that the properties also cover them.
const EXTRA = ["GTFT:0.1", "Random:0.8", "GRIT:2:4", "GTFT:0", "Random:1"].map((n) => parseStrategy(n));
const strategy = fc.constantFrom(...ALL, ...EXTRA);
const deterministic = fc.constantFrom(...[...ALL, ...EXTRA].filter((s) => !s.stochastic));
const turns = fc.integer({ min: 1, max: 300 });
const noise = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true }));
const seed = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

/** A's score recomputed from the letters: the payoff table, turn by turn. */
function scoreOf(mine: string, theirs: string): number {
  let total = 0;
  for (let t = 0; t < mine.length; t++)
    total += PAYOFF[(mine[t] === "D" ? 2 : 0) + (theirs[t] === "D" ? 1 : 0)]!;
  return total;
}

describe("match: properties", () => {
  it("a deterministic pair without noise is symmetric: match(b, a) mirrors match(a, b)", () => {
    fc.assert(
      fc.property(deterministic, deterministic, turns, (a, b, n) => {
        const ab = match(a, b, { turns: n });
        const ba = match(b, a, { turns: n });
        expect(ba.actions).toEqual([ab.actions[1], ab.actions[0]]);
        expect(ba.scores).toEqual([ab.scores[1], ab.scores[0]]);
      }),
    );
  });

  it("the same seed gives the same match, noise or not, stochastic players or not", () => {
    fc.assert(
      fc.property(strategy, strategy, turns, noise, seed, (a, b, n, p, s) => {
        expect(match(a, b, { turns: n, noise: p, seed: s })).toEqual(
          match(a, b, { turns: n, noise: p, seed: s }),
        );
      }),
    );
  });

  it("scores are the payoff table applied to the actions, and cooperations are the C's", () => {
    fc.assert(
      fc.property(strategy, strategy, turns, noise, seed, (a, b, n, p, s) => {
        const r = match(a, b, { turns: n, noise: p, seed: s });
        expect(r.actions[0]).toMatch(new RegExp(`^[CD]{${n}}$`));
        expect(r.actions[1]).toMatch(new RegExp(`^[CD]{${n}}$`));
        expect(r.scores).toEqual([scoreOf(r.actions[0], r.actions[1]), scoreOf(r.actions[1], r.actions[0])]);
        expect(r.cooperations).toEqual(r.actions.map((x) => x.split("").filter((c) => c === "C").length));
      }),
    );
  });
});

const play = (a: string, b: string, n: number, options: { noise?: number; seed?: number } = {}) =>
  match(parseStrategy(a), parseStrategy(b), { turns: n, ...options }).actions;

describe("match: noise", () => {
  it("flips each intended move with probability noise, independently", () => {
    const n = 100_000;
    const [x, y] = play("Cooperator", "Cooperator", n, { noise: 0.1, seed: 7 });
    const flips = (s: string): number[] => s.split("").map((c) => (c === "D" ? 1 : 0));
    const fx = flips(x);
    const fy = flips(y);
    // Each count is Binomial(n, p): 5 standard deviations either way.
    const near = (count: number, trials: number, p: number) =>
      expect(Math.abs(count - trials * p)).toBeLessThan(5 * Math.sqrt(trials * p * (1 - p)));
    const sum = (xs: number[]) => xs.reduce((s, f) => s + f, 0);
    near(sum(fx), n, 0.1);
    near(sum(fy), n, 0.1);
    // Independence: two flips in a row on one side, and on both sides in one turn, as often as p² has it.
    near(sum(fx.slice(1).map((f, t) => f * fx[t]!)), n - 1, 0.01);
    near(sum(fx.map((f, t) => f * fy[t]!)), n, 0.01);
  });

  it("is what both players see: tit for tat answers a flipped cooperation", () => {
    const [x, y] = play("Cooperator", "TitForTat", 5_000, { noise: 0.05, seed: 3 });
    const answered = [...x.slice(0, -1)].filter((c, t) => c === "D" && y[t + 1] === "D").length;
    const flipped = [...x.slice(0, -1)].filter((c) => c === "D").length;
    // Tit for tat copies each realised D unless its own answer is flipped (5%); were noise to change only the
    // score, it would answer with D only when its own move is flipped.
    expect(answered / flipped).toBeGreaterThan(0.9);
  });

  it("differs by seed", () => {
    expect(play("TitForTat", "TitForTat", 200, { noise: 0.05, seed: 1 })).not.toEqual(
      play("TitForTat", "TitForTat", 200, { noise: 0.05, seed: 2 }),
    );
  });

  it("is refused outside [0, 1], and so are turns that are not a whole number", () => {
    const tft = parseStrategy("TitForTat");
    expect(() => match(tft, tft, { turns: 10, noise: 1.5 })).toThrow(
      /noise must be a probability in \[0, 1\], not 1.5/,
    );
    expect(() => match(tft, tft, { turns: 0 })).toThrow(/turns must be a whole number/);
    expect(() => match(tft, tft, { turns: 2.5 })).toThrow(/turns must be a whole number/);
    expect(() => match(tft, tft, { turns: 10, seed: 0.5 })).toThrow(/seed must be a whole number/);
  });
});

describe("strategies the reference data does not cover, against hand-worked sequences", () => {
  it.each([
    // Gradual: the k-th punishment lasts as many turns as the opponent's defections so far, then two calm turns.
    ["Gradual", "Defector", "CDCCDDDDCCDDDDDDDDDDCCDD"],
    // OriginalGradual: the n-th punishment lasts n turns.
    ["OriginalGradual", "Defector", "CDCCDDCCDDDCCDDDD"],
    ["SoftGrudger", "Defector", "CDDDDCCDDDDCCDDDDCC"],
    ["SoftGrudger", "Cooperator", "CCCCCC"],
    ["HardTitForTat", "Alternator", "CCDDDDDD"],
    ["HardTitForTat", "CyclerCCD", "CCCDDDDDD"],
    ["AntiTitForTat", "Cooperator", "CDDDD"],
    ["AntiTitForTat", "Defector", "CCCCC"],
    ["CyclerDC", "Cooperator", "DCDCD"],
    ["WinShiftLoseStay", "Cooperator", "DCDCDC"],
    ["WinShiftLoseStay", "Defector", "DDDDD"],
    ["GTFT:0", "Defector", "CDDDD"],
    ["GTFT:1", "Defector", "CCCCC"],
    ["Random:0", "Cooperator", "DDDDD"],
    ["Random:1", "Defector", "CCCCC"],
    // GRIT: an initiative of 3 C's, tit for tat, a new initiative after 3 turns without mutual cooperation.
    ["GRIT", "Defector", "CCCDDDCCCDDDCCC"],
    ["GRIT", "TitForTat", "CCCCCCCC"],
    ["GRIT", "SuspiciousTitForTat", "CCCCCCCC"],
    ["GRIT:2:4", "Defector", "CCDDDDCCDDDDCC"],
  ])("%s against %s", (a, b, expected) => {
    expect(play(a, b, expected.length)[0]).toBe(expected);
  });

  it("GTFT forgives a defection with probability p (1/3 by default, from the payoffs)", () => {
    const share = (name: string) => {
      const [x] = play(name, "Defector", 30_001, { seed: 11 });
      return (
        x
          .slice(1)
          .split("")
          .filter((c) => c === "C").length / 30_000
      );
    };
    // Binomial(30,000, p): sd under 0.003.
    expect(Math.abs(share("GTFT") - 1 / 3)).toBeLessThan(0.015);
    expect(Math.abs(share("GTFT:0.1") - 0.1)).toBeLessThan(0.01);
  });

  it("Random cooperates with probability p", () => {
    const [x] = play("Random", "Cooperator", 30_000, { seed: 5 });
    expect(Math.abs(x.split("").filter((c) => c === "C").length / 30_000 - 0.5)).toBeLessThan(0.015);
  });
});

describe("parseStrategy", () => {
  it("takes the reference's class names and display names, in any case", () => {
    for (const name of ["TitForTat", "Tit For Tat", "titfortat", "tit-for-tat"])
      expect(parseStrategy(name).name).toBe("TitForTat");
    expect(parseStrategy("Win-Stay Lose-Shift").name).toBe("WinStayLoseShift");
    expect(parseStrategy("Tit For 2 Tats").name).toBe("TitFor2Tats");
  });

  it("names a parameter only when it is not the default", () => {
    expect(parseStrategy("GTFT").name).toBe("GTFT");
    expect(parseStrategy("GTFT:0.1")).toMatchObject({ name: "GTFT:0.1", p: 0.1, stochastic: true });
    expect(parseStrategy("GTFT:1")).toMatchObject({ stochastic: false });
    expect(parseStrategy("GRIT:3:3").name).toBe("GRIT");
    expect(parseStrategy("GRIT:2").name).toBe("GRIT:2:3");
  });

  it("refuses an unknown name with the names it may have meant", () => {
    expect(() => parseStrategy("TitForTatt")).toThrow(
      'unknown strategy "TitForTatt" (did you mean TitForTat',
    );
    expect(() => parseStrategy("Grudgr")).toThrow(/did you mean Grudger/);
    expect(() => parseStrategy("Nonsense")).toThrow(/^unknown strategy "Nonsense"$/);
  });

  it("refuses bad parameters, naming the strategy and the parameter", () => {
    expect(() => parseStrategy("GTFT:1.5")).toThrow(
      /GTFT: parameter p must be a probability in \[0, 1\], not "1.5"/,
    );
    expect(() => parseStrategy("GTFT:x")).toThrow(/GTFT: parameter p must be a number, not "x"/);
    expect(() => parseStrategy("GRIT:0")).toThrow(/GRIT: parameter k must be a whole number of turns/);
    expect(() => parseStrategy("TitForTat:1")).toThrow(/TitForTat takes no parameters/);
    expect(() => parseStrategy("GTFT:0.1:2")).toThrow(/GTFT takes at most 1 parameter/);
  });

  it("covers every strategy the issue asks for", () => {
    const asked =
      "Cooperator Defector TitForTat Grudger TitFor2Tats TwoTitsForTat SuspiciousTitForTat Alternator " +
      "WinStayLoseShift CyclerCCD Bully Prober FirstByDavis Gradual OriginalGradual GTFT HardTitForTat " +
      "SoftGrudger AntiTitForTat CyclerDC WinShiftLoseStay Random GRIT";
    expect([...STRATEGY_NAMES].sort()).toEqual(asked.split(" ").sort());
    const all: Strategy[] = ALL;
    expect(all.filter((s) => s.stochastic).map((s) => s.name)).toEqual(["GTFT", "Random"]);
  });
});
