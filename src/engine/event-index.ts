import { matches, type EventMatcher, type LedgerEvent } from "../model/index.js";

/** An event with the day the engine places it on: its date, or the first day of a partial date (2021-11). */
export interface DatedEvent {
  event: LedgerEvent;
  day: string;
  /** Position in day-then-id order over all visible events: results are kept in this order. */
  position: number;
}

function firstDay(date: string): string {
  if (date.length === 10) return date;
  return date.length === 7 ? `${date}-01` : `${date}-01-01`;
}

const byId = (a: DatedEvent, b: DatedEvent) =>
  a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;

/** Groups events by day in date order (few distinct days, many events), then orders each day's events by id. */
function sortByDayThenId(events: Omit<DatedEvent, "position">[]): DatedEvent[] {
  const days = new Map<string, DatedEvent[]>();
  for (const e of events) {
    const d = e as DatedEvent;
    const list = days.get(d.day);
    if (list) list.push(d);
    else days.set(d.day, [d]);
  }
  const sorted: DatedEvent[] = [];
  for (const day of [...days.keys()].sort()) {
    const list = days.get(day)!;
    if (list.length > 1) list.sort(byId);
    for (const d of list) {
      d.position = sorted.length;
      sorted.push(d);
    }
  }
  return sorted;
}

/**
 * The events visible as of a date, ordered once by day, then id (whatever order they came in), and bucketed by type
 * and by type and actor, so that each matcher reads only the events of the types and actors it names.
 */
export class EventIndex {
  private readonly byType = new Map<string, DatedEvent[]>();
  private readonly byTypeActor = new Map<string, DatedEvent[]>();
  /** Results by matcher, keyed by its terms: equal matchers written apart share one result. */
  private readonly cache = new Map<string, DatedEvent[]>();
  /** Built on first use: for one list and one attribute, the events by that attribute's value. */
  private readonly byValue = new Map<DatedEvent[], Map<string, Map<string, DatedEvent[]>>>();

  constructor(events: readonly LedgerEvent[], asOf: string) {
    const visible: Omit<DatedEvent, "position">[] = [];
    for (const event of events) {
      if (event.type === "retraction") continue;
      const day = firstDay(event.date);
      if (day <= asOf) visible.push({ event, day });
    }
    for (const d of sortByDayThenId(visible)) {
      push(this.byType, d.event.type, d);
      for (const actor of d.event.actors) push(this.byTypeActor, `${d.event.type}\u0000${actor}`, d);
    }
  }

  /**
   * The lists that hold every event the matcher can match, each in order: the type (and actor) buckets, narrowed by
   * the values of the matcher's first attribute term when it has one, since many matchers share an attribute
   * (`class`) and each list is then read once for all of them.
   */
  private candidates(m: EventMatcher): DatedEvent[][] {
    const types = m.types?.length ? m.types : [...this.byType.keys()];
    const lists = m.actors?.length
      ? types.flatMap((t) => m.actors!.map((a) => this.byTypeActor.get(`${t}\u0000${a}`) ?? []))
      : types.map((t) => this.byType.get(t) ?? []);
    const key = m.attributes ? Object.keys(m.attributes)[0] : undefined;
    if (key === undefined) return lists;
    const wanted = m.attributes![key]!;
    return lists.flatMap((list) => {
      const values = this.valuesOf(list, key);
      return wanted.map((v) => values.get(v) ?? []);
    });
  }

  private valuesOf(list: DatedEvent[], key: string): Map<string, DatedEvent[]> {
    let keys = this.byValue.get(list);
    if (!keys) this.byValue.set(list, (keys = new Map()));
    let values = keys.get(key);
    if (values) return values;
    values = new Map();
    for (const d of list) {
      const value = d.event.attributes[key];
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of new Set(value.map(String))) push(values, v, d);
      else push(values, String(value), d);
    }
    keys.set(key, values);
    return values;
  }

  matching(m: EventMatcher): DatedEvent[] {
    const cacheKey = JSON.stringify(m);
    let found = this.cache.get(cacheKey);
    if (found) return found;
    const lists = this.candidates(m).filter((l) => l.length > 0);
    found = [];
    for (const list of lists) for (const d of list) if (matches(m, d.event)) found.push(d);
    if (lists.length > 1) {
      // Several lists (types, or actors of one event): restore the order and drop an event found twice.
      found.sort((a, b) => a.position - b.position);
      found = found.filter((d, i) => i === 0 || found![i - 1]!.position !== d.position);
    }
    this.cache.set(cacheKey, found);
    return found;
  }

  /** The index of the first event on or after `day` in a list in day order. */
  static firstOnOrAfter(list: readonly DatedEvent[], day: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.day < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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

function push(map: Map<string, DatedEvent[]>, key: string, d: DatedEvent): void {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}
