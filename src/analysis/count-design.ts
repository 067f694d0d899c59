import { readCauses, unionOf, windowOf, type CauseInput, type CauseWindow } from "./causes.js";
import { dayRange, dayString, monthNumber } from "./days.js";
import { RegressionError } from "./ols.js";

/**
 * The design of a count regression on a daily series (glm.ts, negative-binomial.ts): an intercept, one indicator
 * column per cause series (1 on the days within its window after any cause, causes.ts — the days the window test
 * counts), and month-of-year or year fixed effects as dummies, the first level present left out as the reference
 * (`month[2]` … `month[12]` beside January; `year[2016]` … beside 2015).
 *
 * A level of a fixed effect with no event on any of its days (a year without a launch) has no finite estimate: the
 * likelihood rises without end as its rate goes to 0. Its days then tell nothing about the other coefficients (at
 * that limit their terms of the likelihood and its derivatives are 0), so they are left out, and the design says
 * which levels and how many days (as fixest and ppmlhdfe do).
 */
export type FixedEffect = "month" | "year";
export const FIXED_EFFECTS: readonly FixedEffect[] = ["month", "year"];

export interface CauseColumn {
  /** The column's name, e.g. "exercise[0..14]". */
  name: string;
  causes: readonly CauseInput[];
  window: CauseWindow;
}

export interface CountDesignInput {
  /** The series' first and last days, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** The daily counts, one per day from `from` to `to`. */
  values: readonly number[];
  causes: readonly CauseColumn[];
  fixedEffects?: readonly FixedEffect[];
}

export interface DroppedLevel {
  /** The dummy's name, e.g. "year[2018]" (also for a reference level, which has no column). */
  name: string;
  effect: FixedEffect;
  level: number;
  /** Days left out. */
  days: number;
}

export interface CountDesign {
  y: number[];
  /** Rows: const, the cause columns, then the dummies. */
  X: number[][];
  names: string[];
  /** The day of each row, YYYY-MM-DD. */
  days: string[];
  dropped: DroppedLevel[];
}

/** 1 on the days of the series [first, first + length) within `window` of any cause, else 0. */
export function windowIndicator(
  causes: readonly CauseInput[],
  window: CauseWindow,
  first: number,
  length: number,
): Uint8Array {
  const of = windowOf(window);
  const runs = unionOf(
    readCauses(causes).map((c): [number, number] => {
      const [a, b] = of(c);
      return [a - first, b - first];
    }),
    length,
  );
  const out = new Uint8Array(length);
  for (let r = 0; r < runs.starts.length; r++) out.fill(1, runs.starts[r]!, runs.ends[r]! + 1);
  return out;
}

/** The level of a day: its month of the year (1–12) or its year. */
export function levelOf(effect: FixedEffect, day: number): number {
  const m = monthNumber(day);
  // Months before 1970 are negative: the floor keeps them in their year, the double remainder in 0–11.
  return effect === "month" ? (((m % 12) + 12) % 12) + 1 : 1970 + Math.floor(m / 12);
}

export function countDesign(input: CountDesignInput): CountDesign {
  const { first, length } = dayRange(input.from, input.to);
  if (input.values.length !== length)
    throw new RegressionError(
      `values has ${input.values.length} counts but ${input.from} to ${input.to} is ${length} days`,
      "invalid-input",
    );
  checkCounts(input.values, first);
  const effects = checkFixedEffects(input.fixedEffects ?? []);
  checkNames(input.causes.map((c) => c.name));
  const indicators = input.causes.map((c) => windowIndicator(c.causes, c.window, first, length));
  const levels = effects.map((e) => Int32Array.from({ length }, (_, d) => levelOf(e, first + d)));
  const dropped = effects.flatMap((e, f) => emptyLevels(e, levels[f]!, input.values));
  const keep: number[] = [];
  for (let d = 0; d < length; d++)
    if (!dropped.some((x) => levels[effects.indexOf(x.effect)]![d] === x.level)) keep.push(d);

  const dummies = effects.map((e, f) => {
    const present = [...new Set(keep.map((d) => levels[f]![d]!))].sort((a, b) => a - b);
    return { effect: e, levels: levels[f]!, columns: present.slice(1) };
  });
  const names = [
    "const",
    ...input.causes.map((c) => c.name),
    ...dummies.flatMap((x) => x.columns.map((l) => `${x.effect}[${l}]`)),
  ];
  const X = keep.map((d) => [
    1,
    ...indicators.map((w) => w[d]!),
    ...dummies.flatMap((x) => x.columns.map((l) => (x.levels[d] === l ? 1 : 0))),
  ]);
  return {
    y: keep.map((d) => input.values[d]!),
    X,
    names,
    days: keep.map((d) => dayString(first + d)),
    dropped,
  };
}

/** Counts are whole numbers ≥ 0, and at least one is not 0; a refusal names the day. */
function checkCounts(values: readonly number[], first: number): void {
  const bad = values.findIndex((v) => !Number.isInteger(v) || v < 0);
  if (bad >= 0)
    throw new RegressionError(
      `the count on ${dayString(first + bad)} is ${values[bad]}: counts are whole numbers ≥ 0`,
      "invalid-input",
    );
  if (values.every((v) => v === 0))
    throw new RegressionError(
      `the series has no event from ${dayString(first)} to ${dayString(first + values.length - 1)}: ` +
        "there is no rate to estimate",
      "no-events",
    );
}

function checkFixedEffects(effects: readonly string[]): FixedEffect[] {
  const seen = new Set<string>();
  for (const e of effects) {
    if (!(FIXED_EFFECTS as readonly string[]).includes(e))
      throw new RegressionError(
        `fixed effect "${e}" is not one of ${FIXED_EFFECTS.map((x) => `"${x}"`).join(", ")}`,
        "invalid-input",
      );
    if (seen.has(e)) throw new RegressionError(`fixed effect "${e}" is given twice`, "invalid-input");
    seen.add(e);
  }
  return [...seen] as FixedEffect[];
}

function checkNames(names: readonly string[]): void {
  const seen = new Set(["const"]);
  for (const n of names) {
    if (!n) throw new RegressionError("a cause column needs a name", "invalid-input");
    if (seen.has(n) || /^(month|year)\[/.test(n))
      throw new RegressionError(
        `cause column name "${n}" is taken (by another column or a dummy)`,
        "invalid-input",
      );
    seen.add(n);
  }
}

/** The levels of an effect with no event on any of their days. */
function emptyLevels(effect: FixedEffect, levels: Int32Array, values: readonly number[]): DroppedLevel[] {
  const totals = new Map<number, { events: number; days: number }>();
  levels.forEach((l, d) => {
    const t = totals.get(l) ?? { events: 0, days: 0 };
    t.events += values[d]!;
    t.days += 1;
    totals.set(l, t);
  });
  return [...totals]
    .filter(([, t]) => t.events === 0)
    .sort(([a], [b]) => a - b)
    .map(([level, t]) => ({ name: `${effect}[${level}]`, effect, level, days: t.days }));
}
