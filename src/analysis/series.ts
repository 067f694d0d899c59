import { cameoOf } from "../model/cameo.js";
import type { CountingUnit } from "../model/counting.js";
import type { LedgerEvent } from "../model/event.js";
import { matches, type EventMatcher } from "../model/matcher.js";
import { parsePartialDate } from "../model/partial-date.js";
import { dayNumber, dayRange, dayString, mondayOf, monthNumber, monthString } from "./days.js";

/**
 * A time series of the events that match a matcher, binned by day, ISO week or calendar month.
 *
 * Bins and the range: the range [from, to] is inclusive and only days inside it count. The bins are the calendar
 * days, ISO weeks (Monday to Sunday, labelled by the Monday's date) or months (YYYY-MM) that intersect the range,
 * so the first and last week or month may be cut short; `binDays` says how many of each bin's days lie in the
 * range, for analysts who want rates rather than totals. Every bin is present, empty ones as 0.
 *
 * Measures: "count" counts in the unit asked: `count` adds each event's `count` (a salvo of two missiles is 2),
 * `events` adds 1 per event, `days` adds 1 per day with at least one event (a launch day); "goldstein" adds count ×
 * the Goldstein weight of the event's CAMEO code (cameoOf), so cooperation and conflict offset each other.
 *
 * Events that last (`end`): with span "start" an event counts once, on its first day, and only if that day is in
 * the range (an exercise that began before `from` is not counted); with span "every-day" it counts on every day
 * it runs within the range, so a 10-day exercise adds 10 to a monthly count.
 *
 * Partial dates (YYYY-MM, YYYY) cannot be placed on a day: day and week series skip them and say how many. A month
 * series places a month-precision event in its month when the whole month lies in the range (else the event may
 * have happened outside it); year-precision events are always skipped, as are lasting events whose days cannot be
 * counted (span "every-day" with a partial date or a partial end). Unit "days" places nothing it cannot put on a day:
 * a month-precision event is skipped there too.
 */
export type Frequency = "day" | "week" | "month";
export type Measure = "count" | "goldstein";
export type Span = "start" | "every-day";

export interface SeriesOptions {
  freq: Frequency;
  /** First day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
  /** Default "count". */
  measure?: Measure;
  /** Default "start". */
  span?: Span;
  /** What measure "count" counts; default "count". Measure "goldstein" weighs counts only. */
  unit?: CountingUnit;
}

export interface Series {
  freq: Frequency;
  from: string;
  to: string;
  measure: Measure;
  /** What a count counts (events, days or counts); "count" for measure "goldstein". */
  unit: CountingUnit;
  span: Span;
  /** Bin labels: YYYY-MM-DD for days, the Monday's YYYY-MM-DD for weeks, YYYY-MM for months. */
  bins: string[];
  values: number[];
  /** How many days of each bin lie within [from, to]. */
  binDays: number[];
  /** Matching events counted on at least one day of the range. */
  placed: number;
  /** Matching events with no day counted in the range (with span "start": those that began outside it). */
  outside: number;
  skipped: {
    /** Matching events whose date (or end) is too coarse for the series. */
    partialDate: number;
    /** Matching events without a Goldstein weight (retractions), for measure "goldstein". */
    noWeight: number;
  };
}

/** The bins of a series over a range, the one place days are binned (count-design.ts bins its weeks here too). */
export interface Grid {
  bins: string[];
  binDays: number[];
  /** The bin of each day of the range, by offset from the first day. */
  binOfDay: Int32Array;
  /** The first month of a month series (month number), for placing month-precision events. */
  firstMonth: number;
}

export function gridOf(freq: Frequency, first: number, last: number): Grid {
  const length = last - first + 1;
  const binOfDay = new Int32Array(length);
  const firstMonth = monthNumber(first);
  const bins: string[] = [];
  const binDays: number[] = [];
  for (let d = first; d <= last; d++) {
    const label =
      freq === "day" ? dayString(d) : freq === "week" ? dayString(mondayOf(d)) : monthString(monthNumber(d));
    // Days arrive in order, so a new label is always a new bin.
    if (bins[bins.length - 1] !== label) {
      bins.push(label);
      binDays.push(0);
    }
    binOfDay[d - first] = bins.length - 1;
    binDays[bins.length - 1]! += 1;
  }
  return { bins, binDays, binOfDay, firstMonth };
}

/** The series of the events that match `matcher`; see the module comment for how bins and dates are handled. */
export function buildSeries(
  events: readonly LedgerEvent[],
  matcher: EventMatcher,
  options: SeriesOptions,
): Series {
  const measure = options.measure ?? "count";
  const unit = measure === "count" ? (options.unit ?? "count") : "count";
  const span = options.span ?? "start";
  const range = dayRange(options.from, options.to);
  const grid = gridOf(options.freq, range.first, range.last);
  const values = grid.bins.map(() => 0);
  const result: Series = {
    freq: options.freq,
    from: options.from,
    to: options.to,
    measure,
    unit,
    span,
    bins: grid.bins,
    values,
    binDays: grid.binDays,
    placed: 0,
    outside: 0,
    skipped: { partialDate: 0, noWeight: 0 },
  };

  // Days with an event, for unit "days": each counts once in its bin however many events fall on it.
  const daysSeen = unit === "days" ? new Uint8Array(range.last - range.first + 1) : undefined;
  const add = (day: number, weight: number): void => {
    const offset = day - range.first;
    if (daysSeen) {
      if (daysSeen[offset]) return;
      daysSeen[offset] = 1;
    }
    values[grid.binOfDay[offset]!]! += weight;
  };
  for (const event of events) {
    if (!matches(matcher, event)) continue;
    const weight = measure === "goldstein" ? weightOf(event) : unit === "count" ? event.count : 1;
    if (weight === undefined) {
      result.skipped.noWeight++;
      continue;
    }
    const start = parsePartialDate(event.date);
    const end = span === "every-day" && event.end !== undefined ? parsePartialDate(event.end) : undefined;
    if (span === "every-day" && event.end !== undefined && end?.precision !== "day") {
      result.skipped.partialDate++;
    } else if (start?.precision === "day") {
      const startDay = dayNumber(start.first);
      // An end before the start (the parser rejects it) is read as a one-day event.
      const endDay = end ? Math.max(dayNumber(end.first), startDay) : startDay;
      const first = Math.max(startDay, range.first);
      const last = Math.min(endDay, range.last);
      if (first > last) {
        result.outside++;
        continue;
      }
      for (let d = first; d <= last; d++) add(d, weight);
      result.placed++;
    } else if (
      start?.precision === "month" &&
      options.freq === "month" &&
      unit !== "days" &&
      (span === "start" || !event.end)
    ) {
      const monthFirst = dayNumber(start.first);
      const monthLast = dayNumber(start.last);
      if (monthLast < range.first || monthFirst > range.last) result.outside++;
      else if (monthFirst < range.first || monthLast > range.last) result.skipped.partialDate++;
      else {
        values[monthNumber(monthFirst) - grid.firstMonth]! += weight;
        result.placed++;
      }
    } else {
      result.skipped.partialDate++;
    }
  }
  return result;
}

function weightOf(event: LedgerEvent): number | undefined {
  const cameo = cameoOf(event);
  return cameo === undefined ? undefined : event.count * cameo.goldstein;
}
