import type { ObligationKind } from "../agreement/index.js";
import type { Confidence, EventType, Source } from "../model/index.js";

export type ObligationStatus =
  "dormant" | "active" | "suspended" | "fulfilled" | "violated" | "discharged" | "terminated";

export const FINAL_STATUSES: readonly ObligationStatus[] = [
  "fulfilled",
  "violated",
  "discharged",
  "terminated",
];

/** An event as a report cites it: enough to find it in the ledger and to judge it. */
export interface Evidence {
  id: string;
  date: string;
  type: EventType;
  actors: string[];
  targets?: string[];
  count: number;
  summary?: string;
  confidence: Confidence;
  sources: Source[];
}

export type Cause =
  | { kind: "start"; text: string; events?: string[] }
  | { kind: "event"; text: string; events: string[] }
  | { kind: "deadline"; text: string; date: string }
  | { kind: "obligation"; text: string; obligation: string; status: ObligationStatus }
  | { kind: "power"; text: string; power: string; events: string[] }
  | { kind: "agreement"; text: string };

export interface Transition {
  date: string;
  from: ObligationStatus;
  to: ObligationStatus;
  cause: Cause;
}

export interface ObligationResult {
  id: string;
  title: string;
  debtor: string[];
  creditor: string[];
  kind: ObligationKind;
  counts: string;
  status: ObligationStatus;
  /** The status rests only on events marked unverified or disputed. */
  provisional: boolean;
  since: string | null;
  started: string | null;
  /** Last day of the deadline (perform) or window (refrain, maintain), inclusive. */
  due: string | null;
  /** The events that count toward this obligation while it was in force, oldest first. */
  evidence: Evidence[];
  history: Transition[];
  /**
   * Events by the same actors, of the same type, while it was in force, that did not count because an attribute is
   * outside the obligation's words (an IRBM under a ban on ICBMs), grouped by the attribute value that left them out.
   */
  outsideTerms: OutsideTerms;
  note?: string;
  source?: { document: string; article?: string; quote?: string; title?: string; url?: string };
}

export interface OutsideTerms {
  count: number;
  groups: { attribute: string; value: string; count: number; first: Evidence; latest: Evidence }[];
}

export interface NextMove {
  party: string;
  obligation: string;
  title: string;
  kind: ObligationKind;
  /** `due`: active, to be performed by `due` (null: no deadline); `waiting`: cannot start until `waitingOn` holds. */
  state: "due" | "waiting";
  due: string | null;
  waitingOn?: string[];
}

/** `preceded`: what was owed in return had already been done before the step (the other side moved first). */
export type AnswerStatus = "answered" | "preceded" | "unanswered" | "pending";

export interface ReciprocityStep {
  party: string[];
  obligation: string;
  title: string;
  /** How the step was taken: performed, or a restraint held for its window (or for the period a link names). */
  step: "fulfilled" | "held";
  date: string;
  owed: {
    obligation: string;
    title: string;
    debtor: string[];
    answer: AnswerStatus;
    /** When the answer came (answered, preceded) or was due (pending, or unanswered after a deadline). */
    date: string | null;
    /** Days from the step to that date; 0 when the answer preceded the step (nobody waited). */
    daysWaited: number | null;
    evidence: Evidence[];
  }[];
}

export interface PowerResult {
  id: string;
  holder: string[];
  action: string;
  obligations: string[] | "all";
  availableSince: string | null;
  exercised: { date: string; events: string[] }[];
  note?: string;
}

export interface Evaluation {
  agreement: {
    id: string;
    title: string;
    status: string;
    file?: string;
    /** A proposal is evaluated as if it had been in force, to show what its record would have been. */
    hypothetical: boolean;
    effective: string | null;
  };
  asOf: string;
  phase: { id: string; title: string; since: string } | null;
  phases: { id: string; title: string; entered: string | null }[];
  obligations: ObligationResult[];
  nextMoves: NextMove[];
  reciprocity: ReciprocityStep[];
  powers: PowerResult[];
}
