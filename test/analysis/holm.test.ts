import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { holm } from "../../src/analysis/holm.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/holm.json", import.meta.url), "utf8")) as {
  cases: { p: number[]; holm: number[] }[];
};

describe("holm", () => {
  it("equals statsmodels' multipletests(method='holm')", () => {
    for (const c of fixture.cases) holm(c.p).forEach((x, i) => expect(x).toBeCloseTo(c.holm[i]!, 14));
  });

  it("keeps the order given, never lowers a p, and caps at 1", () => {
    expect(holm([0.04, 0.01])).toEqual([0.04, 0.02]);
    expect(holm([0.5, 0.6, 0.7])).toEqual([1, 1, 1]);
    expect(holm([])).toEqual([]);
    expect(holm([0.03])).toEqual([0.03]);
  });

  it("refuses what is not a p-value", () => {
    expect(() => holm([0.1, NaN])).toThrow(/p-value 1 must be in \[0, 1\], not NaN/);
    expect(() => holm([1.5])).toThrow(/p-value 0/);
  });
});
