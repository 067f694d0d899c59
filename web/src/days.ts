/*
 * Dates as the API writes them, in plain TypeScript (no JSX): the charts' day arithmetic and its tests use them
 * without loading any component.
 */

/** A date as the API uses it: YYYY-MM-DD, or YYYY-MM / YYYY; to a Date at its first day (UTC). */
export function toDate(d: string): Date {
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1));
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** A real calendar day written YYYY-MM-DD (not 2022-02-30, not "yesterday"). */
export const isDay = (d: string): boolean => /^\d{4}-\d\d-\d\d$/.test(d) && isoDay(toDate(d)) === d;
