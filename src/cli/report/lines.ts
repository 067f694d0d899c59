import type { Evidence, ObligationResult, QuantityResult } from "../../engine/index.js";
import { formatAmount, type Unit } from "../../model/index.js";

/** Reports of an evaluation for people: plain text for a terminal, Markdown for a document. */
export type Style = "text" | "md";

const firstSource = (e: Evidence) => e.sources[0]?.url ?? e.sources[0]?.title ?? "";

export function evidenceLine(e: Evidence, style: Style): string {
  const who = e.actors.join("+") + (e.targets?.length ? `→${e.targets.join("+")}` : "");
  const amount = e.amount ? ` [${formatAmount(e.amount.value, e.amount.unit)}]` : "";
  const what = `${e.date}  ${who} ${e.type}${e.count > 1 ? ` ×${e.count}` : ""}${amount}: ${e.summary ?? ""} [${e.confidence}]`;
  const src = firstSource(e);
  if (style === "md")
    return `- ${what}${src ? ` — ${src.startsWith("http") ? `<${src}>` : src}` : ""} \`${e.id}\``;
  return `    ${what}${src ? `\n      ${src}` : ""}`;
}

/** `48% of 950,000 t (456,000 t done)`. */
export function quantityLine(q: QuantityResult): string {
  const unit: Unit = q.required.unit;
  const share = `${Math.floor(q.share * 100)}%`;
  const of =
    q.owed === q.required.value
      ? formatAmount(q.required.value, unit)
      : `${formatAmount(q.owed, unit)} owed so far (${formatAmount(q.required.value, unit)} each period)`;
  const from = q.contributions.length ? `, from ${q.contributions.length} event(s)` : "";
  const skipped = q.notCounted.length
    ? `; not counted: ${q.notCounted.map((n) => `${n.date} (${n.reason})`).join(", ")}`
    : "";
  return `${share} of ${of}: ${formatAmount(q.done, unit)} done${from}${skipped}`;
}

/** The status as a report writes it: upper case, with how late, and whether it is provisional. */
export function statusWords(
  o: Pick<ObligationResult, "status" | "provisional" | "since" | "daysLate">,
): string {
  const late = o.status === "fulfilled_late" && o.daysLate !== null ? ` (${o.daysLate} days late)` : "";
  const provisional = o.provisional
    ? " (provisional: rests only on unverified or disputed events, or awaits verification)"
    : "";
  return `${o.status.toUpperCase()}${o.since ? ` since ${o.since}` : ""}${late}${provisional}`;
}
