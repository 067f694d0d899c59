import type { Random } from "../../analysis/random.js";
import type { Condition } from "../../agreement/index.js";
import type { Obligation } from "../../agreement/index.js";
import type { Roadmap } from "./model.js";
import type { RoadmapStrategy } from "./strategies.js";

/**
 * One run of a roadmap game, turn by turn (docs/simulation.md, "Roadmap games"). Each turn, on day d:
 *
 * 1. what can start starts, deadlines are set, phases are entered (until nothing changes);
 * 2. a step whose deadline has passed untaken is a breach by its debtors, seen at once by its creditors;
 * 3. every player decides from what it has seen: take its next step, hold, or defect;
 * 4. the steps and defections are made, then provocations and misperceptions are drawn: every turn draws one number a
 *    player (provocation) and one an ordered pair of players (misperception) whether or not they are used, so that
 *    two runs with one seed and different noise see the same numbers (common random numbers);
 * 5. step 1 again: a step performed today can enter a phase today.
 *
 * A breach is seen by the breached obligation's creditors on the day it happens and acted on the next turn; a step
 * is seen by its creditors `verificationDays` after it is performed, and counted received (answerable) by each of
 * them once its answer delay has passed: 0, or drawn at the start of each run from the map's `answerDelays`. Days
 * count from the effective date (day 0).
 */

export const NONE = -1;
const STEP = 0;
const HOLD = 1;
const DEFECT = 2;
type Move = typeof STEP | typeof HOLD | typeof DEFECT;

export type DefectionCause = "choice" | "provocation" | "deadline";

export interface Defection {
  /** The player who broke a restraint, or the debtors of a step missed (joined by "+"). */
  party: string;
  cause: DefectionCause;
  day: number;
  /** The obligation breached. */
  obligation: string;
  /** The step taken last before that day (by anyone), or null before any. */
  afterStep: string | null;
}

type Test = (d: number) => boolean;

/** The state of one run, reset between runs; its arrays are kept, so that a run allocates little. */
export class RoadGame {
  readonly stepStart: Float64Array;
  readonly stepFrom: Float64Array;
  readonly stepBegun: Float64Array;
  readonly stepOverdue: Float64Array;
  /** A parallel partner's deadline: the day it is due because the other was performed (Infinity until then). */
  readonly stepParallelDue: Float64Array;
  /** A step's window's last day, once known (Infinity while open-ended or not yet known). */
  readonly stepEnd: Float64Array;
  readonly rStart: Float64Array;
  readonly rFrom: Float64Array;
  readonly rFirstBreach: Float64Array;
  readonly rLastBreach: Float64Array;
  /** A restraint's last binding day, once known (Infinity while open-ended or not yet known). */
  readonly rEnd: Float64Array;
  readonly phaseDay: Float64Array;
  readonly given: Float64Array;
  readonly taken: Int32Array;
  readonly breaches: Int32Array;
  readonly alarm: Uint8Array;
  readonly everAlarm: Uint8Array;
  readonly calmSince: Float64Array;
  falseAlarms = 0;
  first: Defection | null = null;

  private readonly stepStarts: Test[];
  private readonly restraintStarts: Test[];
  private readonly stepFroms: (Test | null)[];
  private readonly restraintFroms: (Test | null)[];
  private readonly phaseTests: Test[];
  private readonly player: Map<string, number>;
  /** Per player: its steps, restraints; the steps and restraints owed to it. */
  private readonly ownSteps: number[][];
  private readonly ownRestraints: number[][];
  private readonly owedSteps: number[][];
  private readonly stepDebtors: number[][];
  private readonly stepCreditors: number[][];
  private readonly restraintCreditors: number[][];
  private readonly restraintDebtors: number[][];
  /** The chance of a provocation in a turn, by player and month of the year (index p * 12 + month). */
  private readonly provocation: Float64Array;
  /** The month of the year of each turn's day, when some rate varies by month; else null (every turn reads month 0). */
  private readonly turnMonth: Uint8Array | null;
  /** Days creditor p waits after seeing step i before counting it received (index i * players + p); drawn each run. */
  readonly answerLag: Float64Array;
  private readonly parallels: {
    a: number[];
    b: number[];
    tolerance: Roadmap["parallels"][number]["tolerance"];
  }[];

  constructor(
    readonly map: Roadmap,
    private readonly strategies: readonly RoadmapStrategy[],
    private readonly rng: Random,
  ) {
    const n = map.players.length;
    const S = map.steps.length;
    const R = map.restraints.length;
    this.stepStart = new Float64Array(S);
    this.stepFrom = new Float64Array(S);
    this.stepBegun = new Float64Array(S);
    this.stepOverdue = new Float64Array(S);
    this.stepParallelDue = new Float64Array(S);
    this.stepEnd = new Float64Array(S);
    this.rStart = new Float64Array(R);
    this.rFrom = new Float64Array(R);
    this.rFirstBreach = new Float64Array(R);
    this.rLastBreach = new Float64Array(R);
    this.rEnd = new Float64Array(R);
    this.phaseDay = new Float64Array(map.phases.length);
    this.given = new Float64Array(n);
    this.taken = new Int32Array(n);
    this.breaches = new Int32Array(n);
    this.alarm = new Uint8Array(n);
    this.everAlarm = new Uint8Array(n);
    this.calmSince = new Float64Array(n);
    this.player = new Map(map.players.map((p, i) => [p, i]));
    const ids = (parties: string[]) =>
      parties.flatMap((p) => (this.player.has(p) ? [this.player.get(p)!] : []));
    this.stepDebtors = map.steps.map((s) => ids(s.debtors));
    this.stepCreditors = map.steps.map((s) => ids(s.creditors));
    this.restraintDebtors = map.restraints.map((r) => ids(r.debtors));
    this.restraintCreditors = map.restraints.map((r) => ids(r.creditors));
    this.ownSteps = map.players.map((_, p) =>
      map.steps.flatMap((s, i) => (this.stepDebtors[i]!.includes(p) ? [i] : [])),
    );
    this.owedSteps = map.players.map((_, p) =>
      map.steps.flatMap((s, i) => (this.stepCreditors[i]!.includes(p) ? [i] : [])),
    );
    this.ownRestraints = map.players.map((_, p) =>
      map.restraints.flatMap((r, i) => (this.restraintDebtors[i]!.includes(p) ? [i] : [])),
    );
    this.stepStarts = map.steps.map((s) => this.compile(s.start));
    this.restraintStarts = map.restraints.map((r) => this.compile(r.start));
    const from = (w: Obligation["window"]) => (w && "from" in w && w.from ? this.compile(w.from) : null);
    this.stepFroms = map.steps.map((s) => from(s.window));
    this.restraintFroms = map.restraints.map((r) => from(r.window));
    this.phaseTests = map.phases.map((p) => this.compile(p.enters));
    // A rate of λ a year: the chance of at least one provocation in a turn of t days is 1 − exp(−λ t / 365).
    const monthly = map.provocationsByMonth ?? {};
    this.provocation = new Float64Array(n * 12);
    map.players.forEach((p, i) => {
      for (let m = 0; m < 12; m++)
        this.provocation[i * 12 + m] = -Math.expm1(
          (-(monthly[p]?.[m] ?? map.provocations[p]!) * map.tickDays) / 365,
        );
    });
    this.turnMonth = Object.keys(monthly).length
      ? Uint8Array.from({ length: Math.floor(map.horizonDays / map.tickDays) + 1 }, (_, t) =>
          map.calendar.monthOf(t * map.tickDays),
        )
      : null;
    this.answerLag = new Float64Array(S * n);
    const partsOf = (obligation: string) =>
      map.steps.flatMap((s) => (s.obligation === obligation ? [s.index] : []));
    this.parallels = map.parallels.map((l) => ({ a: partsOf(l.a), b: partsOf(l.b), tolerance: l.tolerance }));
  }

  reset(): void {
    for (const a of [
      this.stepStart,
      this.stepFrom,
      this.stepBegun,
      this.stepOverdue,
      this.rStart,
      this.rFrom,
    ])
      a.fill(NONE);
    for (const a of [this.rFirstBreach, this.rLastBreach, this.phaseDay]) a.fill(NONE);
    this.stepParallelDue.fill(Infinity);
    this.stepEnd.fill(Infinity);
    this.rEnd.fill(Infinity);
    this.given.fill(0);
    this.taken.fill(0);
    this.breaches.fill(0);
    this.alarm.fill(0);
    this.everAlarm.fill(0);
    this.calmSince.fill(0);
    this.falseAlarms = 0;
    this.first = null;
    this.drawAnswerDelays();
  }

  /**
   * Each creditor's answer delay for each step, drawn from the map's list: a fixed count of draws at the start of a
   * run (none without a list), so that runs with one seed and different noise still see the same numbers.
   */
  private drawAnswerDelays(): void {
    const delays = this.map.answerDelays;
    if (!delays.length) return;
    const n = this.map.players.length;
    for (let i = 0; i < this.stepCreditors.length; i++)
      for (const c of this.stepCreditors[i]!)
        this.answerLag[i * n + c] = delays[Math.floor(this.rng.next() * delays.length)]!;
  }

  /** Plays one run from day 0 to the horizon. */
  run(): void {
    this.reset();
    const { tickDays, horizonDays } = this.map;
    const moves: Move[] = this.map.players.map(() => HOLD);
    for (let d = 0; d <= horizonDays; d += tickDays) {
      this.settle(d);
      this.deadlines(d);
      for (let p = 0; p < moves.length; p++) moves[p] = this.decide(p, d);
      this.alarm.fill(0);
      for (let p = 0; p < moves.length; p++) {
        if (moves[p] === STEP) {
          const i = this.nextStep(p, d);
          if (i !== NONE) {
            this.stepBegun[i] = d;
            this.given[p] = this.given[p]! + this.map.steps[i]!.cost;
            this.taken[p] = this.taken[p]! + 1;
          }
        } else if (moves[p] === DEFECT)
          for (const r of this.ownRestraints[p]!) if (this.active(r, d)) this.breach(r, p, d, "choice");
      }
      this.noise(d);
      this.settle(d);
    }
  }

  // ---- what the players see and do -------------------------------------------------------------------------------

  /** The player's next step: the first in the agreement's order that is open to it (started, not taken, not lost). */
  nextStep(p: number, d: number): number {
    for (const i of this.ownSteps[p]!) {
      const s = this.stepStart[i]!;
      if (s === NONE || s > d || this.stepBegun[i]! !== NONE) continue;
      if (this.stepOverdue[i]! !== NONE && !this.map.steps[i]!.lateAllowed) continue;
      return i;
    }
    return NONE;
  }

  /** The day a step's creditors see it performed, or Infinity while it is not taken. */
  seen(i: number): number {
    const b = this.stepBegun[i]!;
    if (b === NONE) return Infinity;
    const s = this.map.steps[i]!;
    return b + s.takesDays + s.verificationDays;
  }

  /** The day player p counts step i received: seen, and its answer delay passed (Infinity while not taken). */
  answerable(i: number, p: number): number {
    return this.seen(i) + this.answerLag[i * this.map.players.length + p]!;
  }

  /** The value of the steps owed to the player that it has seen performed, and may answer, by day d. */
  received(p: number, d: number): number {
    let v = 0;
    for (const i of this.owedSteps[p]!) if (this.answerable(i, p) <= d) v += this.map.steps[i]!.value;
    return v;
  }

  private reciprocal(p: number, d: number, credit: number): Move {
    const i = this.nextStep(p, d);
    if (i === NONE) return HOLD;
    // A small tolerance, so that costs such as 0.1 + 0.2 compare as written.
    return this.given[p]! + this.map.steps[i]!.cost <= this.received(p, d) + credit + 1e-9 ? STEP : HOLD;
  }

  /** The move a player makes on day d (the rules of strategies.ts, in code). */
  decide(p: number, d: number): Move {
    const st = this.strategies[p]!;
    const alarm = this.alarm[p] === 1;
    switch (st.kind) {
      case "cooperator":
        return this.nextStep(p, d) === NONE ? HOLD : STEP;
      case "defector":
        return DEFECT;
      case "reciprocal":
        return alarm ? DEFECT : this.reciprocal(p, d, st.credit);
      case "grim":
        return this.everAlarm[p] === 1 ? DEFECT : this.reciprocal(p, d, st.credit);
      case "grit":
        if (this.taken[p]! < st.initiative) return this.nextStep(p, d) === NONE ? HOLD : STEP;
        return alarm ? DEFECT : this.reciprocal(p, d, st.credit);
      case "gtft":
        // The draw is made only on an alarm: runs with no alarm draw nothing here.
        if (alarm && this.rng.next() >= st.generosity) return DEFECT;
        return this.reciprocal(p, d, st.credit);
      case "demand-first": {
        if (alarm) return DEFECT;
        if (this.nextStep(p, d) === NONE) return HOLD;
        for (const i of this.owedSteps[p]!) if (this.answerable(i, p) > d) return HOLD;
        return STEP;
      }
      case "freeze-for-freeze":
        if (alarm) return DEFECT;
        return this.nextStep(p, d) !== NONE && d - this.calmSince[p]! >= st.calmDays ? STEP : HOLD;
    }
  }

  // ---- the world ---------------------------------------------------------------------------------------------------

  /** The last day of a window (Infinity when open-ended, or while the day it counts from is not known). */
  private end(w: Obligation["window"], start: number, from: number): number {
    if (!w || start === NONE) return Infinity;
    if ("until" in w) return this.map.calendar.day(w.until);
    const base = w.from ? from : start;
    // The last day is included: P90D from day 0 runs to day 89.
    return base === NONE ? Infinity : this.map.calendar.after(base, w.for) - 1;
  }

  /** A step's deadline: its window's end, or earlier if a parallel partner was performed. */
  due(i: number): number {
    return Math.min(this.stepEnd[i]!, this.stepParallelDue[i]!);
  }

  active(r: number, d: number): boolean {
    const s = this.rStart[r]!;
    return s !== NONE && s <= d && d <= this.rEnd[r]!;
  }

  private see(c: number, day: number): void {
    this.alarm[c] = 1;
    this.everAlarm[c] = 1;
    if (day > this.calmSince[c]!) this.calmSince[c] = day;
  }

  private record(party: string, cause: DefectionCause, day: number, obligation: string): void {
    if (this.first !== null && this.first.day <= day) return;
    let last = NONE;
    for (let i = 0; i < this.stepBegun.length; i++) {
      const b = this.stepBegun[i]!;
      if (b !== NONE && b < day && (last === NONE || b >= this.stepBegun[last]!)) last = i;
    }
    this.first = {
      party,
      cause,
      day,
      obligation,
      afterStep: last === NONE ? null : this.map.steps[last]!.id,
    };
  }

  private breach(r: number, p: number, d: number, cause: DefectionCause): void {
    if (this.rFirstBreach[r] === NONE) this.rFirstBreach[r] = d;
    this.rLastBreach[r] = d;
    this.breaches[p] = this.breaches[p]! + 1;
    this.record(this.map.players[p]!, cause, d, this.map.restraints[r]!.id);
    for (const c of this.restraintCreditors[r]!) if (c !== p) this.see(c, d);
  }

  /** Steps whose deadline has passed untaken become overdue, the day after it: a breach their creditors see. */
  private deadlines(d: number): void {
    for (let i = 0; i < this.stepStart.length; i++) {
      if (this.stepStart[i] === NONE || this.stepBegun[i] !== NONE || this.stepOverdue[i] !== NONE) continue;
      const due = this.due(i);
      if (due >= d) continue;
      const day = due + 1;
      this.stepOverdue[i] = day;
      const s = this.map.steps[i]!;
      this.record(s.debtors.join("+"), "deadline", day, s.obligation);
      for (const c of this.stepCreditors[i]!) this.see(c, day);
    }
  }

  /** Provocations, then misperceptions: a fixed count of draws every turn (see the module's comment). */
  private noise(d: number): void {
    const n = this.map.players.length;
    const month = this.turnMonth ? this.turnMonth[d / this.map.tickDays]! : 0;
    for (let p = 0; p < n; p++) {
      const u = this.rng.next();
      if (u >= this.provocation[p * 12 + month]!) continue;
      const r = this.ownRestraints[p]!.find((x) => this.active(x, d));
      if (r !== undefined) this.breach(r, p, d, "provocation");
    }
    const m = this.map.misperception;
    for (let o = 0; o < n; o++)
      for (let q = 0; q < n; q++) {
        if (o === q) continue;
        const u = this.rng.next();
        if (u < m && this.keepsFor(q, o, d)) {
          this.see(o, d);
          this.falseAlarms++;
        }
      }
  }

  /** Whether q owes o a restraint that binds today and that q did not break today: one o could misread. */
  private keepsFor(q: number, o: number, d: number): boolean {
    for (const r of this.ownRestraints[q]!)
      if (this.active(r, d) && this.rLastBreach[r] !== d && this.restraintCreditors[r]!.includes(o))
        return true;
    return false;
  }

  /** What follows from today's state on today: starts, the days windows count from, parallel deadlines, phases. */
  private settle(d: number): void {
    for (let changed = true; changed;) {
      changed = false;
      for (let i = 0; i < this.stepStart.length; i++) {
        let now = false;
        if (this.stepStart[i] === NONE && this.stepStarts[i]!(d)) {
          this.stepStart[i] = d;
          now = true;
        }
        const f = this.stepFroms[i];
        if (f && this.stepFrom[i] === NONE && f(d)) {
          this.stepFrom[i] = d;
          now = true;
        }
        if (now) {
          this.stepEnd[i] = this.end(this.map.steps[i]!.window, this.stepStart[i]!, this.stepFrom[i]!);
          changed = true;
        }
      }
      for (let r = 0; r < this.rStart.length; r++) {
        let now = false;
        if (this.rStart[r] === NONE && this.restraintStarts[r]!(d)) {
          this.rStart[r] = d;
          now = true;
        }
        const f = this.restraintFroms[r];
        if (f && this.rFrom[r] === NONE && f(d)) {
          this.rFrom[r] = d;
          now = true;
        }
        if (now) {
          this.rEnd[r] = this.end(this.map.restraints[r]!.window, this.rStart[r]!, this.rFrom[r]!);
          changed = true;
        }
      }
      for (let k = 0; k < this.phaseDay.length; k++) {
        if (this.phaseDay[k] !== NONE) continue;
        if (k > 0 && this.phaseDay[k - 1] === NONE) break;
        if (this.phaseTests[k]!(d)) {
          this.phaseDay[k] = d;
          changed = true;
        }
        break;
      }
    }
    for (const l of this.parallels) {
      this.parallel(l.a, l.b, l.tolerance);
      this.parallel(l.b, l.a, l.tolerance);
    }
  }

  private parallel(
    done: number[],
    other: number[],
    tolerance: Roadmap["parallels"][number]["tolerance"],
  ): void {
    const day = this.performedDay(done);
    if (day === NONE) return;
    const due = this.map.calendar.after(day, tolerance);
    for (const i of other) if (due < this.stepParallelDue[i]!) this.stepParallelDue[i] = due;
  }

  /** The day every part was performed (taken, and its time to take passed), or NONE. */
  private performedDay(parts: number[]): number {
    let day = NONE;
    for (const i of parts) {
      const b = this.stepBegun[i]!;
      if (b === NONE) return NONE;
      day = Math.max(day, b + this.map.steps[i]!.takesDays);
    }
    return parts.length ? day : NONE;
  }

  // ---- conditions ----------------------------------------------------------------------------------------------------

  /** A condition as a test of day d on this game's state (the engine's meaning, on the game's events). */
  private compile(c: Condition): Test {
    const cal = this.map.calendar;
    switch (c.kind) {
      case "date": {
        const day = cal.day(c.date);
        return (d) => d >= day;
      }
      case "phase": {
        const k = this.map.phases.findIndex((p) => p.id === c.phase);
        return (d) => this.phaseDay[k]! !== NONE && this.phaseDay[k]! <= d;
      }
      case "all": {
        const tests = c.conditions.map((x) => this.compile(x));
        return (d) => tests.every((t) => t(d));
      }
      case "any": {
        const tests = c.conditions.map((x) => this.compile(x));
        return (d) => tests.some((t) => t(d));
      }
      case "event":
      case "withdrawn":
        return () => false;
      case "held":
      case "status":
        return this.compileStatus(c);
    }
  }

  private compileStatus(c: Extract<Condition, { kind: "held" | "status" }>): Test {
    const parts = this.map.steps.flatMap((s) => (s.obligation === c.obligation ? [s.index] : []));
    const r = this.map.restraints.findIndex((x) => x.id === c.obligation);
    const cal = this.map.calendar;
    const started = (): number => {
      if (r >= 0) return this.rStart[r]!;
      let s = NONE;
      for (const i of parts)
        if (this.stepStart[i] !== NONE && (s === NONE || this.stepStart[i]! < s)) s = this.stepStart[i]!;
      return s;
    };
    /** The first breach: a restraint broken, or a part overdue. */
    const breached = (): number => {
      if (r >= 0) return this.rFirstBreach[r]!;
      let b = NONE;
      for (const i of parts)
        if (this.stepOverdue[i] !== NONE && (b === NONE || this.stepOverdue[i]! < b))
          b = this.stepOverdue[i]!;
      return b;
    };
    if (c.kind === "held") {
      let memoStart = NONE;
      let memoEnd = 0;
      return (d) => {
        const s = started();
        if (s === NONE) return false;
        if (s !== memoStart) {
          memoStart = s;
          memoEnd = cal.after(s, c.for);
        }
        const end = memoEnd;
        if (d < end) return false;
        const b = breached();
        return b === NONE || b >= end;
      };
    }
    switch (c.status) {
      case "started":
        return (d) => {
          const s = started();
          return s !== NONE && s <= d;
        };
      case "violated":
        return (d) => {
          const b = breached();
          return b !== NONE && b <= d;
        };
      case "fulfilled":
        return r >= 0
          ? () => false
          : (d) => {
              const day = this.performedDay(parts);
              return day !== NONE && day <= d;
            };
      case "verified":
        return r >= 0 ? () => false : (d) => parts.every((i) => this.seen(i) <= d);
      case "discharged":
        // A restraint kept to the end of its window is discharged; nothing else is in the game.
        return r >= 0 ? (d) => this.rFirstBreach[r] === NONE && d > this.rEnd[r]! : () => false;
      case "reversed":
        return () => false;
    }
  }
}
