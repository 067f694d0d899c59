import * as v from "valibot";

/**
 * The kinds of event the ledger holds and the attributes each carries. Attributes are strict: an unknown attribute
 * is an error, so that a typo in an import does not silently drop a fact.
 */
/** How sure the record is that it happened as described. */
export const CONFIDENCE_LEVELS = ["confirmed", "reported", "unverified", "disputed"] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const MISSILE_CLASSES = [
  "SRBM",
  "MRBM",
  "IRBM",
  "ICBM",
  "SLBM",
  "SLV",
  "cruise",
  "hypersonic",
  "unknown",
  // Not ballistic missiles, recorded when a dataset of missiles lists them, so that an agreement can leave them out.
  "guided_weapon",
  "artillery_rocket",
] as const;
export const LAUNCH_OUTCOMES = ["success", "failure", "partial", "unknown", "mixed"] as const;
export const EXERCISE_SCALES = ["large", "reduced", "command-post"] as const;
export const EXERCISE_STATUSES = ["held", "suspended", "postponed", "cancelled"] as const;
export const DECLARATION_EFFECTS = [
  "announced",
  "ended",
  "suspended",
  "resumed",
  "reaffirmed",
  "other",
] as const;
export const DISMANTLEMENT_SCOPES = ["partial", "complete"] as const;
/** Who saw it done: the difference between a claim and a verified step. */
export const VERIFICATION_LEVELS = ["none", "journalists", "imagery", "inspectors"] as const;
export const DRAFT_AIMS = ["sanctions", "relief", "other"] as const;
/** What happened to a facility: the steps of a freeze or a disablement, and their undoing. */
export const FACILITY_STATUSES = [
  "shut_down",
  "frozen",
  "sealed",
  "disabled",
  "restarted",
  "unsealed",
  "construction_started",
  "construction_completed",
  "construction_halted",
  "construction_resumed",
] as const;
/** Inspectors let in or sent out, and what they found. */
export const INSPECTION_ACTIONS = [
  "admitted",
  "confirmed",
  "not_confirmed",
  "expelled",
  "departed",
  "refused",
] as const;
export const AID_GOODS = [
  "heavy_fuel_oil",
  "food",
  "fertilizer",
  "energy_equipment",
  "funds",
  "other",
] as const;
export const MEETING_LEVELS = ["summit", "ministerial", "envoy", "working", "military"] as const;
/** Military acts short of war, as agreements on buffer zones and no-fly zones name them. */
export const MILITARY_ACTIVITIES = [
  "artillery_fire",
  "live_fire_drill",
  "gunfire",
  "drone_incursion",
  "airspace_incursion",
  "guard_post_removed",
  "guard_post_restored",
  "border_fortification",
  "mine_clearing",
  "remains_recovery",
  "other",
] as const;
/** A show of force: strategic assets sent where the other side sees them. */
export const SHOW_OF_FORCE_KINDS = [
  "bomber_flight",
  "carrier_visit",
  "submarine_visit",
  "fighter_deployment",
  "strategic_asset",
  "other",
] as const;
export const DRAFT_OUTCOMES = ["adopted", "vetoed", "failed", "not_put_to_vote", "pending"] as const;

const text = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"));
/**
 * The largest count an event or attribute may carry: far above any real salvo, designation list or fleet, and low
 * enough that sums over any ledger stay exact (a count of 1e300 is a typo or an attack, not a fact).
 */
export const MAX_COUNT = 1_000_000_000;
const countNumber = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_COUNT));
/** JSON's 1e999 parses to Infinity, which no canonical encoding can hold. */
const finiteNumber = v.pipe(v.number(), v.finite("must be a finite number"));
const dayDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"));

/**
 * A strict object whose output lists its members in key order, the order the ledger encodes them in (canonical
 * JSON), so that a parsed event needs no re-sorting. Issues are reported in that order too.
 */
function attributes<const E extends v.ObjectEntries>(entries: E): v.StrictObjectSchema<E, undefined> {
  const sorted = Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return v.strictObject(Object.fromEntries(sorted) as E);
}

/**
 * Where a place is, in decimal degrees, as the dataset that names the place gives it: what a map draws it at. Both
 * or neither, so that no place is drawn on the equator or the meridian by a missing half.
 */
const coordinates = attributes({
  lat: v.pipe(
    finiteNumber,
    v.minValue(-90, "must be a latitude from -90 to 90"),
    v.maxValue(90, "must be a latitude from -90 to 90"),
  ),
  lon: v.pipe(
    finiteNumber,
    v.minValue(-180, "must be a longitude from -180 to 180"),
    v.maxValue(180, "must be a longitude from -180 to 180"),
  ),
});
export type Coordinates = v.InferOutput<typeof coordinates>;

const designations = attributes({
  individuals: v.optional(countNumber),
  entities: v.optional(countNumber),
  vessels: v.optional(countNumber),
  aircraft: v.optional(countNumber),
  other: v.optional(text),
});

export const ATTRIBUTE_SCHEMAS = {
  missile_launch: attributes({
    class: v.picklist(MISSILE_CLASSES),
    missile: v.optional(text),
    facility: v.optional(text),
    /** Where the facility is, as the dataset that names it gives it (the CNS facility table). */
    facilityLocation: v.optional(coordinates),
    outcome: v.optional(v.picklist(LAUNCH_OUTCOMES)),
    outcomes: v.optional(
      attributes({
        success: v.optional(countNumber),
        failure: v.optional(countNumber),
        unknown: v.optional(countNumber),
      }),
    ),
    apogeeKm: v.optional(finiteNumber),
    distanceKm: v.optional(finiteNumber),
    landing: v.optional(text),
    direction: v.optional(text),
  }),
  nuclear_test: attributes({
    sequence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    yield: v.optional(text),
    site: v.optional(text),
  }),
  military_exercise: attributes({
    name: text,
    status: v.picklist(EXERCISE_STATUSES),
    scale: v.optional(v.picklist(EXERCISE_SCALES)),
    participants: v.optional(v.array(text)),
    decisionDate: v.optional(dayDate),
    aircraft: v.optional(countNumber),
    troops: v.optional(text),
  }),
  sanctions_imposed: attributes({
    authority: text,
    instrument: text,
    designations: v.optional(designations),
  }),
  sanctions_relieved: attributes({
    authority: text,
    instrument: text,
    measures: v.optional(text),
  }),
  /** Talks at any level, from a summit to a working-level round. */
  summit_or_meeting: attributes({
    name: text,
    location: v.optional(text),
    outcome: v.optional(text),
    level: v.optional(v.picklist(MEETING_LEVELS)),
    round: v.optional(text),
  }),
  agreement_signed: attributes({
    name: text,
    document: v.optional(text),
  }),
  declaration: attributes({
    subject: text,
    effect: v.picklist(DECLARATION_EFFECTS),
    effectiveFrom: v.optional(dayDate),
  }),
  statement: attributes({
    subject: text,
  }),
  draft_resolution: attributes({
    body: text,
    aim: v.picklist(DRAFT_AIMS),
    outcome: v.picklist(DRAFT_OUTCOMES),
    document: v.optional(text),
    measures: v.optional(text),
  }),
  veto: attributes({
    body: text,
    draft: v.optional(text),
    vote: v.optional(v.pipe(v.string(), v.regex(/^\d+-\d+(-\d+)?$/, "must be a vote tally such as 13-2"))),
  }),
  dismantlement: attributes({
    facility: text,
    scope: v.picklist(DISMANTLEMENT_SCOPES),
    verification: v.picklist(VERIFICATION_LEVELS),
  }),
  repatriation: attributes({
    of: text,
    cases: v.optional(countNumber),
  }),
  facility_status: attributes({
    facility: text,
    status: v.picklist(FACILITY_STATUSES),
    verification: v.optional(v.picklist(VERIFICATION_LEVELS)),
  }),
  inspection: attributes({
    body: text,
    action: v.picklist(INSPECTION_ACTIONS),
    facility: v.optional(text),
  }),
  /** How much was delivered goes in the event's `amount`. */
  aid_delivered: attributes({
    goods: v.picklist(AID_GOODS),
    via: v.optional(text),
    program: v.optional(text),
  }),
  document_handover: attributes({
    document: text,
  }),
  /** A party leaving an agreement or a treaty; the agreement's `withdrawal` says what that ends. */
  withdrawal: attributes({
    agreement: text,
    effectiveFrom: v.optional(dayDate),
  }),
  show_of_force: attributes({
    kind: v.picklist(SHOW_OF_FORCE_KINDS),
    asset: v.optional(text),
    location: v.optional(text),
  }),
  military_activity: attributes({
    activity: v.picklist(MILITARY_ACTIVITIES),
    zone: v.optional(text),
    location: v.optional(text),
  }),
  /** A record from an event dataset coded in CAMEO (GDELT), kept with its own code and weights. */
  cameo_event: attributes({
    code: v.pipe(v.string(), v.regex(/^\d{2,4}$/, "must be a CAMEO event code")),
    goldstein: finiteNumber,
    quadClass: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4))),
    rootCode: v.optional(v.string()),
    globalEventId: v.optional(v.string()),
    actor1Name: v.optional(v.string()),
    actor2Name: v.optional(v.string()),
    actor1Code: v.optional(v.string()),
    actor2Code: v.optional(v.string()),
    isRootEvent: v.optional(v.boolean()),
    numMentions: v.optional(countNumber),
    numSources: v.optional(countNumber),
    numArticles: v.optional(countNumber),
    avgTone: v.optional(finiteNumber),
    dateAdded: v.optional(v.string()),
  }),
  /** Withdraws the events it supersedes from the current view. */
  retraction: attributes({
    reason: text,
  }),
} as const;

export type EventType = keyof typeof ATTRIBUTE_SCHEMAS;
export const EVENT_TYPES = Object.keys(ATTRIBUTE_SCHEMAS) as EventType[];

export type AttributesOf<T extends EventType> = v.InferOutput<(typeof ATTRIBUTE_SCHEMAS)[T]>;

export function isEventType(x: string): x is EventType {
  return Object.hasOwn(ATTRIBUTE_SCHEMAS, x);
}
