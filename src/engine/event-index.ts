import { matchesOtherTerms, type EventMatcher, type LedgerEvent } from "../model/index.js";

/** An event with the day the engine places it on: its date, or the first day of a partial date (2021-11). */
export interface DatedEvent {
  event: LedgerEvent;
  day: string;
  /** Position in day-then-id order over the events the index keeps: results are kept in this order. */
  position: number;
}

function firstDay(date: string): string {
  if (date.length === 10) return date;
  return date.length === 7 ? `${date}-01` : `${date}-01-01`;
}

const byId = (a: DatedEvent, b: DatedEvent) =>
  a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;

/** Groups events by day in date order (few distinct days, many events), then orders each day's events by id. */
function sortByDayThenId(events: DatedEvent[]): DatedEvent[] {
  const days = new Map<string, DatedEvent[]>();
  for (const d of events) {
    const list = days.get(d.day);
    if (list) list.push(d);
    else days.set(d.day, [d]);
  }
  const sorted: DatedEvent[] = [];
  for (const day of [...days.keys()].sort()) {
    const list = days.get(day)!;
    if (list.length > 1) list.sort(byId);
    for (const d of list) sorted.push(d);
  }
  return sorted;
}

/**
 * One attribute's values over a matcher's events, as small numbers: `codes[i]` is the index in `values` of
 * `String(value)` for its i-th event, or -1 when the event has no such attribute.
 */
export class AttributeColumn {
  readonly codes: number[] = [];
  readonly values: string[] = [];
  private readonly seen = new Map<string, number>();

  constructor(readonly attribute: string) {}

  add(raw: unknown): void {
    if (raw === undefined) {
      this.codes.push(-1);
      return;
    }
    const value = String(raw);
    let code = this.seen.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.seen.set(value, code);
    }
    this.codes.push(code);
  }
}

/** An attribute whose column the index should record for a matcher's events. */
export interface ColumnRequest {
  matcher: EventMatcher;
  attribute: string;
}

/** A matcher the index answers, with the events it matches in day-then-id order. */
interface Prepared {
  matcher: EventMatcher;
  found: DatedEvent[];
  columns: AttributeColumn[];
  /** The last event (its index among those kept) that matched. */
  last: number;
}

/** The events that matched something, in the order given, and what each matched. */
interface Tested {
  kept: DatedEvent[];
  hits: Prepared[];
  hitStart: number[];
}

/** The matchers that can match the events of one type, by the actors they name. */
class Candidates {
  readonly anyActor: Prepared[] = [];
  readonly byActor = new Map<string, Prepared[]>();

  add(p: Prepared): void {
    if (p.matcher.actors === undefined) this.anyActor.push(p);
    else
      for (const a of new Set(p.matcher.actors)) {
        const list = this.byActor.get(a);
        if (list) list.push(p);
        else this.byActor.set(a, [p]);
      }
  }
}

/**
 * The events visible as of a date that match any of a known set of matchers, and each matcher's matches.
 *
 * All the matchers are given up front so that the events are read once: each event is tested only against the
 * matchers of its type, and only the events that match something are dated, ordered (by day, then id, whatever
 * order they came in) and kept.
 */
export class EventIndex {
  /** By matcher, keyed by its terms: equal matchers written apart share one result. */
  private readonly prepared = new Map<string, Prepared>();
  /**
   * The matchers that can match an event, by its type and actors: most events (of a type or by an actor no term
   * names) are then passed over without a test. Those naming no type are in every type's entry.
   */
  private readonly byType = new Map<string, Candidates>();
  private readonly anyType = new Candidates();

  /**
   * `columns` asks for attribute columns over some matchers' events, read while each event is at hand rather than
   * in a second walk over events scattered in memory.
   */
  constructor(
    events: readonly LedgerEvent[],
    asOf: string,
    matchers: readonly EventMatcher[],
    columns: readonly ColumnRequest[] = [],
  ) {
    for (const m of matchers) this.prepare(m);
    for (const request of columns) this.askColumn(request);
    for (const c of this.byType.values())
      for (const p of this.prepared.values()) if (!p.matcher.types) c.add(p);
    this.fill(this.testAll(events, asOf));
  }

  /**
   * Tests each visible event once. The matchers it matches wait in `hits` (kept event k's from `hitStart[k]`) until
   * the events are in order; until then an event's position is its index in `kept`.
   */
  private testAll(events: readonly LedgerEvent[], asOf: string): Tested {
    const kept: DatedEvent[] = [];
    const hits: Prepared[] = [];
    const hitStart: number[] = [];
    for (const event of events) {
      if (event.type === "retraction") continue;
      const day = firstDay(event.date);
      if (day > asOf) continue;
      const start = hits.length;
      this.test(event, kept.length, hits);
      if (hits.length === start) continue;
      hitStart.push(start);
      kept.push({ event, day, position: kept.length });
    }
    hitStart.push(hits.length);
    return { kept, hits, hitStart };
  }

  /** Orders the kept events and fills each matcher's list in that order, so that it needs no sort of its own. */
  private fill({ kept, hits, hitStart }: Tested): void {
    const sorted = sortByDayThenId(kept);
    for (let i = 0; i < sorted.length; i++) {
      const d = sorted[i]!;
      const k = d.position;
      d.position = i;
      for (let h = hitStart[k]!; h < hitStart[k + 1]!; h++) {
        const p = hits[h]!;
        p.found.push(d);
        for (const c of p.columns) c.add(d.event.attributes[c.attribute]);
      }
    }
  }

  private askColumn({ matcher, attribute }: ColumnRequest): void {
    const p = this.prepared.get(JSON.stringify(matcher));
    if (!p) throw new Error(`EventIndex: column for a matcher not prepared: ${JSON.stringify(matcher)}`);
    if (!p.columns.some((c) => c.attribute === attribute)) p.columns.push(new AttributeColumn(attribute));
  }

  private prepare(m: EventMatcher): void {
    const key = JSON.stringify(m);
    if (this.prepared.has(key)) return;
    const p: Prepared = { matcher: m, found: [], columns: [], last: -1 };
    this.prepared.set(key, p);
    if (m.types === undefined) this.anyType.add(p);
    else
      for (const t of new Set(m.types)) {
        let c = this.byType.get(t);
        if (!c) this.byType.set(t, (c = new Candidates()));
        c.add(p);
      }
  }

  /** Adds to `hits` each matcher that matches the event, once: an event can reach one through two of its actors. */
  private test(e: LedgerEvent, k: number, hits: Prepared[]): void {
    const c = this.byType.get(e.type) ?? this.anyType;
    testEach(c.anyActor, e, k, hits);
    for (const a of e.actors) {
      const list = c.byActor.get(a);
      if (list) testEach(list, e, k, hits);
    }
  }

  /** The events a matcher matches, in day-then-id order; the matcher must have been given to the constructor. */
  matching(m: EventMatcher): DatedEvent[] {
    const p = this.prepared.get(JSON.stringify(m));
    if (!p) throw new Error(`EventIndex: matcher not prepared: ${JSON.stringify(m)}`);
    return p.found;
  }

  /** A column asked for in the constructor: values for the events of `matching(m)`, in the same order. */
  column(m: EventMatcher, attribute: string): AttributeColumn {
    const column = this.prepared.get(JSON.stringify(m))?.columns.find((c) => c.attribute === attribute);
    if (!column) throw new Error(`EventIndex: column not asked for: ${attribute} of ${JSON.stringify(m)}`);
    return column;
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

  /** The index of the first event after `day` in a list in day order. */
  static firstAfter(list: readonly DatedEvent[], day: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.day <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Tests an event against matchers looked up by its type and one of its actors: their other terms decide. */
function testEach(list: readonly Prepared[], e: LedgerEvent, k: number, hits: Prepared[]): void {
  for (const p of list)
    if (p.last !== k && matchesOtherTerms(p.matcher, e)) {
      hits.push(p);
      p.last = k;
    }
}

const NO_EVENTS: readonly DatedEvent[] = Object.freeze([]);

/**
 * Reads a list in day order one day at a time. The replay asks for days in increasing order, so a cursor makes each
 * step cheap; a day at or before the last one asked is found by binary search.
 */
export class DayReader {
  private next = 0;

  constructor(readonly list: readonly DatedEvent[]) {}

  /** The events on `day`, in order (one shared empty list for a day without any: most days, most lists). */
  on(day: string): readonly DatedEvent[] {
    const list = this.list;
    let i = this.next;
    if (i > 0 && list[i - 1]!.day >= day) i = EventIndex.firstOnOrAfter(list, day);
    while (i < list.length && list[i]!.day < day) i++;
    const start = i;
    while (i < list.length && list[i]!.day === day) i++;
    this.next = i;
    return start === i ? NO_EVENTS : list.slice(start, i);
  }
}
