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
