import type * as v from "valibot";
import { ATTRIBUTE_SCHEMAS, EVENT_TYPES, type EventType } from "./event-types.js";
import type { Issue } from "./issue.js";
import { FILTER_KEYS, type EventMatcher } from "./matcher.js";
import { ACTOR_ALIASES, actorName } from "./actors.js";
import { didYouMean, suggestNames } from "./suggest.js";

type AnySchema = v.GenericSchema & {
  type: string;
  entries?: Record<string, AnySchema>;
  wrapped?: AnySchema;
  options?: unknown[];
};

function ownEntry(entries: Record<string, AnySchema> | undefined, key: string): AnySchema | undefined {
  return entries && Object.hasOwn(entries, key) ? entries[key] : undefined;
}

function unwrap(s: AnySchema): AnySchema {
  return s.wrapped ? unwrap(s.wrapped) : s;
}

/**
 * The event types whose attributes include every one of these keys. The attribute schemas are strict and every event
 * is checked against its type's on the way into the ledger, so only events of these types can have the keys: an
 * attribute filter with no type can be read from their rows alone (query-sql.ts).
 */
export function typesWithAttributes(keys: readonly string[]): EventType[] {
  return EVENT_TYPES.filter((t) =>
    keys.every((k) => ownEntry((ATTRIBUTE_SCHEMAS[t] as unknown as AnySchema).entries, k) !== undefined),
  );
}

/**
 * Checks a matcher's attribute terms against the attributes its event types can have: an unknown attribute or a
 * value outside a fixed list (class=ICMB) would silently match nothing, which in an agreement reads as compliance.
 */
export function checkMatcherAttributes(m: EventMatcher): Issue[] {
  const issues: Issue[] = [];
  const types = (m.types?.length ? m.types : EVENT_TYPES).filter(
    (t): t is EventType => t in ATTRIBUTE_SCHEMAS,
  );
  for (const [key, values] of Object.entries(m.attributes ?? {})) {
    const fields = types
      // Own members only: `constructor` or `toString` must not pass for attributes because every object has them.
      .map((t) => ownEntry((ATTRIBUTE_SCHEMAS[t] as unknown as AnySchema).entries, key))
      .filter((f): f is AnySchema => f !== undefined)
      .map(unwrap);
    if (fields.length === 0) {
      const known = [
        ...new Set(
          types.flatMap((t) => Object.keys((ATTRIBUTE_SCHEMAS[t] as unknown as AnySchema).entries ?? {})),
        ),
      ];
      issues.push({
        kind: "validation",
        path: key,
        message: `no event of ${types.length === EVENT_TYPES.length ? "any type" : `type ${types.join(" or ")}`} has an attribute "${key}"${didYouMean(key, [...FILTER_KEYS, ...known])}`,
        expected: known.join(" | "),
        received: key,
      });
      continue;
    }
    const options = fields.flatMap((f) => (f.type === "picklist" ? (f.options ?? []).map(String) : []));
    const free = fields.some((f) => f.type !== "picklist");
    if (!free) {
      for (const value of values.filter((x) => !options.includes(x)))
        issues.push({
          kind: "validation",
          path: key,
          message: `"${value}" is not a possible ${key}${didYouMean(value, options)}`,
          expected: options.join(" | "),
          received: value,
        });
    }
  }
  return issues;
}

/**
 * Checks a matcher's actors and targets against the codes the ledger has: an actor no event has (`NK` for PRK,
 * `DPRK` once aliases are resolved, a typo) would match nothing, which reads as absence of evidence.
 */
export function checkMatcherActors(m: EventMatcher, known: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const have = new Set(known);
  for (const [path, codes] of [
    ["actor", m.actors ?? []],
    ["with", m.with ?? []],
    ["target", m.targets ?? []],
  ] as const)
    for (const code of codes.filter((c) => !have.has(c)))
      issues.push({
        kind: "validation",
        path,
        message: `no event in the ledger has the ${path === "target" ? "target" : "actor"} "${code}"${meant(code, known)}; \`lockstep actors\` lists them`,
        expected: known.map((c) => `${c} (${actorName(c)})`).join(" | "),
        received: code,
      });
  return issues;
}

/** Every problem with a filter as a user gave it: attributes no event can have, values out of a list, actors absent. */
export function filterIssues(m: EventMatcher, knownActors: readonly string[]): Issue[] {
  return [...checkMatcherAttributes(m), ...checkMatcherActors(m, knownActors)];
}

/** The codes an actor name was likely meant to be, an alias shown with its code (`NK = PRK`). */
function meant(code: string, known: readonly string[]): string {
  const near = suggestNames(code, [...known, ...Object.keys(ACTOR_ALIASES)]).map((n) =>
    ACTOR_ALIASES[n] ? `${n} = ${ACTOR_ALIASES[n]}` : n,
  );
  return near.length ? ` (did you mean ${near.join(" or ")}?)` : "";
}
