import type { LedgerEvent } from "./event.js";
import { parsePartialDate } from "./partial-date.js";
import { CLASS_RANK, classifySource, type SourceClass } from "./source-class.js";
import { speaksOf } from "./source-subject.js";

/**
 * The record's source policy, checked event by event: every source has a URL, a title, a publisher and a date; no
 * event rests only on mirrors and aggregators; no source is dated before what it reports or speaks of something
 * else (source-subject.ts); no event is there twice.
 */
export const AUDIT_RULES = {
  "aggregator-only": { severity: "error", text: "rests only on aggregators or mirrors" },
  "no-url": { severity: "error", text: "has no source with a URL" },
  "announced-only": {
    severity: "error",
    text: "no source is dated on or after the event: what it cites can say it was planned, not that it happened",
  },
  "source-before-event": {
    severity: "warning",
    text: "a source is dated before the event: it supports the plan, another source the happening",
  },
  "possible-duplicate": { severity: "error", text: "the same happening looks recorded twice" },
  "source-without-url": { severity: "warning", text: "a source has no URL" },
  "source-incomplete": { severity: "warning", text: "a source lacks a title, publisher or date" },
  "unclassified-source": { severity: "warning", text: "a source's publisher is not in the table of classes" },
  "source-off-subject": {
    severity: "warning",
    text: "a source's title and quote name neither this kind of happening nor any of its names: is it about this event?",
  },
  "database-only": {
    severity: "warning",
    text: "cites a database's landing page, not a report of this event",
  },
} as const;

export type AuditRule = keyof typeof AUDIT_RULES;

export interface AuditFinding {
  rule: AuditRule;
  severity: "error" | "warning";
  event: string;
  date: string;
  type: string;
  summary?: string;
  message: string;
  /** Written down and reasoned in the exceptions file: reported, not counted as an error. */
  excepted?: string;
}

/** A finding the maintainers of a record have looked at and accept, with the reason. */
export interface AuditException {
  event: string;
  rule: AuditRule;
  reason: string;
}

export interface AuditReport {
  events: number;
  /** Events by the strongest class of their sources. */
  byClass: Record<SourceClass | "no URL", number>;
  findings: AuditFinding[];
  errors: number;
  warnings: number;
  excepted: number;
}

/** A URL that more events cite than this is a database's or a site's landing page, not a report of one event. */
const LANDING_PAGE_USES = 20;

/**
 * What makes two events one happening: the same type, day and actors, and the attributes that name the happening. A
 * launch is its missile from its site; an exercise or a meeting is its name; otherwise every attribute must agree, so
 * that two facilities frozen the same day are two events.
 */
function identity(e: LedgerEvent): unknown {
  const a = e.attributes;
  if (e.type === "missile_launch") return [a.class, a.missile, a.facility];
  if (e.type === "military_exercise" || e.type === "summit_or_meeting") return a.name;
  return a;
}

const key = (e: LedgerEvent): string => JSON.stringify([e.type, e.date, [...e.actors].sort(), identity(e)]);

function finding(rule: AuditRule, e: LedgerEvent, detail = ""): AuditFinding {
  const r = AUDIT_RULES[rule];
  return {
    rule,
    severity: r.severity,
    event: e.id,
    date: e.date,
    type: e.type,
    ...(e.summary ? { summary: e.summary } : {}),
    message: detail ? `${r.text}: ${detail}` : r.text,
  };
}

/** Audits the current view of a record against the source policy; exceptions turn findings into written-down ones. */
export function auditEvents(
  events: readonly LedgerEvent[],
  exceptions: readonly AuditException[] = [],
): AuditReport {
  const uses = new Map<string, number>();
  for (const e of events) for (const s of e.sources) if (s.url) uses.set(s.url, (uses.get(s.url) ?? 0) + 1);
  const byClass = Object.fromEntries([...CLASS_RANK, "no URL"].map((c) => [c, 0])) as AuditReport["byClass"];
  const findings: AuditFinding[] = [];
  const seen = new Map<string, LedgerEvent>();
  for (const e of events) {
    if (e.type === "retraction") continue;
    const classes = e.sources.filter((s) => s.url).map(classifySource);
    const best = CLASS_RANK.find((c) => classes.includes(c));
    byClass[best ?? "no URL"]++;
    if (!best) findings.push(finding("no-url", e));
    else if (classes.every((c) => c === "aggregator"))
      findings.push(finding("aggregator-only", e, e.sources.map((s) => s.url).join(", ")));
    const first = parsePartialDate(e.date)?.first ?? e.date;
    const early: string[] = [];
    let after = false;
    for (const s of e.sources) {
      if (!s.url && best) findings.push(finding("source-without-url", e, s.title ?? ""));
      const missing = (["title", "publisher", "date"] as const).filter((k) => s[k] === undefined);
      if (missing.length)
        findings.push(finding("source-incomplete", e, `${s.url ?? s.title}: no ${missing.join(", ")}`));
      if (s.url && classifySource(s) === "unclassified")
        findings.push(finding("unclassified-source", e, new URL(s.url).hostname));
      if (speaksOf(e, s) === false)
        findings.push(finding("source-off-subject", e, `${s.url ?? ""} "${s.title ?? ""}"`));
      const published = s.date ? parsePartialDate(s.date)?.last : undefined;
      if (published && published < first) early.push(`${s.url ?? s.title} is dated ${s.date}`);
      else if (published) after = true;
    }
    // An announcement is a fine source for a plan; the record also needs one that reports the happening.
    if (early.length)
      findings.push(finding(after ? "source-before-event" : "announced-only", e, early.join("; ")));
    const urls = e.sources.map((s) => s.url).filter((u): u is string => u !== undefined);
    if (urls.length && urls.every((u) => (uses.get(u) ?? 0) > LANDING_PAGE_USES))
      findings.push(finding("database-only", e, urls.join(", ")));
    const k = key(e);
    const twin = seen.get(k);
    if (twin)
      findings.push(finding("possible-duplicate", e, `also ${twin.id} (${twin.summary ?? twin.date})`));
    else seen.set(k, e);
  }
  const reasons = new Map(exceptions.map((x) => [`${x.event} ${x.rule}`, x.reason]));
  for (const f of findings) {
    const reason = reasons.get(`${f.event} ${f.rule}`);
    if (reason) f.excepted = reason;
  }
  const open = findings.filter((f) => !f.excepted);
  return {
    events: events.filter((e) => e.type !== "retraction").length,
    byClass,
    findings,
    errors: open.filter((f) => f.severity === "error").length,
    warnings: open.filter((f) => f.severity === "warning").length,
    excepted: findings.length - open.length,
  };
}
