import { addDays, isDayDate } from "./partial-date.js";

/** Today's date in UTC, YYYY-MM-DD: what "as of today" means when no date is given. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Why an as-of date cannot be evaluated, or undefined when it can: it must be a day, and not after today, since
 * the record cannot hold what has not happened ("held for 4273 days so far" as of 2030 would be a forecast). A day
 * of grace: somewhere on Earth (UTC+14) it is already tomorrow.
 */
export function asOfProblem(asOf: string, now: Date = new Date()): string | undefined {
  if (!isDayDate(asOf)) return `must be a date YYYY-MM-DD, not "${asOf}"`;
  const latest = addDays(todayUtc(now), 1);
  if (asOf > latest)
    return `${asOf} is after today (${todayUtc(now)} UTC): a ledger records what happened, so an evaluation as of a later day would be a forecast; give a date up to ${latest}`;
  return undefined;
}

/**
 * When an as-of date lies after every period the record is researched over (its coverage), what is said of it is
 * extrapolation: a quiet stretch there may be events not yet entered rather than events that did not happen.
 * Returns the words that say so, or undefined within the coverage (or with none written down).
 */
export function beyondCoverage(asOf: string, coverageEnds: readonly string[]): string | undefined {
  if (!coverageEnds.length) return undefined;
  const last = coverageEnds.reduce((a, b) => (a > b ? a : b));
  if (asOf <= last) return undefined;
  return `the record is researched up to ${last} (lockstep coverage); as of ${asOf} the days after it are extrapolation: a quiet stretch there may be events not yet entered`;
}
