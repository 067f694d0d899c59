import fc from "fast-check";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadAgreement, parseAgreement } from "../../src/agreement/load.js";
import { agreementCase } from "../fuzz/arbitraries.js";
import { checkAgreement } from "../fuzz/property.js";

/**
 * Issue 11: parseAgreement on any text (and loadAgreement on any bytes) returns issues that each name the file, line
 * and column, and never throws. The bundled agreements, mutated; bench/fuzz.mjs runs the same property at 10^5 cases.
 * To replay a case the bench reports: FUZZ_SEED=… FUZZ_PATH=… npx vitest run test/agreement/fuzz.test.ts.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const AGREEMENTS = path.resolve(fileURLToPath(import.meta.url), "../../../scenarios/korea/agreements");
const SEEDS = readdirSync(AGREEMENTS)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => readFileSync(path.join(AGREEMENTS, f), "utf8"));

describe("the agreement loader under fuzz", () => {
  it(`${RUNS} mutated agreements: issues with file, line and column, never a throw`, () => {
    expect(SEEDS.length).toBeGreaterThan(0);
    const root = mkdtempSync(path.join(tmpdir(), "lockstep-fuzz-agreement-"));
    const tally = { success: 0, error: 0 };
    try {
      fc.assert(
        fc.property(agreementCase(SEEDS), (c) => {
          tally[checkAgreement({ parseAgreement, loadAgreement }, root, c)]++;
        }),
        {
          seed: Number(process.env.FUZZ_SEED ?? 1106),
          ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
          numRuns: process.env.FUZZ_PATH ? 1 : RUNS,
        },
      );
      if (!process.env.FUZZ_PATH) {
        expect(tally.success).toBeGreaterThan(RUNS / 20);
        expect(tally.error).toBeGreaterThan(RUNS / 20);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// The defects the campaign found, each as a plain test that failed before its fix.
describe("what the fuzz found", () => {
  it("an alias to no anchor is an issue at the alias's line, not a ReferenceError", () => {
    const { agreement, issues } = parseAgreement("id: x\ntitle: X\nstatus: *nowhere\n", "a.yaml");
    expect(agreement).toBeUndefined();
    expect(issues).toMatchObject([
      {
        severity: "error",
        kind: "format",
        file: "a.yaml",
        line: 3,
        column: 9,
        message: expect.stringMatching(/nowhere/),
      },
    ]);
  });

  it("a billion laughs is refused at its first alias, not expanded and not thrown", () => {
    const laughs = ['a0: &a0 "lol"'];
    for (let i = 1; i <= 9; i++)
      laughs.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    const started = performance.now();
    const { agreement, issues } = parseAgreement(`id: x\n${laughs.join("\n")}\n`, "a.yaml");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(agreement).toBeUndefined();
    expect(issues).toMatchObject([
      {
        severity: "error",
        kind: "format",
        file: "a.yaml",
        line: 3,
        message: expect.stringMatching(/alias/i),
      },
    ]);
  });

  it("a block nested thousands deep is an issue with a line, not a RangeError from the YAML parser", () => {
    // The parser recurses for each level it closes: a key after the deep block sets it off.
    const text = `id: x\ntitle:\n  ${"- ".repeat(20_000)}x\nstatus: in_force\n`;
    const { agreement, issues } = parseAgreement(text, "a.yaml");
    expect(agreement).toBeUndefined();
    expect(issues).toMatchObject([
      {
        severity: "error",
        kind: "format",
        file: "a.yaml",
        line: 4,
        message: "not valid YAML: nested too deeply to read, at or before this line",
      },
    ]);
  });

  it("an event type 200,000 characters long is refused in milliseconds, not after a 'did you mean' of seconds", () => {
    const text = `id: x
title: X
status: in_force
effective: 2020-01-01
parties:
  - { id: PRK, role: party }
obligations:
  - { id: a, title: A, debtor: PRK, kind: refrain, counts: { actor: PRK, type: ${"x".repeat(200_000)} } }
`;
    const started = performance.now();
    const { issues } = parseAgreement(text, "a.yaml");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(issues.some((i) => i.line === 8 && /unknown event type/.test(i.message))).toBe(true);
  });
});
