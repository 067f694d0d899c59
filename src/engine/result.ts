import type { ObligationKind } from "../agreement/index.js";
import type { Confidence, EventType, Source, Unit } from "../model/index.js";

/**
 * Where an obligation stands. Open: `dormant` (not started), `active` (owed, nothing wrong yet), `suspended`,
 * `overdue` (a step missed on time, still owed: a breach from the day after its deadline). Settled: `fulfilled`
 * (performed on time), `fulfilled_late`, `violated` (broken for good), `reversed` (performed, then undone),
 * `discharged` (owed no longer, without breach: a restraint kept for its window, a duty lapsed), `terminated`.
 */
export type ObligationStatus =
  | "dormant"
  | "active"
  | "suspended"
  | "overdue"
  | "fulfilled"
  | "fulfilled_late"
  | "violated"
  | "reversed"
  | "discharged"
  | "terminated";

export const OPEN_STATUSES: readonly ObligationStatus[] = ["dormant", "active", "suspended", "overdue"];
/** Settled for good: nothing but a keep duty (`then`) can change a performed step. */
export const FINAL_STATUSES: readonly ObligationStatus[] = [
  "fulfilled",
  "fulfilled_late",
  "violated",
  "reversed",
  "discharged",
  "terminated",
];
export const PERFORMED_STATUSES: readonly ObligationStatus[] = ["fulfilled", "fulfilled_late"];

/** An event as a report cites it: enough to find it in the ledger and to judge it. */
export interface Evidence {
  id: string;
  date: string;
  type: EventType;
  actors: string[];
  targets?: string[];
  count: number;
  amount?: { value: number; unit: Unit };
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
  | { kind: "withdrawal"; text: string; party: string; events: string[] }
  | { kind: "lapse"; text: string; events?: string[] }
  | { kind: "agreement"; text: string };

export interface Transition {
  date: string;
  from: ObligationStatus;
  to: ObligationStatus;
  cause: Cause;
  /** fulfilled_late: days after the deadline it was performed. */
  daysLate?: number;
  /** For an obligation every debtor owes for itself: whose part moved. */
  party?: string;
}

/** A quantity owed and how much of it was done, by which events. */
export interface QuantityResult {
  required: { value: number; unit: Unit };
  /** For a maintain: what was owed by now (the amount times the periods ended), else the total. */
  owed: number;
  done: number;
  /** done / owed, 0 to 1 (more than 1 when more was done). */
  share: number;
  contributions: { event: string; date: string; value: number; unit: Unit; counted: number }[];
  /** Events that matched but added nothing: no amount, or an amount in a unit that does not add up with this one. */
  notCounted: { event: string; date: string; reason: string }[];
  /** For joint debtors with shares: each debtor's share of the total and what it did. */
  byParty?: { party: string; share: number | null; owed: number | null; done: number }[];
}

export interface VerificationResult {
  /** What confirms the step, as written. */
  by: string;
  status: "verified" | "unverified" | "disputed";
  date: string | null;
  evidence: Evidence[];
}

/** One debtor's own part of an obligation every debtor owes for itself (`debtor: {each: [...]}`). */
export interface PartResult {
  party: string;
  status: ObligationStatus;
  provisional: boolean;
  since: string | null;
  due: string | null;
  daysLate: number | null;
  evidence: Evidence[];
  history: Transition[];
  quantity?: QuantityResult;
  afterWithdrawal: Evidence[];
}

export interface ObligationResult {
  id: string;
  title: string;
  debtor: string[];
  /** `each`: every debtor owes its own step (see `parties`); `jointly`: any of them performs for all. */
  debtorMode: "jointly" | "each";
  creditor: string[];
  kind: ObligationKind;
  counts: string;
  /** For `each` debtors: the worst of the parts (a breach by one is a breach of the obligation). */
  status: ObligationStatus;
  /** The status rests only on events marked unverified or disputed, or a step is not yet verified. */
  provisional: boolean;
  since: string | null;
  started: string | null;
  /** Last day of the deadline (perform) or window (refrain, maintain), inclusive. */
  due: string | null;
  /** fulfilled_late: how many days after the deadline. */
  daysLate: number | null;
  /**
   * Whether it can be violated at all: a refrain or maintain can; a perform only with a deadline — its own window,
   * or one a parallel link sets once the other side has moved. A perform with neither is owed but never missed.
   * Known from the terms, not from the day: `due` is null also while a deadline waits on its condition.
   */
  violable: boolean;
  /** The events that count toward this obligation while it was in force, oldest first. */
  evidence: Evidence[];
  history: Transition[];
  /** Events its history cites that are not evidence: what started it, the powers used on it, the withdrawal. */
  context: Evidence[];
  /** Events that would have counted against it, after its debtor withdrew: listed, not counted. */
  afterWithdrawal: Evidence[];
  /**
   * Events by the same actors, of the same type, while it was in force, that did not count because an attribute is
   * outside the obligation's words (an IRBM under a ban on ICBMs), grouped by the attribute value that left them out.
   */
  outsideTerms: OutsideTerms;
  parties?: PartResult[];
  /** For `each` debtors: the obligation's own status over time (the worst of its parts), each day it changed. */
  statusChanges?: { date: string; status: ObligationStatus }[];
  quantity?: QuantityResult;
  verification?: VerificationResult;
  /** The duty to keep a performed step, and the events that undid it. */
  keep?: { kind: "refrain" | "maintain"; counts: string; until: string | null; reversedBy: Evidence[] };
  /** A refrain's (or maintain's) spells in force without a breach: the periods it was actually kept. */
  spells?: { from: string; to: string; days: number; open: boolean }[];
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
  /**
   * `due`: active, to be done by `due` (null: no deadline); `overdue`: missed on `due` and still owed; `waiting`:
   * cannot start until `waitingOn` holds; `blocked`: can never start (`waitingOn` says why, and since when).
   */
  state: "due" | "overdue" | "waiting" | "blocked";
  due: string | null;
  waitingOn?: string[];
}

/** How a step was taken: performed on time, late, or in part; or a restraint (or upkeep) held for its period. */
export type StepKind = "performed" | "performed_late" | "partial" | "held";

export interface Step {
  party: string[];
  obligation: string;
  title: string;
  kind: StepKind;
  /** When it began: the day performed, or the first day of the restraint. Who moved first is judged on this. */
  began: string;
  /** When it counts as a step: the day performed, or the day the restraint had been held for its period. */
  date: string;
  daysLate?: number;
  /** partial: the share of a quantity done. */
  share?: number;
  /** Performed, then undone on this day. */
  reversedOn?: string;
}

/**
 * What came back for a step: `answered` on time; `late` (after its deadline); `partly` (a share of a quantity, or
 * some of the debtors); `preceded` (done before the step: the other side moved first); `pending` (not yet due);
 * `unanswered` (its deadline passed, it was broken, or it has none and nothing came).
 */
export type AnswerStatus = "answered" | "late" | "partly" | "preceded" | "pending" | "unanswered";

export interface LinkAccount {
  kind: "in_return_for" | "parallel";
  from: string;
  to: string;
  fromParty: string[];
  toParty: string[];
  /** The first step by `from`'s debtor (for a held restraint: the first held for the link's period), or null. */
  fromStep: Step | null;
  /** The first step by `to`'s debtor, whenever it came, or null. */
  toStep: Step | null;
  /** Whose step began first; null while neither has moved. */
  firstMover: string[] | null;
  /** What `to`'s debtor did in return for `fromStep`; null while there is no step to answer. */
  answer: {
    status: AnswerStatus;
    /** When the answer came (or is due, while pending; or was due, once missed). */
    date: string | null;
    /** Days from the step (the day it counted) to the answer; 0 when the answer came first. */
    daysWaited: number | null;
    /** partly: the share done. */
    share?: number;
    evidence: Evidence[];
  } | null;
  /**
   * Two restraints: the spells in which both sides held at once, of at least 90 days — a mutual freeze, whatever the
   * file says of who owed what.
   */
  together?: { from: string; to: string; days: number; open: boolean }[];
  note?: string;
}

export interface PartyAccount {
  party: string;
  steps: number;
  /** Of its steps that were owed something in return: how many were answered (on time, late, or before). */
  owedAnswer: number;
  answered: number;
  late: number;
  partly: number;
  preceded: number;
  unanswered: number;
  pending: number;
  /** Median days from its step to the answer, over the answers that came after the step. */
  medianWait: number | null;
}

export interface Reciprocity {
  steps: Step[];
  links: LinkAccount[];
  parties: PartyAccount[];
}

/** The short answer a report starts with. */
export interface Summary {
  firstBreach: { obligation: string; party: string[]; date: string; status: ObligationStatus } | null;
  firstStep: Step | null;
  unanswered: { from: string; to: string; party: string[]; since: string | null }[];
  text: string;
}

export interface PowerResult {
  id: string;
  holder: string[];
  action: string;
  obligations: string[] | "all";
  availableSince: string | null;
  /** Each use: the day, the events, what it changed, and what it could not change (already settled). */
  exercised: {
    date: string;
    events: string[];
    changed: { obligation: string; party: string | null; from: ObligationStatus; to: ObligationStatus }[];
    noEffect: { obligation: string; party: string | null; status: ObligationStatus }[];
  }[];
  note?: string;
}

export interface Warning {
  kind: "matches_nothing";
  /** Where the matcher is written: `obligations.relief.counts`, `powers.p1.exercised`. */
  at: string;
  matcher: string;
  message: string;
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
  summary: Summary;
  phase: { id: string; title: string; since: string } | null;
  phases: { id: string; title: string; entered: string | null }[];
  obligations: ObligationResult[];
  nextMoves: NextMove[];
  reciprocity: Reciprocity;
  powers: PowerResult[];
  withdrawals: { party: string; date: string; events: Evidence[] }[];
  warnings: Warning[];
}
