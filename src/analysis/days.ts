/**
 * Calendar days as whole numbers (days since 1970-01-01, the day number of the proleptic Gregorian calendar in
 * UTC), so that the analyses do date math by integer arithmetic: no time zones, no daylight saving, no hours.
 */
const MS_PER_DAY = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The day number of a YYYY-MM-DD date; throws a RangeError on anything else (2021-02-29 included). */
export function dayNumber(day: string): number {
  const t = DAY_RE.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  // Date.parse rolls 2021-02-30 over to March 2: the day must read back as written.
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day)
    throw new RangeError(`not a calendar day (YYYY-MM-DD): "${day}"`);
  return t / MS_PER_DAY;
}

/** The YYYY-MM-DD date of a day number. */
export function dayString(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The Monday that starts the ISO week of a day (ISO weeks run Monday to Sunday). */
export function mondayOf(n: number): number {
  // Day 0, 1970-01-01, was a Thursday: three days after a Monday.
  return n - ((((n + 3) % 7) + 7) % 7);
}

/** Months since January 1970 of a day number: year × 12 + month − 1, relative to 1970. */
export function monthNumber(n: number): number {
  const d = new Date(n * MS_PER_DAY);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** The YYYY-MM of a month number. */
export function monthString(m: number): string {
  const year = 1970 + Math.floor(m / 12);
  const month = m - (year - 1970) * 12 + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** The day numbers of an inclusive range given as dates; throws when `to` is before `from`. */
export function dayRange(from: string, to: string): { first: number; last: number; length: number } {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) throw new RangeError(`the range ends (${to}) before it starts (${from})`);
  return { first, last, length: last - first + 1 };
}
