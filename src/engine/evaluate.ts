import { addDuration, daysBetween, type Agreement, type Condition, type Power } from "../agreement/index.js";
import { addDays, parsePartialDate, type EventMatcher, type LedgerEvent } from "../model/index.js";
import { causeEvents, describeCondition, holds, unmetParts, type ConditionContext } from "./conditions.js";
import type { ObligationState } from "./state.js";
import { DayQueue } from "./day-queue.js";
import { DayReader, EventIndex, type DatedEvent } from "./event-index.js";
import { toEvidence } from "./evidence.js";
import { looseOf, outsideTermsColumns, OutsideTermsReader } from "./outside-terms.js";
import { reciprocityAccount } from "./reciprocity.js";
import {
  FINAL_STATUSES,
  type Cause,
  type Evaluation,
  type NextMove,
  type ObligationResult,
  type ObligationStatus,
  type PowerResult,
} from "./result.js";

const WEAK = new Set(["unverified", "disputed"]);

/**
 * Replays the record against an agreement as of a date: a pure function of its three arguments, with no clock and
 * no I/O. Events dated after `asOf` are invisible, and the order in which events are given does not matter.
 *
 * The replay visits, in date order, only the days on which something can change: days with matching events, dates
 * the agreement names, and deadlines and holding periods as they become known. On each day it applies terminations
 * and powers, moves each obligation through its lifecycle, and enters phases, repeating until nothing changes, so
 * that a chain of same-day consequences (A fulfilled unlocks B) settles on that day.
 */
export function evaluate(agreement: Agreement, events: readonly LedgerEvent[], asOf: string): Evaluation {
  if (!parsePartialDate(asOf) || asOf.length !== 10)
    throw new RangeError(`as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  const index = new EventIndex(
    events,
    asOf,
    matchersOf(agreement),
    agreement.obligations.flatMap(outsideTermsColumns),
  );
  const effective = agreement.effective ?? null;
  const queue = new DayQueue(asOf);
  const byId = new Map(agreement.obligations.map((o) => [o.id, o]));

  const states = new Map<string, ObligationState>(
    agreement.obligations.map((o) => [
      o.id,
      {
        obligation: o,
        status: "dormant",
        since: null,
        started: null,
        due: null,
        violatedOn: null,
        endedOn: null,
        lastStep: null,
        nextStepBy: null,
        suspendedOn: null,
        evidence: [],
        restsOn: [],
        history: [],
        countedDay: null,
      },
    ]),
  );
  const startConditions = effectiveStartConditions(agreement);
  // Events count only while an obligation is active, and one with a start of its own may begin before `effective`.
  const counted = new Map(agreement.obligations.map((o) => [o.id, new DayReader(index.matching(o.counts))]));
  const eventConditions = new Map<EventMatcher, DatedEvent[]>();
  const ctx: ConditionContext = {
    states,
    eventsFor(m) {
      let found = eventConditions.get(m);
      if (!found) {
        found = index.matching(m).filter((d) => effective === null || d.day >= effective);
        eventConditions.set(m, found);
        for (const d of found) queue.push(d.day);
      }
      return found;
    },
  };

  // Days on which something may change, known before the replay starts.
  if (effective) queue.push(effective);
  for (const reader of counted.values()) pushDays(reader.list, queue);
  const conditions = [
    ...startConditions.values(),
    ...agreement.phases.map((p) => p.enters),
    ...agreement.powers.flatMap((p) => (p.available ? [p.available] : [])),
  ];
  for (const c of conditions) scheduleFixedDays(c, ctx, queue);
  for (const o of agreement.obligations)
    if (o.window && "until" in o.window) queue.push(addDays(o.window.until, 1));
  if (agreement.terminated) queue.push(agreement.terminated.date);
  const powerEvents = new Map(
    agreement.powers.map((p) => [
      p.id,
      new DayReader(
        p.exercised
          ? index.matching(p.exercised.matcher).filter((d) => effective === null || d.day >= effective)
          : [],
      ),
    ]),
  );
  for (const reader of powerEvents.values()) pushDays(reader.list, queue);

  const powers = new Map<string, PowerResult>(
    agreement.powers.map((p) => [
      p.id,
      {
        id: p.id,
        holder: p.holders,
        action: p.action,
        obligations: p.obligations,
        availableSince: null,
        exercised: [],
        ...(p.note ? { note: p.note } : {}),
      },
    ]),
  );
  const phaseEntered: (string | null)[] = agreement.phases.map(() => null);
  const exercisedDay = new Map<string, string>();

  const transition = (
    s: ObligationState,
    day: string,
    to: ObligationStatus,
    cause: Cause,
    restsOn: DatedEvent[] = [],
  ) => {
    s.history.push({ date: day, from: s.status, to, cause });
    s.status = to;
    s.since = day;
    s.restsOn = restsOn;
    if (to === "violated") s.violatedOn = day;
    if (FINAL_STATUSES.includes(to)) s.endedOn = day;
  };

  const activate = (s: ObligationState, day: string, cause: Cause, restsOn: DatedEvent[]) => {
    const o = s.obligation;
    transition(s, day, "active", cause, restsOn);
    s.started = day;
    s.lastStep = day;
    s.due = o.window ? ("until" in o.window ? o.window.until : addDuration(day, o.window.for)) : null;
    if (s.due) queue.push(addDays(s.due, 1));
    if (o.every) {
      s.nextStepBy = addDuration(day, o.every);
      queue.push(addDays(s.nextStepBy, 1));
    }
    for (const d of heldDurationsOf(agreement, o.id)) queue.push(addDuration(day, d));
  };

  /**
   * What the passing of the previous days settled: a window that ended before the obligation started, a deadline or
   * window that ended, a gap between steps that grew too long. Settled at the start of a day, before that day's
   * termination and powers: a deadline that passed yesterday was missed, whatever happens today.
   */
  const expire = (s: ObligationState, day: string): boolean => {
    const o = s.obligation;
    if (s.status === "dormant" && o.window && "until" in o.window && day > o.window.until) {
      transition(s, day, "discharged", {
        kind: "deadline",
        date: o.window.until,
        text: `expired before it started: its window ended on ${o.window.until}`,
      });
      return true;
    }
    if (s.status !== "active") return false;
    if (s.due && day > s.due) {
      if (o.kind === "perform")
        transition(s, day, "violated", {
          kind: "deadline",
          date: s.due,
          text: `not performed by its deadline, ${s.due}`,
        });
      else
        transition(s, day, "discharged", {
          kind: "deadline",
          date: s.due,
          text:
            o.kind === "refrain"
              ? `held for its whole window, to ${s.due}`
              : `maintained for its whole window, to ${s.due}`,
        });
      return true;
    }
    if (o.kind === "maintain" && o.every && s.nextStepBy && day > s.nextStepBy) {
      const by = s.nextStepBy;
      const suspended = by !== addDuration(s.lastStep!, o.every) ? ", not counting the days suspended" : "";
      transition(s, day, "violated", {
        kind: "deadline",
        date: by,
        text: `no step between ${s.lastStep} and ${by} (every ${o.every.text}${suspended})`,
      });
      return true;
    }
    return false;
  };

  const stepObligation = (s: ObligationState, day: string): boolean => {
    const o = s.obligation;
    if (expire(s, day)) return true;
    if (s.status === "dormant") {
      const cond = startConditions.get(o.id)!;
      if (!holds(cond, day, ctx)) return false;
      const because = causeEvents(cond, day, ctx);
      activate(
        s,
        day,
        {
          kind: "start",
          text: `started: ${describeCondition(cond)}`,
          ...(because.length ? { events: because.map((d) => d.event.id) } : {}),
        },
        because,
      );
      return true;
    }
    if (s.status === "active") {
      const today = countEvents(s, day);
      if (today.length === 0) return false;
      const ids = today.map((d) => d.event.id);
      if (o.kind === "perform") {
        s.evidence.push(today[0]!);
        transition(
          s,
          day,
          "fulfilled",
          { kind: "event", events: [ids[0]!], text: `performed: ${describe(today[0]!)}` },
          [today[0]!],
        );
        return true;
      }
      if (o.kind === "refrain") {
        s.evidence.push(...today);
        transition(
          s,
          day,
          "violated",
          { kind: "event", events: ids, text: `broken by ${today.map(describe).join("; ")}` },
          [...today],
        );
        return true;
      }
      s.evidence.push(...today);
      s.lastStep = day;
      if (o.every) {
        s.nextStepBy = addDuration(day, o.every);
        queue.push(addDays(s.nextStepBy, 1));
      }
      return false;
    }
    if (s.status === "violated" && o.kind === "refrain" && (!s.due || day <= s.due)) {
      // Every later breach counts against it too; the status stays violated.
      const today = countEvents(s, day);
      s.evidence.push(...today);
      s.restsOn.push(...today);
    }
    return false;
  };

  const countEvents = (s: ObligationState, day: string): DatedEvent[] => {
    if (s.countedDay === day) return [];
    s.countedDay = day;
    return counted.get(s.obligation.id)!.on(day);
  };

  const applyPowers = (day: string): boolean => {
    let changed = false;
    for (const p of agreement.powers) {
      const r = powers.get(p.id)!;
      if (r.availableSince === null) {
        const available = p.available ? holds(p.available, day, ctx) : effective === null || day >= effective;
        if (!available) continue;
        r.availableSince = day;
      }
      if (exercisedDay.get(p.id) === day) continue;
      const today = powerEvents.get(p.id)!.on(day);
      if (!today.length) continue;
      exercisedDay.set(p.id, day);
      r.exercised.push({ date: day, events: today.map((d) => d.event.id) });
      changed = exercise(p, day, today) || changed;
    }
    return changed;
  };

  const exercise = (p: Power, day: string, today: DatedEvent[]): boolean => {
    const targets =
      p.obligations === "all" ? [...states.values()] : p.obligations.map((id) => states.get(id)!);
    const cause: Cause = {
      kind: "power",
      power: p.id,
      events: today.map((d) => d.event.id),
      text: `${p.holders.join("+")} exercised the power to ${p.action} (${p.id}): ${today.map(describe).join("; ")}`,
    };
    let changed = false;
    for (const s of targets) {
      if (p.action === "suspend" && s.status === "active") {
        transition(s, day, "suspended", cause, today);
        s.suspendedOn = day;
        changed = true;
      } else if (p.action === "resume" && s.status === "suspended") {
        // The time spent suspended does not run against a perform's deadline, nor against the next step of a
        // maintain; the end of a refrain's or maintain's window is a date of the text and does not move.
        const o = s.obligation;
        const suspended = s.suspendedOn ? daysBetween(s.suspendedOn, day) : 0;
        if (o.kind === "perform" && s.due && suspended > 0) {
          s.due = addDays(s.due, suspended);
          queue.push(addDays(s.due, 1));
        }
        if (o.kind === "maintain" && s.nextStepBy && suspended > 0) {
          s.nextStepBy = addDays(s.nextStepBy, suspended);
          queue.push(addDays(s.nextStepBy, 1));
        }
        s.suspendedOn = null;
        transition(s, day, "active", cause, today);
        changed = true;
      } else if (p.action === "terminate" && !FINAL_STATUSES.includes(s.status)) {
        transition(s, day, "terminated", cause, today);
        changed = true;
      }
    }
    return changed;
  };

  const applyTermination = (day: string): boolean => {
    const t = agreement.terminated;
    if (!t || day < t.date) return false;
    let changed = false;
    for (const s of states.values()) {
      if (FINAL_STATUSES.includes(s.status)) continue;
      transition(s, day, "terminated", {
        kind: "agreement",
        text: `the agreement was terminated on ${t.date}${t.note ? `: ${t.note}` : ""}`,
      });
      changed = true;
    }
    return changed;
  };

  const enterPhases = (day: string): boolean => {
    let changed = false;
    agreement.phases.forEach((p, k) => {
      if (phaseEntered[k] !== null || (k > 0 && phaseEntered[k - 1] === null)) return;
      if (holds(p.enters, day, ctx)) {
        phaseEntered[k] = day;
        changed = true;
      }
    });
    return changed;
  };

  for (let day = queue.pop(); day !== undefined; day = queue.pop()) {
    // Same-day consequences settle within the day; a bound guards against a cycle that lint would have reported.
    for (const s of states.values()) expire(s, day);
    for (let round = 0; round < 4 * states.size + 8; round++) {
      let changed = applyTermination(day);
      changed = applyPowers(day) || changed;
      for (const s of states.values()) changed = stepObligation(s, day) || changed;
      changed = enterPhases(day) || changed;
      if (!changed) break;
    }
  }

  const outside = new OutsideTermsReader(index, asOf);
  const obligations = agreement.obligations.map((o) =>
    obligationResult(agreement, states.get(o.id)!, outside),
  );
  const lastPhase = phaseEntered.reduce<number>((acc, d, k) => (d !== null ? k : acc), -1);
  return {
    agreement: {
      id: agreement.id,
      title: agreement.title,
      status: agreement.status,
      ...(agreement.file ? { file: agreement.file } : {}),
      hypothetical: agreement.status === "proposed",
      effective,
    },
    asOf,
    phase:
      lastPhase >= 0
        ? {
            id: agreement.phases[lastPhase]!.id,
            title: agreement.phases[lastPhase]!.title,
            since: phaseEntered[lastPhase]!,
          }
        : null,
    phases: agreement.phases.map((p, k) => ({ id: p.id, title: p.title, entered: phaseEntered[k]! })),
    obligations,
    nextMoves: nextMoves(agreement, states, startConditions, ctx, asOf),
    reciprocity: reciprocityAccount(agreement, states, obligations, asOf, byId),
    powers: [...powers.values()],
  };
}

/** Every matcher the replay and the report ask the index about. */
function matchersOf(a: Agreement): EventMatcher[] {
  const found: EventMatcher[] = [];
  const visit = (c: Condition) => {
    if (c.kind === "event") found.push(c.matcher);
    if (c.kind === "all" || c.kind === "any") c.conditions.forEach(visit);
  };
  for (const o of a.obligations) {
    found.push(o.counts, looseOf(o.counts));
    visit(o.start);
  }
  a.phases.forEach((p) => visit(p.enters));
  for (const p of a.powers) {
    if (p.available) visit(p.available);
    if (p.exercised) found.push(p.exercised.matcher);
  }
  return found;
}

/** Schedules the days of a list in day order, each once. */
function pushDays(list: readonly DatedEvent[], queue: DayQueue): void {
  for (let i = 0; i < list.length; i++)
    if (i === 0 || list[i]!.day !== list[i - 1]!.day) queue.push(list[i]!.day);
}

function describe(d: DatedEvent): string {
  const e = d.event;
  return `${d.day} ${e.actors.join("+")} ${e.type}${e.count > 1 ? ` ×${e.count}` : ""}${e.summary ? ` (${e.summary})` : ""}`;
}

/** An obligation's start, with what its links add: gates and unlocks must hold too, and paired ones start together. */
function effectiveStartConditions(a: Agreement): Map<string, Condition> {
  const own = new Map<string, Condition[]>(a.obligations.map((o) => [o.id, [o.start]]));
  for (const l of a.links) {
    const target = own.get(l.to);
    if (!target) continue;
    if (l.kind === "gates") target.push({ kind: "status", status: "fulfilled", obligation: l.from });
    if (l.kind === "unlocks")
      target.push(
        l.on === "held" && l.held
          ? { kind: "held", obligation: l.from, for: l.held }
          : { kind: "status", status: "fulfilled", obligation: l.from },
      );
  }
  const combined = new Map<string, Condition>();
  for (const [id, cs] of own) combined.set(id, cs.length === 1 ? cs[0]! : { kind: "all", conditions: cs });
  const pairedWith = new Map<string, Set<string>>();
  for (const l of a.links.filter((x) => x.kind === "paired")) {
    const group = new Set([...(pairedWith.get(l.from) ?? [l.from]), ...(pairedWith.get(l.to) ?? [l.to])]);
    for (const id of group) pairedWith.set(id, group);
  }
  const result = new Map(combined);
  for (const [id, group] of pairedWith) {
    const members = [...group].sort();
    result.set(id, { kind: "all", conditions: members.map((m) => combined.get(m)!).filter(Boolean) });
    void id;
  }
  return result;
}

/** The holding periods that matter for an obligation: links and conditions that ask whether it held that long. */
function heldDurationsOf(a: Agreement, id: string) {
  const found = [];
  for (const l of a.links) if (l.from === id && l.held) found.push(l.held);
  const visit = (c: Condition) => {
    if (c.kind === "held" && c.obligation === id) found.push(c.for);
    if (c.kind === "all" || c.kind === "any") c.conditions.forEach(visit);
  };
  a.obligations.forEach((o) => visit(o.start));
  a.phases.forEach((p) => visit(p.enters));
  a.powers.forEach((p) => p.available && visit(p.available));
  return found;
}

function scheduleFixedDays(c: Condition, ctx: ConditionContext, queue: DayQueue): void {
  if (c.kind === "date") queue.push(c.date);
  if (c.kind === "event") ctx.eventsFor(c.matcher);
  if (c.kind === "all" || c.kind === "any") c.conditions.forEach((x) => scheduleFixedDays(x, ctx, queue));
}

function obligationResult(a: Agreement, s: ObligationState, outside: OutsideTermsReader): ObligationResult {
  const o = s.obligation;
  const doc = o.source ? a.documents.find((d) => d.id === o.source!.document) : undefined;
  const weakOnly = s.restsOn.length > 0 && s.restsOn.every((d) => WEAK.has(d.event.confidence));
  return {
    id: o.id,
    title: o.title,
    debtor: o.debtors,
    creditor: o.creditors,
    kind: o.kind,
    counts: o.countsText,
    status: s.status,
    provisional: weakOnly,
    since: s.since,
    started: s.started,
    due: s.due,
    evidence: s.evidence.map(toEvidence),
    history: s.history,
    outsideTerms: outside.read(s),
    ...(o.note ? { note: o.note } : {}),
    ...(o.source
      ? {
          source: { ...o.source, ...(doc ? { title: doc.title, ...(doc.url ? { url: doc.url } : {}) } : {}) },
        }
      : {}),
  };
}

function nextMoves(
  a: Agreement,
  states: Map<string, ObligationState>,
  starts: Map<string, Condition>,
  ctx: ConditionContext,
  asOf: string,
): NextMove[] {
  const moves: NextMove[] = [];
  for (const o of a.obligations) {
    const s = states.get(o.id)!;
    if (s.status === "active" && o.kind !== "refrain") {
      // A maintain's move is its next step, due before its window ends.
      const due = s.nextStepBy !== null && (s.due === null || s.nextStepBy < s.due) ? s.nextStepBy : s.due;
      for (const party of o.debtors)
        moves.push({ party, obligation: o.id, title: o.title, kind: o.kind, state: "due", due });
    } else if (s.status === "dormant") {
      const waitingOn = unmetParts(starts.get(o.id)!, asOf, ctx);
      for (const party of o.debtors)
        moves.push({
          party,
          obligation: o.id,
          title: o.title,
          kind: o.kind,
          state: "waiting",
          due: null,
          waitingOn,
        });
    }
  }
  return moves.sort(
    (x, y) => x.party.localeCompare(y.party) || (x.due ?? "9999").localeCompare(y.due ?? "9999"),
  );
}
