import * as v from "valibot";

/**
 * The agreement file format (docs/agreements.md). The schema checks shape; references, matchers and sequencing are
 * checked by lint.ts, which knows the whole document.
 */
export const AGREEMENT_STATUSES = ["proposed", "in_force", "terminated", "superseded"] as const;
export const PARTY_ROLES = ["party", "verifier", "implementer", "proposer"] as const;
export const OBLIGATION_KINDS = ["perform", "refrain", "maintain"] as const;
export const LINK_KINDS = ["in_return_for", "unlocks", "gates", "paired", "remedy"] as const;
export const POWER_ACTIONS = ["suspend", "resume", "terminate"] as const;

const id = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z][A-Za-z0-9_.-]*$/,
    "must be an identifier (letters, digits, - _ .), starting with a letter",
  ),
);
const text = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const day = v.pipe(
  v.string("must be a date YYYY-MM-DD"),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"),
  v.check((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, "must be a real calendar date"),
);
const duration = v.pipe(
  v.string("must be an ISO 8601 duration such as P90D"),
  v.regex(
    /^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/,
    "must be an ISO 8601 duration of years, months, weeks or days, such as P90D or P1Y",
  ),
);
const oneOrMore = v.union(
  [id, v.pipe(v.array(id), v.minLength(1))],
  "must be a party id or a list of party ids",
);

/** An event matcher: terms as text (`actor=PRK type=nuclear_test`) or as a map of key to value(s). */
export const matcherSchema = v.union(
  [text, v.record(v.string(), v.union([v.string(), v.number(), v.array(v.union([v.string(), v.number()]))]))],
  "must be matcher terms such as `actor=PRK type=missile_launch class=ICBM` or a map {type: ..., actor: ...}",
);

export type ConditionInput =
  | string
  | { date: string }
  | { fulfilled: string }
  | { violated: string }
  | { discharged: string }
  | { started: string }
  | { held: string; for: string }
  | { event: v.InferOutput<typeof matcherSchema> }
  | { all: ConditionInput[] }
  | { any: ConditionInput[] };

export const conditionSchema: v.GenericSchema<ConditionInput> = v.union(
  [
    // A bare date is a condition wherever one is allowed (docs/agreements.md, "Conditions"), inside all/any too.
    day,
    v.strictObject({ date: day }),
    v.strictObject({ fulfilled: id }),
    v.strictObject({ violated: id }),
    v.strictObject({ discharged: id }),
    v.strictObject({ started: id }),
    v.strictObject({ held: id, for: duration }),
    v.strictObject({ event: matcherSchema }),
    v.strictObject({ all: v.pipe(v.array(v.lazy(() => conditionSchema)), v.minLength(1)) }),
    v.strictObject({ any: v.pipe(v.array(v.lazy(() => conditionSchema)), v.minLength(1)) }),
  ],
  "must be a condition: a date, {date}, {fulfilled: id}, {violated: id}, {discharged: id}, {started: id}, {held: id, for: P90D}, {event: matcher}, {all: [...]} or {any: [...]}",
);

const sourceRef = v.strictObject({
  document: id,
  article: v.optional(text),
  quote: v.optional(text),
});

const windowSchema = v.union(
  [v.strictObject({ until: day }), v.strictObject({ for: duration })],
  "must be {until: DATE} or {for: DURATION}",
);

export const obligationSchema = v.strictObject({
  id,
  title: text,
  debtor: oneOrMore,
  creditor: v.optional(oneOrMore),
  kind: v.picklist(OBLIGATION_KINDS),
  counts: matcherSchema,
  start: v.optional(conditionSchema),
  window: v.optional(windowSchema),
  every: v.optional(duration),
  source: v.optional(sourceRef),
  note: v.optional(text),
});

export const agreementSchema = v.strictObject({
  id,
  title: text,
  status: v.picklist(AGREEMENT_STATUSES),
  signed: v.optional(day),
  effective: v.optional(day),
  terminated: v.optional(
    v.strictObject({ date: day, note: v.optional(text), source: v.optional(sourceRef) }),
  ),
  summary: v.optional(text),
  parties: v.pipe(
    v.array(v.strictObject({ id, role: v.picklist(PARTY_ROLES), name: v.optional(text) })),
    v.minLength(1, "an agreement needs at least one party"),
  ),
  documents: v.optional(
    v.array(
      v.strictObject({
        id,
        title: text,
        url: v.optional(v.pipe(v.string(), v.url())),
        date: v.optional(day),
      }),
    ),
    [],
  ),
  obligations: v.pipe(
    v.array(obligationSchema),
    v.minLength(1, "an agreement needs at least one obligation"),
  ),
  links: v.optional(
    v.array(
      v.strictObject({
        kind: v.picklist(LINK_KINDS),
        from: id,
        to: id,
        on: v.optional(v.picklist(["fulfilled", "held"])),
        held: v.optional(duration),
        action: v.optional(v.picklist(["suspend", "terminate"])),
        exercised: v.optional(matcherSchema),
        note: v.optional(text),
      }),
    ),
    [],
  ),
  powers: v.optional(
    v.array(
      v.strictObject({
        id,
        holder: oneOrMore,
        action: v.picklist(POWER_ACTIONS),
        obligations: v.union([v.literal("all"), v.pipe(v.array(id), v.minLength(1))]),
        available: v.optional(conditionSchema),
        exercised: v.optional(matcherSchema),
        note: v.optional(text),
      }),
    ),
    [],
  ),
  phases: v.optional(
    v.array(v.strictObject({ id, title: text, enters: conditionSchema, note: v.optional(text) })),
    [],
  ),
});

export type AgreementInput = v.InferOutput<typeof agreementSchema>;
export type ObligationInput = v.InferOutput<typeof obligationSchema>;
