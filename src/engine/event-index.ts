import { matches, type EventMatcher, type LedgerEvent } from "../model/index.js";

/** An event with the day the engine places it on: its date, or the first day of a partial date (2021-11). */
export interface DatedEvent {
  event: LedgerEvent;
  day: string;
}

function firstDay(date: string): string {
  if (date.length === 10) return date;
  return date.length === 7 ? `${date}-01` : `${date}-01-01`;
}

const byDayThenId = (a: DatedEvent, b: DatedEvent) =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;

/**
 * The events visible as of a date, bucketed by type so that each matcher reads only the types it names. Results are
 * ordered by day, then id, whatever order the events came in.
 */
export class EventIndex {
  private readonly byType = new Map<string, DatedEvent[]>();
  private readonly cache = new Map<EventMatcher, DatedEvent[]>();

  constructor(events: readonly LedgerEvent[], asOf: string) {
    for (const event of events) {
      if (event.type === "retraction") continue;
      const day = firstDay(event.date);
      if (day > asOf) continue;
      let bucket = this.byType.get(event.type);
      if (!bucket) this.byType.set(event.type, (bucket = []));
      bucket.push({ event, day });
    }
  }

  matching(m: EventMatcher): DatedEvent[] {
    let found = this.cache.get(m);
    if (found) return found;
    const buckets = m.types?.length
      ? m.types.map((t) => this.byType.get(t) ?? [])
      : [...this.byType.values()];
    found = [];
    for (const bucket of buckets) for (const d of bucket) if (matches(m, d.event)) found.push(d);
    found.sort(byDayThenId);
    this.cache.set(m, found);
    return found;
  }

  /** Matching events on or after `from`, grouped by day. */
  byDay(m: EventMatcher, from: string | null): Map<string, DatedEvent[]> {
    const days = new Map<string, DatedEvent[]>();
    for (const d of this.matching(m)) {
      if (from !== null && d.day < from) continue;
      const list = days.get(d.day);
      if (list) list.push(d);
      else days.set(d.day, [d]);
    }
    return days;
  }
}
