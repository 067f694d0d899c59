import { describe, expect, it } from "vitest";
import { lockstep } from "./run-cli.js";

describe("lockstep match", () => {
  it("prints both players' moves and scores as JSON", () => {
    const r = lockstep(["match", "TitForTat", "Defector", "--turns", "5", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      players: ["TitForTat", "Defector"],
      turns: 5,
      noise: 0,
      actions: ["CDDDD", "DDDDD"],
      scores: [4, 9],
    });
  });

  it("prints a table, and takes noise and a seed: the same seed, the same match", () => {
    const run = () =>
      lockstep(["match", "Tit For Tat", "GTFT:0.2", "--turns", "60", "--noise", "0.1", "--seed", "3"]);
    const r = run();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TitForTat v GTFT:0\.2: 60 turns, noise 0\.1, seed 3\n/);
    expect(r.stdout).toMatch(/TitForTat\s+\d+\s+[\d.]+\s+\d+\s+[CD]{60}\n/);
    expect(run().stdout).toBe(r.stdout);
  });

  it("refuses an unknown strategy with what it may have meant, and bad numbers naming the option", () => {
    const r = lockstep(["match", "TitForTat", "Grudgr"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown strategy "Grudgr" (did you mean Grudger?)');
    const noise = lockstep(["match", "TitForTat", "Grudger", "--noise", "2"]);
    expect(noise.code).toBe(1);
    expect(noise.stderr).toContain("--noise must be a probability in [0, 1], not 2");
    const turns = lockstep(["match", "TitForTat", "Grudger", "--turns", "ten"]);
    expect(turns.code).toBe(1);
    expect(turns.stderr).toContain('--turns must be a number, not "ten"');
  });
});

describe("lockstep tournament", () => {
  it("ranks the players and reports every number as JSON", () => {
    const r = lockstep([
      "tournament",
      "--players",
      "Cooperator,Defector,TitForTat",
      "--turns",
      "10",
      "--repetitions",
      "1",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ranking.map((s: { name: string; medianScore: number }) => [s.name, s.medianScore])).toEqual([
      ["Defector", 3.2],
      ["TitForTat", 1.95],
      ["Cooperator", 1.5],
    ]);
    expect(j.matches).toBe(6);
    // No progress bar off a terminal.
    expect(r.stderr).toBe("");
  });

  it("prints the ranking table, reproducibly by seed", () => {
    const args = [
      "tournament",
      "--players",
      "TitForTat,GTFT,Random,GRIT",
      "--repetitions",
      "3",
      "--noise",
      "0.05",
    ];
    const r = lockstep([...args, "--seed", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Round robin of 4 players, each also against a copy of itself: 200 turns, noise 0.05",
    );
    expect(r.stdout).toMatch(/rank\s+player\s+median score\s+cooperation\s+median wins/);
    for (const name of ["TitForTat", "GTFT", "Random", "GRIT"]) expect(r.stdout).toContain(name);
    expect(lockstep([...args, "--seed", "2"]).stdout).toBe(r.stdout);
  });

  it("refuses bad players and repetitions, naming the option", () => {
    const unknown = lockstep(["tournament", "--players", "TitForTat,Bullly"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown strategy "Bullly" (did you mean Bully?)');
    const twice = lockstep(["tournament", "--players", "TitForTat,titfortat"]);
    expect(twice.stderr).toContain("--players names TitForTat twice");
    const one = lockstep(["tournament", "--players", "TitForTat"]);
    expect(one.stderr).toContain("--players must name at least 2 strategies");
    const reps = lockstep(["tournament", "--players", "TitForTat,Defector", "--repetitions", "0"]);
    expect(reps.code).toBe(1);
    expect(reps.stderr).toContain("--repetitions must be a whole number from 1");
    const json = lockstep(["tournament", "--players", "TitForTat,Nobody", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toContain('unknown strategy "Nobody"');
  });
});

describe("lockstep moran", () => {
  it("reports each strategy's fixation probability, as a table or JSON, reproducibly by seed", () => {
    const args = ["moran", "--population", "TitForTat=1,Defector=3", "--runs", "50", "--turns", "20"];
    const r = lockstep([...args, "--noise", "0.05", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.size).toBe(4);
    expect(j.fixation.map((f: { name: string; initial: number }) => [f.name, f.initial])).toEqual([
      ["TitForTat", 1],
      ["Defector", 3],
    ]);
    expect(j.fixation[0].fixations + j.fixation[1].fixations).toBe(50);
    expect(lockstep([...args, "--noise", "0.05", "--json"]).stdout).toBe(r.stdout);
    const text = lockstep(args);
    expect(text.stdout).toMatch(/strategy\s+initial\s+fixations\s+probability\s+95% interval\s+neutral/);
  });

  it("refuses a population it cannot read, naming the option", () => {
    const r = lockstep(["moran", "--population", "TitForTat=1=2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--population takes NAME=COUNT,NAME=COUNT…, not "TitForTat=1=2"');
    expect(lockstep(["moran", "--population", "TitForTat=0,Defector"]).stderr).toContain(
      "--population count must be a whole number from 1 to 1000, not 0",
    );
    expect(lockstep(["moran", "--population", "TitForTat"]).stderr).toContain(
      "population must have at least 2 individuals",
    );
  });
});
