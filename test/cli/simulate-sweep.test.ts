import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { TINY } from "../sim/tiny-roadmap.js";
import { lockstep, tempDir } from "./run-cli.js";

function tinyFile(): string {
  const file = join(tempDir(), "tiny.yaml");
  writeFileSync(file, TINY);
  return file;
}

const BASE = ["--strategy", "A=grim,B=grim", "--runs", "200", "--seed", "3", "--provocations", "1"];

interface Point {
  value: number;
  result: {
    phases: { id: string; reached: { count: number; probability: number; interval: [number, number] } }[];
    firstDefector: { party: string; probability: number }[];
    noDefection: { probability: number };
  };
}

describe("lockstep simulate --sweep", () => {
  it("plays the game at each value from one seed: each point is the single run at that value", () => {
    const file = tinyFile();
    const r = lockstep(["simulate", file, ...BASE, "--sweep", "noise=0..0.1:2", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { sweep: { values: number[]; parameter: string }; points: Point[] };
    expect(j.sweep).toMatchObject({ parameter: "noise", from: 0, to: 0.1, steps: 2, values: [0, 0.05, 0.1] });
    for (const p of j.points) {
      const single = lockstep(["simulate", file, ...BASE, "--noise", String(p.value), "--json"]);
      expect(p.result).toEqual(JSON.parse(single.stdout));
    }
    // Grim players: more noise, the last phase no more often, run by run.
    const counts = j.points.map((p) => p.result.phases[1]!.reached.count);
    expect(counts[1]).toBeLessThanOrEqual(counts[0]!);
    expect(counts[2]).toBeLessThanOrEqual(counts[1]!);
    expect(counts[2]).toBeLessThan(counts[0]!);
  });

  it("prints a table of the phases reached and of who defected first, at each value", () => {
    const r = lockstep(["simulate", tinyFile(), ...BASE.slice(0, 6), "--sweep", "provocations=0..4:2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Swept: provocations (provocations a year by each party) from 0 to 4 in 2 step(s)",
    );
    expect(r.stdout).toMatch(/provocations\s+one\s+two\n/);
    // Nothing happens without provocations: both phases in every run, nobody defects.
    expect(r.stdout).toMatch(/\n\s+0\s+100\.0% \(98\.1%–100\.0%\)\s+100\.0% \(98\.1%–100\.0%\)\n/);
    expect(r.stdout).toMatch(/provocations\s+A\s+B\s+nobody\n/);
    expect(r.stdout).toMatch(
      /\n\s+0\s+0\.0% \(0\.0%–1\.9%\)\s+0\.0% \(0\.0%–1\.9%\)\s+100\.0% \(98\.1%–100\.0%\)\n/,
    );
  });

  it("draws the sweep to an SVG whose points are the JSON's numbers, written whole", () => {
    const file = tinyFile();
    const svgFile = join(tempDir(), "sweep.svg");
    const r = lockstep(["simulate", file, ...BASE, "--sweep", "noise=0..0.2:4", "--plot", svgFile, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { points: Point[] };
    // Nothing but the chart in its folder: the temporary file was renamed over it.
    expect(readdirSync(dirname(svgFile))).toEqual(["sweep.svg"]);
    const text = readFileSync(svgFile, "utf8");
    const doc = new new JSDOM("").window.DOMParser().parseFromString(text, "image/svg+xml");
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe("svg");
    // HTML (a legend, a figure) has no place in an SVG file.
    expect(doc.getElementsByTagName("figure")).toHaveLength(0);
    const dots = [...doc.querySelectorAll('g[aria-label="dot"] circle')].map((c) => {
      const m = /^(\w+) at noise ([\d.e-]+): ([\d.e-]+) \[([\d.e-]+), ([\d.e-]+)\]$/.exec(
        c.querySelector("title")!.textContent!,
      )!;
      return {
        phase: m[1]!,
        value: Number(m[2]),
        p: Number(m[3]),
        interval: [Number(m[4]), Number(m[5])],
        cx: Number(c.getAttribute("cx")),
        cy: Number(c.getAttribute("cy")),
      };
    });
    const expected = j.points.flatMap((pt) =>
      pt.result.phases.map((ph) => ({
        phase: ph.id,
        value: pt.value,
        p: ph.reached.probability,
        interval: ph.reached.interval,
      })),
    );
    expect(dots.map(({ phase, value, p, interval }) => ({ phase, value, p, interval }))).toEqual(expected);
    // Each dot is where its numbers put it: x and y are linear in the value and the probability (y 0 to 1).
    const first = dots[0]!;
    const last = dots.at(-1)!;
    const xScale = (last.cx - first.cx) / (last.value - first.value);
    const top = dots.find((d) => d.p === 1)!;
    const bottom = dots.find((d) => d.p < 1)!;
    const yScale = (bottom.cy - top.cy) / (bottom.p - top.p);
    for (const d of dots) {
      expect(d.cx).toBeCloseTo(first.cx + xScale * (d.value - first.value), 6);
      expect(d.cy).toBeCloseTo(top.cy + yScale * (d.p - top.p), 6);
    }
    // The bands: one area a phase.
    expect(doc.querySelectorAll('g[aria-label="area"] path')).toHaveLength(2);
    const textOut = lockstep(["simulate", file, ...BASE, "--sweep", "noise=0..0.2:4", "--plot", svgFile]);
    expect(textOut.stdout).toContain(`Chart written to ${svgFile}.`);
  });

  it("refuses bad input naming the option", () => {
    const file = tinyFile();
    const cases: [string[], string][] = [
      [
        ["--sweep", "noise"],
        '--sweep takes NAME=FROM..TO[:STEPS] (NAME: noise, provocations, delay), not "noise"',
      ],
      [
        ["--sweep", "tick=1..7"],
        '--sweep: cannot sweep "tick"; the parameters are noise, provocations, delay',
      ],
      [
        ["--sweep", "noise=0..2"],
        "--sweep noise=0..2: noise is a probability: FROM and TO must be in [0, 1]",
      ],
      [["--sweep", "noise=0..x"], '--sweep TO must be a number, not "x"'],
      [["--sweep", "delay=0..100:3"], "choose steps that divide 100"],
      [["--sweep", "noise=0..0.1", "--noise", "0.1"], "--sweep noise and --noise both set noise: give one"],
      [["--plot", "x.svg"], "--plot draws a sweep: give --sweep NAME=FROM..TO too"],
      [["--sweep", "noise=0..0.1", "--plot", "x.txt"], "--plot x.txt: the file must end in .svg or .png"],
    ];
    for (const [args, message] of cases) {
      const r = lockstep(["simulate", file, "--strategy", "A=grim,B=grim", ...args]);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain(message);
    }
  });
});
