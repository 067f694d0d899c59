import * as v from "valibot";
import { UNIT_NAMES } from "../model/index.js";
import { strictUnion } from "./strict-union.js";

/**
 * The agreement file format (docs/agreements.md). The schema checks shape; references, matchers and sequencing are
 * checked by lint.ts, which knows the whole document.
 */
export const AGREEMENT_STATUSES = ["proposed", "in_force", "terminated", "superseded"] as const;
export const PARTY_ROLES = ["party", "verifier", "implementer", "proposer"] as const;
export const OBLIGATION_KINDS = ["perform", "refrain", "maintain"] as const;
export const LINK_KINDS = ["in_return_for", "unlocks", "gates", "paired", "parallel", "remedy"] as const;
/** Whether a step missed on time can still be taken late. */
export const CURES = ["allowed", "none"] as const;
/** What a party's withdrawal does to its own open obligations, and to the other parties' ones. */
export const WITHDRAWAL_OWN = ["breached", "discharged"] as const;
export const WITHDRAWAL_OTHERS = ["continue", "discharged", "terminated"] as const;
/** Conditions on an obligation's status. */
export const STATUS_CONDITIONS = [
  "fulfilled",
  "violated",
  "discharged",
  "started",
  "verified",
  "reversed",
] as const;
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
const parties = v.pipe(v.array(id), v.minLength(1, "must name at least one party"));
/** Who owes: one party; `{each: [...]}`, every one its own step; `{jointly: [...]}` (or a plain list), any of them. */
const debtorSchema = strictUnion(
  [id, parties],
  [
    v.strictObject({ each: parties }),
    v.strictObject({
      jointly: parties,
      shares: v.optional(
        v.record(
          id,
          v.pipe(
            v.number("must be a share between 0 and 1"),
            v.minValue(0, "must be a share between 0 and 1"),
            v.maxValue(1, "must be a share between 0 and 1"),
          ),
        ),
      ),
    }),
  ],
  "must be a party id, a list of party ids, {each: [parties]} or {jointly: [parties], shares: {party: share}}",
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
  | { verified: string }
  | { reversed: string }
  | { withdrawn: string }
  | { phase: string }
  | { held: string; for: string }
  | { event: v.InferOutput<typeof matcherSchema> }
  | { all: ConditionInput[] }
  | { any: ConditionInput[] };

export const conditionSchema: v.GenericSchema<ConditionInput> = strictUnion(
  // A bare date is a condition wherever one is allowed (docs/agreements.md, "Conditions"), inside all/any too.
  [day],
  [
    v.strictObject({ date: day }),
    v.strictObject({ fulfilled: id }),
    v.strictObject({ violated: id }),
    v.strictObject({ discharged: id }),
    v.strictObject({ started: id }),
    v.strictObject({ verified: id }),
    v.strictObject({ reversed: id }),
    v.strictObject({ withdrawn: id }),
    v.strictObject({ phase: id }),
    v.strictObject({ held: id, for: duration }),
    v.strictObject({ event: matcherSchema }),
    v.strictObject({ all: v.pipe(v.array(v.lazy(() => conditionSchema)), v.minLength(1)) }),
    v.strictObject({ any: v.pipe(v.array(v.lazy(() => conditionSchema)), v.minLength(1)) }),
  ],
  "must be a condition: a date, {date}, {fulfilled: id}, {violated: id}, {discharged: id}, {started: id}, {verified: id}, {reversed: id}, {withdrawn: party}, {phase: id}, {held: id, for: P90D}, {event: matcher}, {all: [...]} or {any: [...]}",
);

const sourceRef = v.strictObject({
  document: id,
  article: v.optional(text),
  quote: v.optional(text),
});

const windowSchema = strictUnion(
  [v.strictObject({ until: day }), v.strictObject({ for: duration, from: v.optional(conditionSchema) })],
  "must be {until: DATE} or {for: DURATION, from: CONDITION}",
);
/** A duty's own window, counted from the day it begins. */
const plainWindowSchema = strictUnion(
  [v.strictObject({ until: day }), v.strictObject({ for: duration })],
  "must be {until: DATE} or {for: DURATION}",
);

/** How much must be done: a total by the deadline (perform), or at least this much every period (maintain). */
const quantitySchema = v.strictObject({
  value: v.pipe(
    v.number("must be a number"),
    v.finite("must be a finite number"),
    v.minValue(0, "must not be negative"),
  ),
  unit: v.picklist(UNIT_NAMES, `must be one of: ${UNIT_NAMES.join(", ")}`),
});

/** After a step is performed, the duty to keep it: not to undo it, or to keep doing it. */
const thenSchema = v.strictObject({
  kind: v.picklist(["refrain", "maintain"]),
  counts: matcherSchema,
  every: v.optional(duration),
  window: v.optional(plainWindowSchema),
  note: v.optional(text),
});

export const obligationSchema = v.strictObject({
  id,
  title: text,
  debtor: debtorSchema,
  creditor: v.optional(oneOrMore),
  kind: v.picklist(OBLIGATION_KINDS),
  counts: matcherSchema,
  start: v.optional(conditionSchema),
  window: v.optional(windowSchema),
  every: v.optional(duration),
  quantity: v.optional(quantitySchema),
  cure: v.optional(v.picklist(CURES)),
  then: v.optional(thenSchema),
  verified_by: v.optional(matcherSchema),
  lapses: v.optional(conditionSchema),
  source: v.optional(sourceRef),
  note: v.optional(text),
});

export const partySchema = v.strictObject({ id, role: v.picklist(PARTY_ROLES), name: v.optional(text) });
export const documentSchema = v.strictObject({
  id,
  title: text,
  url: v.optional(v.pipe(v.string(), v.url())),
  date: v.optional(day),
});
export const linkSchema = v.strictObject({
  kind: v.picklist(LINK_KINDS),
  from: id,
  to: id,
  on: v.optional(v.picklist(["fulfilled", "held"])),
  held: v.optional(duration),
  tolerance: v.optional(duration),
  action: v.optional(v.picklist(["suspend", "terminate"])),
  exercised: v.optional(matcherSchema),
  note: v.optional(text),
});
export const powerSchema = v.strictObject({
  id,
  holder: oneOrMore,
  action: v.picklist(POWER_ACTIONS),
  obligations: v.union([v.literal("all"), v.pipe(v.array(id), v.minLength(1))]),
  available: v.optional(conditionSchema),
  exercised: v.optional(matcherSchema),
  note: v.optional(text),
});
export const phaseSchema = v.strictObject({
  id,
  title: text,
  enters: conditionSchema,
  note: v.optional(text),
});

/** The parts of an agreement that are lists of items, each checked on its own so that one bad item hides no other. */
export const LIST_SCHEMAS = {
  parties: { item: partySchema, min: "an agreement needs at least one party" },
  documents: { item: documentSchema },
  obligations: { item: obligationSchema, min: "an agreement needs at least one obligation" },
  links: { item: linkSchema },
  powers: { item: powerSchema },
  phases: { item: phaseSchema },
} as const;

const nonNegative = v.pipe(
  v.number("must be a number"),
  v.finite("must be a finite number"),
  v.minValue(0, "must not be negative"),
);
/** Expected events a year. */
const rate = nonNegative;

/** One step's terms in a roadmap game: what it costs its debtor, what it is worth to each creditor, how long it takes. */
const simulationStepSchema = v.strictObject({
  cost: v.optional(nonNegative),
  value: v.optional(nonNegative),
  takes: v.optional(duration),
  verification: v.optional(duration),
});

/**
 * The optional `simulation:` section: the assumptions of `lockstep simulate` (docs/simulation.md, "Roadmap games"),
 * each with a documented default. Checked against the rest of the agreement in compile.ts.
 */
export const simulationSchema = v.strictObject({
  tick: v.optional(duration),
  horizon: v.optional(duration),
  misperception: v.optional(
    v.pipe(
      v.number("must be a probability in [0, 1]"),
      v.minValue(0, "must be a probability in [0, 1]"),
      v.maxValue(1, "must be a probability in [0, 1]"),
    ),
  ),
  provocations: v.optional(
    v.union([rate, v.record(id, rate)], "must be events a year, or a map {party: events a year}"),
  ),
  verification: v.optional(duration),
  steps: v.optional(v.record(id, simulationStepSchema)),
});

/** The header: everything but the lists. */
export const headerEntries = {
  id,
  title: text,
  status: v.picklist(AGREEMENT_STATUSES),
  signed: v.optional(day),
  effective: v.optional(day),
  terminated: v.optional(
    v.strictObject({ date: day, note: v.optional(text), source: v.optional(sourceRef) }),
  ),
  summary: v.optional(text),
  withdrawal: v.optional(
    v.strictObject({
      counts: matcherSchema,
      own: v.picklist(WITHDRAWAL_OWN),
      others: v.picklist(WITHDRAWAL_OTHERS),
      note: v.optional(text),
    }),
  ),
  simulation: v.optional(simulationSchema),
};

export const agreementSchema = v.strictObject({
  ...headerEntries,
  parties: v.pipe(v.array(partySchema), v.minLength(1, LIST_SCHEMAS.parties.min)),
  documents: v.optional(v.array(documentSchema), []),
  obligations: v.pipe(v.array(obligationSchema), v.minLength(1, LIST_SCHEMAS.obligations.min)),
  links: v.optional(v.array(linkSchema), []),
  powers: v.optional(v.array(powerSchema), []),
  phases: v.optional(v.array(phaseSchema), []),
});

export type AgreementInput = v.InferOutput<typeof agreementSchema>;
export type ObligationInput = v.InferOutput<typeof obligationSchema>;
export type LinkInput = v.InferOutput<typeof linkSchema>;
export type PowerInput = v.InferOutput<typeof powerSchema>;
export type PhaseInput = v.InferOutput<typeof phaseSchema>;
export type SimulationInput = v.InferOutput<typeof simulationSchema>;
