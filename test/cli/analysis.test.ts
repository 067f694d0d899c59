import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSeries, causesOf, windowTest, type WindowTestResult } from "../../src/analysis/index.js";
import { openLedger, queryEvents } from "../../src/ledger/index.js";
import { parseMatcher, type EventMatcher } from "../../src/model/index.js";
import { lockstep, tempDir } from "./run-cli.js";

const SRC = [{ title: "synthetic test record" }];
const matcher = (t: string): EventMatcher => {
  const r = parseMatcher(t);
  if (!r.ok) throw new Error(t);
  return r.matcher;
};

/** A ledger where every exercise is followed three days later by two launches, plus unrelated launches. */
function plantedLedger(): string {
  const dir = tempDir();
  const lines: string[] = [];
  const day = (n: number) => new Date(Date.UTC(2010, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 40; i++) {
    // Irregular spacing: with a fixed period, shifts by multiples of it would line the effects up again.
    const start = 30 + i * 97 + ((i * i * 7) % 41);
    lines.push(
      JSON.stringify({
        date: day(start),
        end: day(start + 4),
        actor: "USA+KOR",
        type: "military_exercise",
        attributes: { name: `Drill ${i}`, status: "held", scale: "large" },
        sources: SRC,
      }),
      JSON.stringify({
        date: day(start + 3),
        actor: "PRK",
        type: "missile_launch",
        count: 2,
        attributes: { class: "SRBM" },
        sources: SRC,
      }),
    );
  }
  for (let i = 0; i < 25; i++)
    lines.push(
      JSON.stringify({
        date: day(61 + i * 151),
        actor: "PRK",
        type: "missile_launch",
        attributes: { class: "MRBM" },
        sources: SRC,
      }),
    );
  const file = join(dir, "planted.jsonl");
  writeFileSync(file, lines.join("\n") + "\n");
  const db = join(dir, "planted.db");
  expect(lockstep(["import", file, "--db", db]).code).toBe(0);
  return db;
}

let planted: string;
beforeAll(() => {
  planted = plantedLedger();
});

const CAUSE = "actor=USA type=military_exercise";
const EFFECT = "actor=PRK type=missile_launch";

describe("lockstep react", () => {
  it("finds a planted reaction and reports every number as JSON", () => {
    const r = lockstep([
      "react",
      "--db",
      planted,
      "--cause",
      CAUSE,
      "--effect",
      EFFECT,
      "--window",
      "0..7",
      "--permutations",
      "2000",
      "--min-shift",
      "8",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as {
      windowTest: WindowTestResult;
      eventStudy: { lags: number[]; mean: number[]; upper: number[] };
    };
    // 80 planted launches, plus any unrelated one that happens to fall in a window.
    expect(out.windowTest.window.observed).toBeGreaterThanOrEqual(80);
    expect(out.windowTest.window.pOneSided).toBeLessThan(0.001);
    expect(out.windowTest.window.rateRatio).toBeGreaterThan(3);
    expect(out.windowTest.preWindow.pOneSided).toBeGreaterThan(0.05);
    const at3 = out.eventStudy.lags.indexOf(3);
    expect(out.eventStudy.mean[at3]).toBe(2);
    expect(out.eventStudy.mean[at3]!).toBeGreaterThan(out.eventStudy.upper[at3]!);
  });

  it("gives the same numbers as the library on the same ledger, and states its method in one line", () => {
    const args = [
      "--cause",
      CAUSE,
      "--effect",
      EFFECT,
      "--window",
      "0..7",
      "--permutations",
      "500",
      "--seed",
      "7",
    ];
    const json = JSON.parse(lockstep(["react", "--db", planted, ...args, "--json"]).stdout) as {
      windowTest: WindowTestResult;
      from: string;
      to: string;
    };
    const ledger = openLedger(planted, { mustExist: true });
    const causes = causesOf(queryEvents(ledger, matcher(CAUSE)), matcher(CAUSE)).causes;
    const effect = buildSeries(queryEvents(ledger, matcher(EFFECT)), matcher(EFFECT), {
      freq: "day",
      from: json.from,
      to: json.to,
    });
    ledger.close();
    const direct = windowTest(causes, effect, {
      window: { kind: "lag", first: 0, last: 7 },
      permutations: 500,
      seed: 7,
    });
    expect(json.windowTest).toEqual(JSON.parse(JSON.stringify(direct)));
    const text = lockstep(["react", "--db", planted, ...args]).stdout;
    expect(text.split("\n")[0]).toMatch(
      /^Method: effect events in days 0\.\.7 after each cause starts, compared with 500 circular shifts/,
    );
    expect(text).toMatch(
      new RegExp(`after the cause +\\d+ \\(\\d+\\.\\d%\\) +${json.windowTest.window.observed} `),
    );
  });

  it("draws the event study as SVG and PNG", () => {
    const dir = tempDir();
    for (const file of ["es.svg", "es.png"]) {
      const path = join(dir, file);
      const r = lockstep([
        "react",
        "--db",
        planted,
        "--cause",
        CAUSE,
        "--effect",
        EFFECT,
        "--permutations",
        "200",
        "--plot",
        path,
      ]);
      expect(r.code).toBe(0);
      expect(existsSync(path)).toBe(true);
    }
    expect(readFileSync(join(dir, "es.svg"), "utf8")).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*days from the cause/,
    );
    expect(readFileSync(join(dir, "es.png")).subarray(1, 4).toString()).toBe("PNG");
  });

  it("rejects a bad window, an impossible attribute value and a missing matcher with a clear message", () => {
    const bad = (args: string[], message: RegExp) => {
      const r = lockstep(["react", "--db", planted, ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
    };
    bad(["--cause", CAUSE, "--effect", EFFECT, "--window", "14..0"], /the last day comes before the first/);
    bad(
      ["--cause", CAUSE, "--effect", "actor=PRK type=missile_launch class=ICMB"],
      /"ICMB" is not a possible class/,
    );
    bad(["--effect", EFFECT], /--cause is required/);
    bad(["--cause", CAUSE, "--effect", EFFECT, "--plot", "chart.pdf"], /must end in \.svg or \.png/);
  });
});

describe("lockstep granger, xcorr and reciprocity", () => {
  it("granger tests both directions and reports the chosen lag", () => {
    const r = lockstep([
      "granger",
      "--db",
      planted,
      "--x",
      CAUSE,
      "--y",
      EFFECT,
      "--freq",
      "week",
      "--maxlag",
      "3",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      aCausesB: { byLag: unknown[]; chosen: { lag: number } };
      bCausesA: { byLag: unknown[] };
    };
    expect(out.aCausesB.byLag).toHaveLength(3);
    expect(out.bCausesA.byLag).toHaveLength(3);
    const text = lockstep([
      "granger",
      "--db",
      planted,
      "--x",
      CAUSE,
      "--y",
      EFFECT,
      "--freq",
      "week",
      "--maxlag",
      "3",
    ]).stdout;
    expect(text).toMatch(/^Method: Granger causality on weekly series \(counted units\)/);
    expect(text).toMatch(/Does x help predict y\?/);
  });

  it("granger and xcorr draw SVG files with no HTML in them; granger names each series' line in the chart", () => {
    for (const command of ["granger", "xcorr"]) {
      const file = join(tempDir(), "series.svg");
      const r = lockstep([
        command,
        "--db",
        planted,
        "--x",
        CAUSE,
        "--y",
        EFFECT,
        "--freq",
        "week",
        "--plot",
        file,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const doc = new new JSDOM("").window.DOMParser().parseFromString(
        readFileSync(file, "utf8"),
        "image/svg+xml",
      );
      expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
      expect(doc.documentElement.tagName).toBe("svg");
      expect(doc.getElementsByTagName("figure")).toHaveLength(0);
      // granger draws the two series (xcorr its correlations by lag): each line named at its end.
      const labels = [...doc.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
      if (command === "granger") expect(labels).toHaveLength(2);
    }
  });

  it("xcorr peaks where the planted reaction is", () => {
    const out = JSON.parse(
      lockstep([
        "xcorr",
        "--db",
        planted,
        "--x",
        CAUSE,
        "--y",
        EFFECT,
        "--freq",
        "day",
        "--maxlag",
        "5",
        "--json",
      ]).stdout,
    ) as {
      lags: { lag: number; correlation: number; outsideBand: boolean }[];
    };
    const best = out.lags.reduce((a, b) => (b.correlation > a.correlation ? b : a));
    expect(best.lag).toBe(3);
    expect(best.outsideBand).toBe(true);
  });

  it("reciprocity regresses each direction on the other's lags", () => {
    const dir = tempDir();
    const lines: string[] = [];
    for (let m = 0; m < 48; m++) {
      const month = `${2015 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
      if (m % 3 === 0)
        lines.push(
          JSON.stringify({
            date: `${month}-05`,
            actor: "USA",
            target: "PRK",
            type: "sanctions_imposed",
            attributes: { authority: "OFAC", instrument: "designations" },
            sources: SRC,
          }),
        );
      if (m % 4 === 1)
        lines.push(
          JSON.stringify({
            date: `${month}-10`,
            actor: "PRK",
            target: "USA",
            type: "statement",
            attributes: { subject: "warning" },
            sources: SRC,
          }),
        );
      if (m % 5 === 2)
        lines.push(
          JSON.stringify({
            date: `${month}-12`,
            actor: "PRK",
            target: "USA",
            type: "missile_launch",
            attributes: { class: "SRBM" },
            sources: SRC,
          }),
        );
    }
    const file = join(dir, "dyad.jsonl");
    writeFileSync(file, lines.join("\n"));
    const db = join(dir, "dyad.db");
    expect(lockstep(["import", file, "--db", db]).code).toBe(0);
    const r = lockstep(["reciprocity", "--db", db, "--a", "PRK", "--b", "USA", "--freq", "month", "--json"]);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as {
      bToA: { names: string[]; nobs: number };
      series: { ab: { values: number[] } };
    };
    expect(out.bToA.names).toEqual(["const", "ab.L1", "ba.L1"]);
    expect(out.bToA.nobs).toBe(47);
    expect(Math.min(...out.series.ab.values)).toBeCloseTo(-7.2, 6);
  });
});
