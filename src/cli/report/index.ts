import type { Evaluation, NextMove, ObligationResult } from "../../engine/index.js";
import { evidenceLine, statusWords, type Style } from "./lines.js";
import { notes, obligationBlock, turns } from "./obligation.js";
import { reciprocityLines } from "./reciprocity.js";

export { evidenceLine } from "./lines.js";

function moveWords(m: NextMove): string {
  switch (m.state) {
    case "due":
      return `${m.party} must ${m.kind} ${m.obligation} (${m.title})${m.due ? ` by ${m.due}` : " (no deadline)"}`;
    case "overdue":
      return `${m.party} is OVERDUE on ${m.obligation} (${m.title}): was due ${m.due}, still owed`;
    case "waiting":
      return `${m.party}: ${m.obligation} (${m.title}) waits for ${m.waitingOn?.join("; ")}`;
    case "blocked":
      return `${m.party}: ${m.obligation} (${m.title}) ${m.waitingOn?.join("; ")}`;
  }
}

/** The report of a whole evaluation: the short answer first, then each obligation, whose move, reciprocity, powers. */
export function renderEvaluation(ev: Evaluation, style: Style, maxEvidence = 10): string {
  const md = style === "md";
  const ind = md ? "" : "  ";
  const a = ev.agreement;
  const out: string[] = [];
  out.push(md ? `# ${a.title}` : `${a.title}`);
  out.push(
    `${ind}${a.id} · ${a.status}${a.hypothetical ? " (a proposal: evaluated as if it had been in force)" : ""} · effective ${a.effective ?? "—"} · as of ${ev.asOf}` +
      ` · phase: ${ev.phase ? `${ev.phase.title} (since ${ev.phase.since})` : "—"}`,
  );
  out.push("", `${ind}${ev.summary.text}`, "");
  for (const w of ev.withdrawals)
    out.push(`${ind}${w.party} withdrew on ${w.date}: ${w.events.map((e) => e.summary ?? e.id).join("; ")}`);
  if (ev.withdrawals.length) out.push("");
  if (md) out.push("## Obligations", "");
  for (const o of ev.obligations) out.push(...obligationBlock(o, ev.asOf, style, maxEvidence), "");

  out.push(md ? "## Whose move" : "Whose move:", "");
  if (ev.nextMoves.length === 0) out.push(`${ind}No one owes a step: nothing is due and nothing waits.`);
  for (const m of ev.nextMoves) out.push(`${md ? "- " : "  "}${moveWords(m)}`);
  out.push("");
  out.push(md ? "## Reciprocity" : "Reciprocity — who moved first, and was each step answered:", "");
  out.push(...reciprocityLines(ev.reciprocity, style));
  const used = ev.powers.filter((p) => p.availableSince || p.exercised.length);
  if (used.length) {
    out.push("", md ? "## Powers" : "Powers:", "");
    for (const p of used) {
      const uses = p.exercised.map((x) => {
        const changed = x.changed.map(
          (c) => `${c.obligation}${c.party ? `[${c.party}]` : ""} ${c.from} → ${c.to}`,
        );
        const none = x.noEffect.map(
          (c) => `${c.obligation}${c.party ? `[${c.party}]` : ""} already ${c.status}`,
        );
        return `${x.date} (${[...changed, ...(none.length ? [`no effect on ${none.join(", ")}`] : [])].join("; ")})`;
      });
      const text = `${p.holder.join("+")} may ${p.action} ${p.obligations === "all" ? "all obligations" : p.obligations.join(", ")} (${p.id})${p.availableSince ? ` since ${p.availableSince}` : ""}; ${uses.length ? `exercised on ${uses.join(", ")}` : "not exercised"}`;
      out.push(`${md ? "- " : "  "}${text}`);
    }
  }
  // Last: a matcher that matches nothing yet is often a step not taken or a restraint kept, now and then a typo.
  if (ev.warnings.length) {
    out.push(
      "",
      md ? "## Matchers that match nothing" : "Matchers that match nothing (a typo reads as compliance):",
      "",
    );
    for (const w of ev.warnings) out.push(`${md ? "- " : "  "}${w.at}: ${w.message}`);
  }
  return out.join("\n") + "\n";
}

/** One obligation's history, transition by transition, with each cause and the events it cites. */
export function renderExplanation(ev: Evaluation, o: ObligationResult, style: Style): string {
  const md = style === "md";
  const out: string[] = [];
  out.push(md ? `# ${o.id}: ${o.title}` : `${o.id}: ${o.title}`);
  out.push(
    `${ev.agreement.title} · as of ${ev.asOf} · ${o.debtor.join("+")} ${o.kind}s; counts: \`${o.counts}\``,
    "",
  );
  out.push(...notes(o, "", md));
  if (o.note || o.source) out.push("");
  const cited = new Map([...o.evidence, ...o.context].map((e) => [e.id, e]));
  const shown = new Set<string>();
  if (o.history.length === 0) out.push(`Dormant throughout: it never started.`);
  for (const h of o.history) {
    out.push(`${md ? "- " : ""}${h.date}  ${h.party ? `${h.party}: ` : ""}${h.from} → ${h.to}`);
    out.push(`${md ? "  " : "    "}because ${h.cause.text}`);
    const ids = "events" in h.cause ? (h.cause.events ?? []) : [];
    for (const id of ids) {
      const e = cited.get(id);
      if (!e) continue;
      out.push(evidenceLine(e, style));
      shown.add(id);
    }
  }
  const turned = turns(o.history);
  out.push("", `Now: ${statusWords(o)}.${turned ? ` (${turned})` : ""}`);
  const later = o.evidence.filter((e) => !shown.has(e.id));
  if (later.length) {
    out.push("", `${later.length} more event(s) count toward it:`);
    for (const e of later.slice(0, 20)) out.push(evidenceLine(e, style));
    if (later.length > 20)
      out.push(`  … and ${later.length - 20} more: lockstep check --format json lists them all.`);
  }
  if (o.afterWithdrawal.length) {
    out.push("", `After withdrawal, not counted (${o.afterWithdrawal.length}):`);
    for (const e of o.afterWithdrawal) out.push(evidenceLine(e, style));
  }
  return out.join("\n") + "\n";
}
