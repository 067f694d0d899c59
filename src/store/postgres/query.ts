import type pg from "pg";
import {
  actorCounts,
  facetsOf,
  storedEvent,
  type ActorCount,
  type EntryRow,
  type EventFacets,
  type EventPage,
  type PageOptions,
  type QueryOptions,
  type StoredEvent,
} from "../../ledger/query.js";
import {
  actorPresentSql,
  actorsSql,
  afterCursor,
  bodiesSql,
  countSql,
  CURRENT_VIEW,
  facetsSql,
  numbered,
  POSTGRES,
  selectSql,
  sqlFilter,
  type SqlDialect,
} from "../../ledger/query-sql.js";
import { matches, type EventMatcher, type LedgerEvent } from "../../model/index.js";

/**
 * The ledger's queries on PostgreSQL, from the same SQL as SQLite's (src/ledger/query-sql.ts): the filter's column
 * terms are SQL, attribute terms are matched here on the rows SQL picked, a batch at a time. `dialect` is POSTGRES
 * but for a ledger of an older schema opened only to read (POSTGRES_UNPARTITIONED).
 */
const BATCH = 1000;

const run = async <T extends pg.QueryResultRow>(db: pg.Pool, sql: string, params: unknown[]) =>
  (await db.query<T>(numbered(sql), params)).rows;

export async function queryEvents(
  db: pg.Pool,
  matcher: EventMatcher = {},
  options: QueryOptions = {},
  dialect: SqlDialect = POSTGRES,
): Promise<StoredEvent[]> {
  const { where, params } = sqlFilter(matcher, options, dialect);
  const rows = await run<EntryRow>(db, selectSql(where, options, dialect), params);
  const out: StoredEvent[] = [];
  for (const r of rows) {
    const e = storedEvent(r, options);
    if (matches(matcher, e)) out.push(e);
  }
  return out;
}

/** queryEventPage (src/ledger/query.ts): the same page, total and cursor. */
export async function queryEventPage(
  db: pg.Pool,
  matcher: EventMatcher,
  options: PageOptions,
  dialect: SqlDialect = POSTGRES,
): Promise<EventPage> {
  const { where, params } = sqlFilter(matcher, options, dialect);
  const total = options.total ?? (await countEvents(db, matcher, options, dialect));
  if (options.after) afterCursor(where, params, options, options.after);
  let rows: EntryRow[] = [];
  if (!matcher.attributes) {
    rows = await run<EntryRow>(db, `${selectSql(where, options, dialect)} LIMIT ? OFFSET ?`, [
      ...params,
      options.limit,
      options.offset,
    ]);
  } else if (options.limit > 0) {
    // Batches in the page's order, each starting after the last row of the one before, until the page is full.
    let skip = options.offset;
    let after = options.after;
    for (;;) {
      const w = [...where];
      const p = [...params];
      if (after && after !== options.after) afterCursor(w, p, options, after);
      const batch = await run<EntryRow>(db, `${selectSql(w, options, dialect)} LIMIT ?`, [...p, BATCH]);
      for (const r of batch) {
        if (!matches(matcher, JSON.parse(r.body) as LedgerEvent) || skip-- > 0) continue;
        rows.push(r);
        if (rows.length === options.limit) break;
      }
      const last = batch[batch.length - 1];
      if (rows.length === options.limit || batch.length < BATCH || !last) break;
      after = { value: last.sort_key, seq: last.seq };
    }
  }
  const last = rows[rows.length - 1];
  return {
    total,
    events: rows.map((r) => storedEvent(r, options)),
    ...(last && rows.length === options.limit ? { next: { value: last.sort_key, seq: last.seq } } : {}),
  };
}

export async function countEvents(
  db: pg.Pool,
  matcher: EventMatcher,
  options: QueryOptions = {},
  dialect: SqlDialect = POSTGRES,
): Promise<number> {
  const { where, params } = sqlFilter(matcher, options, dialect);
  if (!matcher.attributes) return (await run<{ n: number }>(db, countSql(where), params))[0]!.n;
  let n = 0;
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const batch = await run<{ seq: number; body: string }>(
      db,
      `${bodiesSql([...where, "e.seq > ?"])} ORDER BY e.seq LIMIT ?`,
      [...params, after, BATCH],
    );
    for (const r of batch) if (matches(matcher, JSON.parse(r.body) as LedgerEvent)) n++;
    if (batch.length < BATCH) return n;
    after = batch[batch.length - 1]!.seq;
  }
}

export async function countEntries(db: pg.Pool): Promise<number> {
  return (await run<{ n: number }>(db, "SELECT count(*) AS n FROM entries", []))[0]!.n;
}

export async function countCurrentEvents(db: pg.Pool): Promise<number> {
  return (await run<{ n: number }>(db, countSql(CURRENT_VIEW), []))[0]!.n;
}

/**
 * The last entry's number, read on every request of a server: from links (schema 8), one index, where entries' would
 * plan and probe one index per year's partition (13 ms against 0.7 ms on 10 million entries, 38 partitions).
 */
export async function lastSeq(db: pg.Pool, table: "links" | "entries" = "links"): Promise<number> {
  return (await run<{ n: number | null }>(db, `SELECT max(seq) AS n FROM ${table}`, []))[0]!.n ?? 0;
}

export async function eventFacets(
  db: pg.Pool,
  options: QueryOptions = {},
  dialect: SqlDialect = POSTGRES,
): Promise<EventFacets> {
  const { where, params } = sqlFilter({}, options, dialect);
  return facetsOf(await run<EventFacets["types"][number]>(db, facetsSql(where), params));
}

export async function ledgerActors(
  db: pg.Pool,
  options: QueryOptions = {},
  dialect: SqlDialect = POSTGRES,
): Promise<ActorCount[]> {
  const { where, params } = sqlFilter({}, options, dialect);
  return actorCounts(await run<{ actors: string; targets: string; n: number }>(db, actorsSql(where), params));
}

/** Which of these codes some entry has as actor or target (LedgerStore.actorsPresent): a query each, stopping at one row. */
export async function actorsPresent(
  db: pg.Pool,
  codes: readonly string[],
  dialect: SqlDialect = POSTGRES,
): Promise<string[]> {
  const present: string[] = [];
  for (const c of codes)
    if ((await run(db, actorPresentSql(dialect), [`|${c}|`, `|${c}|`])).length) present.push(c);
  return present;
}
