import { isoDay, toDate } from "../days.js";

/** Whole days, counted from 1970-01-01 (UTC): the charts' x axis. */
const DAY = 86_400_000;
export const dayNumber = (d: string): number => Math.round(toDate(d).getTime() / DAY);
export const fromDayNumber = (n: number): string => isoDay(new Date(n * DAY));
export const addDays = (d: string, n: number): string => fromDayNumber(dayNumber(d) + n);
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** A linear map from days [lo, hi) to pixels [left, right]. */
export interface DayScale {
  lo: number;
  hi: number;
  left: number;
  right: number;
  x(day: string | number): number;
}

export function dayScale(lo: number, hi: number, left: number, right: number): DayScale {
  const span = Math.max(1, hi - lo);
  return {
    lo,
    hi,
    left,
    right,
    x: (day) => left + (((typeof day === "number" ? day : dayNumber(day)) - lo) / span) * (right - left),
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Ticks on the first of a month or of a year, as many as fit with `spacing` pixels between labels: years (every 1,
 * 2, 5, 10 or 20) for long spans, months (every 1, 2, 3 or 6) for short ones.
 */
export function dayTicks(scale: DayScale, spacing = 64): { day: number; label: string }[] {
  const fit = Math.max(2, Math.floor((scale.right - scale.left) / spacing));
  const first = toDate(fromDayNumber(scale.lo));
  const last = toDate(fromDayNumber(scale.hi));
  const y0 = first.getUTCFullYear();
  const m0 = y0 * 12 + first.getUTCMonth();
  const months = last.getUTCFullYear() * 12 + last.getUTCMonth() - m0;
  for (const step of [1, 2, 3, 6, 12, 24, 60, 120, 240]) {
    if (months / step > fit) continue;
    const ticks: { day: number; label: string }[] = [];
    // From the first month (or year) boundary after the start, aligned to the step.
    let m = Math.ceil(m0 / step) * step;
    for (; m <= m0 + months; m += step) {
      const y = Math.floor(m / 12);
      const month = m % 12;
      const day = dayNumber(`${y}-${String(month + 1).padStart(2, "0")}-01`);
      if (day < scale.lo || day >= scale.hi) continue;
      ticks.push({ day, label: step >= 12 ? String(y) : month === 0 ? String(y) : `${MONTHS[month]} ${y}` });
    }
    return ticks;
  }
  return [];
}
