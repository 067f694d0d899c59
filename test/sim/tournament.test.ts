import { describe, expect, it } from "vitest";
import { match, parseStrategy, tournament } from "../../src/sim/index.js";

const players = (names: string) => names.split(",").map((n) => parseStrategy(n));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe("tournament", () => {
  // Worked by hand, 10 turns: C v D 0–50, C v TFT 30–30, D v TFT 14–9 (D, then mutual defection).
  const r = tournament(players("Cooperator,Defector,TitForTat"), { turns: 10, repetitions: 1 });

  it("scores each player by its mean score per turn against the others, self-play left out", () => {
    // Were self-play counted, Cooperator would have (0 + 3 + 3) / 3 = 2.
    expect(r.normalisedScores).toEqual([[1.5], [3.2], [1.95]]);
    expect(r.ranking.map((s) => [s.rank, s.name, s.medianScore])).toEqual([
      [1, "Defector", 3.2],
      [2, "TitForTat", 1.95],
      [3, "Cooperator", 1.5],
    ]);
  });

  it("plays every pair once per repetition and each player against a copy of itself", () => {
    expect(r.matches).toBe(6);
    expect(r.payoffMatrix).toEqual([
      [3, 0, 3],
      [5, 1, 1.4],
      [3, 0.9, 3],
    ]);
  });

  it("counts wins (a higher score in a match) and cooperations against the others", () => {
    const by = Object.fromEntries(r.ranking.map((s) => [s.name, s]));
    expect([by.Defector!.medianWins, by.TitForTat!.medianWins, by.Cooperator!.medianWins]).toEqual([2, 0, 0]);
    // Tit for tat: 10 C's against Cooperator, 1 against Defector, out of 20 turns.
    expect(by.TitForTat!.cooperationRating).toBe(0.55);
    expect(by.Cooperator!.cooperationRating).toBe(1);
  });

  it("ranks by the median over repetitions, and matches a lone match played with match()", () => {
    const t = tournament(players("Random,TitForTat,Defector,GTFT"), {
      turns: 50,
      repetitions: 7,
      noise: 0.05,
      seed: 9,
    });
    expect(t.normalisedScores.every((row) => row.length === 7)).toBe(true);
    for (const s of t.ranking)
      expect(s.medianScore).toBeCloseTo(median(t.normalisedScores[t.players.indexOf(s.name)]!), 12);
    const keys = t.ranking.map((s) => s.medianScore);
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    // Without noise or chance, every repetition of a pair is the match itself.
    const d = tournament(players("TitForTat,Prober"), { turns: 30, repetitions: 3 });
    const m = match(parseStrategy("TitForTat"), parseStrategy("Prober"), { turns: 30 });
    expect(d.payoffMatrix[0]![1]).toBe(m.scores[0] / 30);
    expect(d.payoffMatrix[1]![0]).toBe(m.scores[1] / 30);
  });

  it("keeps the order given for ties", () => {
    const t = tournament(players("TitForTat,Cooperator,Grudger"), { turns: 20, repetitions: 2 });
    expect(t.ranking.map((s) => s.name)).toEqual(["TitForTat", "Cooperator", "Grudger"]);
    expect(new Set(t.ranking.map((s) => s.medianScore)).size).toBe(1);
  });

  it("is reproduced exactly by its seed, and differs with another", () => {
    const run = (seed: number) =>
      tournament(players("TitForTat,GTFT,Random,WinStayLoseShift"), {
        turns: 100,
        repetitions: 5,
        noise: 0.1,
        seed,
      });
    expect(run(4)).toEqual(run(4));
    expect(run(4).normalisedScores).not.toEqual(run(5).normalisedScores);
  });

  it("reports progress after each pair", () => {
    const seen: [number, number][] = [];
    tournament(players("TitForTat,Defector"), {
      turns: 5,
      repetitions: 4,
      onProgress: (d, n) => seen.push([d, n]),
    });
    expect(seen).toEqual([
      [4, 12],
      [8, 12],
      [12, 12],
    ]);
  });

  it("refuses bad options, naming the field", () => {
    const two = players("TitForTat,Defector");
    expect(() => tournament(two.slice(0, 1), { turns: 5, repetitions: 1 })).toThrow(
      /players must name at least 2/,
    );
    expect(() => tournament(two, { turns: 5, repetitions: 0 })).toThrow(/repetitions must be a whole number/);
    expect(() => tournament(two, { turns: -1, repetitions: 1 })).toThrow(/turns must be a whole number/);
    expect(() => tournament(two, { turns: 5, repetitions: 1, noise: -0.1 })).toThrow(
      /noise must be a probability/,
    );
  });
});
