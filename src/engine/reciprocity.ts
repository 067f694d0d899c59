import { addDuration, daysBetween, type Agreement, type Obligation } from "../agreement/index.js";
import type { ObligationState } from "./state.js";
import type { AnswerStatus, ObligationResult, ReciprocityStep } from "./result.js";

/**
 * Each step a party took — an obligation performed, or a restraint held for its window (or for the period an
 * `in_return_for` link names) — with what it was owed in return and whether that was answered.
 */
export function reciprocityAccount(
  a: Agreement,
  states: Map<string, ObligationState>,
  results: ObligationResult[],
  asOf: string,
  byId: Map<string, Obligation>,
): ReciprocityStep[] {
  const resultOf = new Map(results.map((r) => [r.id, r]));
  const steps = new Map<string, ReciprocityStep>();
  const addStep = (o: Obligation, step: "fulfilled" | "held", date: string) => {
    const key = `${o.id}@${date}`;
    if (!steps.has(key))
      steps.set(key, { party: o.debtors, obligation: o.id, title: o.title, step, date, owed: [] });
    return steps.get(key)!;
  };
  for (const o of a.obligations) {
    const s = states.get(o.id)!;
    if (s.status === "fulfilled") addStep(o, "fulfilled", s.since!);
    if (s.status === "discharged" && s.started) addStep(o, "held", s.since!);
  }
  for (const l of a.links.filter((x) => x.kind === "in_return_for")) {
    const from = byId.get(l.from);
    const owed = resultOf.get(l.to);
    const s = states.get(l.from);
    if (!from || !owed || !s) continue;
    let stepDate: string | null = null;
    let kind: "fulfilled" | "held" = "fulfilled";
    if (s.status === "fulfilled") stepDate = s.since;
    else if (l.held && s.started) {
      const until = addDuration(s.started, l.held);
      const unbroken = s.violatedOn === null || s.violatedOn >= until;
      if (until <= asOf && unbroken) [stepDate, kind] = [until, "held"];
    } else if (s.status === "discharged" && s.started) [stepDate, kind] = [s.since, "held"];
    if (!stepDate) continue;
    const step = addStep(from, kind, stepDate);
    step.owed.push({
      obligation: owed.id,
      title: owed.title,
      debtor: owed.debtor,
      ...answer(owed, stepDate, asOf),
    });
  }
  return [...steps.values()].sort(
    (x, y) => x.date.localeCompare(y.date) || x.obligation.localeCompare(y.obligation),
  );
}

type Answer = {
  answer: AnswerStatus;
  date: string | null;
  daysWaited: number | null;
  evidence: ObligationResult["evidence"];
};

/** What the other side did in return for a step on `stepDate`; done before the step, it preceded it. */
function answer(owed: ObligationResult, stepDate: string, asOf: string): Answer {
  const a = answerAsOf(owed, stepDate, asOf);
  if (a.answer === "answered" && a.date !== null && a.date < stepDate)
    return { ...a, answer: "preceded", daysWaited: 0 };
  return a;
}

function answerAsOf(owed: ObligationResult, stepDate: string, asOf: string): Answer {
  // A restraint owed in return answers by being kept: pending while kept, answered once held for its whole window,
  // unanswered once broken.
  if (owed.kind === "refrain" && owed.status === "active")
    return { answer: "pending", date: owed.due, daysWaited: daysBetween(stepDate, asOf), evidence: [] };
  if (owed.kind === "refrain" && owed.status === "discharged" && owed.started)
    return {
      answer: "answered",
      date: owed.since,
      daysWaited: daysBetween(stepDate, owed.since!),
      evidence: [],
    };
  if (owed.kind === "refrain" && owed.status === "violated")
    return {
      answer: "unanswered",
      date: owed.since,
      daysWaited: Math.max(0, daysBetween(stepDate, owed.since!)),
      evidence: owed.evidence,
    };
  if (owed.status === "fulfilled")
    return {
      answer: "answered",
      date: owed.since,
      daysWaited: daysBetween(stepDate, owed.since!),
      evidence: owed.evidence,
    };
  if (["active", "dormant", "suspended"].includes(owed.status) && owed.due && owed.due >= asOf)
    return { answer: "pending", date: owed.due, daysWaited: daysBetween(stepDate, asOf), evidence: [] };
  const end = ["violated", "discharged", "terminated"].includes(owed.status)
    ? (owed.due ?? owed.since)
    : asOf;
  return {
    answer: "unanswered",
    date: owed.due,
    daysWaited: daysBetween(stepDate, end ?? asOf),
    evidence: [],
  };
}
