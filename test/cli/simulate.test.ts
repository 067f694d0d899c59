import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockstep, tempDir } from "./run-cli.js";

const TINY = `id: tiny
title: A tiny roadmap
status: proposed
effective: 2020-01-01
parties: [{ id: A, role: party }, { id: B, role: party }]
obligations:
  - { id: a-step, title: A's step, debtor: A, creditor: B, kind: perform, counts: actor=A type=dismantlement }
  - { id: b-step, title: B's step, debtor: B, creditor: A, kind: perform, counts: actor=B type=sanctions_relieved }
  - { id: a-freeze, title: A's freeze, debtor: A, creditor: B, kind: refrain, counts: actor=A type=nuclear_test }
links: [{ kind: gates, from: a-step, to: b-step }]
phases:
  - { id: one, title: One, enters: { fulfilled: a-step } }
  - { id: two, title: Two, enters: { fulfilled: b-step } }
simulation: { verification: P30D, steps: { a-step: { cost: 1, value: 2 } } }
`;

function tinyFile(): string {
  const file = join(tempDir(), "tiny.yaml");
  writeFileSync(file, TINY);
  return file;
}

describe("lockstep simulate", () => {
  it("plays an agreement file as a roadmap game and prints every number as JSON", () => {
    const r = lockstep([
      "simulate",
      tinyFile(),
      "--strategy",
      "A=reciprocal,B=demand-first",
      "--runs",
      "10",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ runs: 10, seed: 1, tickDays: 7, horizonDays: 731 });
    // A steps on day 0; B sees it on day 30 (the file's verification) and answers on day 35.
    expect(j.phases.map((p: { id: string; days: { median: number } }) => [p.id, p.days.median])).toEqual([
      ["one", 0],
      ["two", 35],
    ]);
    expect(j.players).toEqual([
      { party: "A", meanBreaches: 0, meanPayoff: 0 },
      { party: "B", meanBreaches: 0, meanPayoff: 1 },
    ]);
  });

  it("prints tables, takes the noise from the command line, and the same seed reproduces the output", () => {
    const args = [
      "simulate",
      tinyFile(),
      "--strategy",
      "A=gtft,B=reciprocal",
      "--runs",
      "200",
      "--noise",
      "0.05",
      "--provocations",
      "2",
      "--seed",
      "4",
    ];
    const r = lockstep(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Roadmap game: A tiny roadmap (tiny). Day 0 is 2020-01-01");
    expect(r.stdout).toContain("Misperception 0.05 a turn; provocations a year: A 2, B 2.");
    expect(r.stdout).toMatch(/\ntwo\s+\d+\.\d%\s+\d+\.\d%–\d+\.\d%/);
    expect(lockstep(args).stdout).toBe(r.stdout);
  });

  it("reads a bundled agreement by its id", () => {
    const r = lockstep([
      "simulate",
      "denuclearization-first",
      "--strategy",
      "PRK=reciprocal,USA=demand-first,UNSC=demand-first",
      "--runs",
      "5",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).phases.map((p: { id: string }) => p.id)).toEqual([
      "dismantlement",
      "normalisation",
    ]);
  });

  it("refuses bad input with a message naming the option, the party or the file", () => {
    const file = tinyFile();
    const missing = lockstep(["simulate", file, "--strategy", "A=reciprocal"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no strategy for B");
    const unknown = lockstep(["simulate", file, "--strategy", "A=reciprocal,B=tft"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown strategy "tft"');
    const noise = lockstep(["simulate", file, "--strategy", "A=reciprocal,B=grim", "--noise", "1.5"]);
    expect(noise.stderr).toContain("--noise must be a probability in [0, 1], not 1.5");
    const horizon = lockstep(["simulate", file, "--strategy", "A=reciprocal,B=grim", "--horizon", "0"]);
    expect(horizon.stderr).toContain("--horizon must be a whole number of days from 1 to 36500, not 0");
    const bad = join(tempDir(), "bad.yaml");
    writeFileSync(bad, TINY.replace("steps: { a-step:", "steps: { a-freeze:"));
    const section = lockstep(["simulate", bad, "--strategy", "A=reciprocal,B=grim"]);
    expect(section.code).toBe(1);
    expect(section.stderr).toMatch(
      /bad\.yaml:\d+:\d+: error: simulation\.steps\.a-freeze: "a-freeze" is a refrain obligation/,
    );
  });
});
