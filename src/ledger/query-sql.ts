import { CONFIDENCE_LEVELS, typesWithAttributes, type EventMatcher } from "../model/index.js";

/**
 * The event filters compiled to SQL, once for both engines: the same terms, columns and order on SQLite and on
 * PostgreSQL, so that a filter picks the same events from the same ledger on either. Parameters are `?`; the
 * PostgreSQL store numbers them ($1, $2, …) with `numbered`.
 */
export interface SqlDialect {
  /** A test that `column` contains the parameter's text (exactly, no pattern). */
  contains(column: string): string;
  /** The ids of the entries that supersede `e`, comma-separated, in ledger order (null when none). */
  supersededBy: string;
  /** The body, its ASCII letters lowered (as SQLite's lower() does), to look for words in. */
  lowerBody: string;
  /**
   * Entries partitioned by the year of date_first (PostgreSQL, schema 8): a `from` adds a term on date_first that
   * lets the planner skip the years before it.
   */
  yearPartitions: boolean;
}

export const SQLITE: SqlDialect = {
  contains: (column) => `instr(${column}, ?) > 0`,
  supersededBy:
    "(SELECT group_concat(n.id) FROM supersessions s JOIN entries n ON n.seq = s.new_seq WHERE s.old_id = e.id)",
  lowerBody: "lower(e.body)",
  yearPartitions: false,
};

export const POSTGRES: SqlDialect = {
  contains: (column) => `strpos(${column}, ?) > 0`,
  // The ids from links (schema 8), the same as the entries', read from one index instead of one per partition.
  supersededBy:
    "(SELECT string_agg(n.id, ',' ORDER BY n.seq) FROM supersessions s JOIN links n ON n.seq = s.new_seq WHERE s.old_id = e.id)",
  // Under the C collation lower() folds ASCII letters only, as SQLite's does.
  lowerBody: 'lower(e.body COLLATE "C")',
  yearPartitions: true,
};

/**
 * PostgreSQL before schema 8 (no links, one entries table): a command that only reads does not migrate, and may
 * read a ledger that a writer has not brought up to date yet.
 */
export const POSTGRES_UNPARTITIONED: SqlDialect = {
  ...POSTGRES,
  supersededBy:
    "(SELECT string_agg(n.id, ',' ORDER BY n.seq) FROM supersessions s JOIN entries n ON n.seq = s.new_seq WHERE s.old_id = e.id)",
  yearPartitions: false,
};

/** The options of a query that shape its SQL. */
export interface SqlQueryOptions {
  history?: boolean;
  words?: string[];
  order?: { by: EventOrder; descending?: boolean };
}

/** What events can be put in order by: each a column of the entries table. */
export const EVENT_ORDERS = ["date", "actors", "type", "count", "confidence"] as const;
export type EventOrder = (typeof EVENT_ORDERS)[number];
const ORDER_COLUMN: Record<EventOrder, string> = {
  date: "e.date_first",
  actors: "e.actors",
  type: "e.type",
  count: "e.count",
  // By the levels' own order (confirmed first), not alphabetically.
  confidence: `CASE e.confidence ${CONFIDENCE_LEVELS.map((c, i) => `WHEN '${c}' THEN ${i}`).join(" ")} END`,
};

/** Events in the current view: neither superseded nor retractions. */
export const CURRENT_VIEW = [
  "e.type <> 'retraction'",
  "NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.old_id = e.id)",
];

/**
 * The filter's terms as SQL. The column terms are exact, as `matches` has it: actors are stored as `|A|B|`, dates as
 * the span's first and last day. Attribute terms are a looser test of the body (attributeTerms), which `matches`
 * completes on the rows it picks.
 */
export function sqlFilter(
  matcher: EventMatcher,
  options: SqlQueryOptions,
  dialect: SqlDialect,
): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const anyOf = (column: string, values: readonly string[], wrap: (v: string) => string) => {
    where.push(`(${values.map(() => dialect.contains(column)).join(" OR ")})`);
    params.push(...values.map(wrap));
  };
  // With attribute terms and no type, the types that can have those attributes (typesWithAttributes): the same
  // events, read through the type index instead of from every row.
  const types = matcher.types?.length
    ? matcher.types
    : matcher.attributes && Object.keys(matcher.attributes).length
      ? typesWithAttributes(Object.keys(matcher.attributes))
      : undefined;
  if (types) {
    where.push(types.length ? `e.type IN (${types.map(() => "?").join(",")})` : "0 = 1");
    params.push(...types);
  }
  if (matcher.actors?.length) anyOf("e.actors", matcher.actors, (a) => `|${a}|`);
  // Every actor `with` names is a clause of its own: all must be there, besides `actor`'s alternatives.
  for (const a of matcher.with ?? []) anyOf("e.actors", [a], (x) => `|${x}|`);
  if (matcher.targets?.length) anyOf("e.targets", matcher.targets, (a) => `|${a}|`);
  if (matcher.confidence?.length) {
    where.push(`e.confidence IN (${matcher.confidence.map(() => "?").join(",")})`);
    params.push(...matcher.confidence);
  }
  if (matcher.from) {
    where.push("e.date_last >= ?");
    params.push(matcher.from);
    // Implied by the term above, so the same events: a partial date lies within one year, so date_first and
    // date_last share their year, and date_last >= from means that year is the year of from or later. The
    // planner cannot infer it; written out, it prunes the years before from's (docs/scaling.md, section 3).
    if (dialect.yearPartitions) {
      where.push("e.date_first >= ?");
      params.push(matcher.from.slice(0, 4));
    }
  }
  if (matcher.to) {
    where.push("e.date_first <= ?");
    params.push(matcher.to);
  }
  for (const [key, wanted] of Object.entries(matcher.attributes ?? {}))
    attributeTerms(key, wanted, anyOf, where, params, dialect);
  for (const word of options.words ?? []) {
    where.push(dialect.contains(dialect.lowerBody));
    params.push(word.toLowerCase());
  }
  if (!options.history) where.push(...CURRENT_VIEW);
  return { where, params };
}

/**
 * An attribute term's test of the body: looser than `matches`, never stricter, so that `matches` still decides (a
 * value may be a string, a number or a list, and it matches when its text is wanted) but only on rows that may
 * match, not on the whole view — without it, an attribute term with no type read every event of the ledger. A
 * matching event's canonical JSON (canonical.ts: JSON.stringify's texts) holds the key as `"key":` and the wanted
 * text as JSON writes it within a string: a string value inside its quotes, a number or boolean as its own text
 * (String(x) and JSON.stringify(x) agree for finite numbers), a list's elements each. Only an object value, whose
 * text `matches` takes as "[object Object]", is not in the body: a term wanting that text tests the key alone.
 */
function attributeTerms(
  key: string,
  wanted: readonly string[],
  anyOf: (column: string, values: readonly string[], wrap: (v: string) => string) => void,
  where: string[],
  params: unknown[],
  dialect: SqlDialect,
): void {
  where.push(dialect.contains("e.body"));
  params.push(`${JSON.stringify(key)}:`);
  if (wanted.length && !wanted.includes(String({})))
    anyOf("e.body", wanted, (w) => JSON.stringify(w).slice(1, -1));
}

export const whereSql = (where: string[]) => (where.length ? "WHERE " + where.join(" AND ") : "");

export const orderColumn = (options: SqlQueryOptions) =>
  options.order ? ORDER_COLUMN[options.order.by] : "e.date_first";

/** Adds a page's cursor: the rows after it in the order (a row value, so that an index is walked from it). */
export function afterCursor(
  where: string[],
  params: unknown[],
  options: SqlQueryOptions,
  after: { value: string | number; seq: number },
): void {
  where.push(`(${orderColumn(options)}, e.seq) ${options.order?.descending ? "<" : ">"} (?, ?)`);
  params.push(after.value, after.seq);
}

/** The rows of matching events, in the order asked, ties in ledger order (reversed when descending). */
export function selectSql(where: string[], options: SqlQueryOptions, dialect: SqlDialect): string {
  const by = orderColumn(options);
  const dir = options.order?.descending ? "DESC" : "ASC";
  return `SELECT e.seq, e.recorded_at, e.body, ${by} AS sort_key, ${dialect.supersededBy} AS superseded_by
    FROM entries e ${whereSql(where)}
    ORDER BY ${by} ${dir}, e.seq ${dir}`;
}

export const countSql = (where: string[]) => `SELECT count(*) AS n FROM entries e ${whereSql(where)}`;

export const bodiesSql = (where: string[]) => `SELECT e.seq, e.body FROM entries e ${whereSql(where)}`;

export const facetsSql = (where: string[]) =>
  `SELECT e.type AS type, count(*) AS events, min(e.date_first) AS first, max(e.date_last) AS last
   FROM entries e ${whereSql(where)} GROUP BY e.type ORDER BY e.type`;

/** Whether some entry, superseded or not, has the code (as `|CODE|`, twice) as an actor or a target: one row or none. */
export const actorPresentSql = (dialect: SqlDialect) =>
  `SELECT 1 AS found FROM entries e WHERE ${dialect.contains("e.actors")} OR ${dialect.contains("e.targets")} LIMIT 1`;

export const actorsSql = (where: string[]) =>
  `SELECT e.actors, e.targets, count(*) AS n FROM entries e ${whereSql(where)} GROUP BY e.actors, e.targets`;

/** `?` parameters numbered for PostgreSQL ($1, $2, …); the SQL written here has no `?` of its own. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
