import type { Evidence } from "../api.js";

/** The evidence in date order, grouped by the year of each event. */
export function byYear(evidence: readonly Evidence[]): { year: string; events: Evidence[] }[] {
  const years: { year: string; events: Evidence[] }[] = [];
  for (const e of evidence) {
    const year = e.date.slice(0, 4);
    const last = years[years.length - 1];
    if (last?.year === year) last.events.push(e);
    else years.push({ year, events: [e] });
  }
  return years;
}
