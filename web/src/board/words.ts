import type { LinkAccount, NextMove, PartyAccount, QuantityResult, Step } from "../api";

/** The board's sentences, worded as the CLI report words them (src/cli/report), for a reader, never as JSON. */

export const who = (parties: string[]): string => parties.join("+");

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A share as the report rounds it: down, so that 99.6% done never reads as 100%. */
export const percent = (share: number): string => `${Math.floor(share * 100)}%`;

export const amount = (value: number, unit: string): string =>
  `${value.toLocaleString("en-US", { maximumFractionDigits: 3 })} ${unit}`;

/** `48% of 950,000 t` (for a maintain: of what was owed so far). */
export function quantityWords(q: QuantityResult): string {
  const of =
    q.owed === q.required.value
      ? amount(q.required.value, q.required.unit)
      : `${amount(q.owed, q.required.unit)} owed so far (${amount(q.required.value, q.required.unit)} each period)`;
  return `${percent(q.share)} of ${of}`;
}

export function moveWords(m: NextMove): string {
  switch (m.state) {
    case "due":
      return m.due ? `must ${m.kind} by ${m.due}` : `must ${m.kind} (no deadline)`;
    case "overdue":
      return `is overdue: was due ${m.due ?? "(no date)"}, still owed`;
    case "waiting":
      return m.waitingOn?.length ? `waits for ${m.waitingOn.join("; ")}` : "waits to start";
    case "blocked": {
      // The engine's reason already begins "can no longer start: …"; say it once.
      const why = (m.waitingOn ?? []).map((w) => w.replace(/^can no longer start:\s*/, "")).join("; ");
      return `can no longer start${why ? `: ${why}` : ""}`;
    }
  }
}

export function stepWords(s: Step): string {
  const by = who(s.party);
  const undone = s.reversedOn ? `, undone on ${s.reversedOn}` : "";
  switch (s.kind) {
    case "performed":
      return `${by} performed ${s.obligation} on ${s.date}${undone}`;
    case "performed_late":
      return `${by} performed ${s.obligation} on ${s.date}, ${plural(s.daysLate ?? 0, "day")} late${undone}`;
    case "partial":
      return `${by} did ${percent(s.share ?? 0)} of ${s.obligation} by ${s.date}${undone}`;
    case "held":
      return `${by} held ${s.obligation} from ${s.began} (a step on ${s.date})${undone}`;
  }
}

export function answerWords(l: LinkAccount): string {
  const a = l.answer;
  if (!a) return l.toStep ? stepWords(l.toStep) : `${who(l.toParty)}: no step yet`;
  const by = who(l.toParty);
  const waited = a.daysWaited !== null ? `, after ${plural(a.daysWaited, "day")}` : "";
  switch (a.status) {
    case "answered":
      return `${by} answered with ${l.to} on ${a.date}${waited}`;
    case "late":
      return `${by} answered with ${l.to} late, on ${a.date}${waited}`;
    case "partly":
      return `${by} answered only in part with ${l.to}${a.share !== undefined ? ` (${percent(a.share)})` : ""} by ${a.date}${waited}`;
    case "preceded":
      return `${by} had already done ${l.to} (${a.date}): it moved first`;
    case "pending":
      return `${by} owes ${l.to}: pending, due ${a.date ?? "(no deadline)"}`;
    case "unanswered":
      return `${by} owed ${l.to}: unanswered${a.date ? ` (due ${a.date})` : ""}${a.daysWaited !== null ? `, ${plural(a.daysWaited, "day")} waited` : ""}`;
  }
}

export function partyWords(p: PartyAccount): string {
  const answers = [
    p.answered && `${p.answered} answered`,
    p.late && `${p.late} late`,
    p.partly && `${p.partly} partly`,
    p.preceded && `${p.preceded} preceded`,
    p.pending && `${p.pending} pending`,
    p.unanswered && `${p.unanswered} unanswered`,
  ].filter(Boolean);
  return (
    `${plural(p.steps, "step")}; ${p.owedAnswer} owed an answer${answers.length ? `: ${answers.join(", ")}` : ""}` +
    `; median wait ${p.medianWait !== null ? plural(p.medianWait, "day") : "—"}`
  );
}
