/**
 * What a count of events counts: `events` (records: a salvo of one missile type is one), `days` (distinct days with
 * at least one: launch days), or `count` (the events' counts: missiles rather than salvos). Every table and analysis
 * that counts says which it used, since the three differ widely (2022: 41 launch events, 34 days, 73 missiles).
 */
export const COUNTING_UNITS = ["events", "days", "count"] as const;
export type CountingUnit = (typeof COUNTING_UNITS)[number];

export const COUNTING_UNIT_WORDS: Record<CountingUnit, string> = {
  events: "events (records: a salvo of one type is one)",
  days: "days with at least one event",
  count: "counted units (missiles, not salvos)",
};

export function isCountingUnit(x: string): x is CountingUnit {
  return (COUNTING_UNITS as readonly string[]).includes(x);
}
