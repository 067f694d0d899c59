import type { DatedEvent } from "./event-index.js";
import type { Machine } from "./machine.js";
import type { Cause, ObligationStatus } from "./result.js";

/** What the engine knows of one part of an obligation (see PartSpec) on a day: only what later days decide on. */
export interface PartState {
  readonly status: ObligationStatus;
  readonly since: string | null;
  readonly started: string | null;
  /** The last day of the deadline (perform) or of the window (refrain, maintain), as it stands. */
  readonly due: string | null;
  /** The first day it was in breach: overdue, violated, reversed, or broken by walking out. */
  readonly breachedOn: string | null;
  /** perform: the day it was performed, on time or late. */
  readonly performedOn: string | null;
  readonly daysLate: number | null;
  /** maintain: the last step, and the last day by which the next one (or the period's amount) must come. */
  readonly lastStep: string | null;
  readonly nextStepBy: string | null;
  /** maintain with a quantity: periods ended so far. */
  readonly periods: number;
  readonly suspendedOn: string | null;
  /** With a quantity: how much was done, in the obligation's unit. */
  readonly done: number;
  readonly verifiedOn: string | null;
  /** After performance, the duty to keep the step (`then`): whether it runs, its last day, the next step due. */
  readonly keeping: boolean;
  readonly keepUntil: string | null;
  readonly keepNextBy: string | null;
  /** Its debtor walked out on this day: later events are listed as after withdrawal. */
  readonly withdrawnOn: string | null;
  /** The status rests on events, and only on events marked unverified or disputed. */
  readonly weakOnly: boolean;
  /** The events behind its last transition: what a condition on its status cites when it holds. */
  readonly causedBy: readonly DatedEvent[];
}

export interface PowerState {
  readonly availableSince: string | null;
  /** The last day it was exercised, so that a day's events exercise it once. */
  readonly exercisedOn: string | null;
}

/** Everything the replay knows at the end of a day. Never changed in place: a step returns a new one. */
export interface Snapshot {
  readonly parts: readonly PartState[];
  /** By obligation (in the agreement's order): the day its window's `from` condition first held. */
  readonly windowFrom: readonly (string | null)[];
  /** By matcher key: the first event (on or after the effective date) of a matcher a condition names. */
  readonly seen: ReadonlyMap<string, DatedEvent>;
  readonly powers: readonly PowerState[];
  readonly phases: readonly (string | null)[];
  /** By party: the day it withdrew. */
  readonly withdrawn: ReadonlyMap<string, string>;
}

const DORMANT: PartState = {
  status: "dormant",
  since: null,
  started: null,
  due: null,
  breachedOn: null,
  performedOn: null,
  daysLate: null,
  lastStep: null,
  nextStepBy: null,
  periods: 0,
  suspendedOn: null,
  done: 0,
  verifiedOn: null,
  keeping: false,
  keepUntil: null,
  keepNextBy: null,
  withdrawnOn: null,
  weakOnly: false,
  causedBy: [],
};

export function initialSnapshot(m: Machine): Snapshot {
  return {
    parts: m.parts.map(() => DORMANT),
    windowFrom: m.agreement.obligations.map(() => null),
    seen: new Map(),
    powers: m.agreement.powers.map(() => ({ availableSince: null, exercisedOn: null })),
    phases: m.agreement.phases.map(() => null),
    withdrawn: new Map(),
  };
}

/** What a step emits besides the new snapshot: facts for the record, as data. */
export type Change =
  | {
      kind: "transition";
      part: number;
      date: string;
      from: ObligationStatus;
      to: ObligationStatus;
      cause: Cause;
      /** The events the cause cites. */
      events: readonly DatedEvent[];
      daysLate?: number;
    }
  | { kind: "evidence"; part: number; role: EvidenceRole; events: readonly DatedEvent[] }
  | { kind: "amount"; part: number; event: DatedEvent; counted: number | null; reason?: string }
  | {
      kind: "power";
      power: number;
      date: string;
      events: readonly DatedEvent[];
      changed: { part: number; from: ObligationStatus; to: ObligationStatus }[];
      noEffect: { part: number; status: ObligationStatus }[];
    }
  | { kind: "withdrawal"; party: string; date: string; events: readonly DatedEvent[] };

/**
 * `counted`: counts toward it (a performance, a breach, a step); `verification`: confirms a performance;
 * `reversal`: undid a performed step; `after_withdrawal`: would have counted, but its debtor had walked out.
 */
export type EvidenceRole = "counted" | "verification" | "reversal" | "after_withdrawal";
