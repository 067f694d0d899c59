import type * as v from "valibot";
import { ATTRIBUTE_SCHEMAS, EVENT_TYPES, type EventType } from "./event-types.js";
import type { Issue } from "./issue.js";
import type { EventMatcher } from "./matcher.js";

type AnySchema = v.GenericSchema & {
  type: string;
  entries?: Record<string, AnySchema>;
  wrapped?: AnySchema;
  options?: unknown[];
};

function unwrap(s: AnySchema): AnySchema {
  return s.wrapped ? unwrap(s.wrapped) : s;
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
      .map((t) => (ATTRIBUTE_SCHEMAS[t] as unknown as AnySchema).entries?.[key])
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
        message: `no event of type ${types.length === EVENT_TYPES.length ? "any type" : types.join(" or ")} has an attribute "${key}"`,
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
          message: `"${value}" is not a possible ${key}`,
          expected: options.join(" | "),
          received: value,
        });
    }
  }
  return issues;
}
