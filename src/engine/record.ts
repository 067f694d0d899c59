import type { DatedEvent } from "./event-index.js";
import type { Machine } from "./machine.js";
import type { Transition } from "./result.js";
import type { Change } from "./snapshot.js";

/** What the replay recorded of one part: its transitions and the events behind them, by role. */
export interface PartRecord {
  history: Transition[];
  /** Events that counted toward it. */
  evidence: DatedEvent[];
  verification: DatedEvent[];
  reversal: DatedEvent[];
  afterWithdrawal: DatedEvent[];
  /** Events its transitions cite, whatever their role (what started it, a power's events, a withdrawal). */
  cited: DatedEvent[];
  amounts: { event: DatedEvent; counted: number | null; reason?: string }[];
}

export interface PowerUse {
  date: string;
  events: readonly DatedEvent[];
  changed: { part: number; from: Transition["from"]; to: Transition["to"] }[];
  noEffect: { part: number; status: Transition["from"] }[];
}

/** The record of a whole replay: the changes of every step, folded in as they come. */
export class Record {
  readonly parts: PartRecord[];
  readonly powers: PowerUse[][];
  readonly withdrawals: { party: string; date: string; events: readonly DatedEvent[] }[] = [];

  constructor(machine: Machine) {
    this.parts = machine.parts.map(() => ({
      history: [],
      evidence: [],
      verification: [],
      reversal: [],
      afterWithdrawal: [],
      cited: [],
      amounts: [],
    }));
    this.powers = machine.agreement.powers.map(() => []);
  }

  apply(changes: readonly Change[]): void {
    for (const c of changes) {
      switch (c.kind) {
        case "transition": {
          const r = this.parts[c.part]!;
          r.history.push({
            date: c.date,
            from: c.from,
            to: c.to,
            cause: c.cause,
            ...(c.daysLate !== undefined ? { daysLate: c.daysLate } : {}),
          });
          for (const e of c.events) r.cited.push(e);
          break;
        }
        case "evidence": {
          const r = this.parts[c.part]!;
          const list =
            c.role === "counted"
              ? r.evidence
              : c.role === "verification"
                ? r.verification
                : c.role === "reversal"
                  ? r.reversal
                  : r.afterWithdrawal;
          for (const e of c.events) list.push(e);
          break;
        }
        case "amount":
          this.parts[c.part]!.amounts.push({
            event: c.event,
            counted: c.counted,
            ...(c.reason ? { reason: c.reason } : {}),
          });
          break;
        case "power":
          this.powers[c.power]!.push({
            date: c.date,
            events: c.events,
            changed: c.changed,
            noEffect: c.noEffect,
          });
          break;
        case "withdrawal":
          this.withdrawals.push({ party: c.party, date: c.date, events: c.events });
          break;
      }
    }
  }
}
