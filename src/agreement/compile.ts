import * as v from "valibot";
import {
  addTerm,
  checkMatcherAttributes,
  parseMatcher,
  type EventMatcher,
  type Issue,
  type MatcherParse,
} from "../model/index.js";
import type { Agreement, Condition, Link, Obligation, Power } from "./agreement.js";
import { parseDuration } from "./duration.js";
import { fromValibot, type AgreementIssue } from "./issues.js";
import { agreementSchema, matcherSchema, type AgreementInput, type ConditionInput } from "./schema.js";

type Path = (string | number)[];

export type CompileResult = { agreement?: Agreement; issues: AgreementIssue[] };

const err = (at: Path, message: string, extra: Partial<AgreementIssue> = {}): AgreementIssue => ({
  severity: "error",
  kind: "validation",
  at,
  message,
  ...extra,
});

const list = (x: string | string[] | undefined): string[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x];

/**
 * Checks an agreement document as a whole and compiles it for the engine: shape, references between its parts,
 * the event matchers, and sequencing (a cycle of gates is a deadlock no party can break). Returns every problem
 * found, errors and warnings, each with its path in the document.
 */
export function compileAgreement(input: unknown): CompileResult {
  const parsed = v.safeParse(agreementSchema, input);
  if (!parsed.success) return { issues: fromValibot(parsed.issues) };
  const a = parsed.output;
  const issues: AgreementIssue[] = [];

  const partyIds = new Set<string>();
  a.parties.forEach((p, i) => {
    if (partyIds.has(p.id)) issues.push(err(["parties", i, "id"], `party "${p.id}" is listed twice`));
    partyIds.add(p.id);
  });
  const documentIds = new Set(a.documents.map((d) => d.id));
  const obligationIds = new Set<string>();
  a.obligations.forEach((o, i) => {
    if (obligationIds.has(o.id))
      issues.push(err(["obligations", i, "id"], `obligation "${o.id}" is defined twice`));
    obligationIds.add(o.id);
  });
  const proposers = new Set(a.parties.filter((p) => p.role === "proposer").map((p) => p.id));

  const checkParties = (ids: string[], at: Path) =>
    ids.forEach((id, j) => {
      if (!partyIds.has(id))
        issues.push(
          err(ids.length > 1 ? [...at, j] : at, `unknown party "${id}"`, {
            expected: [...partyIds].join(" | "),
            received: id,
          }),
        );
    });
  const checkObligation = (id: string, at: Path) => {
    if (!obligationIds.has(id))
      issues.push(
        err(at, `unknown obligation "${id}"`, { expected: [...obligationIds].join(" | "), received: id }),
      );
  };
  const checkSource = (s: { document: string } | undefined, at: Path) => {
    if (s && !documentIds.has(s.document))
      issues.push(
        err([...at, "document"], `unknown document "${s.document}"`, {
          expected: [...documentIds].join(" | ") || "a document listed under documents",
          received: s.document,
        }),
      );
  };
  const matcher = (
    m: v.InferOutput<typeof matcherSchema>,
    at: Path,
  ): { matcher: EventMatcher; text: string } => {
    const terms =
      typeof m === "string"
        ? [m]
        : Object.entries(m).map(([k, x]) => `${k}=${(Array.isArray(x) ? x : [x]).join(",")}`);
    const text = terms.join(" ");
    // The map form is taken as written, so that a value may contain spaces (name: "Korean Peninsula peace agreement").
    const r: MatcherParse = typeof m === "string" ? parseMatcher(terms) : matcherFromMap(m);
    const located = (i: Issue): AgreementIssue => ({
      ...i,
      severity: "error",
      at: typeof m === "string" || !i.path ? at : [...at, i.path],
    });
    if (!r.ok) {
      issues.push(...r.issues.map(located));
      return { matcher: {}, text };
    }
    issues.push(...checkMatcherAttributes(r.matcher).map(located));
    return { matcher: r.matcher, text };
  };
  const condition = (c: ConditionInput, at: Path): Condition => {
    if (typeof c === "string") return { kind: "date", date: c };
    if ("date" in c) return { kind: "date", date: c.date };
    if ("held" in c) {
      checkObligation(c.held, [...at, "held"]);
      return { kind: "held", obligation: c.held, for: parseDuration(c.for)! };
    }
    if ("event" in c) {
      const m = matcher(c.event, [...at, "event"]);
      return { kind: "event", matcher: m.matcher, text: m.text };
    }
    if ("all" in c) return { kind: "all", conditions: c.all.map((x, i) => condition(x, [...at, "all", i])) };
    if ("any" in c) return { kind: "any", conditions: c.any.map((x, i) => condition(x, [...at, "any", i])) };
    const status = (["fulfilled", "violated", "discharged", "started"] as const).find((s) => s in c)!;
    const id = (c as Record<string, string>)[status]!;
    checkObligation(id, [...at, status]);
    return { kind: "status", status, obligation: id };
  };

  const defaultStart = a.effective ?? a.signed;
  const obligations: Obligation[] = a.obligations.map((o, i) => {
    const at: Path = ["obligations", i];
    const debtors = list(o.debtor);
    checkParties(debtors, [...at, "debtor"]);
    checkParties(list(o.creditor), [...at, "creditor"]);
    for (const d of debtors.filter((d) => proposers.has(d)))
      issues.push(
        err([...at, "debtor"], `"${d}" is a proposer, and a proposer owes nothing; make it a party`),
      );
    checkSource(o.source, [...at, "source"]);
    const counts = matcher(o.counts, [...at, "counts"]);
    if (o.start === undefined && !defaultStart)
      issues.push(
        err(
          [...at, "start"],
          "no start: give the obligation a start, or the agreement a signed or effective date",
        ),
      );
    if (o.kind === "maintain" && !o.every)
      issues.push(
        err(
          [...at, "every"],
          "a maintain obligation needs `every` (how often its step must recur, e.g. P90D)",
        ),
      );
    if (o.kind !== "maintain" && o.every)
      issues.push(err([...at, "every"], "`every` applies to maintain obligations only"));
    if (o.kind === "perform" && !o.window)
      issues.push({
        ...err([...at, "window"], "a perform obligation without a deadline can never be violated"),
        severity: "warning",
      });
    return {
      id: o.id,
      title: o.title,
      debtors,
      creditors: list(o.creditor),
      kind: o.kind,
      counts: counts.matcher,
      countsText: counts.text,
      start: condition(o.start ?? defaultStart ?? "1970-01-01", [...at, "start"]),
      ...(o.window
        ? { window: "until" in o.window ? { until: o.window.until } : { for: parseDuration(o.window.for)! } }
        : {}),
      ...(o.every ? { every: parseDuration(o.every)! } : {}),
      ...(o.source ? { source: o.source } : {}),
      ...(o.note ? { note: o.note } : {}),
    };
  });

  const links: Link[] = a.links.map((l, i) => {
    const at: Path = ["links", i];
    checkObligation(l.from, [...at, "from"]);
    checkObligation(l.to, [...at, "to"]);
    if (l.from === l.to) issues.push(err([...at, "to"], "a link must join two different obligations"));
    if (l.on === "held" && !l.held)
      issues.push(err([...at, "held"], "`on: held` needs `held`: for how long (e.g. P90D)"));
    if (l.kind !== "remedy" && (l.action || l.exercised))
      issues.push(
        err([...at, l.action ? "action" : "exercised"], "`action` and `exercised` belong to a `remedy` link"),
      );
    return {
      kind: l.kind,
      from: l.from,
      to: l.to,
      ...(l.on ? { on: l.on } : {}),
      ...(l.held ? { held: parseDuration(l.held)! } : {}),
      ...(l.action ? { action: l.action } : {}),
      ...(l.note ? { note: l.note } : {}),
    };
  });

  const powers: Power[] = a.powers.map((p, i) => {
    const at: Path = ["powers", i];
    checkParties(list(p.holder), [...at, "holder"]);
    if (p.obligations !== "all")
      p.obligations.forEach((o, j) => checkObligation(o, [...at, "obligations", j]));
    const exercised = p.exercised ? matcher(p.exercised, [...at, "exercised"]) : undefined;
    return {
      id: p.id,
      holders: list(p.holder),
      action: p.action,
      obligations: p.obligations,
      ...(p.available ? { available: condition(p.available, [...at, "available"]) } : {}),
      ...(exercised ? { exercised } : {}),
      ...(p.note ? { note: p.note } : {}),
    };
  });
  // A remedy gives the creditors of the breached obligation a power over the linked one.
  a.links.forEach((l, i) => {
    if (l.kind !== "remedy") return;
    const from = obligations.find((o) => o.id === l.from);
    const exercised = l.exercised ? matcher(l.exercised, ["links", i, "exercised"]) : undefined;
    powers.push({
      id: `remedy-${i}`,
      holders: from?.creditors ?? [],
      action: l.action ?? "suspend",
      obligations: [l.to],
      available: { kind: "status", status: "violated", obligation: l.from },
      ...(exercised ? { exercised } : {}),
      note: `remedy for a violation of ${l.from}`,
    });
  });

  const phases = a.phases.map((p, i) => ({
    id: p.id,
    title: p.title,
    enters: condition(p.enters, ["phases", i, "enters"]),
    ...(p.note ? { note: p.note } : {}),
  }));
  if (a.terminated) checkSource(a.terminated.source, ["terminated", "source"]);
  if (a.status === "terminated" && !a.terminated)
    issues.push(err(["terminated"], "a terminated agreement needs `terminated: {date}`"));

  issues.push(...findDeadlocks(a, obligations, links));

  const agreement: Agreement = {
    id: a.id,
    title: a.title,
    status: a.status,
    ...(a.signed ? { signed: a.signed } : {}),
    ...(defaultStart ? { effective: defaultStart } : {}),
    ...(a.terminated ? { terminated: a.terminated } : {}),
    ...(a.summary ? { summary: a.summary } : {}),
    parties: a.parties,
    documents: a.documents,
    obligations,
    links,
    powers,
    phases,
  };
  return { agreement, issues };
}

function referencedObligations(c: Condition): string[] {
  switch (c.kind) {
    case "status":
    case "held":
      return [c.obligation];
    case "all":
    case "any":
      return c.conditions.flatMap(referencedObligations);
    default:
      return [];
  }
}

/**
 * Obligations that wait on each other in a circle can never start: a sequencing deadlock. Paired obligations start
 * together, so they count as one.
 */
function findDeadlocks(a: AgreementInput, obligations: Obligation[], links: Link[]): AgreementIssue[] {
  const group = new Map(obligations.map((o) => [o.id, o.id]));
  const find = (id: string): string => {
    const g = group.get(id) ?? id;
    return g === id ? id : find(g);
  };
  for (const l of links) if (l.kind === "paired") group.set(find(l.to), find(l.from));
  const waitsOn = new Map<string, { on: string; at: Path }[]>();
  const add = (waiter: string, on: string, at: Path) => {
    // Within a paired group this is a self-loop: A must start with B, yet waits on it.
    const w = find(waiter);
    waitsOn.set(w, [...(waitsOn.get(w) ?? []), { on: find(on), at }]);
  };
  links.forEach((l, i) => {
    if (l.kind === "gates" || l.kind === "unlocks") add(l.to, l.from, ["links", i]);
  });
  obligations.forEach((o, i) => {
    for (const ref of referencedObligations(o.start)) add(o.id, ref, ["obligations", i, "start"]);
  });
  const issues: AgreementIssue[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string, at: Path) => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(node)), node];
      issues.push(err(at, `sequencing deadlock: ${cycle.join(" waits on ")} — none of them can ever start`));
      return;
    }
    state.set(node, "visiting");
    stack.push(node);
    for (const edge of waitsOn.get(node) ?? []) visit(edge.on, edge.at);
    stack.pop();
    state.set(node, "done");
  };
  for (const o of a.obligations) visit(find(o.id), ["obligations"]);
  return issues;
}

function matcherFromMap(m: Record<string, string | number | (string | number)[]>): MatcherParse {
  const matcher: EventMatcher = {};
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(m))
    addTerm(matcher, key, (Array.isArray(value) ? value : [value]).map(String), issues);
  return issues.length ? { ok: false, issues } : { ok: true, matcher };
}
