import type { CoverageEntry, EventFacets } from "../api.js";
import type { Range } from "./useRangeEvents.js";

/** Shown until the coverage and the facets are read, and if neither can be. */
export const FALLBACK_RANGE: Range = { from: "2016-01-01", to: "2023-12-31" };

const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The range the timeline opens on: the periods the record's families of events are researched over (from the first
 * one's start to the last one's end), within the days its events reach; the whole record when no coverage is
 * written down; null when the ledger holds no events.
 */
export function coveredRange(coverage: readonly CoverageEntry[], facets: EventFacets | null): Range | null {
  if (!facets?.first || !facets.last) return null;
  if (coverage.length === 0) return { from: facets.first, to: facets.last };
  const from = coverage.map((c) => c.from).reduce(earlier);
  const to = coverage.map((c) => c.to).reduce(later);
  const range = { from: later(from, facets.first), to: earlier(to, facets.last) };
  return range.from < range.to ? range : { from: facets.first, to: facets.last };
}
