import type { EventMatcher, Unit } from "../model/index.js";
import type { Duration } from "./duration.js";
import type {
  AGREEMENT_STATUSES,
  CURES,
  LINK_KINDS,
  OBLIGATION_KINDS,
  PARTY_ROLES,
  POWER_ACTIONS,
  STATUS_CONDITIONS,
  WITHDRAWAL_OTHERS,
  WITHDRAWAL_OWN,
} from "./schema.js";

/** An agreement as the engine reads it: references resolved, matchers and conditions compiled. */
export interface Agreement {
  id: string;
  title: string;
  status: (typeof AGREEMENT_STATUSES)[number];
  signed?: string;
  /** When obligations without a start of their own begin (for a proposal: when it would have). */
  effective?: string;
  terminated?: { date: string; note?: string; source?: SourceRef };
  summary?: string;
  parties: Party[];
  documents: Document[];
  obligations: Obligation[];
  links: Link[];
  powers: Power[];
  phases: Phase[];
  /** What a party's withdrawal is, and what it ends. */
  withdrawal?: Withdrawal;
  /** The assumptions of a roadmap game (`lockstep simulate`), where the file states them. */
  simulation?: SimulationSettings;
  /** The file it was loaded from, for reports. */
  file?: string;
}

export interface Party {
  id: string;
  role: (typeof PARTY_ROLES)[number];
  name?: string;
}

export interface Document {
  id: string;
  title: string;
  url?: string;
  date?: string;
}

export interface SourceRef {
  document: string;
  article?: string;
  quote?: string;
}

export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

/** A matcher with the words it was written in, for reports. */
export interface Matcher {
  matcher: EventMatcher;
  text: string;
}

export interface Obligation {
  id: string;
  title: string;
  debtors: string[];
  /**
   * `jointly`: any of the debtors performs for all (a plain list means this); `each`: every debtor owes its own step,
   * with a status of its own.
   */
  debtorMode: "jointly" | "each";
  /** For a joint quantity: each debtor's share of the total (0 to 1). */
  shares?: Record<string, number>;
  creditors: string[];
  kind: ObligationKind;
  counts: EventMatcher;
  /** The matcher as written, for reports. */
  countsText: string;
  start: Condition;
  /** The deadline (perform) or the end (refrain, maintain); `for` counts from the start, or from `from` if given. */
  window?: { until: string } | { for: Duration; from?: Condition };
  every?: Duration;
  /** A total to reach by the deadline (perform), or at least this much every `every` (maintain). */
  quantity?: Quantity;
  /** `allowed` (the default): a step missed on time stays owed and can be taken late; `none`: missed is violated. */
  cure: (typeof CURES)[number];
  /** After it is performed, the duty to keep it: a `refrain` from undoing it, or a `maintain`. */
  then?: KeepDuty;
  /** Performed but not yet confirmed by an event matching this is provisional. */
  verifiedBy?: Matcher;
  /** Still open on the first day this holds, it lapses: discharged, owed no longer. */
  lapses?: Condition;
  source?: SourceRef;
  note?: string;
}

export interface Quantity {
  value: number;
  unit: Unit;
}

export interface KeepDuty {
  kind: "refrain" | "maintain";
  counts: EventMatcher;
  countsText: string;
  every?: Duration;
  window?: { until: string } | { for: Duration };
  note?: string;
}

export type StatusCondition = (typeof STATUS_CONDITIONS)[number];

export type Condition =
  | { kind: "date"; date: string }
  | { kind: "status"; status: StatusCondition; obligation: string }
  | { kind: "held"; obligation: string; for: Duration }
  | { kind: "event"; matcher: EventMatcher; text: string }
  | { kind: "withdrawn"; party: string }
  | { kind: "phase"; phase: string }
  | { kind: "all" | "any"; conditions: Condition[] };

export interface Withdrawal {
  counts: EventMatcher;
  countsText: string;
  own: (typeof WITHDRAWAL_OWN)[number];
  others: (typeof WITHDRAWAL_OTHERS)[number];
  note?: string;
}

export interface Link {
  kind: (typeof LINK_KINDS)[number];
  from: string;
  to: string;
  on?: "fulfilled" | "held";
  held?: Duration;
  /** `parallel`: how far apart the two steps may come. */
  tolerance?: Duration;
  action?: "suspend" | "terminate";
  note?: string;
}

export interface Power {
  id: string;
  holders: string[];
  action: (typeof POWER_ACTIONS)[number];
  obligations: string[] | "all";
  available?: Condition;
  exercised?: Matcher;
  note?: string;
}

export interface Phase {
  id: string;
  title: string;
  enters: Condition;
  note?: string;
}

/** The `simulation:` section, checked: every key optional, the defaults are the simulator's (docs/simulation.md). */
export interface SimulationSettings {
  /** One turn of the game: whole days or weeks. */
  tick?: Duration;
  /** How far the game is played, from the agreement's effective date. */
  horizon?: Duration;
  /** The probability, each turn, that a party reads another's kept restraint as broken. */
  misperception?: number;
  /** Breaches a year that happen whatever a party's strategy: one rate for every party, or a rate by party. */
  provocations?: number | Record<string, number>;
  /** Days between a step's performance and the others' seeing it (every step, unless its own says otherwise). */
  verification?: Duration;
  /** Each step's terms, by the id of a perform obligation. */
  steps: Record<string, SimulationStep>;
}

export interface SimulationStep {
  cost?: number;
  value?: number;
  takes?: Duration;
  verification?: Duration;
}
