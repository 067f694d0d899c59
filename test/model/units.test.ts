import { describe, expect, it } from "vitest";
import { convertAmount, formatAmount, isUnit, UNIT_NAMES, UNITS } from "../../src/model/index.js";

describe("units", () => {
  it("converts within a dimension: tonnes to kilograms and back", () => {
    expect(convertAmount({ value: 2.5, unit: "t" }, "kg")).toBe(2500);
    expect(convertAmount({ value: 500, unit: "kg" }, "t")).toBe(0.5);
    expect(convertAmount({ value: 7, unit: "t" }, "t")).toBe(7);
  });

  it("never adds across dimensions: tonnes are not dollars, dollars are not won", () => {
    expect(convertAmount({ value: 1, unit: "t" }, "USD")).toBeUndefined();
    expect(convertAmount({ value: 1, unit: "USD" }, "KRW")).toBeUndefined();
    expect(convertAmount({ value: 1, unit: "warheads" }, "missiles")).toBeUndefined();
  });

  it("every unit has a dimension, a positive factor and a label", () => {
    for (const u of UNIT_NAMES) {
      expect(isUnit(u)).toBe(true);
      expect(UNITS[u].factor).toBeGreaterThan(0);
      expect(UNITS[u].label.length).toBeGreaterThan(0);
    }
    expect(isUnit("tonnes")).toBe(false);
    expect(isUnit("toString")).toBe(false);
  });

  it("formats with thousands separators", () => {
    expect(formatAmount(950000, "t")).toBe("950,000 t");
    expect(formatAmount(0.5, "t")).toBe("0.5 t");
  });
});
