import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { match, parseStrategy, tournament } from "../../src/sim/index.js";

/** The 85 matches the reference (Axelrod-Python 4.13) played, 200 turns without noise: ../shared/data/axelrod. */
const repoRoot = path.resolve(fileURLToPath(import.meta.url), "../../..");
const file = path.resolve(repoRoot, "../shared/data/axelrod/matches.json");
const haveData = existsSync(file);
if (!haveData) console.warn(`Axelrod reference matches not found at ${file}: their test is skipped`);

interface ReferenceMatch {
  p1: string;
  p2: string;
  p1_actions: string;
  p2_actions: string;
  p1_score: number;
  p2_score: number;
  p1_cooperations: number;
  p2_cooperations: number;
}

const title = haveData
  ? "the reference's matches, turn by turn"
  : `the reference's matches, turn by turn (skipped: no data at ${file})`;
describe.skipIf(!haveData)(title, () => {
  const data = haveData
    ? (JSON.parse(readFileSync(file, "utf8")) as { meta: { turns: number }; matches: ReferenceMatch[] })
    : { meta: { turns: 0 }, matches: [] };

  it("holds 85 matches of 200 turns", () => {
    expect(data.matches).toHaveLength(85);
    expect(data.meta.turns).toBe(200);
  });

  // One test per match, so a failure names the pair.
  for (const m of data.matches)
    it(`${m.p1} v ${m.p2}`, () => {
      const r = match(parseStrategy(m.p1), parseStrategy(m.p2), { turns: data.meta.turns });
      expect(r.actions).toEqual([m.p1_actions, m.p2_actions]);
      expect(r.scores).toEqual([m.p1_score, m.p2_score]);
      expect(r.cooperations).toEqual([m.p1_cooperations, m.p2_cooperations]);
    });

  it("a tournament of the 13 strategies scores each of these pairs as the reference's match", () => {
    const names = [...new Set(data.matches.map((m) => m.p1))];
    expect(names).toHaveLength(13);
    const t = tournament(
      names.map((n) => parseStrategy(n)),
      { turns: data.meta.turns, repetitions: 1 },
    );
    for (const m of data.matches)
      expect(t.payoffMatrix[names.indexOf(m.p1)]![names.indexOf(m.p2)], `${m.p1} v ${m.p2}`).toBe(
        m.p1_score / data.meta.turns,
      );
  });
});
