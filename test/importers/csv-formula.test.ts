import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeFormula, unescapeFormula } from "../../src/importers/csv-formula.js";
import { lockstep, tempDir } from "../cli/run-cli.js";

const HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(1,2)", "-2+3", "\tTAB", "'quoted", "'=already"];

describe("CSV export and formulas (OWASP CSV injection)", () => {
  it("a cell that a spreadsheet would run starts with ', and the import takes it away again", () => {
    for (const text of HOSTILE) {
      expect(escapeFormula(text).startsWith("'")).toBe(true);
      expect(unescapeFormula(escapeFormula(text))).toBe(text);
    }
    for (const text of ["plain", "2022-10-28", "", "a=b", "it's"]) {
      expect(escapeFormula(text)).toBe(text);
      expect(unescapeFormula(text)).toBe(text);
    }
  });

  it("lockstep events --format csv writes no live formula, and re-imports as the same events", () => {
    const dir = tempDir();
    const file = join(dir, "e.jsonl");
    const db = join(dir, "l.db");
    const lines = HOSTILE.filter((t) => !t.startsWith("\t")).map((summary, i) =>
      JSON.stringify({
        date: `2022-10-${String(i + 10)}`,
        actor: "PRK",
        type: "statement",
        attributes: { subject: "s" },
        summary,
        note: summary,
        sources: [{ title: "t" }],
      }),
    );
    writeFileSync(file, lines.join("\n") + "\n");
    expect(lockstep(["import", file, "--db", db]).code).toBe(0);
    const csv = join(dir, "out.csv");
    writeFileSync(csv, lockstep(["events", "--db", db, "--format", "csv"]).stdout);
    // No cell of the file starts with a formula character.
    const cells = readFileSync(csv, "utf8")
      .split("\n")
      .slice(1)
      .flatMap((row) => row.split(","))
      .map((c) => c.replace(/^"/, ""));
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    const db2 = join(dir, "copy.db");
    expect(lockstep(["import", csv, "--db", db2]).code).toBe(0);
    const ids = (d: string) =>
      (JSON.parse(lockstep(["events", "--db", d, "--json"]).stdout) as { id: string }[]).map((e) => e.id);
    expect(ids(db2)).toEqual(ids(db));
  });
});
