import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lockstep, tempDir } from "./run-cli.js";

// A typo in a filter is refused with what was meant, never answered "0 events" with exit 0 (which reads as absence
// of evidence); the other names of an actor resolve to its code.
let db: string;
beforeAll(() => {
  db = join(tempDir(), "korea.db");
  expect(lockstep(["demo", "--db", db, "--json"]).code).toBe(0);
});

const count = (args: string[]) => {
  const r = lockstep(["events", ...args, "--db", db, "--json"]);
  expect(r.stderr).toBe("");
  return (JSON.parse(r.stdout) as unknown[]).length;
};

describe("events refuses a filter that cannot mean what it says", () => {
  it.each([
    [["actr=PRK"], /"actr".*\(did you mean actor\?\)/],
    [["--where", "klass=ICBM"], /"klass".*\(did you mean class\?\)/],
    [["class=ICMB"], /"ICMB" is not a possible class \(did you mean ICBM\?\)/],
    [["type=missle_launch"], /unknown event type "missle_launch" \(did you mean missile_launch\?\)/],
    [["--actor", "NKR"], /no event in the ledger has the actor "NKR" \(did you mean NK = PRK\?\)/],
    [["target=XYZ"], /no event in the ledger has the target "XYZ"/],
  ])("%j: exit 1 and %s", (args, message) => {
    const r = lockstep(["events", ...args, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("the analyses refuse a series of an actor no event has, and take another name for one", () => {
    const r = lockstep(["react", "--cause", "actor=NKR", "--effect", "actor=USA", "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /--cause: no event in the ledger has the actor "NKR" \(did you mean NK = PRK\?\)/,
    );
    const x = lockstep(["xcorr", "--x", "actor=DPRK", "--y", "actor=US", "--db", db, "--json"]);
    expect(x.stderr).toBe("");
    expect(x.code).toBe(0);
  });

  it("summary refuses the same", () => {
    const r = lockstep(["summary", "actr=PRK", "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/did you mean actor/);
  });
});

describe("actor names", () => {
  it("DPRK, North Korea, NK and prk all mean PRK", () => {
    const prk = count(["actor=PRK"]);
    expect(prk).toBeGreaterThan(300);
    for (const name of ["DPRK", "NK", "prk"]) expect(count([`actor=${name}`])).toBe(prk);
    expect(count(["--actor", "North Korea"])).toBe(prk);
  });

  it("lockstep actors lists the codes with their names and other names; lockstep types the types", () => {
    const actors = JSON.parse(lockstep(["actors", "--db", db, "--json"]).stdout) as {
      code: string;
      aliases: string[];
      asActor: number;
    }[];
    const prk = actors.find((a) => a.code === "PRK")!;
    expect(prk.aliases).toEqual(expect.arrayContaining(["DPRK", "North Korea", "NK"]));
    expect(prk.asActor).toBe(count(["actor=PRK"]));
    const types = JSON.parse(lockstep(["types", "--db", db, "--json"]).stdout) as {
      type: string;
      events: number;
      attributes: string[];
    }[];
    const launches = types.find((t) => t.type === "missile_launch")!;
    expect(launches.events).toBe(count(["type=missile_launch"]));
    expect(launches.attributes).toContain("class");
  });
});
