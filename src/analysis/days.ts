/**
 * Calendar days as whole numbers (days since 1970-01-01 in the proleptic Gregorian calendar), so that the analyses
 * do date math by integer arithmetic: no time zones, no daylight saving, no hours. The conversions are Howard
 * Hinnant's days_from_civil and civil_from_days (http://howardhinnant.github.io/date_algorithms.html), which count
 * 400-year eras of 146,097 days; they avoid Date, whose parsing and formatting cost microseconds a call.
 */

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(n: number): { year: number; month: number; day: number } {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day number of a YYYY-MM-DD date; throws a RangeError on anything else (2021-02-29 included). */
export function dayNumber(text: string): number {
  const m = DAY_RE.exec(text);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  const length = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
  if (!m || length === undefined || day < 1 || day > length)
    throw new RangeError(`not a calendar day (YYYY-MM-DD): "${text}"`);
  return daysFromCivil(year, month, day);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The YYYY-MM-DD date of a day number (years 0000 to 9999). */
export function dayString(n: number): string {
  const { year, month, day } = civilFromDays(n);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** The Monday that starts the ISO week of a day (ISO weeks run Monday to Sunday). */
export function mondayOf(n: number): number {
  // Day 0, 1970-01-01, was a Thursday: three days after a Monday.
  return n - ((((n + 3) % 7) + 7) % 7);
}

/** Months since January 1970 of a day number: (year − 1970) × 12 + month − 1. */
export function monthNumber(n: number): number {
  const { year, month } = civilFromDays(n);
  return (year - 1970) * 12 + month - 1;
}

/** The YYYY-MM of a month number. */
export function monthString(m: number): string {
  const year = 1970 + Math.floor(m / 12);
  return `${String(year).padStart(4, "0")}-${pad2(m - (year - 1970) * 12 + 1)}`;
}

/** The day numbers of an inclusive range given as dates; throws when `to` is before `from`. */
export function dayRange(from: string, to: string): { first: number; last: number; length: number } {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) throw new RangeError(`the range ends (${to}) before it starts (${from})`);
  return { first, last, length: last - first + 1 };
}
