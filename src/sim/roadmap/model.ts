import {
  addDuration,
  daysBetween,
  parseDuration,
  type Agreement,
  type Condition,
  type Duration,
  type Obligation,
} from "../../agreement/index.js";
import { effectiveStartConditions } from "../../engine/machine.js";

/**
 * An agreement as a roadmap game (docs/simulation.md, "Roadmap games"): the steps to perform, the restraints to keep,
 * the conditions that make a step start and a phase begin, and the assumptions of the `simulation:` section or their
 * defaults. Pure: built from the loaded agreement, no I/O.
 */

/** The assumptions a file may leave out, and what they are then. */
export const ROADMAP_DEFAULTS = {
  tickDays: 7,
  horizon: "P2Y",
  cost: 1,
  value: 1,
  takesDays: 0,
  verificationDays: 0,
  misperception: 0,
  provocations: 0,
} as const;

/** Days counted from the agreement's effective date (day 0), and durations added to them on the calendar. */
export class Calendar {
  private readonly cache = new Map<string, number>();

  constructor(readonly effective: string) {}

  /** The day of a date: negative before the effective date. */
  day(date: string): number {
    return daysBetween(this.effective, date);
  }

  /** The month of the year a day falls in: 0 for January, 11 for December. */
  monthOf(day: number): number {
    const [y, m, d] = this.effective.split("-").map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + day)).getUTCMonth();
  }

  /** The day a duration after `day` falls on (P1M from day 0 of 2018-01-31 is 2018-02-28). */
  after(day: number, d: Duration): number {
    const key = `${day}/${d.text}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      const from = addDuration(this.effective, { years: 0, months: 0, days: day, text: `P${day}D` });
      found = daysBetween(this.effective, addDuration(from, d));
      this.cache.set(key, found);
    }
    return found;
  }
}

/** A step to perform: a perform obligation, or one debtor's own part of one owed by `each` debtor. */
export interface RoadStep {
  index: number;
  /** The obligation's id, or `id:PARTY` for one debtor's own part. */
  id: string;
  obligation: string;
  title: string;
  /** Who may take it: any one of them takes it for all. */
  debtors: string[];
  /** Who receives its value: the obligation's creditors, else every other player. */
  creditors: string[];
  cost: number;
  value: number;
  /** Days from taking it to its being performed. */
  takesDays: number;
  /** Days from its performance to the others' seeing it. */
  verificationDays: number;
  /** Its start, with what gates, unlocks and paired links add. */
  start: Condition;
  window: Obligation["window"];
  /** Whether it may still be taken once its deadline has passed (`cure: allowed`). */
  lateAllowed: boolean;
}

/** A restraint to keep: a refrain, or a maintain (kept or broken, as a refrain). */
export interface Restraint {
  index: number;
  id: string;
  title: string;
  debtors: string[];
  creditors: string[];
  start: Condition;
  window: Obligation["window"];
}

export interface RoadPhase {
  id: string;
  title: string;
  enters: Condition;
}

export interface Roadmap {
  agreement: { id: string; title: string; file?: string };
  effective: string;
  calendar: Calendar;
  /** The parties that owe a step or a restraint, in the agreement's order: each needs a strategy. */
  players: string[];
  steps: RoadStep[];
  restraints: Restraint[];
  phases: RoadPhase[];
  /** Parallel links: once one obligation is performed, the other is due within the tolerance. */
  parallels: { a: string; b: string; tolerance: Duration }[];
  tickDays: number;
  horizonDays: number;
  misperception: number;
  /** Breaches a year whatever the strategy, by player: over the whole year when the rate varies by month. */
  provocations: Record<string, number>;
  /**
   * Breaches a year by month of the year (January first), for the players whose rate varies by month (calibrated
   * from the record's seasons); the others draw at their one rate all year.
   */
  provocationsByMonth?: Record<string, number[]>;
  /**
   * Days a player waits after seeing a step owed to it before it counts the step received (and so can answer it):
   * each run draws one for each step and creditor from this list, uniformly. Empty: it answers on its next turn.
   */
  answerDelays: number[];
  /** What the agreement says that the game leaves out, in words. */
  notModelled: string[];
}

/** What the command line (or a caller) sets over the file's `simulation:` section. */
export interface RoadmapOverrides {
  tickDays?: number;
  horizonDays?: number;
  misperception?: number;
  /** Breaches a year for every player. */
  provocations?: number;
  /** Days before a step is seen, for every step. */
  verificationDays?: number;
  /**
   * Breaches a year by player, from a calibration: a rate, or twelve (January first) for the months of the year.
   * `provocations` overrides it.
   */
  provocationRates?: Readonly<Record<string, number | readonly number[]>>;
  /** The days a player waits before answering a step it has seen, drawn each run from this list (a calibration). */
  answerDelays?: readonly number[];
  /** What else the game leaves out, said by whoever set the overrides (a calibration's figures the game cannot use). */
  notModelled?: readonly string[];
}

/** Days in each month of a year of 365. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function checkDays(n: number, field: string, min: number): number {
  if (!Number.isInteger(n) || n < min || n > 36_500)
    throw new RangeError(`${field} must be a whole number of days from ${min} to 36500, not ${n}`);
  return n;
}

function checkRate(x: number, field: string): number {
  if (!(x >= 0 && Number.isFinite(x)))
    throw new RangeError(`${field} must be a number of events a year, 0 or more, not ${x}`);
  return x;
}

/** Visits a condition and every condition inside it. */
export function walkCondition(c: Condition, visit: (c: Condition) => void): void {
  visit(c);
  if (c.kind === "all" || c.kind === "any") for (const x of c.conditions) walkCondition(x, visit);
}

/** What a condition of this kind means in the game, when the game cannot make it true. */
function neverHolds(c: Condition, performs: Set<string>): string | undefined {
  if (c.kind === "status" && c.status === "discharged" && performs.has(c.obligation))
    return `{discharged: ${c.obligation}} (no step lapses in the game)`;
  if (c.kind === "event") return `{event: ${c.text}} (the game has no events but its steps and breaches)`;
  if (c.kind === "withdrawn") return `{withdrawn: ${c.party}} (no party withdraws in the game)`;
  if (c.kind === "status" && c.status === "reversed")
    return `{reversed: ${c.obligation}} (a step once taken stays taken)`;
  return undefined;
}

/** The agreement's date that day 0 stands for: its effective date, else the earliest start date of an obligation. */
function dayZero(a: Agreement): string {
  if (a.effective) return a.effective;
  const dates = a.obligations.flatMap((o) => (o.start.kind === "date" ? [o.start.date] : []));
  const first = dates.sort()[0];
  if (!first)
    throw new RangeError(
      `${a.file ?? a.id}: no effective date and no obligation with a start date: the game has no day 0`,
    );
  return first;
}

/** Builds the game an agreement describes. Throws a RangeError naming the option or key on a bad assumption. */
export function buildRoadmap(a: Agreement, overrides: RoadmapOverrides = {}): Roadmap {
  const s = a.simulation;
  const effective = dayZero(a);
  const calendar = new Calendar(effective);
  const horizonDays =
    overrides.horizonDays !== undefined
      ? checkDays(overrides.horizonDays, "horizon", 1)
      : calendar.after(0, s?.horizon ?? parseDuration(ROADMAP_DEFAULTS.horizon)!);
  const tickDays =
    overrides.tickDays !== undefined
      ? checkDays(overrides.tickDays, "tick", 1)
      : (s?.tick?.days ?? ROADMAP_DEFAULTS.tickDays);
  const misperception = overrides.misperception ?? s?.misperception ?? ROADMAP_DEFAULTS.misperception;
  if (!(misperception >= 0 && misperception <= 1))
    throw new RangeError(`noise must be a probability in [0, 1], not ${misperception}`);
  const verification = (d: Duration | undefined) =>
    overrides.verificationDays !== undefined
      ? checkDays(overrides.verificationDays, "delay", 0)
      : d
        ? calendar.after(0, d)
        : ROADMAP_DEFAULTS.verificationDays;

  const owes = new Set(a.obligations.flatMap((o) => o.debtors));
  const players = a.parties.map((p) => p.id).filter((id) => owes.has(id));
  const othersThan = (debtors: string[]) => players.filter((p) => !debtors.includes(p));
  const starts = effectiveStartConditions(a);
  const steps: RoadStep[] = [];
  const restraints: Restraint[] = [];
  const notModelled: string[] = [];
  for (const o of a.obligations) {
    const start = starts.get(o.id) ?? o.start;
    const creditors = o.creditors.length ? o.creditors.filter((c) => players.includes(c)) : null;
    if (o.kind === "perform") {
      const terms = s?.steps[o.id] ?? {};
      const parts = o.debtorMode === "each" ? o.debtors.map((d) => [d]) : [o.debtors];
      for (const debtors of parts)
        steps.push({
          index: steps.length,
          id: o.debtorMode === "each" ? `${o.id}:${debtors[0]}` : o.id,
          obligation: o.id,
          title: o.title,
          debtors,
          creditors: creditors ?? othersThan(debtors),
          cost: terms.cost ?? ROADMAP_DEFAULTS.cost,
          value: terms.value ?? ROADMAP_DEFAULTS.value,
          takesDays: terms.takes ? calendar.after(0, terms.takes) : ROADMAP_DEFAULTS.takesDays,
          verificationDays: verification(terms.verification ?? s?.verification),
          start,
          window: o.window,
          lateAllowed: o.cure === "allowed",
        });
      if (o.then)
        notModelled.push(`${o.id}: the duty to keep the step (then) — a step once taken stays taken`);
      if (o.quantity) notModelled.push(`${o.id}: its quantity — the step is taken whole, in one turn`);
    } else {
      restraints.push({
        index: restraints.length,
        id: o.id,
        title: o.title,
        debtors: o.debtors,
        creditors: creditors ?? othersThan(o.debtors),
        start,
        window: o.window,
      });
      if (o.kind === "maintain")
        notModelled.push(`${o.id}: a maintain, played as a restraint (kept, or broken by a defection)`);
    }
    if (o.lapses) notModelled.push(`${o.id}: its lapse — it stays owed`);
  }
  const phases = a.phases.map((p) => ({ id: p.id, title: p.title, enters: p.enters }));
  const performs = new Set(a.obligations.flatMap((o) => (o.kind === "perform" ? [o.id] : [])));
  const reported = new Set<string>();
  const never = (where: string, c: Condition) =>
    walkCondition(c, (x) => {
      const why = neverHolds(x, performs);
      if (why && !reported.has(`${where}${why}`)) {
        reported.add(`${where}${why}`);
        notModelled.push(`${where}: ${why} never holds`);
      }
    });
  for (const x of [...steps, ...restraints]) never(x.id, x.start);
  for (const p of phases) never(`phase ${p.id}`, p.enters);
  for (const x of steps)
    if (x.window && "from" in x.window && x.window.from) never(`${x.id}'s deadline`, x.window.from);
  if (a.powers.length)
    notModelled.push(`powers (${a.powers.map((p) => p.id).join(", ")}): no party suspends or terminates`);
  if (a.withdrawal) notModelled.push("withdrawal: no party withdraws");

  const byMonth: Record<string, number[]> = {};
  const rateOf = (party: string) => {
    if (overrides.provocations !== undefined) return checkRate(overrides.provocations, "provocations");
    const given = overrides.provocationRates?.[party];
    if (typeof given === "number") return checkRate(given, `provocations.${party}`);
    if (given !== undefined) {
      if (given.length !== 12)
        throw new RangeError(`provocations.${party} must give 12 monthly rates, not ${given.length}`);
      byMonth[party] = given.map((x, m) => checkRate(x, `provocations.${party}[${m}]`));
      // The rate over a whole year: each month's weighted by its days (in a year of 365).
      return given.reduce((sum, x, m) => sum + (x * MONTH_DAYS[m]!) / 365, 0);
    }
    const p = s?.provocations;
    if (p === undefined) return ROADMAP_DEFAULTS.provocations;
    return typeof p === "number" ? p : (p[party] ?? ROADMAP_DEFAULTS.provocations);
  };
  const provocations = Object.fromEntries(players.map((p) => [p, rateOf(p)]));
  const answerDelays = (overrides.answerDelays ?? []).map((d) => checkDays(d, "answer delay", 0));
  return {
    agreement: { id: a.id, title: a.title, ...(a.file ? { file: a.file } : {}) },
    effective,
    calendar,
    players,
    steps,
    restraints,
    phases,
    parallels: a.links.flatMap((l) =>
      l.kind === "parallel" && l.tolerance ? [{ a: l.from, b: l.to, tolerance: l.tolerance }] : [],
    ),
    tickDays,
    horizonDays,
    misperception,
    provocations,
    ...(Object.keys(byMonth).length ? { provocationsByMonth: byMonth } : {}),
    answerDelays,
    notModelled: [...notModelled, ...(overrides.notModelled ?? [])],
  };
}
