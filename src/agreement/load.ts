import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { Agreement } from "./agreement.js";
import { compileAgreement } from "./compile.js";
import type { AgreementIssue } from "./issues.js";

export interface LoadResult {
  agreement?: Agreement;
  /** Errors and warnings; the agreement is usable only when none is an error. */
  issues: AgreementIssue[];
}

/** Where in the text a path points: the node itself, or the nearest ancestor that exists (for a missing key). */
function locate(
  doc: Document,
  lines: LineCounter,
  at: (string | number)[],
): { line: number; column: number } {
  for (let n = at.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) {
      // For a key that exists, point at the key rather than its value.
      const pair = n > 0 ? findPair(doc, at.slice(0, n)) : undefined;
      const offset = pair ?? node.range[0];
      return { line: lines.linePos(offset).line, column: lines.linePos(offset).col };
    }
  }
  return { line: 1, column: 1 };
}

function findPair(doc: Document, at: (string | number)[]): number | undefined {
  const parent = at.length > 1 ? doc.getIn(at.slice(0, -1), true) : doc.contents;
  const key = at.at(-1);
  if (!parent || typeof key !== "string" || !("items" in (parent as object))) return undefined;
  for (const item of (parent as { items: { key?: unknown }[] }).items) {
    const k = item.key;
    if (isNode(k) && "value" in k && (k as { value: unknown }).value === key && k.range) return k.range[0];
  }
  return undefined;
}

/** Parses an agreement from YAML text; every issue carries the file, line and column it points at. */
export function parseAgreement(text: string, file = "<agreement>"): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      issues: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          severity: "error" as const,
          kind: "format" as const,
          at: [],
          message: `not valid YAML: ${e.message.split("\n")[0]}`,
          file,
          line: pos.line,
          column: pos.col,
        };
      }),
    };
  }
  const { agreement, issues } = compileAgreement(doc.toJS());
  const located = issues.map((i) => ({ ...i, file, ...locate(doc, lines, i.at) }));
  located.sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || (x.column ?? 0) - (y.column ?? 0));
  const ok = !located.some((i) => i.severity === "error");
  return { ...(ok && agreement ? { agreement: { ...agreement, file } } : {}), issues: located };
}

export function loadAgreement(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return {
      issues: [
        { severity: "error", kind: "format", at: [], file, message: `cannot read: ${(e as Error).message}` },
      ],
    };
  }
  return parseAgreement(text, file);
}
