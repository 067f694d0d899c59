/**
 * Coverage: the period over which a family of events in a record is researched, so that a day without such an event
 * means none happened (or, for a partial family, none was found). Analyses are clipped to the coverage of the series
 * they compare; outside it a zero is missing data, not an observation.
 */
import * as v from "valibot";
import type { Issue } from "./issue.js";
import { isDayDate } from "./partial-date.js";
import { parseMatcher, type EventMatcher } from "./matcher.js";

export const COVERAGE_EXTENTS = ["complete", "partial"] as const;
export type CoverageExtent = (typeof COVERAGE_EXTENTS)[number];

/** One family of events and the period it covers. */
export interface CoverageEntry {
  id: string;
  label: string;
  /** Filter terms naming the family: `type` (required) and, optionally, `actor`. */
  filter: string;
  from: string;
  to: string;
  /** complete: every such event of the period is in the record; partial: the main ones, an absence means "not found". */
  extent: CoverageExtent;
  /** How the period and the extent are known: the source, the count checked against. */
  basis: string;
}

const day = v.pipe(v.string(), v.check(isDayDate, "must be a date YYYY-MM-DD"));

const entrySchema = v.pipe(
  v.strictObject({
    id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes")),
    label: v.pipe(v.string(), v.minLength(1, "must not be empty")),
    filter: v.pipe(v.string(), v.minLength(1, "must not be empty")),
    from: day,
    to: day,
    extent: v.picklist(COVERAGE_EXTENTS),
    basis: v.pipe(v.string(), v.minLength(1, "must say how the coverage is known")),
  }),
  v.forward(
    v.check((e) => e.from <= e.to, "must not be before `from`"),
    ["to"],
  ),
);

export const coverageFileSchema = v.strictObject({
  record: v.string(),
  series: v.array(entrySchema),
});

export type CoverageParse = { ok: true; entries: CoverageEntry[] } | { ok: false; issues: Issue[] };

/** The filter of an entry: a type is required; only `type` and `actor` may narrow it. */
function entryMatcher(filter: string): { matcher?: EventMatcher; message?: string } {
  const parsed = parseMatcher(filter);
  if (!parsed.ok) return { message: parsed.issues.map((i) => i.message).join("; ") };
  const m = parsed.matcher;
  if (!m.types?.length) return { message: "must name a type (type=...)" };
  if (m.with || m.targets || m.confidence || m.from || m.to || m.attributes)
    return { message: "may only use the terms type and actor: the period is given by from and to" };
  return { matcher: m };
}

/** Validates a coverage file's content (parsed JSON); issues name the path (`series.2.to`). */
export function parseCoverage(input: unknown): CoverageParse {
  const r = v.safeParse(coverageFileSchema, input);
  if (!r.success)
    return {
      ok: false,
      issues: r.issues.map((i) => ({
        kind: i.kind,
        message: i.message,
        ...(i.path ? { path: i.path.map((p) => String(p.key)).join(".") } : {}),
        ...(i.received !== undefined ? { received: i.received } : {}),
      })),
    };
  const issues: Issue[] = [];
  const ids = new Set<string>();
  r.output.series.forEach((e, i) => {
    if (ids.has(e.id))
      issues.push({ kind: "validation", path: `series.${i}.id`, message: `duplicate id ${e.id}` });
    ids.add(e.id);
    const { message } = entryMatcher(e.filter);
    if (message) issues.push({ kind: "validation", path: `series.${i}.filter`, message, received: e.filter });
  });
  return issues.length ? { ok: false, issues } : { ok: true, entries: r.output.series };
}

/** What the record's coverage says of one series (an analysis's filter). */
export interface SeriesCoverage {
  /** The common period of the families the series draws on; absent when none is written down. */
  from?: string;
  to?: string;
  /** The entries it rests on. */
  entries: CoverageEntry[];
  /** Parts of the series no entry covers, in words ("type=statement"). */
  unknown: string[];
}

const overlaps = (a: string[] | undefined, b: string[]): boolean => !a || a.some((x) => b.includes(x));

/**
 * The coverage of the events a filter matches: for each of its types, the entries of that type whose actors it may
 * draw on (all of them when the filter names no actor). A series is covered only where all its parts are: the
 * latest start and the earliest end.
 */
export function coverageOf(matcher: EventMatcher, entries: readonly CoverageEntry[]): SeriesCoverage {
  if (!matcher.types?.length) return { entries: [], unknown: ["every type (the filter names none)"] };
  const used: CoverageEntry[] = [];
  const unknown: string[] = [];
  for (const type of matcher.types) {
    const ofType = entries
      .map((e) => ({ e, m: entryMatcher(e.filter).matcher }))
      .filter((x) => x.m?.types?.includes(type));
    const relevant = matcher.actors ? ofType.filter((x) => overlaps(x.m!.actors, matcher.actors!)) : ofType;
    const uncovered = matcher.actors
      ? matcher.actors.filter((a) => !ofType.some((x) => !x.m!.actors || x.m!.actors.includes(a)))
      : [];
    const allRestricted = !matcher.actors && ofType.length > 0 && ofType.every((x) => x.m!.actors);
    if (!ofType.length) unknown.push(`type=${type}`);
    else if (uncovered.length) unknown.push(`type=${type} actor=${uncovered.join(",")}`);
    else if (allRestricted)
      unknown.push(`type=${type} by actors other than ${ofType.flatMap((x) => x.m!.actors!).join(", ")}`);
    for (const x of relevant) if (!used.includes(x.e)) used.push(x.e);
  }
  if (!used.length) return { entries: [], unknown };
  return {
    from: used.map((e) => e.from).reduce((a, b) => (a > b ? a : b)),
    to: used.map((e) => e.to).reduce((a, b) => (a < b ? a : b)),
    entries: used,
    unknown,
  };
}

export interface ClippedRange {
  from: string;
  to: string;
  /** What was clipped and why, and what coverage could not be checked: for the reader of the result. */
  warnings: string[];
}

const periods = (c: SeriesCoverage): string =>
  c.entries
    .map((e) => `${e.label} ${e.from} to ${e.to}${e.extent === "partial" ? ", partial" : ""}`)
    .join("; ");

/**
 * Clips an analysis range to the common coverage of its series, each given with the name the caller knows it by
 * (`cause`). When the range lies wholly outside the coverage, `empty` is set and the caller reports it.
 */
export function clipToCoverage(
  range: { from: string; to: string },
  series: { name: string; coverage: SeriesCoverage }[],
): ClippedRange & { empty: boolean } {
  const covered = series.filter((s) => s.coverage.entries.length);
  const from = [range.from, ...covered.map((s) => s.coverage.from!)].reduce((a, b) => (a > b ? a : b));
  const to = [range.to, ...covered.map((s) => s.coverage.to!)].reduce((a, b) => (a < b ? a : b));
  const warnings: string[] = [];
  if (from !== range.from || to !== range.to)
    warnings.push(
      `clipped to the common coverage of the series, ${from} to ${to} (not ${range.from} to ${range.to}): ` +
        covered.map((s) => `${s.name}: ${periods(s.coverage)}`).join("; "),
    );
  for (const { name, coverage } of series) {
    if (coverage.unknown.length)
      warnings.push(
        `${name}: no coverage written down for ${coverage.unknown.join("; ")}; not clipped for it`,
      );
    const partial = coverage.entries.filter((e) => e.extent === "partial");
    if (partial.length)
      warnings.push(
        `${name} rests on partial coverage (${partial.map((e) => e.label).join("; ")}): a day without an event may be one not found`,
      );
  }
  return { from, to, warnings, empty: from > to };
}
