import type { Issue } from "./issue.js";
import { InputError } from "./issue.js";
import { addTerm, parseMatcher, type EventMatcher } from "./matcher.js";

/** The filters `lockstep events` and `GET /api/events` take besides free terms: each spells one kind of term. */
export interface EventFilters {
  actor?: string[];
  target?: string[];
  type?: string[];
  from?: string;
  to?: string;
  /** Attribute terms `key=values`, e.g. class=ICBM,IRBM. */
  where?: string[];
}

/**
 * The matcher from free terms (`actor=PRK class=ICBM`) and the filters that spell the same terms; values of a
 * filter may be repeated or comma-separated. Throws an InputError whose issues name the term at fault.
 */
export function matcherFromFilters(terms: string[], filters: EventFilters): EventMatcher {
  const parsed = parseMatcher([...terms, ...(filters.where ?? [])]);
  if (!parsed.ok)
    throw new InputError(
      "invalid filter",
      parsed.issues.map((issue) => ({ issue })),
    );
  const m = parsed.matcher;
  const issues: Issue[] = [];
  const split = (xs: string[] | undefined) => (xs ?? []).flatMap((x) => x.split(",")).filter(Boolean);
  if (filters.actor) addTerm(m, "actor", split(filters.actor), issues);
  if (filters.target) addTerm(m, "target", split(filters.target), issues);
  if (filters.type) addTerm(m, "type", split(filters.type), issues);
  if (filters.from) addTerm(m, "from", [filters.from], issues);
  if (filters.to) addTerm(m, "to", [filters.to], issues);
  if (issues.length)
    throw new InputError(
      "invalid filter",
      issues.map((issue) => ({ issue })),
    );
  return m;
}
