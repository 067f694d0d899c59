import { daysBetween } from "../../agreement/index.js";
import type { ObligationResult, Transition } from "../../engine/index.js";
import { evidenceLine, quantityLine, statusWords, type Style } from "./lines.js";

function heldFor(o: ObligationResult, asOf: string): string {
  if (o.kind !== "refrain" || !o.started) return "";
  if (o.status === "active")
    return `held for ${daysBetween(o.started, asOf)} days so far; nothing counted against it`;
  if (o.status === "violated") return `held for ${daysBetween(o.started, o.since!)} days, until ${o.since}`;
  return "";
}

/** The turns a reader should not miss: "missed 2007-04-14; performed 2007-07-14, 91 days late". */
export function turns(history: Transition[]): string {
  const out: string[] = [];
  for (const h of history) {
    const who = h.party ? `${h.party} ` : "";
    if (h.to === "overdue") out.push(`${who}missed ${h.cause.kind === "deadline" ? h.cause.date : h.date}`);
    else if (h.to === "fulfilled_late") out.push(`${who}performed ${h.date}, ${h.daysLate} days late`);
    else if (h.to === "fulfilled" && h.party) out.push(`${who}performed ${h.date}`);
    else if (h.to === "reversed") out.push(`${who}undone ${h.date}`);
    else if (h.from === "overdue" && h.to === "active") out.push(`${who}resumed ${h.date}`);
    else if (h.cause.kind === "withdrawal") out.push(`${h.cause.party} withdrew ${h.date}`);
    else if (h.cause.kind === "lapse") out.push(`lapsed ${h.date}`);
  }
  return out.join("; ");
}

/** One obligation as a report shows it: status, what it asks, and the evidence and notes behind the verdict. */
export function obligationBlock(
  o: ObligationResult,
  asOf: string,
  style: Style,
  maxEvidence: number,
): string[] {
  const lines: string[] = [];
  const md = style === "md";
  const status = statusWords(o);
  lines.push(md ? `### ${o.id}: ${status}` : `${o.id}  ${o.debtor.join("+")} ${o.kind}  ${status}`);
  const ind = md ? "" : "  ";
  const who = o.debtorMode === "each" ? `each of ${o.debtor.join(", ")}` : o.debtor.join("+");
  lines.push(`${ind}${o.title} — ${who} ${o.kind}s; counts: \`${o.counts}\`${o.due ? `; due ${o.due}` : ""}`);
  const held = heldFor(o, asOf);
  if (held) lines.push(`${ind}${held}`);
  const turned = turns(o.history);
  if (turned) lines.push(`${ind}History: ${turned}`);
  if (o.parties)
    lines.push(
      `${ind}By party: ${o.parties.map((p) => `${p.party} ${statusWords(p)}${p.quantity ? ` (${Math.floor(p.quantity.share * 100)}% done)` : ""}`).join("; ")}`,
    );
  if (o.quantity) {
    lines.push(`${ind}Quantity: ${quantityLine(o.quantity)}`);
    for (const p of o.quantity.byParty ?? [])
      lines.push(
        `${ind}  ${p.party}: ${p.done.toLocaleString("en-US")}${p.owed !== null ? ` of its share ${p.owed.toLocaleString("en-US")} (${Math.round(p.share! * 100)}%)` : ""}`,
      );
  }
  if (o.verification)
    lines.push(
      `${ind}Verification (by \`${o.verification.by}\`): ${o.verification.status}${o.verification.date ? ` on ${o.verification.date}` : ""}`,
    );
  if (o.keep)
    lines.push(
      `${ind}Then: ${o.keep.kind} \`${o.keep.counts}\`${o.keep.until ? ` until ${o.keep.until}` : ""}${o.keep.reversedBy.length ? `; undone by ${o.keep.reversedBy.map((e) => `${e.date} ${e.summary ?? e.id}`).join("; ")}` : ""}`,
    );
  if (o.evidence.length) {
    lines.push(`${ind}Evidence (${o.evidence.length} event${o.evidence.length > 1 ? "s" : ""}):`);
    for (const e of o.evidence.slice(0, maxEvidence)) lines.push(evidenceLine(e, style));
    if (o.evidence.length > maxEvidence)
      lines.push(`${ind}  … and ${o.evidence.length - maxEvidence} more (--format json lists all)`);
  }
  if (o.afterWithdrawal.length) {
    lines.push(
      `${ind}After withdrawal — would have counted, not counted (${o.afterWithdrawal.length} event(s)):`,
    );
    for (const e of o.afterWithdrawal.slice(0, maxEvidence)) lines.push(evidenceLine(e, style));
  }
  if (o.outsideTerms.count) {
    lines.push(
      `${ind}Outside its terms — same actors and type, not counted (${o.outsideTerms.count} event(s)):`,
    );
    for (const g of o.outsideTerms.groups) {
      const range = g.count > 1 ? `${g.first.date} to ${g.latest.date}, latest` : "";
      lines.push(
        `${md ? "- " : "    "}${g.attribute}=${g.value}: ${g.count}${range ? ` (${range} ${g.latest.summary ?? g.latest.id})` : ` (${g.latest.date} ${g.latest.summary ?? g.latest.id})`}`,
      );
    }
  }
  lines.push(...notes(o, ind, md));
  return lines;
}

/** The obligation's note and where it is written. */
export function notes(o: ObligationResult, ind: string, md: boolean): string[] {
  const lines: string[] = [];
  if (o.note) lines.push(`${ind}Note: ${o.note}`);
  if (o.source)
    lines.push(
      `${ind}Source: ${o.source.title ?? o.source.document}${o.source.article ? `, ${o.source.article}` : ""}${o.source.quote ? ` — "${o.source.quote}"` : ""}${o.source.url ? ` ${md ? `<${o.source.url}>` : o.source.url}` : ""}`,
    );
  return lines;
}
