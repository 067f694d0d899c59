import { describe, expect, it } from "vitest";
import { drawShifts } from "../../src/analysis/circular-shift.js";
import { nullShifts } from "../../src/analysis/shift-null.js";
import { windowTest } from "../../src/analysis/window-test.js";

/** The whole-year null as drawShifts defined it before jitter: k × 364 for k = 1..⌊(L − 1) / 364⌋. */
const wholeYears = (length: number) =>
  Array.from({ length: Math.floor((length - 1) / 364) }, (_, i) => (i + 1) * 364);

/** Whole years ± jitter described, not enumerated: s within jitter of a positive multiple of 364, in range. */
function isSeasonal(s: number, length: number, jitter: number, minShift: number): boolean {
  const k = Math.round(s / 364);
  return k >= 1 && Math.abs(s - 364 * k) <= jitter && s >= minShift && s <= length - minShift;
}

describe("nullShifts", () => {
  it("sampled: the rotations drawShifts draws from the seed", () => {
    const { shifts, summary } = nullShifts(500, { permutations: 300, seed: 7, minShift: 4 });
    expect([...shifts]).toEqual([...drawShifts(500, 300, 7, 4)]);
    expect(summary).toEqual({
      null: "sampled",
      alignments: 300,
      permutations: 300,
      seed: 7,
      minShift: 4,
      shiftStep: 1,
      jitter: 0,
    });
  });

  it("exact: every rotation in minShift..L − minShift once, whatever the permutations asked", () => {
    expect([...nullShifts(6, { exact: true, permutations: 50 }).shifts]).toEqual([1, 2, 3, 4, 5]);
    const { shifts, summary } = nullShifts(10, { exact: true, minShift: 3 });
    expect([...shifts]).toEqual([3, 4, 5, 6, 7]);
    expect(summary).toMatchObject({ null: "exact", alignments: 5, permutations: 5, minShift: 3 });
  });

  it("seasonal with jitter 0 is the whole-year null as it was, for every length", () => {
    for (let length = 365; length <= 5000; length += 7) {
      const { shifts, summary } = nullShifts(length, { shiftStep: 364, permutations: 10_000 });
      expect([...shifts]).toEqual(wholeYears(length));
      expect(summary).toMatchObject({ null: "seasonal", alignments: shifts.length, jitter: 0 });
    }
    expect([...nullShifts(364 * 3, { shiftStep: 364 }).shifts]).toEqual([364, 728]);
  });

  it("seasonal-jitter: each whole year moved by −N..N days, within minShift..L − minShift, each once", () => {
    for (const [length, jitter, minShift] of [
      [4018, 30, 1],
      [4018, 30, 15],
      [1476, 30, 1],
      [1100, 181, 1],
      [400, 40, 2],
    ] as const) {
      const { shifts, summary } = nullShifts(length, { shiftStep: 364, jitter, minShift });
      const expected = Array.from({ length }, (_, s) => s).filter((s) =>
        isSeasonal(s, length, jitter, minShift),
      );
      expect([...shifts]).toEqual(expected);
      expect(summary).toMatchObject({ null: "seasonal-jitter", alignments: expected.length, jitter });
    }
    // 2015-01-01 to 2025-12-31: 11 whole years × 61 offsets, less the 17 that pass the end (4,018 to 4,034 days,
    // the observed alignment and rotations of up to 16 days).
    expect(nullShifts(4018, { shiftStep: 364, jitter: 30 }).shifts).toHaveLength(11 * 61 - 17);
  });

  it("minShift leaves out the last whole year when it comes within minShift of a full turn", () => {
    // 4,018 days: the 11-year shift, 4,004 days, is a rotation of 14 days back.
    expect(nullShifts(4018, { shiftStep: 364, minShift: 14 }).shifts).toHaveLength(11);
    expect(nullShifts(4018, { shiftStep: 364, minShift: 15 }).shifts).toHaveLength(10);
  });

  it("refuses what it cannot enumerate", () => {
    expect(() => nullShifts(300, { shiftStep: 364 })).toThrow(/shorter than one shift of 364 days/);
    expect(() => nullShifts(1000, { jitter: 5 })).toThrow(/jitter .* needs a shiftStep/);
    expect(() => nullShifts(1000, { shiftStep: 364, jitter: 182 })).toThrow(/jitter must be .* 0 to 181/);
    expect(() => nullShifts(1000, { shiftStep: 364, jitter: -1 })).toThrow(RangeError);
    expect(() => nullShifts(1000, { shiftStep: 364, jitter: 1.5 })).toThrow(RangeError);
    expect(() => nullShifts(1000, { exact: true, minShift: 501 })).toThrow(/minShift/);
    expect(() => nullShifts(1000, { shiftStep: 0 })).toThrow(/shiftStep/);
    expect(() => nullShifts(1000, { permutations: 0 })).toThrow(/permutations/);
  });
});

describe("the window test over whole years", () => {
  const from = "2010-01-04";
  const dayOf = (offset: number) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const days = 364 * 6;
  // A launch 20 days into every 52-week year, and a cause 18 days in: the effect follows the calendar.
  const effect = {
    from,
    to: dayOf(days - 1),
    values: Array.from({ length: days }, (_, i) => (i % 364 === 20 ? 1 : 0)),
  };
  const causes = Array.from({ length: 6 }, (_, y) => dayOf(364 * y + 18));
  const window = { kind: "lag", first: 0, last: 5 } as const;

  it("whole years line a seasonal effect up again: no evidence, p = 1 over every shift", () => {
    const r = windowTest(causes, effect, { window, shiftStep: 364 });
    expect(r).toMatchObject({ null: "seasonal", alignments: 5, permutations: 5 });
    expect(r.window.pOneSided).toBe(1);
  });

  it("with jitter, the offsets that miss the launch count against it", () => {
    const r = windowTest(causes, effect, { window, shiftStep: 364, jitter: 10 });
    // 5 whole years × 21 offsets, and 6 years less 1..10 days (rotations of 1..10 days back, as the whole-year
    // null's last shift is when the series is not whole years long).
    expect(r).toMatchObject({ null: "seasonal-jitter", alignments: 5 * 21 + 10, jitter: 10 });
    // A shift lines all six launches up again when its offset is −2..3 (lag 2 moves to 0..5): 5 × 6, and the
    // 6-year shifts less 1 or 2 days. All the others put none in the windows.
    expect(r.window.observed).toBe(6);
    expect(r.window.pOneSided).toBe((1 + 5 * 6 + 2) / (5 * 21 + 10 + 1));
  });
});
