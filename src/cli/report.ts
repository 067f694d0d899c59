import { daysBetween } from "../agreement/index.js";
import type { Evaluation, Evidence, ObligationResult } from "../engine/index.js";

/** Reports of an evaluation for people: plain text for a terminal, Markdown for a document. */
type Style = "text" | "md";

const firstSource = (e: Evidence) => e.sources[0]?.url ?? e.sources[0]?.title ?? "";

export function evidenceLine(e: Evidence, style: Style): string {
  const who = e.actors.join("+") + (e.targets?.length ? `→${e.targets.join("+")}` : "");
  const what = `${e.date}  ${who} ${e.type}${e.count > 1 ? ` ×${e.count}` : ""}: ${e.summary ?? ""} [${e.confidence}]`;
  const src = firstSource(e);
  if (style === "md")
    return `- ${what}${src ? ` — ${src.startsWith("http") ? `<${src}>` : src}` : ""} \`${e.id}\``;
  return `    ${what}${src ? `\n      ${src}` : ""}`;
}

function heldFor(o: ObligationResult, asOf: string): string {
  if (o.kind !== "refrain" || !o.started) return "";
  if (o.status === "active")
    return `held for ${daysBetween(o.started, asOf)} days so far; nothing counted against it`;
  if (o.status === "violated") return `held for ${daysBetween(o.started, o.since!)} days, until ${o.since}`;
  return "";
}

function obligationBlock(o: ObligationResult, asOf: string, style: Style, maxEvidence: number): string[] {
  const status =
    o.status.toUpperCase() +
    (o.provisional ? " (provisional: rests only on unverified or disputed events)" : "");
  const lines: string[] = [];
  const md = style === "md";
  lines.push(
    md
      ? `### ${o.id}: ${status}${o.since ? ` since ${o.since}` : ""}`
      : `${o.id}  ${o.debtor.join("+")} ${o.kind}  ${status}${o.since ? ` since ${o.since}` : ""}`,
  );
  const ind = md ? "" : "  ";
  lines.push(
    `${ind}${o.title} — ${o.debtor.join("+")} ${o.kind}s; counts: \`${o.counts}\`${o.due ? `; due ${o.due}` : ""}`,
  );
  const held = heldFor(o, asOf);
  if (held) lines.push(`${ind}${held}`);
  if (o.evidence.length) {
    lines.push(`${ind}Evidence (${o.evidence.length} event${o.evidence.length > 1 ? "s" : ""}):`);
    for (const e of o.evidence.slice(0, maxEvidence)) lines.push(evidenceLine(e, style));
    if (o.evidence.length > maxEvidence)
      lines.push(`${ind}  … and ${o.evidence.length - maxEvidence} more (--format json lists all)`);
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
  if (o.note) lines.push(`${ind}Note: ${o.note}`);
  if (o.source)
    lines.push(
      `${ind}Source: ${o.source.title ?? o.source.document}${o.source.article ? `, ${o.source.article}` : ""}${o.source.quote ? ` — "${o.source.quote}"` : ""}${o.source.url ? ` ${md ? `<${o.source.url}>` : o.source.url}` : ""}`,
    );
  return lines;
}

export function renderEvaluation(ev: Evaluation, style: Style, maxEvidence = 10): string {
  const md = style === "md";
  const a = ev.agreement;
  const out: string[] = [];
  out.push(md ? `# ${a.title}` : `${a.title}`);
  out.push(
    `${md ? "" : "  "}${a.id} · ${a.status}${a.hypothetical ? " (a proposal: evaluated as if it had been in force)" : ""} · effective ${a.effective ?? "—"} · as of ${ev.asOf}` +
      ` · phase: ${ev.phase ? `${ev.phase.title} (since ${ev.phase.since})` : "—"}`,
  );
  out.push("");
  if (md) out.push("## Obligations", "");
  for (const o of ev.obligations) out.push(...obligationBlock(o, ev.asOf, style, maxEvidence), "");

  out.push(md ? "## Whose move" : "Whose move:", "");
  if (ev.nextMoves.length === 0)
    out.push(`${md ? "" : "  "}No one owes a step: nothing is due and nothing waits.`);
  for (const m of ev.nextMoves) {
    const text =
      m.state === "due"
        ? `${m.party} must ${m.kind} ${m.obligation} (${m.title})${m.due ? ` by ${m.due}` : " (no deadline)"}`
        : `${m.party}: ${m.obligation} (${m.title}) waits on ${m.waitingOn?.join("; ")}`;
    out.push(md ? `- ${text}` : `  ${text}`);
  }
  out.push("");
  out.push(md ? "## Reciprocity" : "Reciprocity — steps taken and what they were owed:", "");
  if (ev.reciprocity.length === 0) out.push(`${md ? "" : "  "}No step completed yet.`);
  for (const s of ev.reciprocity) {
    const head = `${s.date}: ${s.party.join("+")} ${s.step === "fulfilled" ? "performed" : "held"} ${s.obligation} (${s.title})`;
    out.push(md ? `- ${head}` : `  ${head}`);
    if (s.owed.length === 0) out.push(`${md ? "  - " : "    "}nothing owed in return under this agreement`);
    for (const w of s.owed) {
      const detail =
        w.answer === "answered"
          ? `answered on ${w.date} (${w.daysWaited} days later)`
          : w.answer === "preceded"
            ? `done before the step, on ${w.date} (${daysBetween(w.date!, s.date)} days earlier)`
            : w.answer === "pending"
              ? `pending: due by ${w.date}`
              : `UNANSWERED${w.date ? ` (was due ${w.date})` : ""} after ${w.daysWaited} days`;
      out.push(`${md ? "  - " : "    → "}${w.debtor.join("+")} owed ${w.obligation} (${w.title}): ${detail}`);
    }
  }
  const used = ev.powers.filter((p) => p.availableSince || p.exercised.length);
  if (used.length) {
    out.push("", md ? "## Powers" : "Powers:", "");
    for (const p of used) {
      const text = `${p.holder.join("+")} may ${p.action} ${p.obligations === "all" ? "all obligations" : p.obligations.join(", ")} (${p.id})${p.availableSince ? ` since ${p.availableSince}` : ""}; ${p.exercised.length ? `exercised on ${p.exercised.map((x) => x.date).join(", ")}` : "not exercised"}`;
      out.push(md ? `- ${text}` : `  ${text}`);
    }
  }
  return out.join("\n") + "\n";
}

export function renderExplanation(ev: Evaluation, o: ObligationResult, style: Style): string {
  const md = style === "md";
  const out: string[] = [];
  out.push(md ? `# ${o.id}: ${o.title}` : `${o.id}: ${o.title}`);
  out.push(
    `${ev.agreement.title} · as of ${ev.asOf} · ${o.debtor.join("+")} ${o.kind}s; counts: \`${o.counts}\``,
    "",
  );
  if (o.history.length === 0) out.push(`Dormant throughout: it never started.`);
  for (const h of o.history) {
    out.push(`${md ? "- " : ""}${h.date}  ${h.from} → ${h.to}`);
    out.push(`${md ? "  " : "    "}because ${h.cause.text}`);
    const ids = "events" in h.cause ? (h.cause.events ?? []) : [];
    for (const id of ids) {
      const e = o.evidence.find((x) => x.id === id);
      if (e) out.push(evidenceLine(e, style));
    }
  }
  out.push(
    "",
    `Now: ${o.status}${o.provisional ? " (provisional)" : ""}${o.since ? ` since ${o.since}` : ""}.`,
  );
  const later =
    o.evidence.length -
    o.history.reduce((n, h) => n + ("events" in h.cause ? (h.cause.events?.length ?? 0) : 0), 0);
  if (later > 0)
    out.push(`${later} later event(s) also count against it: lockstep check --format json lists them.`);
  return out.join("\n") + "\n";
}
