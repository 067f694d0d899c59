import type { ObligationResult, Reciprocity, Summary } from "./result.js";

const BREACHES = ["overdue", "violated", "reversed"];

/**
 * The short answer a report starts with: the first breach, the first step, and what went unanswered — each traced
 * to an obligation, a party and a date.
 */
export function summarize(obligations: ObligationResult[], reciprocity: Reciprocity): Summary {
  let firstBreach: Summary["firstBreach"] = null;
  for (const o of obligations)
    for (const h of o.history)
      if (BREACHES.includes(h.to) && (!firstBreach || h.date < firstBreach.date))
        firstBreach = { obligation: o.id, party: h.party ? [h.party] : o.debtor, date: h.date, status: h.to };
  const firstStep = reciprocity.steps[0] ?? null;
  const unanswered = reciprocity.links
    .filter((l) => l.answer?.status === "unanswered")
    .map((l) => ({ from: l.from, to: l.to, party: l.toParty, since: l.fromStep?.date ?? null }));
  const breach = firstBreach
    ? `First breach: ${firstBreach.party.join("+")} ${firstBreach.obligation} (${firstBreach.status}) on ${firstBreach.date}`
    : "No breach";
  // Debtors that each took their own part of the same step that day took the first step together.
  const together = firstStep
    ? [
        ...new Set(
          reciprocity.steps
            .filter((s) => s.began === firstStep.began && s.obligation === firstStep.obligation)
            .flatMap((s) => s.party),
        ),
      ]
    : [];
  const step = firstStep
    ? `first step: ${together.length > 1 && firstStep.party.length === 1 ? together.join(" and ") : firstStep.party.join("+")} ${firstStep.kind.replace("_", " ")} ${firstStep.obligation} ${firstStep.kind === "held" ? `from ${firstStep.began}` : `on ${firstStep.date}`}`
    : "no step yet";
  const open = unanswered.length
    ? `unanswered: ${unanswered.map((u) => `${u.party.join("+")} ${u.to} (owed for ${u.from} since ${u.since})`).join("; ")}`
    : "nothing unanswered";
  return { firstBreach, firstStep, unanswered, text: `${breach}; ${step}; ${open}.` };
}
