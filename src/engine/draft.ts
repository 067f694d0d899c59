import type { DatedEvent } from "./event-index.js";
import type { Machine, PartSpec } from "./machine.js";
import type { Cause, ObligationStatus } from "./result.js";
import type { Change, PartState, PowerState, Snapshot } from "./snapshot.js";
import { FINAL_STATUSES } from "./result.js";

/** A day's events, by the key of each matcher that has any that day. */
export type DayEvents = ReadonlyMap<string, readonly DatedEvent[]>;

const NONE: readonly DatedEvent[] = [];

/**
 * The working copy of a snapshot while one day is stepped: rules read and replace its parts (copy on write, so the
 * snapshot it started from is never changed), and record what they did as changes and days to wake up on.
 */
export class Draft {
  private parts: PartState[] | null = null;
  private windowFrom: (string | null)[] | null = null;
  private seen: Map<string, DatedEvent> | null = null;
  private powers: PowerState[] | null = null;
  private phases: (string | null)[] | null = null;
  private withdrawn: Map<string, string> | null = null;
  readonly changes: Change[] = [];
  readonly wake: string[] = [];
  /** The parts whose events of the day have been read: a day's events count once, however many rounds it takes. */
  private readonly counted = new Set<number>();

  constructor(
    readonly machine: Machine,
    private readonly base: Snapshot,
    readonly day: string,
    readonly today: DayEvents,
  ) {}

  /** The events of today that a matcher (by key) matches. */
  events(key: string): readonly DatedEvent[] {
    return this.today.get(key) ?? NONE;
  }

  /** Marks a part's events of the day as read; false if they already were. */
  countOnce(i: number): boolean {
    if (this.counted.has(i)) return false;
    this.counted.add(i);
    return true;
  }

  part(i: number): PartState {
    return (this.parts ?? this.base.parts)[i]!;
  }

  setPart(i: number, next: PartState): void {
    (this.parts ??= [...this.base.parts])[i] = next;
  }

  /** Moves a part to another status, recording the transition with its cause and the events it cites. */
  transition(
    spec: PartSpec,
    to: ObligationStatus,
    cause: Cause,
    events: readonly DatedEvent[] = NONE,
    more: Partial<PartState> = {},
    daysLate?: number,
  ): PartState {
    const s = this.part(spec.index);
    const day = this.day;
    const breach = to === "overdue" || to === "violated" || to === "reversed";
    const next: PartState = {
      ...s,
      status: to,
      since: day,
      breachedOn: breach && s.breachedOn === null ? day : s.breachedOn,
      weakOnly: events.length > 0 && events.every(isWeak),
      causedBy: events,
      ...more,
    };
    this.setPart(spec.index, next);
    this.changes.push({
      kind: "transition",
      part: spec.index,
      date: day,
      from: s.status,
      to,
      cause,
      events,
      ...(daysLate !== undefined ? { daysLate } : {}),
    });
    return next;
  }

  evidence(
    spec: PartSpec,
    role: "counted" | "verification" | "reversal" | "after_withdrawal",
    events: readonly DatedEvent[],
  ): void {
    if (events.length) this.changes.push({ kind: "evidence", part: spec.index, role, events });
  }

  windowFromOf(obligation: number): string | null {
    return (this.windowFrom ?? this.base.windowFrom)[obligation]!;
  }

  setWindowFrom(obligation: number, day: string): void {
    (this.windowFrom ??= [...this.base.windowFrom])[obligation] = day;
  }

  seenOf(key: string): DatedEvent | undefined {
    return (this.seen ?? this.base.seen).get(key);
  }

  setSeen(key: string, first: DatedEvent): void {
    (this.seen ??= new Map(this.base.seen)).set(key, first);
  }

  power(k: number): PowerState {
    return (this.powers ?? this.base.powers)[k]!;
  }

  setPower(k: number, next: PowerState): void {
    (this.powers ??= [...this.base.powers])[k] = next;
  }

  phase(k: number): string | null {
    return (this.phases ?? this.base.phases)[k]!;
  }

  enterPhase(k: number): void {
    (this.phases ??= [...this.base.phases])[k] = this.day;
  }

  withdrawnOn(party: string): string | undefined {
    return (this.withdrawn ?? this.base.withdrawn).get(party);
  }

  withdraw(party: string): void {
    (this.withdrawn ??= new Map(this.base.withdrawn)).set(party, this.day);
  }

  /** Asks to be stepped again on a day (a deadline's next day, the end of a holding period). */
  wakeOn(day: string | null): void {
    if (day !== null && day > this.day) this.wake.push(day);
  }

  /** The snapshot as it stands now. */
  snapshot(): Snapshot {
    return {
      parts: this.parts ?? this.base.parts,
      windowFrom: this.windowFrom ?? this.base.windowFrom,
      seen: this.seen ?? this.base.seen,
      powers: this.powers ?? this.base.powers,
      phases: this.phases ?? this.base.phases,
      withdrawn: this.withdrawn ?? this.base.withdrawn,
    };
  }
}

export const isWeak = (d: DatedEvent): boolean =>
  d.event.confidence === "unverified" || d.event.confidence === "disputed";

export const isFinal = (s: ObligationStatus): boolean => FINAL_STATUSES.includes(s);
