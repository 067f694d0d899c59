import type { LedgerEvent } from "../model/event.js";
import { matches, type EventMatcher } from "../model/matcher.js";
import { parsePartialDate } from "../model/partial-date.js";
import { dayNumber } from "./days.js";

/**
 * Causes — the events a claim says are answered, such as US–South Korean exercises — and the windows after them
 * in which the answer should come.
 */

/** A cause on one day (YYYY-MM-DD), or one that lasts from `start` to `end`, both inclusive. */
export type CauseInput = string | { start: string; end?: string };

/**
 * Where to look for the effect, relative to each cause.
 * - `lag`: from `first` to `last` days after the cause starts, both inclusive (0 is the day it starts).
 * - `during`: the days the cause lasts, widened by `before` days before its start and `after` days after its end.
 */
export type CauseWindow =
  { kind: "lag"; first: number; last: number } | { kind: "during"; before?: number; after?: number };

export interface Cause {
  start: string;
  end: string;
  /** Day numbers (see days.ts). */
  startDay: number;
  endDay: number;
}

export function readCauses(causes: readonly CauseInput[]): Cause[] {
  return causes.map((c) => {
    const start = typeof c === "string" ? c : c.start;
    const end = typeof c === "string" ? c : (c.end ?? c.start);
    const startDay = dayNumber(start);
    const endDay = dayNumber(end);
    if (endDay < startDay) throw new RangeError(`a cause ends (${end}) before it starts (${start})`);
    return { start, end, startDay, endDay };
  });
}

/**
 * The causes among ledger events: each matching event from its date to its end. Events with a partial date cannot
 * be placed on a day and are counted in `skipped` instead (a partial end is read as a one-day cause).
 */
export function causesOf(
  events: readonly LedgerEvent[],
  matcher: EventMatcher,
): { causes: { start: string; end: string }[]; skipped: number } {
  const causes: { start: string; end: string }[] = [];
  let skipped = 0;
  for (const e of events) {
    if (!matches(matcher, e)) continue;
    if (parsePartialDate(e.date)?.precision !== "day") {
      skipped++;
      continue;
    }
    const end = e.end !== undefined && parsePartialDate(e.end)?.precision === "day" ? e.end : e.date;
    causes.push({ start: e.date, end: end < e.date ? e.date : end });
  }
  return { causes, skipped };
}

function checkDays(n: number | undefined, name: string): number {
  const v = n ?? 0;
  if (!Number.isInteger(v) || v < 0)
    throw new RangeError(`${name} must be a whole number of days ≥ 0, not ${v}`);
  return v;
}

/** The days of one cause's window, as inclusive day numbers (not yet clipped to the series). */
export type WindowOf = (cause: Cause) => [number, number];

export function windowOf(window: CauseWindow): WindowOf {
  if (window.kind === "lag") {
    const first = checkDays(window.first, "the window's first lag");
    const last = checkDays(window.last, "the window's last lag");
    if (last < first) throw new RangeError(`the window's last lag (${last}) is before its first (${first})`);
    return (c) => [c.startDay + first, c.startDay + last];
  }
  const before = checkDays(window.before, "before");
  const after = checkDays(window.after, "after");
  return (c) => [c.startDay - before, c.endDay + after];
}

/**
 * The pre-window, a pre-trend check: if the effect is raised before the causes too, an excess in the window may be
 * no answer to them (the effect was rising already, or both follow the same calendar). A lag window is mirrored
 * before the cause (lags 2..5 → −5..−2), day 0 left out (0..14 → −14..−1; 0..0 → −1..−1); a `during` window is
 * matched by as many days just before it.
 */
export function preWindowOf(window: CauseWindow): WindowOf {
  const during = windowOf(window);
  if (window.kind === "lag") {
    const first = Math.max(window.first, 1);
    const last = Math.max(window.last, 1);
    return (c) => [c.startDay - last, c.startDay - first];
  }
  return (c) => {
    const [a, b] = during(c);
    return [a - (b - a + 1), a - 1];
  };
}

/** A set of days as disjoint, sorted runs of offsets into a series of `length` days. */
export interface DayRuns {
  starts: Int32Array;
  /** Inclusive. */
  ends: Int32Array;
  /** Days in all runs. */
  days: number;
}

/** The union of intervals (offsets, inclusive), clipped to [0, length − 1]: each day once. */
export function unionOf(intervals: readonly (readonly [number, number])[], length: number): DayRuns {
  const clipped = intervals
    .map(([a, b]): [number, number] => [Math.max(a, 0), Math.min(b, length - 1)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  let days = 0;
  for (const [a, b] of clipped) {
    const last = ends.length - 1;
    // Overlapping or touching runs merge: fewer runs, fewer sums per permutation.
    if (last >= 0 && a <= ends[last]! + 1) ends[last] = Math.max(ends[last]!, b);
    else {
      starts.push(a);
      ends.push(b);
    }
  }
  for (let i = 0; i < starts.length; i++) days += ends[i]! - starts[i]! + 1;
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), days };
}
