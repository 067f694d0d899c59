import * as v from "valibot";
import { ACTOR_CODE_RE } from "./actors.js";
import { CONFIDENCE_LEVELS, EVENT_TYPES, MAX_COUNT } from "./event-types.js";
import { parsePartialDate } from "./partial-date.js";
import { UNIT_NAMES } from "./units.js";

/**
 * The members every event has, whatever its type, as input may give them (`actor` or `actors`, `"USA+KOR"` or an
 * array, defaults left out); parseEvent normalises them. The attributes are checked by the schema of the type.
 */
const actorCode = v.pipe(
  v.string(),
  v.regex(ACTOR_CODE_RE, "must be an actor code: ISO 3166 alpha-3 (PRK) or a named body (UNSC)"),
);
const actorList = v.union(
  [
    // Arrays first: trying the string branch first would make an issue for every array.
    v.pipe(v.array(actorCode), v.minLength(1, "must name at least one actor")),
    v.pipe(
      v.string(),
      v.transform((s) => s.split("+").map((x) => x.trim())),
      v.array(actorCode),
    ),
  ],
  "must be an actor code, codes joined by + (USA+KOR), or an array of codes",
);

const partialDate = v.pipe(
  v.string("must be a date"),
  v.check((s) => parsePartialDate(s) !== undefined, "must be a date YYYY-MM-DD, YYYY-MM or YYYY"),
);
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const instant = v.pipe(
  v.string(),
  v.regex(INSTANT_RE, "must be a UTC instant such as 2022-10-28T02:00:00Z"),
  // Date.parse rolls 2022-02-30 over to March 2 and T24:00 to the next day: the instant must read back as written.
  v.check((s) => {
    if (!INSTANT_RE.test(s)) return true; // reported by the regex
    const t = Date.parse(s);
    const seconds = s[16] === ":" ? s.slice(16, 19) : ":00";
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 19) === s.slice(0, 16) + seconds;
  }, "must be a real instant"),
);
const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"));

const sourceSchema = v.pipe(
  v.strictObject({
    url: v.optional(v.pipe(v.string(), v.url("must be a URL"))),
    title: v.optional(nonEmpty),
    publisher: v.optional(nonEmpty),
    date: v.optional(partialDate),
    quote: v.optional(nonEmpty),
  }),
  v.check((s) => s.url !== undefined || s.title !== undefined, "a source needs a url or a title"),
);

/** Names that would reach an object's prototype in JavaScript rather than name a value. */
export const RESERVED_ATTRIBUTE_NAMES = ["__proto__", "constructor", "prototype"];

export const baseSchema = v.strictObject({
  id: v.optional(v.string()),
  type: v.picklist(EVENT_TYPES, `must be one of: ${EVENT_TYPES.join(", ")}`),
  date: partialDate,
  time: v.optional(instant),
  end: v.optional(partialDate),
  actor: v.optional(actorList),
  actors: v.optional(actorList),
  target: v.optional(actorList),
  targets: v.optional(actorList),
  count: v.optional(
    v.pipe(
      v.number(),
      v.integer("must be a whole number"),
      v.minValue(1),
      v.maxValue(MAX_COUNT, `must be at most ${MAX_COUNT}`),
    ),
    1,
  ),
  amount: v.optional(
    v.strictObject({
      value: v.pipe(
        v.number("must be a number"),
        v.finite("must be a finite number"),
        v.minValue(0, "must not be negative"),
      ),
      unit: v.picklist(UNIT_NAMES, `must be one of: ${UNIT_NAMES.join(", ")}`),
    }),
  ),
  // Only that it is an object here: the schema of the event's type checks its members.
  attributes: v.optional(
    v.pipe(
      v.unknown(),
      v.check(
        (x) => typeof x === "object" && x !== null && !Array.isArray(x),
        "must be an object of attributes",
      ),
      // Valibot runs this check even when the one above failed: null must not reach Object.keys.
      v.check(
        (x) => x === null || !Object.keys(x as object).some((k) => RESERVED_ATTRIBUTE_NAMES.includes(k)),
        `${RESERVED_ATTRIBUTE_NAMES.join(", ")} are reserved and cannot name an attribute`,
      ),
    ),
    {},
  ),
  summary: v.optional(nonEmpty),
  sources: v.pipe(v.array(sourceSchema), v.minLength(1, "every event needs at least one source")),
  confidence: v.optional(v.picklist(CONFIDENCE_LEVELS), "reported"),
  supersedes: v.optional(v.array(v.pipe(v.string(), v.regex(/^ev_[0-9a-f]{20}$/, "must be an event id")))),
  note: v.optional(nonEmpty),
  provenance: v.optional(v.unknown()),
});

export type BaseFields = v.InferOutput<typeof baseSchema>;
