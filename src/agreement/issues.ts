import type * as v from "valibot";
import type { Issue } from "../model/index.js";
import { bestOption } from "./strict-union.js";

/** A problem in an agreement file, located by the path in the document and, once loaded, by line and column. */
export interface AgreementIssue extends Issue {
  severity: "error" | "warning";
  /** Keys and indices from the document root, e.g. ["obligations", 3, "window", "from"]. */
  at: (string | number)[];
  file?: string;
  line?: number;
  column?: number;
}

/** `obligations[3].window.from` */
export function formatPath(at: (string | number)[]): string {
  return at.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

export function formatAgreementIssue(i: AgreementIssue): string {
  const where = [i.file, i.line, i.column].filter((x) => x !== undefined).join(":");
  const found = i.received !== undefined && !/received/i.test(i.message) ? `; found ${i.received}` : "";
  const expected = i.expected !== undefined && !/expected/i.test(i.message) ? `; expected ${i.expected}` : "";
  const path = i.at.length ? `${formatPath(i.at)}: ` : "";
  return `${where ? where + ": " : ""}${i.severity}: ${path}${i.message}${expected}${found}`;
}

type VIssue = v.BaseIssue<unknown>;

const keysOf = (i: VIssue) => (i.path ?? []).map((p) => p.key as string | number);

/**
 * Turns Valibot's issues into located ones. A failed union (e.g. a window that is neither {until} nor {for}) is
 * reported by what went wrong inside it: an unknown key at that key's path, or the deepest nested problem, rather
 * than the union's summary alone.
 */
export function fromValibot(issues: VIssue[], prefix: (string | number)[] = []): AgreementIssue[] {
  const out: AgreementIssue[] = [];
  for (const i of issues) {
    const at = [...prefix, ...keysOf(i)];
    if (i.type === "union" && i.issues?.length) {
      // Judged against the option the input fits best: a key that option knows is not unknown, even if another
      // option said so.
      const input = i.input;
      const best =
        typeof input === "object" && input !== null && !Array.isArray(input)
          ? bestOption(i.message, input as Record<string, unknown>)
          : undefined;
      // An option that knew every key but not a value is what the writer meant: report the value
      // (`{held: X, for: 3}` is a bad duration, not an unknown key "held"), however deep it is.
      const values = i.issues.filter(
        (s) =>
          keysOf(s).length > 0 &&
          s.expected !== "never" &&
          s.received !== "undefined" &&
          (!best || best.keys.includes(String(keysOf(s)[0]))),
      );
      if (values.length) {
        out.push(...fromValibot(values, at));
        continue;
      }
      if (best) {
        const keys = Object.keys(input as object);
        const unknown = keys.filter((k) => !best.keys.includes(k));
        const missing = best.required.filter((k) => !keys.includes(k));
        for (const key of unknown)
          out.push({
            severity: "error",
            kind: "schema",
            at: [...at, key],
            message: `unknown key "${key}": ${i.message}`,
          });
        for (const key of unknown.length ? [] : missing)
          out.push({ severity: "error", kind: "schema", at, message: `missing key "${key}": ${i.message}` });
        if (unknown.length || missing.length) continue;
      }
      const unknownKeys = i.issues.filter((s) => s.type === "strict_object" && s.expected === "never");
      if (unknownKeys.length) {
        const seen = new Set<string>();
        for (const s of unknownKeys) {
          const key = keysOf(s).at(-1);
          if (seen.has(String(key))) continue;
          seen.add(String(key));
          out.push({
            severity: "error",
            kind: "schema",
            at: [...at, ...keysOf(s)],
            message: `unknown key "${String(key)}": ${i.message}`,
          });
        }
        continue;
      }
    }
    const message =
      i.type === "strict_object" && i.expected === "never" ? `unknown key "${String(at.at(-1))}"` : i.message;
    out.push({
      severity: "error",
      kind: i.kind === "schema" ? "schema" : "validation",
      at,
      message,
      // A regex is no expectation a reader can act on; the message says what was expected in words.
      ...(i.expected != null && i.expected !== "never" && i.type !== "regex" ? { expected: i.expected } : {}),
      received: i.received,
    });
  }
  return out;
}
