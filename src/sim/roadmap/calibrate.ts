/**
 * Calibration of a roadmap game from the record (docs/simulation.md, "Calibration"): the model's inputs measured on
 * the ledger's events instead of assumed. Pure: the caller reads the ledger and the agreement files and hands over
 * the events, the coverage and the agreements; every number here is derived from them, with what it rests on.
 *
 * - Provocations: for each player, the yearly rate of days with an event that breaks a restraint it owes (the
 *   refrain obligations' own matchers), over the coverage of those events, by month of the year.
 * - Answer delays: the days between a step and its answer in the reciprocity accounts of the given agreements,
 *   evaluated on the record (answered and late answers).
 * - Resumption: the yearly hazard that a suspended exercise series is held again. The game does not reverse a
 *   performed step, so this one is reported, not played.
 */
import { daysBetween, type Agreement } from "../../agreement/index.js";
import { poissonInterval } from "../../analysis/exact-poisson.js";
import { evaluate, type AnswerStatus } from "../../engine/index.js";
import {
  addDays,
  coverageOf,
  matches,
  parsePartialDate,
  type CoverageEntry,
  type EventMatcher,
  type LedgerEvent,
} from "../../model/index.js";
import type { Roadmap, RoadmapOverrides } from "./model.js";

/** The days a calibrated number is measured over, and how they were chosen. */
export interface CalibrationPeriod {
  from: string;
  to: string;
  /** Days from `from` to `to`, both included. */
  days: number;
  /** Where the period comes from: the coverage entries, the command line, or the ledger's own span. */
  basis: string[];
}

export interface ProvocationCalibration {
  party: string;
  /** Provocations a year over the whole period. */
  value: number;
  /** Provocations a year in each month of the year, January first (null when the party owes no refrain). */
  byMonth: number[] | null;
  /** The refrain obligations the party owes, whose matchers say what breaks them. */
  restraints: { id: string; counts: string; debtors: string[] }[];
  period: CalibrationPeriod;
  /** Events in the period that one of those matchers matches. */
  events: number;
  /** Distinct dates with such an event. */
  days: number;
  /** The dates counted for this party: a date whose events break only a restraint owed jointly by k parties counts 1/k. */
  countedDays: number;
  /** countedDays by month of the year (an event dated only by its year spread over the twelve). */
  countedDaysByMonth: number[];
  /** Days of each month of the year within the period. */
  exposureByMonth: number[];
  /** The events counted, by id, in date order. */
  eventIds: string[];
  rule: string;
}

export interface AnswerObservation {
  agreement: string;
  /** The agreement's status: a proposal's account is of what the parties did as if it were in force. */
  agreementStatus: string;
  kind: "in_return_for" | "parallel";
  link: string;
  /** Who answered. */
  answeredBy: string[];
  step: string;
  stepDate: string;
  answerDate: string;
  days: number;
  status: Extract<AnswerStatus, "answered" | "late">;
  /** Whether it is among the delays drawn: an answer already seen (same parties, step and answer dates) is not. */
  counted: boolean;
  /** The observation it repeats (agreement and link), when not counted. */
  sameAs?: string;
}

export interface AnswerDelayCalibration {
  /** The observed delays in days, sorted: each run draws from these. */
  value: number[];
  median: number | null;
  mean: number | null;
  observations: AnswerObservation[];
  /** Links with a step not answered (or not yet, or only partly, or answered before it): left out, counted. */
  leftOut: Partial<Record<AnswerStatus, number>>;
  /** The date the agreements were evaluated as of. */
  asOf: string;
  agreements: string[];
  rule: string;
}

export interface SuspensionObservation {
  event: string;
  date: string;
  name: string;
  status: string;
  /** The series it suspends: its name less the edition (a combined name, each of its parts). */
  series: string[];
  resumedBy: { event: string; date: string; name: string } | null;
  daysAtRisk: number;
}

export interface ResumptionCalibration {
  /** Resumptions a year of suspended series: resumed / years at risk. */
  value: number;
  /** The exact (Garwood) 95% interval of that rate. */
  interval: [number, number];
  suspensions: number;
  resumed: number;
  yearsAtRisk: number;
  period: CalibrationPeriod;
  observations: SuspensionObservation[];
  /** Series given as renamed (OLD=NEW): an exercise of NEW resumes OLD. */
  renamed: Record<string, string>;
  /** Whether the game plays it: it does not (no performed step is reversed in the game). */
  modelled: false;
  rule: string;
}

export interface Calibration {
  provocations: ProvocationCalibration[];
  answerDelays: AnswerDelayCalibration;
  resumption: ResumptionCalibration;
  /** What the game takes from it. */
  overrides: Pick<RoadmapOverrides, "provocationRates" | "answerDelays" | "notModelled">;
}

export interface CalibrationInput {
  /** The agreement played: its refrains say what a provocation is. */
  agreement: Agreement;
  /** Its players (buildRoadmap's). */
  players: Roadmap["players"];
  /** The ledger's current events. */
  events: readonly LedgerEvent[];
  coverage: readonly CoverageEntry[];
  /** The agreements whose reciprocity accounts give the answer delays (the bundled ones). */
  accounts: readonly Agreement[];
  /** Bounds of the period, replacing the coverage's. */
  from?: string;
  to?: string;
  /** Exercise series renamed: OLD=NEW means an exercise of NEW resumes a suspended OLD. */
  renamed?: Record<string, string>;
}

const YEAR = 365;
const SUSPENDED = ["suspended", "postponed", "cancelled"];

/** The day the engine places an event on: its date, or the first day of a partial date. */
function dayOf(e: LedgerEvent): string {
  return parsePartialDate(e.date)!.first;
}

/** The month of the year of an event (0 for January), or null when it is dated by its year only. */
function monthOf(e: LedgerEvent): number | null {
  const span = parsePartialDate(e.date)!;
  return span.precision === "year" ? null : Number(span.first.slice(5, 7)) - 1;
}

const inclusiveDays = (from: string, to: string) => daysBetween(from, to) + 1;

/** Days of each month of the year from `from` to `to`, both included. */
export function daysByMonth(from: string, to: string): number[] {
  const out = Array<number>(12).fill(0);
  const [y0, m0, d0] = from.split("-").map(Number) as [number, number, number];
  const start = Date.UTC(y0, m0 - 1, d0);
  const n = inclusiveDays(from, to);
  for (let i = 0; i < n; i++) out[new Date(start + i * 86_400_000).getUTCMonth()]!++;
  return out;
}

/** The period of a family of events: the common coverage of their matchers, the command line's bounds over it. */
export function calibrationPeriod(
  matchers: readonly EventMatcher[],
  coverage: readonly CoverageEntry[],
  events: readonly LedgerEvent[],
  bounds: { from?: string; to?: string },
): CalibrationPeriod {
  const basis: string[] = [];
  let from: string | undefined;
  let to: string | undefined;
  for (const m of matchers) {
    const c = coverageOf(m, coverage);
    for (const e of c.entries)
      basis.push(
        `coverage: ${e.label}, ${e.from} to ${e.to}${e.extent === "partial" ? " (partial: a day without an event may be one not found)" : ""}`,
      );
    if (c.unknown.length) basis.push(`no coverage written down for ${c.unknown.join("; ")}`);
    if (c.from !== undefined && (from === undefined || c.from > from)) from = c.from;
    if (c.to !== undefined && (to === undefined || c.to < to)) to = c.to;
  }
  if (from === undefined || to === undefined) {
    // Nothing written down: the ledger's own span is all there is (an absence before its first event is unknown).
    const days = events.map(dayOf).sort();
    from ??= days[0];
    to ??= days.at(-1);
    basis.push("the ledger's first to last event (no coverage written down for these events)");
  }
  if (bounds.from !== undefined) {
    basis.push(`from ${bounds.from} (--calibrate-from), not ${from ?? "the coverage's start"}`);
    from = bounds.from;
  }
  if (bounds.to !== undefined) {
    basis.push(`to ${bounds.to} (--calibrate-to), not ${to ?? "the coverage's end"}`);
    to = bounds.to;
  }
  if (from === undefined || to === undefined)
    throw new RangeError("calibrate: the ledger holds no events, and no period was given (--calibrate-from)");
  if (from > to) throw new RangeError(`calibrate: the period is empty: from ${from} to ${to}`);
  return { from, to, days: inclusiveDays(from, to), basis };
}

const PROVOCATION_RULE =
  "days in the period with at least one event that a refrain the party owes counts (its own matcher), a day " +
  "whose events break only a refrain owed jointly by k parties counting 1/k to each (the game draws each debtor's " +
  "provocations apart, so the refrain is broken at the record's rate), × 365 / the days of the period; by month " +
  "of the year the same over the days of that month in the period (an event dated by its year only counts 1/12 " +
  "in each month; a month the period does not reach takes the yearly rate).";

/** The yearly rate of provocations by each player: days with an event that breaks one of its refrains. */
export function calibrateProvocations(
  input: Pick<CalibrationInput, "agreement" | "players" | "events" | "coverage" | "from" | "to">,
): ProvocationCalibration[] {
  const refrains = input.agreement.obligations.filter((o) => o.kind === "refrain");
  return input.players.map((party) => {
    const own = refrains.filter((o) => o.debtors.includes(party));
    const restraints = own.map((o) => ({ id: o.id, counts: o.countsText, debtors: o.debtors }));
    const period = calibrationPeriod(
      own.length ? own.map((o) => o.counts) : [],
      input.coverage,
      input.events,
      input,
    );
    const exposureByMonth = daysByMonth(period.from, period.to);
    const empty = {
      party,
      restraints,
      period,
      events: 0,
      days: 0,
      countedDays: 0,
      countedDaysByMonth: Array<number>(12).fill(0),
      exposureByMonth,
      eventIds: [] as string[],
    };
    if (!own.length)
      return {
        ...empty,
        value: 0,
        byMonth: null,
        rule: `${party} owes no refrain in ${input.agreement.id}: nothing it does can be a provocation`,
      };
    // Each date's share for this party: 1 if an event breaks a refrain it owes alone, 1/k if only shared ones.
    const share = new Map<string, { weight: number; month: number | null }>();
    const ids = new Set<string>();
    for (const e of input.events) {
      if (e.type === "retraction") continue;
      const day = dayOf(e);
      if (day < period.from || day > period.to) continue;
      let weight = 0;
      for (const o of own) if (matches(o.counts, e)) weight = Math.max(weight, 1 / o.debtors.length);
      if (weight === 0) continue;
      ids.add(e.id);
      const seen = share.get(e.date);
      if (!seen || seen.weight < weight) share.set(e.date, { weight, month: monthOf(e) });
    }
    const byMonthDays = Array<number>(12).fill(0);
    let counted = 0;
    for (const { weight, month } of share.values()) {
      counted += weight;
      if (month === null) for (let m = 0; m < 12; m++) byMonthDays[m]! += weight / 12;
      else byMonthDays[month]! += weight;
    }
    const value = (counted * YEAR) / period.days;
    const eventIds = input.events
      .filter((e) => ids.has(e.id))
      .sort((a, b) => dayOf(a).localeCompare(dayOf(b)) || a.id.localeCompare(b.id))
      .map((e) => e.id);
    return {
      ...empty,
      value,
      byMonth: byMonthDays.map((d, m) => (exposureByMonth[m]! ? (d * YEAR) / exposureByMonth[m]! : value)),
      events: ids.size,
      days: share.size,
      countedDays: counted,
      countedDaysByMonth: byMonthDays,
      eventIds,
      rule: PROVOCATION_RULE,
    };
  });
}

const DELAY_RULE =
  "each link of the agreements' reciprocity accounts (the engine's, as of the date given) whose step was " +
  "answered, on time or late: the days from the step to its answer (the account's daysWaited). An answer " +
  "read by several links or files (the same answering parties, step date and answer date) is one happening and " +
  "counts once. Unanswered, " +
  "pending, partial and preceding answers are left out and counted. In the game each creditor of each step " +
  "draws one of these days at the start of a run, uniformly, and counts the step received only once that many " +
  "days have passed since it saw it.";

/** The empirical distribution of the days between a step and its answer, from the engine's reciprocity accounts. */
export function calibrateAnswerDelays(
  input: Pick<CalibrationInput, "events" | "accounts" | "from">,
  asOf: string,
): AnswerDelayCalibration {
  const observations: AnswerObservation[] = [];
  const firstSeen = new Map<string, AnswerObservation>();
  const leftOut: Partial<Record<AnswerStatus, number>> = {};
  for (const a of input.accounts) {
    const r = evaluate(a, input.events, asOf);
    for (const l of r.reciprocity.links) {
      const ans = l.answer;
      if (!ans) continue;
      if ((ans.status !== "answered" && ans.status !== "late") || ans.daysWaited === null || !ans.date) {
        leftOut[ans.status] = (leftOut[ans.status] ?? 0) + 1;
        continue;
      }
      const stepDate = addDays(ans.date, -ans.daysWaited);
      if (input.from !== undefined && stepDate < input.from) continue;
      // A parallel link is answered by whichever side moved second.
      const reversed =
        l.kind === "parallel" && !!l.toStep && !!l.fromStep && l.toStep.began < l.fromStep.began;
      const answeredBy = reversed ? l.fromParty : l.toParty;
      const key = `${[...answeredBy].sort().join("+")} ${stepDate} ${ans.date}`;
      const same = firstSeen.get(key);
      const o: AnswerObservation = {
        agreement: a.id,
        agreementStatus: a.status,
        kind: l.kind,
        link: `${l.from} → ${l.to}`,
        answeredBy,
        step: reversed ? l.to : l.from,
        stepDate,
        answerDate: ans.date,
        days: ans.daysWaited,
        status: ans.status,
        counted: !same,
        ...(same ? { sameAs: `${same.agreement} ${same.link}` } : {}),
      };
      if (!same) firstSeen.set(key, o);
      observations.push(o);
    }
  }
  const value = observations.flatMap((o) => (o.counted ? [o.days] : [])).sort((x, y) => x - y);
  const n = value.length;
  return {
    value,
    median: n ? (n % 2 ? value[n >> 1]! : (value[n / 2 - 1]! + value[n / 2]!) / 2) : null,
    mean: n ? value.reduce((s, x) => s + x, 0) / n : null,
    observations,
    leftOut,
    asOf,
    agreements: input.accounts.map((a) => a.id),
    rule: DELAY_RULE,
  };
}

/** The series an exercise's name belongs to: the name less its edition (`Vigilant Ace 19` → `Vigilant Ace`). */
export function exerciseSeries(name: string): string[] {
  return name
    .split(/\s+\/\s+/)
    .map((part) => {
      let s = part.trim();
      // Editions: a year (2018), a short year (19), a numbered one (2020-1, 19-1, 14-2), after a space or a comma.
      for (let prev = ""; prev !== s;) {
        prev = s;
        s = s.replace(/[\s,]+\d{2,4}(?:-\d+)?$/, "").trim();
      }
      return s;
    })
    .filter(Boolean);
}

const RESUMPTION_RULE =
  "each exercise recorded as suspended, postponed or cancelled in the period is a suspension of its series (its " +
  "name less the edition: Vigilant Ace 19 → Vigilant Ace; a combined name, each part); it is resumed by the first " +
  "later exercise of that series recorded as held in the period (a series given as renamed counts its new name). " +
  "The hazard is resumptions / years at risk, each suspension at risk from its date to its resumption or the " +
  "period's end (an exponential model); the interval is the exact Poisson one of the count, over the same years.";

/** Lower case and single spaces: series are compared by their words. */
const seriesKey = (s: string) => s.toLowerCase().replace(/\s+/g, " ");

/** How often a suspended exercise series was held again: a yearly hazard, with each suspension and what ended it. */
export function calibrateResumption(
  input: Pick<CalibrationInput, "events" | "coverage" | "from" | "to" | "renamed">,
): ResumptionCalibration {
  const renamed = input.renamed ?? {};
  // A renamed series is its first name, followed through every rename.
  const root = new Map<string, string>();
  for (const [old, now] of Object.entries(renamed)) root.set(seriesKey(now), seriesKey(old));
  const canonical = (s: string) => {
    let k = seriesKey(s);
    for (let hops = 0; root.has(k) && hops < 100; hops++) k = root.get(k)!;
    return k;
  };
  const matcher: EventMatcher = { types: ["military_exercise"] };
  const period = calibrationPeriod([matcher], input.coverage, input.events, input);
  const exercises = input.events
    .filter((e) => matches(matcher, e) && typeof e.attributes.name === "string")
    .map((e) => ({
      e,
      day: dayOf(e),
      name: e.attributes.name as string,
      status: String(e.attributes.status),
    }))
    .filter((x) => x.day >= period.from && x.day <= period.to)
    .sort((a, b) => a.day.localeCompare(b.day) || a.e.id.localeCompare(b.e.id));
  const end = addDays(period.to, 1);
  const observations: SuspensionObservation[] = exercises
    .filter((x) => SUSPENDED.includes(x.status))
    .map((x) => {
      const series = exerciseSeries(x.name);
      const keys = new Set(series.map(canonical));
      const next = exercises.find(
        (y) =>
          y.day > x.day && y.status === "held" && exerciseSeries(y.name).some((s) => keys.has(canonical(s))),
      );
      return {
        event: x.e.id,
        date: x.e.date,
        name: x.name,
        status: x.status,
        series,
        resumedBy: next ? { event: next.e.id, date: next.e.date, name: next.name } : null,
        daysAtRisk: daysBetween(x.day, next ? next.day : end),
      };
    });
  const resumed = observations.filter((o) => o.resumedBy).length;
  const years = observations.reduce((s, o) => s + o.daysAtRisk, 0) / YEAR;
  const [lo, hi] = poissonInterval(resumed);
  return {
    value: years > 0 ? resumed / years : 0,
    interval: years > 0 ? [lo / years, hi / years] : [0, 0],
    suspensions: observations.length,
    resumed,
    yearsAtRisk: years,
    period,
    observations,
    renamed,
    modelled: false,
    rule: RESUMPTION_RULE,
  };
}

/** Every calibrated input, and the overrides the game takes from them. */
export function calibrateRoadmap(input: CalibrationInput): Calibration {
  const provocations = calibrateProvocations(input);
  // The accounts are read as of the period's end: given, else the end of the ledger's coverage, else its last event.
  const asOf =
    input.to ?? [...input.coverage.map((c) => c.to)].sort().at(-1) ?? input.events.map(dayOf).sort().at(-1);
  if (asOf === undefined)
    throw new RangeError("calibrate: the ledger holds no events, and no period was given (--calibrate-to)");
  const answerDelays = calibrateAnswerDelays(input, asOf);
  const resumption = calibrateResumption(input);
  const rate = (x: number) => x.toFixed(3);
  return {
    provocations,
    answerDelays,
    resumption,
    overrides: {
      provocationRates: Object.fromEntries(provocations.map((p) => [p.party, p.byMonth ?? p.value])),
      answerDelays: answerDelays.value,
      notModelled: [
        `reversal of a performed step: the record's resumption of suspended exercises (${rate(resumption.value)} a ` +
          `year, ${resumption.resumed} of ${resumption.suspensions} suspensions) is reported under calibration, not played`,
      ],
    },
  };
}
