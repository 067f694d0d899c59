import type { Obligation } from "../agreement/index.js";
import type { DatedEvent } from "./event-index.js";
import type { ObligationStatus, Transition } from "./result.js";

/** What the engine knows of one obligation while it replays the record. */
export interface ObligationState {
  obligation: Obligation;
  status: ObligationStatus;
  since: string | null;
  started: string | null;
  due: string | null;
  violatedOn: string | null;
  endedOn: string | null;
  lastStep: string | null;
  /** maintain: the last day by which the next step must come (later by the days spent suspended). */
  nextStepBy: string | null;
  suspendedOn: string | null;
  evidence: DatedEvent[];
  /** Events the current status rests on, to judge whether it is provisional. */
  restsOn: DatedEvent[];
  history: Transition[];
  /** The last day whose events were counted, so that a day is never counted twice. */
  countedDay: string | null;
}
