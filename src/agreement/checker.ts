import type * as v from "valibot";
import {
  addTerm,
  checkMatcherAttributes,
  parseMatcher,
  type EventMatcher,
  type Issue,
  type MatcherParse,
} from "../model/index.js";
import type { Condition, Matcher, Obligation } from "./agreement.js";
import { parseDuration } from "./duration.js";
import type { AgreementIssue } from "./issues.js";
import { STATUS_CONDITIONS, type ConditionInput, type matcherSchema } from "./schema.js";

export type Path = (string | number)[];

export const err = (at: Path, message: string, extra: Partial<AgreementIssue> = {}): AgreementIssue => ({
  severity: "error",
  kind: "validation",
  at,
  message,
  ...extra,
});

export const warn = (at: Path, message: string): AgreementIssue => ({
  ...err(at, message),
  severity: "warning",
});

/**
 * What one agreement knows of itself while it is compiled — its parties, documents, obligations and phases — and
 * the problems found so far. References, matchers and conditions are checked and compiled through it.
 */
export class Checker {
  readonly issues: AgreementIssue[] = [];
  /** Obligations by id, once compiled, for checks that need their kind. */
  readonly obligations = new Map<string, Obligation>();

  constructor(
    readonly partyIds: Set<string>,
    readonly documentIds: Set<string>,
    readonly obligationIds: Set<string>,
    readonly phaseIds: Set<string>,
  ) {}

  error(at: Path, message: string, extra: Partial<AgreementIssue> = {}): void {
    this.issues.push(err(at, message, extra));
  }

  warning(at: Path, message: string): void {
    this.issues.push(warn(at, message));
  }

  parties(ids: string[], at: Path): void {
    ids.forEach((id, j) => {
      if (!this.partyIds.has(id))
        this.error(ids.length > 1 ? [...at, j] : at, `unknown party "${id}"`, {
          expected: [...this.partyIds].join(" | "),
          received: id,
        });
    });
  }

  obligation(id: string, at: Path): void {
    if (!this.obligationIds.has(id))
      this.error(at, `unknown obligation "${id}"`, {
        expected: [...this.obligationIds].join(" | "),
        received: id,
      });
  }

  source(s: { document: string } | undefined, at: Path): void {
    if (s && !this.documentIds.has(s.document))
      this.error([...at, "document"], `unknown document "${s.document}"`, {
        expected: [...this.documentIds].join(" | ") || "a document listed under documents",
        received: s.document,
      });
  }

  matcher(m: v.InferOutput<typeof matcherSchema>, at: Path): Matcher {
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
      this.issues.push(...r.issues.map(located));
      return { matcher: {}, text };
    }
    this.issues.push(...checkMatcherAttributes(r.matcher).map(located));
    return { matcher: r.matcher, text };
  }

  condition(c: ConditionInput, at: Path): Condition {
    if (typeof c === "string") return { kind: "date", date: c };
    if ("date" in c) return { kind: "date", date: c.date };
    if ("held" in c) {
      this.obligation(c.held, [...at, "held"]);
      return { kind: "held", obligation: c.held, for: parseDuration(c.for)! };
    }
    if ("event" in c) {
      const m = this.matcher(c.event, [...at, "event"]);
      return { kind: "event", matcher: m.matcher, text: m.text };
    }
    if ("withdrawn" in c) {
      this.parties([c.withdrawn], [...at, "withdrawn"]);
      return { kind: "withdrawn", party: c.withdrawn };
    }
    if ("phase" in c) {
      if (!this.phaseIds.has(c.phase))
        this.error([...at, "phase"], `unknown phase "${c.phase}"`, {
          expected: [...this.phaseIds].join(" | ") || "a phase listed under phases",
          received: c.phase,
        });
      return { kind: "phase", phase: c.phase };
    }
    if ("all" in c)
      return { kind: "all", conditions: c.all.map((x, i) => this.condition(x, [...at, "all", i])) };
    if ("any" in c)
      return { kind: "any", conditions: c.any.map((x, i) => this.condition(x, [...at, "any", i])) };
    const status = STATUS_CONDITIONS.find((s) => s in c)!;
    const id = (c as Record<string, string>)[status]!;
    this.obligation(id, [...at, status]);
    return { kind: "status", status, obligation: id };
  }
}

function matcherFromMap(m: Record<string, string | number | (string | number)[]>): MatcherParse {
  const matcher: EventMatcher = {};
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(m))
    addTerm(matcher, key, (Array.isArray(value) ? value : [value]).map(String), issues);
  return issues.length ? { ok: false, issues } : { ok: true, matcher };
}
