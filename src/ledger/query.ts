import { matches, type EventMatcher, type LedgerEvent } from "../model/index.js";
import type { Statement } from "better-sqlite3";
import type { Ledger } from "./ledger.js";
import {
  actorPresentSql,
  actorsSql,
  afterCursor,
  bodiesSql,
  countSql,
  CURRENT_VIEW,
  facetsSql,
  selectSql as selectSqlOf,
  sqlFilter as sqlFilterOf,
  SQLITE,
  type EventOrder,
  type SqlQueryOptions,
} from "./query-sql.js";

export { EVENT_ORDERS, type EventOrder } from "./query-sql.js";

export interface QueryOptions extends SqlQueryOptions {
  /** Include superseded events and retractions: the ledger as it was written, not the current view. */
  history?: boolean;
  /**
   * Words that must all appear in the event's record (its stored JSON: id, dates, actors, attributes, summary,
   * sources), in any case (ASCII letters folded): the dashboard's search.
   */
  words?: string[];
  /** The order: by date (the default), or another column; ties in the ledger's order (reversed when descending). */
  order?: { by: EventOrder; descending?: boolean };
}

export interface StoredEvent extends LedgerEvent {
  /** Position in the chain. */
  seq: number;
  recordedAt: string;
  /** Ids of later events that supersede this one (only filled with `history`). */
  supersededBy?: string[];
}

/**
 * Events matching a filter, in date order. The current view leaves out events that a later entry supersedes, and
 * retractions themselves; with `history` every entry is returned, marked with what superseded it.
 */
export function queryEvents(
  ledger: Ledger,
  matcher: EventMatcher = {},
  options: QueryOptions = {},
): StoredEvent[] {
  const { where, params } = sqlFilter(matcher, options);
  const rows = ledger.db.prepare(selectSql(where, options)).iterate(...params) as IterableIterator<EntryRow>;
  const out: StoredEvent[] = [];
  for (const r of rows) {
    const e = storedEvent(r, options);
    if (matches(matcher, e)) out.push(e);
  }
  return out;
}

export interface PageOptions extends QueryOptions {
  limit: number;
  offset: number;
  /** Start after this event (a page's `next`): a keyset cursor, as fast a million events in as on the first page. */
  after?: PageCursor;
  /** The count of all matches, when the caller knows it already (it changes only with the ledger). */
  total?: number;
}

/** Where a page ended: the last event's value in the order, and its place in the ledger (ties go by it). */
export interface PageCursor {
  value: string | number;
  seq: number;
}

export interface EventPage {
  /** All events that match, not only those on the page (nor only those after the cursor). */
  total: number;
  events: StoredEvent[];
  /** Where the next page starts; absent when this page is not full (there is no next). */
  next?: PageCursor;
}

/**
 * One page of `queryEvents`, without reading the rest of the ledger: SQL picks, counts and pages the events when
 * every term of the filter is a column (type, actor, target, confidence, dates); attribute terms are matched here,
 * on a stream of rows, until the page is full.
 */
export function queryEventPage(ledger: Ledger, matcher: EventMatcher, options: PageOptions): EventPage {
  const { where, params } = sqlFilter(matcher, options);
  const total = options.total ?? countEvents(ledger, matcher, options);
  if (options.after) {
    // A row value, so that SQLite walks the index from the cursor on (an OR of the two terms reads from the start).
    afterCursor(where, params, options, options.after);
  }
  const rows: EntryRow[] = [];
  if (!matcher.attributes) {
    rows.push(
      ...(ledger.db
        .prepare(`${selectSql(where, options)} LIMIT ? OFFSET ?`)
        .all(...params, options.limit, options.offset) as EntryRow[]),
    );
  } else if (options.limit > 0) {
    let skip = options.offset;
    for (const r of ledger.db
      .prepare(selectSql(where, options))
      .iterate(...params) as IterableIterator<EntryRow>) {
      if (!matches(matcher, JSON.parse(r.body) as LedgerEvent) || skip-- > 0) continue;
      rows.push(r);
      if (rows.length === options.limit) break;
    }
  }
  const last = rows[rows.length - 1];
  return {
    total,
    events: rows.map((r) => storedEvent(r, options)),
    ...(last && rows.length === options.limit ? { next: { value: last.sort_key, seq: last.seq } } : {}),
  };
}

/** How many events match a filter, by SQL where it can (see queryEventPage). */
export function countEvents(ledger: Ledger, matcher: EventMatcher, options: QueryOptions = {}): number {
  const { where, params } = sqlFilter(matcher, options);
  if (!matcher.attributes) return countWhere(ledger, where, params);
  let n = 0;
  for (const r of ledger.db.prepare(bodiesSql(where)).iterate(...params) as IterableIterator<{
    body: string;
  }>)
    if (matches(matcher, JSON.parse(r.body) as LedgerEvent)) n++;
  return n;
}

/** A row of selectSql. */
export interface EntryRow {
  seq: number;
  /** The value the rows are ordered by (a page's cursor). */
  sort_key: string | number;
  recorded_at: string;
  body: string;
  superseded_by: string | null;
}

const sqlFilter = (matcher: EventMatcher, options: QueryOptions) => sqlFilterOf(matcher, options, SQLITE);
const selectSql = (where: string[], options: QueryOptions) => selectSqlOf(where, options, SQLITE);

function countWhere(ledger: Ledger, where: string[], params: unknown[]): number {
  return ledger.db
    .prepare(countSql(where))
    .pluck()
    .get(...params) as number;
}

export function storedEvent(r: EntryRow, options: QueryOptions, parsed?: LedgerEvent): StoredEvent {
  const e = parsed ?? (JSON.parse(r.body) as LedgerEvent);
  return {
    ...e,
    seq: r.seq,
    recordedAt: r.recorded_at,
    ...(options.history && r.superseded_by ? { supersededBy: r.superseded_by.split(",") } : {}),
  };
}

export function countEntries(ledger: Ledger): number {
  return ledger.db.prepare("SELECT count(*) FROM entries").pluck().get() as number;
}

/** Events in the current view: neither superseded nor retractions. */
export function countCurrentEvents(ledger: Ledger): number {
  return ledger.db.prepare(countSql(CURRENT_VIEW)).pluck().get() as number;
}

/** The sequence number of the last entry (0 for an empty ledger): it changes with every write. */
export function lastSeq(ledger: Ledger): number {
  let statement = lastSeqStatements.get(ledger);
  if (!statement)
    lastSeqStatements.set(ledger, (statement = ledger.db.prepare("SELECT max(seq) FROM entries").pluck()));
  return (statement.get() as number | null) ?? 0;
}

/** The server asks on every request whether the ledger has moved: the statement is prepared once per connection. */
const lastSeqStatements = new WeakMap<Ledger, Statement>();

/** What the events of a ledger's view are, at a glance: how many of each type, and the days they span. */
export interface EventFacets {
  events: number;
  /** The first event's first day and the last day any event reaches (its end, for an interval); null when empty. */
  first: string | null;
  last: string | null;
  types: { type: string; events: number; first: string; last: string }[];
}

export function eventFacets(ledger: Ledger, options: QueryOptions = {}): EventFacets {
  const { where, params } = sqlFilter({}, options);
  return facetsOf(ledger.db.prepare(facetsSql(where)).all(...params) as EventFacets["types"]);
}

/** The facets from the count of each type (facetsSql's rows). */
export function facetsOf(types: EventFacets["types"]): EventFacets {
  return {
    events: types.reduce((n, t) => n + t.events, 0),
    first: types.length ? types.map((t) => t.first).reduce((a, b) => (a < b ? a : b)) : null,
    last: types.length ? types.map((t) => t.last).reduce((a, b) => (a > b ? a : b)) : null,
    types,
  };
}

/** Each actor code in the ledger's view, with how many events it acts in and is the target of. */
export interface ActorCount {
  code: string;
  asActor: number;
  asTarget: number;
}

export function ledgerActors(ledger: Ledger, options: QueryOptions = {}): ActorCount[] {
  const { where, params } = sqlFilter({}, options);
  return actorCounts(
    ledger.db.prepare(actorsSql(where)).all(...params) as { actors: string; targets: string; n: number }[],
  );
}

/** Which of these codes some entry has as actor or target, superseded entries included (LedgerStore.actorsPresent). */
export function actorsPresent(ledger: Ledger, codes: readonly string[]): string[] {
  const found = ledger.db.prepare(actorPresentSql(SQLITE));
  return codes.filter((c) => found.get(`|${c}|`, `|${c}|`) !== undefined);
}

/** Each actor's counts from the events of each actors–targets pair (actorsSql's rows). */
export function actorCounts(rows: { actors: string; targets: string; n: number }[]): ActorCount[] {
  const counts = new Map<string, ActorCount>();
  const add = (column: string, key: "asActor" | "asTarget", n: number) => {
    for (const code of column.split("|").filter(Boolean)) {
      const c = counts.get(code) ?? { code, asActor: 0, asTarget: 0 };
      c[key] += n;
      counts.set(code, c);
    }
  };
  for (const r of rows) {
    add(r.actors, "asActor", r.n);
    add(r.targets, "asTarget", r.n);
  }
  return [...counts.values()].sort(
    (a, b) => b.asActor + b.asTarget - (a.asActor + a.asTarget) || (a.code < b.code ? -1 : 1),
  );
}
