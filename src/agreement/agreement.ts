import type { EventMatcher } from "../model/index.js";
import type { Duration } from "./duration.js";
import type {
  AGREEMENT_STATUSES,
  LINK_KINDS,
  OBLIGATION_KINDS,
  PARTY_ROLES,
  POWER_ACTIONS,
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

export interface Obligation {
  id: string;
  title: string;
  debtors: string[];
  creditors: string[];
  kind: ObligationKind;
  counts: EventMatcher;
  /** The matcher as written, for reports. */
  countsText: string;
  start: Condition;
  window?: { until: string } | { for: Duration };
  every?: Duration;
  source?: SourceRef;
  note?: string;
}

export type Condition =
  | { kind: "date"; date: string }
  | { kind: "status"; status: "fulfilled" | "violated" | "discharged" | "started"; obligation: string }
  | { kind: "held"; obligation: string; for: Duration }
  | { kind: "event"; matcher: EventMatcher; text: string }
  | { kind: "all" | "any"; conditions: Condition[] };

export interface Link {
  kind: (typeof LINK_KINDS)[number];
  from: string;
  to: string;
  on?: "fulfilled" | "held";
  held?: Duration;
  action?: "suspend" | "terminate";
  note?: string;
}

export interface Power {
  id: string;
  holders: string[];
  action: (typeof POWER_ACTIONS)[number];
  obligations: string[] | "all";
  available?: Condition;
  exercised?: { matcher: EventMatcher; text: string };
  note?: string;
}

export interface Phase {
  id: string;
  title: string;
  enters: Condition;
  note?: string;
}
