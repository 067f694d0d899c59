import * as v from "valibot";
import { baseSchema } from "./event-schema.js";
import { wellFormedBase } from "./well-formed.js";
import { ATTRIBUTE_SCHEMAS, isEventType, type Confidence, type EventType } from "./event-types.js";
import type { Issue } from "./issue.js";
import { parsePartialDate } from "./partial-date.js";
import { idOfCanonical } from "./event-id.js";
import { canonicalJson } from "./canonical.js";
import type { Amount } from "./units.js";

export interface Source {
  url?: string;
  title?: string;
  publisher?: string;
  /** Publication date of the source (a partial date is allowed). */
  date?: string;
  quote?: string;
}

export interface Provenance {
  importer: string;
  file: string;
  record: string;
}

/** What an event says: everything but its id and where it was imported from. */
export interface EventContent {
  type: EventType;
  /** Local date where it happened: YYYY-MM-DD, YYYY-MM or YYYY. */
  date: string;
  /** The UTC instant, where a source gives one (ISO 8601 with Z). */
  time?: string;
  /** Last local day of an event that lasts, inclusive. */
  end?: string;
  actors: string[];
  targets?: string[];
  count: number;
  /** How much it moved, where that is the point: 50,000 t of heavy fuel oil delivered. */
  amount?: Amount;
  attributes: Record<string, unknown>;
  summary?: string;
  sources: Source[];
  confidence: Confidence;
  /** Ids of earlier events this one corrects, merges or retracts. */
  supersedes?: string[];
  note?: string;
}

export interface LedgerEvent extends EventContent {
  id: string;
  provenance?: Provenance;
}

function toIssue(i: v.BaseIssue<unknown>, prefix = ""): Issue {
  const path = i.path?.map((p) => String(p.key)).join(".");
  const full = [prefix, path].filter(Boolean).join(".");
  return {
    kind: i.kind,
    message: i.message,
    ...(full ? { path: full } : {}),
    expected: i.expected ?? undefined,
    received: i.received,
  } as Issue;
}

export type ParseResult =
  /** `body` is the event in canonical JSON (with id and provenance), as the ledger stores it. */
  { ok: true; event: LedgerEvent; body: string } | { ok: false; issues: Issue[] };

/**
 * Validates one event as it arrives from any importer and returns it in the ledger's form, with its id derived
 * from its content. Issues name the field path (`attributes.class`, `sources.0.url`).
 */
export function parseEvent(input: unknown, provenance?: Provenance): ParseResult {
  let b = wellFormedBase(input);
  if (!b) {
    const base = v.safeParse(baseSchema, input);
    if (!base.success) return { ok: false, issues: base.issues.map((i) => toIssue(i)) };
    b = base.output;
  }
  const issues: Issue[] = [];
  const actors = b.actors ?? b.actor;
  if (b.actor && b.actors)
    issues.push({ kind: "schema", path: "actor", message: "give `actor` or `actors`, not both" });
  if (!actors)
    issues.push({
      kind: "schema",
      path: "actor",
      message: "every event needs an actor",
      expected: "actor code",
    });
  if (b.target && b.targets)
    issues.push({ kind: "schema", path: "target", message: "give `target` or `targets`, not both" });
  const targets = b.targets ?? b.target;
  const type = b.type as EventType;
  let attributes: Record<string, unknown> = {};
  if (isEventType(type)) {
    const attr = v.safeParse(ATTRIBUTE_SCHEMAS[type], b.attributes);
    if (attr.success) attributes = attr.output as Record<string, unknown>;
    else issues.push(...attr.issues.map((i) => toIssue(i, "attributes")));
  }
  const span = parsePartialDate(b.date);
  if (b.end !== undefined) {
    const endSpan = parsePartialDate(b.end);
    if (span && endSpan && endSpan.last < span.first)
      issues.push({
        kind: "validation",
        path: "end",
        message: `ends (${b.end}) before it starts (${b.date})`,
      });
  }
  if (type === "retraction" && !b.supersedes?.length)
    issues.push({
      kind: "validation",
      path: "supersedes",
      message: "a retraction must name the event(s) it retracts",
    });
  if (issues.length) return { ok: false, issues };

  // Built with every object's keys in canonical order, so that canonicalJson can hand each to JSON.stringify whole.
  // The stored body is the content with `id` and `provenance` among its members in their canonical places: `id`
  // after `date`/`end`, `provenance` after `note`. So the content is encoded once, in three runs of members (head,
  // note, tail), and both the id's input and the body are joined from them.
  const head: Partial<LedgerEvent> = { actors: uniqueSorted(actors!) }; // sorted: USA+KOR = KOR+USA
  if (b.amount !== undefined) head.amount = { unit: b.amount.unit, value: b.amount.value };
  head.attributes = inKeyOrder(attributes);
  head.confidence = b.confidence;
  head.count = b.count;
  head.date = b.date;
  if (b.end !== undefined) head.end = b.end;
  const tail: Partial<LedgerEvent> = { sources: b.sources.map(sourceInKeyOrder) };
  if (b.summary !== undefined) tail.summary = b.summary;
  if (b.supersedes?.length) tail.supersedes = uniqueSorted(b.supersedes);
  if (targets) tail.targets = uniqueSorted(targets);
  if (b.time !== undefined) tail.time = new Date(b.time).toISOString().replace(".000Z", "Z");
  tail.type = type;
  const headText = canonicalJson(head).slice(1, -1);
  const noteText = b.note !== undefined ? `,"note":${canonicalJson(b.note)}` : "";
  const tailText = canonicalJson(tail).slice(1, -1);
  const id = idOfCanonical(`{${headText}${noteText},${tailText}}`);
  if (b.id !== undefined && b.id !== id) {
    return {
      ok: false,
      issues: [
        {
          kind: "validation",
          path: "id",
          message: "the id does not match the event's content (ids are derived from content; leave it out)",
          expected: id,
          received: b.id,
        },
      ],
    };
  }
  const provenanceText = provenance
    ? `,"provenance":${canonicalJson({ file: provenance.file, importer: provenance.importer, record: provenance.record })}`
    : "";
  // The encoded objects become the event itself: no copies.
  const event = Object.assign(head, tail) as LedgerEvent;
  if (b.note !== undefined) event.note = b.note;
  event.id = id;
  if (provenance) event.provenance = provenance;
  return { ok: true, event, body: `{${headText},"id":"${id}"${noteText}${provenanceText},${tailText}}` };
}

function uniqueSorted(list: readonly string[]): string[] {
  return list.length === 1 ? [list[0]!] : [...new Set(list)].sort();
}

/** An object's members re-inserted in canonical key order, unless they already are (to spare a copy). */
function inKeyOrder<T extends object>(value: T): T {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      const sorted: Record<string, unknown> = {};
      for (const k of keys.sort()) sorted[k] = (value as Record<string, unknown>)[k];
      return sorted as T;
    }
  }
  return value;
}

function sourceInKeyOrder(s: Source): Source {
  return {
    ...(s.date !== undefined ? { date: s.date } : {}),
    ...(s.publisher !== undefined ? { publisher: s.publisher } : {}),
    ...(s.quote !== undefined ? { quote: s.quote } : {}),
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.url !== undefined ? { url: s.url } : {}),
  };
}

/** The content part of a ledger event, for hashing and comparison. */
export function contentOf(e: LedgerEvent): EventContent {
  const { id: _id, provenance: _p, ...content } = e;
  return content;
}
