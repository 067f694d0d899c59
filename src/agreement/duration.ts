/**
 * ISO 8601 durations of whole days, weeks, months and years (P90D, P2W, P6M, P1Y2M), added to calendar dates.
 * Adding months keeps the day of month and clamps to the month's end (2020-01-31 + P1M = 2020-02-29), as
 * date-fns' addMonths does; agreements count in calendar days, so no time of day or time zone is involved.
 */
export interface Duration {
  years: number;
  months: number;
  days: number;
  text: string;
}

const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export function parseDuration(text: string): Duration | undefined {
  const m = DURATION_RE.exec(text);
  if (!m || text === "P") return undefined;
  const [years, months, weeks, days] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? 0 : Number(x)));
  return { years: years!, months: months!, days: weeks! * 7 + days!, text };
}

export function addDuration(day: string, d: Duration): string {
  const [y, m, dd] = day.split("-").map(Number) as [number, number, number];
  const totalMonths = y * 12 + (m - 1) + d.years * 12 + d.months;
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const base = Date.UTC(year, month - 1, Math.min(dd, lastDay));
  const result = new Date(base + d.days * 86_400_000);
  // Beyond the years 0001-9999 there is no date to write (a token "expiring" in 100 million years).
  if (!(result.getUTCFullYear() >= 1 && result.getUTCFullYear() <= 9999))
    throw new RangeError(`${day} plus the duration is not a date of the years 0001 to 9999`);
  return result.toISOString().slice(0, 10);
}

/** An instant plus a duration, at the same time of day (UTC): when a token made now expires. */
export function addDurationToInstant(instant: Date, d: Duration): string {
  const iso = instant.toISOString();
  const day = addDuration(iso.slice(0, 10), d);
  return `${day}${iso.slice(10)}`;
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
