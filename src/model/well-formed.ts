import { ACTOR_CODE_RE } from "./actors.js";
import { RESERVED_ATTRIBUTE_NAMES, type BaseFields } from "./event-schema.js";
import { CONFIDENCE_LEVELS, MAX_COUNT, isEventType } from "./event-types.js";
import { parsePartialDate } from "./partial-date.js";

/**
 * The common members of a plainly well-formed event, read without the schema library: what `baseSchema` would give
 * for it, at a fraction of the cost, which counts at millions of imported rows. Anything unusual (an id, a time, a
 * supersession, a member set to undefined, any doubt at all) gives undefined, and the schema decides, with its issues.
 * test/model/well-formed.test.ts holds the two to the same results.
 */
export function wellFormedBase(input: unknown): BaseFields | undefined {
  if (!isPlainObject(input)) return undefined;
  const x = input as Record<string, unknown>;
  for (const key in x) if (!KNOWN.has(key) || x[key] === undefined) return undefined;

  if (typeof x.type !== "string" || !isEventType(x.type)) return undefined;
  if (!isDate(x.date)) return undefined;
  if (x.end !== undefined && !isDate(x.end)) return undefined;

  const out: Record<string, unknown> = { type: x.type, date: x.date };
  if (x.end !== undefined) out.end = x.end;
  for (const key of ACTOR_KEYS) {
    if (x[key] === undefined) continue;
    const codes = actorCodes(x[key]);
    if (!codes) return undefined;
    out[key] = codes;
  }

  const count = x.count === undefined ? 1 : x.count; // null is not absent: the schema rejects it
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_COUNT)
    return undefined;
  out.count = count;

  const attributes = x.attributes === undefined ? {} : x.attributes;
  if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) return undefined;
  for (const name of RESERVED_ATTRIBUTE_NAMES) if (Object.hasOwn(attributes, name)) return undefined;
  out.attributes = attributes;

  for (const key of TEXT_KEYS) {
    if (x[key] === undefined) continue;
    const text = nonEmpty(x[key]);
    if (text === undefined) return undefined;
    out[key] = text;
  }

  if (!Array.isArray(x.sources) || x.sources.length === 0) return undefined;
  const sources = [];
  for (const s of x.sources as unknown[]) {
    const source = wellFormedSource(s);
    if (!source) return undefined;
    sources.push(source);
  }
  out.sources = sources;

  const confidence = x.confidence === undefined ? "reported" : x.confidence;
  if (!(CONFIDENCE_LEVELS as readonly unknown[]).includes(confidence)) return undefined;
  out.confidence = confidence;

  if (x.provenance !== undefined) out.provenance = x.provenance;
  return out as BaseFields;
}

/** Members this path reads; `id`, `time` and `supersedes` are left to the schema. */
const KNOWN = new Set([
  "type",
  "date",
  "end",
  "actor",
  "actors",
  "target",
  "targets",
  "count",
  "attributes",
  "summary",
  "note",
  "sources",
  "confidence",
  "provenance",
]);
const ACTOR_KEYS = ["actor", "actors", "target", "targets"] as const;
const TEXT_KEYS = ["summary", "note"] as const;
const SOURCE_KEYS = new Set(["url", "title", "publisher", "date", "quote"]);
const SOURCE_TEXT_KEYS = ["title", "publisher", "quote"] as const;

function isPlainObject(x: unknown): boolean {
  if (typeof x !== "object" || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function isDate(x: unknown): x is string {
  return typeof x === "string" && parsePartialDate(x) !== undefined;
}

/** Text as the schema keeps it: trimmed, and not empty. */
function nonEmpty(x: unknown): string | undefined {
  if (typeof x !== "string") return undefined;
  const t = x.trim();
  return t.length ? t : undefined;
}

/** `"PRK"`, `"USA+KOR"` or `["USA", "KOR"]` as a new array of codes; undefined if any is not a code. */
function actorCodes(x: unknown): string[] | undefined {
  let codes: unknown[];
  if (typeof x === "string") codes = x.split("+").map((c) => c.trim());
  else if (Array.isArray(x) && x.length > 0) codes = x;
  else return undefined;
  for (const c of codes) if (typeof c !== "string" || !ACTOR_CODE_RE.test(c)) return undefined;
  return [...codes] as string[];
}

function wellFormedSource(s: unknown): Record<string, string> | undefined {
  if (!isPlainObject(s)) return undefined;
  const x = s as Record<string, unknown>;
  for (const key in x) if (!SOURCE_KEYS.has(key) || x[key] === undefined) return undefined;
  const out: Record<string, string> = {};
  if (x.url !== undefined) {
    if (typeof x.url !== "string" || !URL.canParse(x.url)) return undefined;
    out.url = x.url;
  }
  for (const key of SOURCE_TEXT_KEYS) {
    if (x[key] === undefined) continue;
    const text = nonEmpty(x[key]);
    if (text === undefined) return undefined;
    out[key] = text;
  }
  if (x.date !== undefined) {
    if (!isDate(x.date)) return undefined;
    out.date = x.date;
  }
  return out.url !== undefined || out.title !== undefined ? out : undefined;
}
