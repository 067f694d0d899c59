import { addDuration, daysBetween, type Agreement, type Duration, type Link } from "../agreement/index.js";
import { addDays } from "../model/index.js";
import type {
  AnswerStatus,
  Evidence,
  LinkAccount,
  ObligationResult,
  PartyAccount,
  Reciprocity,
  Step,
  Transition,
} from "./result.js";

type Spell = NonNullable<ObligationResult["spells"]>[number];

/** How long a restraint must hold to count: a link's period, or its whole window (from its start). */
interface Period {
  duration: Duration;
  /** The whole window: only a spell from the very start can fill it. */
  window: boolean;
}

function periodOf(o: ObligationResult, held?: Duration): Period | null {
  if (held) return { duration: held, window: false };
  if (o.started && o.due)
    return {
      duration: { years: 0, months: 0, days: daysBetween(o.started, o.due) + 1, text: "its window" },
      window: true,
    };
  return null;
}

/** A restraint (or upkeep) spell counts as a step once it has lasted its period: the day it does, or null. */
function heldUntil(s: Spell, period: Period, o: ObligationResult, asOf: string): string | null {
  if (period.window && s.from !== o.started) return null;
  // Most spells are far too short: no calendar arithmetic for those (a month has at least 28 days, a year 365).
  const d = period.duration;
  if (s.days + 1 < d.years * 365 + d.months * 28 + d.days) return null;
  const until = addDuration(s.from, period.duration);
  // A breach on the day the period is reached does not undo it; a spell still running must have reached it by now.
  return until <= (s.open ? s.to : addDays(s.to, 1)) && until <= asOf ? until : null;
}

/** When a part was performed, on time or late, and undone if it was; from its history. */
function performances(history: Transition[]): { date: string; late?: number; reversedOn?: string }[] {
  const out: { date: string; late?: number; reversedOn?: string }[] = [];
  for (const h of history) {
    if (h.to === "fulfilled" || h.to === "fulfilled_late")
      out.push({ date: h.date, ...(h.daysLate !== undefined ? { late: h.daysLate } : {}) });
    if (h.to === "reversed" && out.length) out.at(-1)!.reversedOn = h.date;
  }
  return out;
}

/** Every step an obligation's debtors took: each performance, and each restraint held for its period. */
export function stepsOf(o: ObligationResult, asOf: string, held?: Duration): Step[] {
  const base = { obligation: o.id, title: o.title };
  if (o.kind === "perform") {
    const parts = o.parties ?? [{ party: null, history: o.history, quantity: o.quantity }];
    const steps: Step[] = [];
    for (const p of parts) {
      const party = p.party ? [p.party] : o.debtor;
      const performed = performances(p.history);
      for (const x of performed)
        steps.push({
          ...base,
          party,
          kind: x.late !== undefined ? "performed_late" : "performed",
          began: x.date,
          date: x.date,
          ...(x.late !== undefined ? { daysLate: x.late } : {}),
          ...(x.reversedOn ? { reversedOn: x.reversedOn } : {}),
        });
      const q = p.quantity;
      if (q && q.done > 0 && performed.length === 0) {
        const last = q.contributions.at(-1)!;
        steps.push({
          ...base,
          party,
          kind: "partial",
          began: q.contributions[0]!.date,
          date: last.date,
          share: q.share,
        });
      }
    }
    return steps.sort((x, y) => x.date.localeCompare(y.date));
  }
  const period = periodOf(o, held);
  if (!period) return [];
  return (o.spells ?? []).flatMap((s) => {
    const until = heldUntil(s, period, o, asOf);
    return until ? [{ ...base, party: o.debtor, kind: "held" as const, began: s.from, date: until }] : [];
  });
}

/** The step of an obligation owed by each debtor is taken when the last of them has taken theirs. */
function obligationStep(o: ObligationResult, asOf: string, held?: Duration): Step | null {
  const steps = stepsOf(o, asOf, held);
  if (!o.parties) return steps[0] ?? null;
  const done = o.parties.filter((p) => steps.some((s) => s.party[0] === p.party && s.kind !== "partial"));
  if (done.length === 0) return null;
  const firsts = done.map((p) => steps.find((s) => s.party[0] === p.party && s.kind !== "partial")!);
  const last = firsts.reduce((a, b) => (b.date > a.date ? b : a));
  const began = firsts.map((s) => s.began).sort()[0]!;
  const allDone = done.length === o.parties.length;
  return {
    ...last,
    party: o.debtor,
    began,
    ...(allDone ? {} : { kind: "partial" as const, share: done.length / o.parties.length }),
  };
}

type Answer = NonNullable<LinkAccount["answer"]>;

const answer = (
  status: AnswerStatus,
  date: string | null,
  daysWaited: number | null,
  evidence: Evidence[] = [],
  share?: number,
): Answer => ({ status, date, daysWaited, ...(share !== undefined ? { share } : {}), evidence });

/** What the debtor of `to` did in return for a step; `held`: the period a restraint owed in return must last. */
function answerTo(
  step: Step,
  to: ObligationResult,
  toStep: Step | null,
  asOf: string,
  held?: Duration,
): Answer {
  const wait = (date: string) => Math.max(0, daysBetween(step.date, date));
  if (to.kind !== "perform") return restraintAnswer(step, to, asOf, held);
  if (toStep && toStep.kind !== "partial") {
    if (toStep.began < step.began) return answer("preceded", toStep.date, 0, to.evidence);
    const late = toStep.kind === "performed_late";
    return answer(late ? "late" : "answered", toStep.date, wait(toStep.date), to.evidence);
  }
  const due = to.due;
  const open = ["active", "dormant", "suspended"].includes(to.status);
  if (toStep?.kind === "partial")
    return open && (due === null || due >= asOf)
      ? answer("pending", due, wait(asOf), to.evidence, toStep.share)
      : answer("partly", toStep.date, wait(toStep.date), to.evidence, toStep.share);
  if (open && due !== null && due >= asOf) return answer("pending", due, wait(asOf));
  const end = ["violated", "discharged", "terminated"].includes(to.status) ? (to.due ?? to.since) : asOf;
  return answer("unanswered", due, wait(end ?? asOf));
}

/**
 * A restraint owed in return answers by being kept for its period: the link's, or its whole window. Kept since
 * before the step, it preceded it; kept only after breaking it first, it came late; still short of the period and
 * running, it is pending; broken with no spell to fill the period, unanswered, with the breaches as evidence.
 */
function restraintAnswer(step: Step, to: ObligationResult, asOf: string, held?: Duration): Answer {
  const period = periodOf(to, held);
  const spells = (to.spells ?? []).filter((s) => s.to >= step.began);
  const breachesSince = to.evidence.filter((e) => e.date >= step.began);
  for (const s of spells) {
    const until = period ? heldUntil(s, period, to, asOf) : null;
    if (until) {
      if (s.from < step.began) return answer("preceded", until, 0);
      const brokeFirst = breachesSince.some((e) => e.date < s.from);
      return answer(brokeFirst ? "late" : "answered", until, Math.max(0, daysBetween(step.date, until)));
    }
    const canStillFill = !period?.window || s.from === to.started;
    if (s.open && canStillFill)
      return answer(
        "pending",
        period ? (period.window ? to.due : addDuration(s.from, period.duration)) : to.due,
        Math.max(0, daysBetween(step.date, asOf)),
      );
  }
  const first = breachesSince[0]?.date ?? to.since;
  return answer(
    "unanswered",
    first,
    first ? Math.max(0, daysBetween(step.date, first)) : null,
    breachesSince,
  );
}

/** Whose step began first: both sides when they began the same day. */
function firstMover(a: Step | null, b: Step | null): string[] | null {
  if (!a && !b) return null;
  if (a && b && a.began === b.began) return [...new Set([...a.party, ...b.party])];
  if (!b || (a && a.began < b.began)) return a!.party;
  return b.party;
}

function parallelAccount(l: Link, from: ObligationResult, to: ObligationResult, asOf: string): LinkAccount {
  const a = obligationStep(from, asOf);
  const b = obligationStep(to, asOf);
  const account = {
    kind: "parallel" as const,
    from: from.id,
    to: to.id,
    fromParty: from.debtor,
    toParty: to.debtor,
  };
  const [first, second, other] = !b || (a && a.began <= b.began) ? [a, b, to] : [b, a, from];
  let ans: Answer | null = null;
  if (first) {
    const within = addDuration(first.date, l.tolerance!);
    if (second)
      ans = answer(
        second.date <= within ? "answered" : "late",
        second.date,
        daysBetween(first.date, second.date),
        other.evidence,
      );
    else
      ans =
        within >= asOf
          ? answer("pending", within, daysBetween(first.date, asOf))
          : answer("unanswered", within, daysBetween(first.date, asOf));
  }
  return {
    ...account,
    fromStep: a,
    toStep: b,
    firstMover: firstMover(a, b),
    answer: ans,
    ...(l.note ? { note: l.note } : {}),
  };
}

/** At least a season: shorter overlaps of two restraints are the ordinary gaps between exercises or launches. */
const TOGETHER_AT_LEAST_DAYS = 90;

/** The spells in which both restraints held at once, each at least 90 days long: a walk along both lists. */
function together(from: ObligationResult, to: ObligationResult): Spell[] {
  const a = from.spells ?? [];
  const b = to.spells ?? [];
  const out: Spell[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = x.from > y.from ? x.from : y.from;
    const end = x.to < y.to ? x.to : y.to;
    if (start <= end && daysBetween(start, end) + 1 >= TOGETHER_AT_LEAST_DAYS)
      out.push({ from: start, to: end, days: daysBetween(start, end) + 1, open: x.open && y.open });
    // Move past the spell that ends first: it can overlap nothing later.
    if (x.to < y.to) i++;
    else j++;
  }
  return out;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The reciprocity account: every step each party took (every performance, on time or late, and every restraint held
 * for its period), and for each link who moved first, when each side stepped, and whether the answer came, came
 * partly, came late, or preceded; then, per party, its steps, how many were answered, and how long it waited.
 */
export function reciprocityAccount(a: Agreement, results: ObligationResult[], asOf: string): Reciprocity {
  const byId = new Map(results.map((r) => [r.id, r]));
  const heldFor = (id: string) =>
    a.links.find((l) => l.kind === "in_return_for" && l.from === id && l.held)?.held;
  const steps = results
    .flatMap((o) => stepsOf(o, asOf, heldFor(o.id)))
    .sort((x, y) => x.began.localeCompare(y.began) || x.obligation.localeCompare(y.obligation));
  const links: LinkAccount[] = [];
  for (const l of a.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (!from || !to) continue;
    if (l.kind === "parallel") links.push(parallelAccount(l, from, to, asOf));
    if (l.kind !== "in_return_for") continue;
    // A restraint owed in return must last the period the link back names, if there is one, else its window.
    const back = a.links.find(
      (x) => x.kind === "in_return_for" && x.from === to.id && x.to === from.id,
    )?.held;
    const fromStep = obligationStep(from, asOf, l.held);
    const toStep = obligationStep(to, asOf, back);
    links.push({
      kind: "in_return_for",
      from: from.id,
      to: to.id,
      fromParty: from.debtor,
      toParty: to.debtor,
      fromStep,
      toStep,
      firstMover: firstMover(fromStep, toStep),
      answer: fromStep ? answerTo(fromStep, to, toStep, asOf, back) : null,
      ...(from.spells && to.spells ? { together: together(from, to) } : {}),
      ...(l.note ? { note: l.note } : {}),
    });
  }
  return { steps, links, parties: partyAccounts(a, steps, links) };
}

function partyAccounts(a: Agreement, steps: Step[], links: LinkAccount[]): PartyAccount[] {
  return a.parties
    .filter((p) => p.role !== "proposer")
    .map(({ id }) => {
      const owed = links.filter((l) => l.answer && l.fromParty.includes(id));
      const count = (s: AnswerStatus) => owed.filter((l) => l.answer!.status === s).length;
      const waits = owed
        .filter(
          (l) => ["answered", "late", "partly"].includes(l.answer!.status) && l.answer!.daysWaited !== null,
        )
        .map((l) => l.answer!.daysWaited!);
      return {
        party: id,
        steps: steps.filter((s) => s.party.includes(id)).length,
        owedAnswer: owed.length,
        answered: count("answered"),
        late: count("late"),
        partly: count("partly"),
        preceded: count("preceded"),
        unanswered: count("unanswered"),
        pending: count("pending"),
        medianWait: median(waits),
      };
    });
}
