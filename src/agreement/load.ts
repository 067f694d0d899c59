import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isAlias, isNode, visit, type Document } from "yaml";
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

/** Where the first alias to no anchor set before it starts, else the first alias (for an alias count too large). */
function aliasAtFault(doc: Document): number | undefined {
  const anchors = new Set<string>();
  let first: number | undefined;
  let unresolved: number | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        first ??= node.range?.[0];
        if (!anchors.has(node.source)) {
          unresolved = node.range?.[0];
          return visit.BREAK;
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return unresolved ?? first;
}

/** Parses an agreement from YAML text; every issue carries the file, line and column it points at. */
export function parseAgreement(text: string, file = "<agreement>"): LoadResult {
  const lines = new LineCounter();
  const notYaml = (message: string, offset: number): AgreementIssue => {
    const pos = lines.linePos(offset);
    return {
      severity: "error",
      kind: "format",
      at: [],
      message: `not valid YAML: ${message.split("\n")[0]}`,
      file,
      line: pos.line,
      column: pos.col,
    };
  };
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // The parser recurses for each level of nesting it closes: thousands overflow the stack (deeper nesting that
    // it reads, the composer reports as an error). Named at the last line read.
    if (!(e instanceof RangeError)) throw e;
    return {
      issues: [notYaml("nested too deeply to read, at or before this line", lines.lineStarts.at(-1) ?? 0)],
    };
  }
  if (doc.errors.length) return { issues: doc.errors.map((e) => notYaml(e.message, e.pos[0])) };
  let input: unknown;
  try {
    input = doc.toJS();
  } catch (e) {
    // Aliases are resolved only here: one to no anchor, or so many that they would expand without bound (a "billion
    // laughs"), throws. Reported at that alias.
    return { issues: [notYaml((e as Error).message, aliasAtFault(doc) ?? 0)] };
  }
  const { agreement, issues } = compileAgreement(input);
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
