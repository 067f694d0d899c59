import type { EventContent } from "./event.js";
import { isEventType, EVENT_TYPES } from "./event-types.js";
import type { Issue } from "./issue.js";
import { parsePartialDate } from "./partial-date.js";
import { resolveActorCode } from "./actors.js";
import { didYouMean } from "./suggest.js";

/**
 * Which events count: the one filter language of the CLI, the agreements and the analyses.
 * Written as terms `key=value[,value...]`, e.g. `actor=PRK type=missile_launch class=ICBM,IRBM`. Values within a
 * term are alternatives; terms must all hold. `actor` matches any of an event's actors; `with` names actors that
 * must all be among them too — the one term whose values are not alternatives, since "talks of the US with the DPRK
 * and the ROK" means both (`actor=USA with=PRK type=summit_or_meeting`: a US meeting with the DPRK, not with the
 * ROK); `from`/`to` are inclusive
 * local dates and a partial date (2021-11) matches when its span overlaps them; any other key is an attribute.
 */
export interface EventMatcher {
  types?: string[];
  actors?: string[];
  /** Every one of these must also be among the event's actors: several actors at once, which `actor` cannot say. */
  with?: string[];
  targets?: string[];
  confidence?: string[];
  from?: string;
  to?: string;
  attributes?: Record<string, string[]>;
}

/** The keys of a filter term that are not attributes. */
export const FILTER_KEYS = ["type", "actor", "with", "target", "confidence", "from", "to"] as const;
const RESERVED = new Set<string>(FILTER_KEYS);

export type MatcherParse = { ok: true; matcher: EventMatcher } | { ok: false; issues: Issue[] };

export function parseMatcher(terms: string | string[]): MatcherParse {
  const list = (Array.isArray(terms) ? terms : [terms]).flatMap((t) => t.split(/\s+/)).filter(Boolean);
  const m: EventMatcher = {};
  const issues: Issue[] = [];
  for (const term of list) {
    const eq = term.indexOf("=");
    if (eq <= 0 || eq === term.length - 1) {
      issues.push({
        kind: "format",
        message: `expected key=value, got "${term}"`,
        expected: "key=value",
        received: term,
      });
      continue;
    }
    const key = term.slice(0, eq);
    const values = term
      .slice(eq + 1)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    addTerm(m, key, values, issues);
  }
  return issues.length ? { ok: false, issues } : { ok: true, matcher: m };
}

/** Adds one `key=values` term to a matcher, checking it; used by the parser and by CLI flags alike. */
export function addTerm(m: EventMatcher, key: string, values: string[], issues: Issue[]): void {
  switch (key) {
    case "type":
      for (const t of values)
        if (!isEventType(t))
          issues.push({
            kind: "validation",
            path: "type",
            message: `unknown event type "${t}"${didYouMean(t, EVENT_TYPES)}`,
            expected: EVENT_TYPES.join(" | "),
            received: t,
          });
      m.types = [...(m.types ?? []), ...values];
      return;
    case "actor":
      m.actors = [...(m.actors ?? []), ...values.map(resolveActorCode)];
      return;
    case "with":
      m.with = [...(m.with ?? []), ...values.map(resolveActorCode)];
      return;
    case "target":
      m.targets = [...(m.targets ?? []), ...values.map(resolveActorCode)];
      return;
    case "confidence":
      m.confidence = [...(m.confidence ?? []), ...values];
      return;
    case "from":
    case "to": {
      const span = values.length === 1 ? parsePartialDate(values[0]!) : undefined;
      if (!span) {
        issues.push({ kind: "format", path: key, message: `must be a date, got "${values.join(",")}"` });
        return;
      }
      if (key === "from") m.from = span.first;
      else m.to = span.last;
      return;
    }
    default:
      if (RESERVED.has(key)) return;
      m.attributes = { ...(m.attributes ?? {}), [key]: [...(m.attributes?.[key] ?? []), ...values] };
  }
}

export function matches(m: EventMatcher, e: EventContent): boolean {
  if (m.types && !m.types.includes(e.type)) return false;
  if (m.actors && !anyIn(e.actors, m.actors)) return false;
  return matchesOtherTerms(m, e);
}

/**
 * The terms other than type and actor: for a caller that has already picked the event by those (the engine looks
 * matchers up by an event's type and actors).
 */
export function matchesOtherTerms(m: EventMatcher, e: EventContent): boolean {
  // Written without closures or temporary arrays: the engine calls this once per candidate event and matcher.
  if (m.with) for (const a of m.with) if (!e.actors.includes(a)) return false;
  if (m.targets && !(e.targets !== undefined && anyIn(e.targets, m.targets))) return false;
  if (m.confidence && !m.confidence.includes(e.confidence)) return false;
  if (m.from || m.to) {
    const span = parsePartialDate(e.date)!;
    if (m.from && span.last < m.from) return false;
    if (m.to && span.first > m.to) return false;
  }
  if (m.attributes) {
    for (const key in m.attributes) {
      const wanted = m.attributes[key]!;
      const value = e.attributes[key];
      if (value === undefined) return false;
      if (Array.isArray(value)) {
        let hit = false;
        for (const v of value) if (wanted.includes(String(v))) hit = true;
        if (!hit) return false;
      } else if (!wanted.includes(typeof value === "string" ? value : String(value))) return false;
    }
  }
  return true;
}

function anyIn(have: readonly string[], wanted: readonly string[]): boolean {
  for (const h of have) if (wanted.includes(h)) return true;
  return false;
}
