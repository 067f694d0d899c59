/**
 * Dates as sources give them: a day (2022-10-28), a month (2021-11) or a year (2006). A partial date covers a span
 * of days; comparisons use that span.
 */
export type DatePrecision = "day" | "month" | "year";

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export interface DateSpan {
  precision: DatePrecision;
  /** First day covered, YYYY-MM-DD. */
  first: string;
  /** Last day covered, YYYY-MM-DD. */
  last: string;
}

export function daysInMonth(year: number, month: number): number {
  // Not Date.UTC, which reads years 0 to 99 as 1900 to 1999 (and 1900, unlike year 0, is no leap year).
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/**
 * The last date parsed and its span (frozen, as it is shared): an import checks each event's date several times
 * over (importer, schema, end date, index columns), and consecutive records mostly share one.
 */
let lastText: string | undefined;
let lastSpan: DateSpan | undefined;

/** Parses an ISO calendar date of day, month or year precision; returns undefined for anything else. */
export function parsePartialDate(text: string): DateSpan | undefined {
  if (text !== lastText) {
    lastSpan = parseSpan(text);
    if (lastSpan) Object.freeze(lastSpan);
    lastText = text;
  }
  return lastSpan;
}

function parseSpan(text: string): DateSpan | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  // ISO 8601's four-digit years without agreement: 0001 to 9999 (there was no year 0 in any record we keep).
  if (year < 1) return undefined;
  if (m[2] === undefined) return { precision: "year", first: `${m[1]}-01-01`, last: `${m[1]}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  const dim = daysInMonth(year, month);
  if (m[3] === undefined) {
    return {
      precision: "month",
      first: `${m[1]}-${m[2]}-01`,
      last: `${m[1]}-${m[2]}-${String(dim).padStart(2, "0")}`,
    };
  }
  const day = Number(m[3]);
  if (day < 1 || day > dim) return undefined;
  return { precision: "day", first: text, last: text };
}

export function isDayDate(text: string): boolean {
  return parsePartialDate(text)?.precision === "day";
}

/** Adds whole days to a YYYY-MM-DD date, in the proleptic Gregorian calendar (no time zone involved). */
export function addDays(day: string, days: number): string {
  // Every month has 28 days: within them only the day of month changes. Most calls move a day or two, and the
  // engine makes hundreds of thousands of them on a large record.
  if (day.length === 10 && Number.isInteger(days)) {
    const dd = (day.charCodeAt(8) - 48) * 10 + (day.charCodeAt(9) - 48) + days;
    if (dd >= 1 && dd <= 28) return day.slice(0, 8) + (dd < 10 ? "0" : "") + dd;
  }
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
