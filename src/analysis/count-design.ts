import { readCauses, unionOf, windowOf, type CauseInput, type CauseWindow } from "./causes.js";
import { dayRange, dayString, monthNumber } from "./days.js";
import { RegressionError } from "./ols.js";
import { gridOf, type Frequency } from "./series.js";

/**
 * The design of a count regression on a daily series (glm.ts, negative-binomial.ts), by day or by week: an
 * intercept, one column per cause series, and month-of-year or year fixed effects as dummies, the first level
 * present left out as the reference (`month[2]` … `month[12]` beside January; `year[2016]` … beside 2015).
 *
 * By day, a cause's column is 1 on the days within its window after any cause (causes.ts — the days the window test
 * counts), else 0.
 *
 * By week, the weeks are series.ts's (ISO weeks, Monday to Sunday, labelled by the Monday) and y is the week's total.
 * - A cause's column is the share of the week's days within its windows (days/7): a week with one such day is not
 *   a week spent in the window, and the shares add up to the window days the window test counts. Its coefficient is
 *   the log rate ratio of a week wholly within windows against one wholly outside (read linearly in the share).
 * - A week's month and year are its Thursday's, as ISO dates a week: the Thursday's month holds at least 4 of the 7
 *   days, and its year is the week's ISO year, so no week is split between two levels and each falls in its majority.
 * - Weeks the range cuts (fewer than 7 of their days in it) are left out and listed: their totals are not comparable
 *   with whole weeks' (the GLM has no offset for exposure), and at most the first and last are cut.
 *
 * A level of a fixed effect with no event in any of its bins (a year without a launch) has no finite estimate: the
 * likelihood rises without end as its rate goes to 0. Its bins then tell nothing about the other coefficients (at
 * that limit their terms of the likelihood and its derivatives are 0), so they are left out, and the design says
 * which levels and how many days (as fixest and ppmlhdfe do).
 */
export type FixedEffect = "month" | "year";
export const FIXED_EFFECTS: readonly FixedEffect[] = ["month", "year"];

/** The bins a count model is fitted on. */
export type CountFrequency = Extract<Frequency, "day" | "week">;
export const COUNT_FREQUENCIES = ["day", "week"] as const satisfies readonly CountFrequency[];

/** Days in a whole bin. */
const BIN_DAYS: Record<CountFrequency, number> = { day: 1, week: 7 };
/** From a whole bin's first day to the day that gives its month and year: a week's Thursday (ISO 8601). */
const LEVEL_DAY: Record<CountFrequency, number> = { day: 0, week: 3 };

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
  /** Default "day". */
  freq?: CountFrequency;
}

export interface DroppedLevel {
  /** The dummy's name, e.g. "year[2018]" (also for a reference level, which has no column). */
  name: string;
  effect: FixedEffect;
  level: number;
  /** Days left out (7 a week). */
  days: number;
}

/** A week the range cuts, left out of a weekly design. */
export interface PartialWeek {
  /** Its Monday, YYYY-MM-DD (the series' label), which may lie before the range. */
  week: string;
  /** Its days within the range, 1–6. */
  days: number;
}

export interface CountDesign {
  freq: CountFrequency;
  y: number[];
  /** Rows: const, the cause columns, then the dummies. */
  X: number[][];
  names: string[];
  /** The bin of each row, YYYY-MM-DD: its day, or its week's Monday. */
  bins: string[];
  /** Weeks the range cuts, left out; none by day. */
  partialWeeks: PartialWeek[];
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
  const freq = checkFrequency(input.freq ?? "day");
  const { first, last, length } = dayRange(input.from, input.to);
  if (input.values.length !== length)
    throw new RegressionError(
      `values has ${input.values.length} counts but ${input.from} to ${input.to} is ${length} days`,
      "invalid-input",
    );
  checkCounts(input.values, first);
  const effects = checkFixedEffects(input.fixedEffects ?? []);
  checkNames(input.causes.map((c) => c.name));
  const bins = wholeBins(freq, first, last, input);
  if (bins.y.length === 0)
    throw new RegressionError(
      `${input.from} to ${input.to} holds no whole week (Monday to Sunday), so there is no weekly count to model`,
      "too-short",
    );
  if (bins.y.every((v) => v === 0))
    throw new RegressionError(
      `the series has no event in the whole weeks from ${input.from} to ${input.to} ` +
        `(only in the weeks the range cuts, left out): there is no rate to estimate`,
      "no-events",
    );
  const levels = effects.map((e) => Int32Array.from(bins.levelDays, (day) => levelOf(e, day)));
  const dropped = effects.flatMap((e, f) => emptyLevels(e, levels[f]!, bins.y, BIN_DAYS[freq]));
  const keep: number[] = [];
  for (let b = 0; b < bins.y.length; b++)
    if (!dropped.some((x) => levels[effects.indexOf(x.effect)]![b] === x.level)) keep.push(b);

  const dummies = effects.map((e, f) => {
    const present = [...new Set(keep.map((b) => levels[f]![b]!))].sort((a, b) => a - b);
    return { effect: e, levels: levels[f]!, columns: present.slice(1) };
  });
  const names = [
    "const",
    ...input.causes.map((c) => c.name),
    ...dummies.flatMap((x) => x.columns.map((l) => `${x.effect}[${l}]`)),
  ];
  const X = keep.map((b) => [
    1,
    ...bins.shares.map((w) => w[b]!),
    ...dummies.flatMap((x) => x.columns.map((l) => (x.levels[b] === l ? 1 : 0))),
  ]);
  return {
    freq,
    y: keep.map((b) => bins.y[b]!),
    X,
    names,
    bins: keep.map((b) => bins.labels[b]!),
    partialWeeks: bins.partial,
    dropped,
  };
}

/** The whole bins of the range (series.ts's grid): their totals, cause shares and the day giving their level. */
interface WholeBins {
  labels: string[];
  y: number[];
  /** Per cause column, the share of each bin's days within its windows. */
  shares: number[][];
  levelDays: number[];
  partial: PartialWeek[];
}

function wholeBins(freq: CountFrequency, first: number, last: number, input: CountDesignInput): WholeBins {
  const length = last - first + 1;
  const grid = gridOf(freq, first, last);
  const size = BIN_DAYS[freq];
  const indicators = input.causes.map((c) => windowIndicator(c.causes, c.window, first, length));
  const totals = new Float64Array(grid.bins.length);
  const inWindow = indicators.map(() => new Float64Array(grid.bins.length));
  const firstDay = new Int32Array(grid.bins.length).fill(-1);
  for (let d = 0; d < length; d++) {
    const b = grid.binOfDay[d]!;
    if (firstDay[b] === -1) firstDay[b] = first + d;
    totals[b]! += input.values[d]!;
    indicators.forEach((w, c) => (inWindow[c]![b]! += w[d]!));
  }
  const whole = grid.bins.flatMap((_, b) => (grid.binDays[b] === size ? [b] : []));
  return {
    labels: whole.map((b) => grid.bins[b]!),
    y: whole.map((b) => totals[b]!),
    shares: inWindow.map((days) => whole.map((b) => days[b]! / size)),
    levelDays: whole.map((b) => firstDay[b]! + LEVEL_DAY[freq]),
    partial: grid.bins.flatMap((week, b) =>
      grid.binDays[b] === size ? [] : [{ week, days: grid.binDays[b]! }],
    ),
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

function checkFrequency(freq: string): CountFrequency {
  if (!(COUNT_FREQUENCIES as readonly string[]).includes(freq))
    throw new RegressionError(
      `freq "${freq}" is not one of ${COUNT_FREQUENCIES.map((x) => `"${x}"`).join(", ")}`,
      "invalid-input",
    );
  return freq as CountFrequency;
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

/** The levels of an effect with no event in any of their bins, with their days. */
function emptyLevels(
  effect: FixedEffect,
  levels: Int32Array,
  values: readonly number[],
  binDays: number,
): DroppedLevel[] {
  const totals = new Map<number, { events: number; days: number }>();
  levels.forEach((l, b) => {
    const t = totals.get(l) ?? { events: 0, days: 0 };
    t.events += values[b]!;
    t.days += binDays;
    totals.set(l, t);
  });
  return [...totals]
    .filter(([, t]) => t.events === 0)
    .sort(([a], [b]) => a - b)
    .map(([level, t]) => ({ name: `${effect}[${level}]`, effect, level, days: t.days }));
}
