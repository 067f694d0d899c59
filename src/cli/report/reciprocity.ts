import type { LinkAccount, Reciprocity, Step } from "../../engine/index.js";
import type { Style } from "./lines.js";

function stepWords(s: Step): string {
  const who = s.party.join("+");
  switch (s.kind) {
    case "performed":
      return `${who} performed ${s.obligation} on ${s.date}`;
    case "performed_late":
      return `${who} performed ${s.obligation} on ${s.date}, ${s.daysLate} days late`;
    case "partial":
      return `${who} did ${Math.floor((s.share ?? 0) * 100)}% of ${s.obligation} by ${s.date}`;
    case "held":
      return `${who} held ${s.obligation} from ${s.began} (a step on ${s.date})`;
  }
}

function answerWords(l: LinkAccount): string {
  const a = l.answer!;
  const who = l.toParty.join("+");
  switch (a.status) {
    case "answered":
      return `${who} answered with ${l.to} on ${a.date} (${a.daysWaited} days later)`;
    case "late":
      return `${who} answered with ${l.to} LATE, on ${a.date} (${a.daysWaited} days later)`;
    case "partly":
      return `${who} answered only PARTLY with ${l.to}${a.share !== undefined ? ` (${Math.floor(a.share * 100)}%)` : ""} by ${a.date}`;
    case "preceded":
      return `${who} had already done ${l.to} (${a.date}): it moved first`;
    case "pending":
      return `${who} owes ${l.to}: pending, due ${a.date ?? "(no date)"}`;
    case "unanswered":
      return `${who} owed ${l.to}: UNANSWERED${a.date ? ` (${a.date})` : ""}${a.daysWaited !== null ? ` after ${a.daysWaited} days` : ""}`;
  }
}

/** Two steps meant to come together: each side's step, and whether the second came within the tolerance. */
function parallelWords(l: LinkAccount): string[] {
  const steps = [l.fromStep, l.toStep]
    .filter((s): s is Step => s !== null)
    .sort((a, b) => a.began.localeCompare(b.began));
  const out = steps.map(stepWords);
  const a = l.answer;
  if (!a) return out;
  if (a.status === "answered")
    out.push(`the other followed within the tolerance, ${a.daysWaited} days later`);
  else if (a.status === "late")
    out.push(`the other followed LATE, ${a.daysWaited} days later (beyond the tolerance)`);
  else if (a.status === "pending") out.push(`the other is due by ${a.date}`);
  else out.push(`the other never followed: UNANSWERED (due ${a.date})`);
  return out;
}

/** Who moved first on each link, each side's step, and whether it was answered; then each party's account. */
export function reciprocityLines(r: Reciprocity, style: Style): string[] {
  const md = style === "md";
  const item = md ? "- " : "  ";
  const sub = md ? "  - " : "    → ";
  const out: string[] = [];
  if (r.links.length === 0 && r.steps.length === 0)
    out.push(`${item}No step taken, and no link between steps.`);
  for (const l of r.links) {
    const how = l.kind === "parallel" ? "in parallel with" : "in return for";
    out.push(`${item}${l.to} (${l.toParty.join("+")}) ${how} ${l.from} (${l.fromParty.join("+")})`);
    if (!l.fromStep && !l.toStep) {
      out.push(`${sub}no step yet on either side`);
      continue;
    }
    if (l.firstMover) out.push(`${sub}moved first: ${l.firstMover.join("+")}`);
    if (l.kind === "parallel") {
      out.push(...parallelWords(l).map((x) => `${sub}${x}`));
      continue;
    }
    out.push(`${sub}${l.fromStep ? stepWords(l.fromStep) : `${l.fromParty.join("+")}: no step yet`}`);
    if (l.answer) out.push(`${sub}${answerWords(l)}`);
    else if (l.toStep) out.push(`${sub}${stepWords(l.toStep)}`);
    for (const t of l.together ?? [])
      out.push(
        `${sub}both held at once from ${t.from} to ${t.to}${t.open ? " (and still do)" : ""}: ${t.days} days`,
      );
  }
  const parties = r.parties.filter((p) => p.steps > 0 || p.owedAnswer > 0);
  if (parties.length) {
    out.push("", md ? "By party:" : "  By party:");
    for (const p of parties) {
      const answered = [
        p.answered && `${p.answered} answered`,
        p.late && `${p.late} late`,
        p.partly && `${p.partly} partly`,
        p.preceded && `${p.preceded} preceded`,
        p.pending && `${p.pending} pending`,
        p.unanswered && `${p.unanswered} unanswered`,
      ].filter(Boolean);
      out.push(
        `${item}${p.party}: ${p.steps} step(s); ${p.owedAnswer} owed an answer${answered.length ? `: ${answered.join(", ")}` : ""}${p.medianWait !== null ? `; median wait ${p.medianWait} days` : ""}`,
      );
    }
  }
  return out;
}
