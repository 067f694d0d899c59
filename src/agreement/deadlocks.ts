import type { Condition, Link, Obligation } from "./agreement.js";
import { err, type Path } from "./checker.js";
import type { AgreementIssue } from "./issues.js";

export function referencedObligations(c: Condition): string[] {
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
 * together, so they count as one. `at` gives where each obligation is written, to point at it.
 */
export function findDeadlocks(
  obligations: Obligation[],
  links: Link[],
  placeOf: (kind: "obligation" | "link", index: number) => number,
): AgreementIssue[] {
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
    if (l.kind === "gates" || l.kind === "unlocks") add(l.to, l.from, ["links", placeOf("link", i)]);
  });
  obligations.forEach((o, i) => {
    for (const ref of referencedObligations(o.start))
      add(o.id, ref, ["obligations", placeOf("obligation", i), "start"]);
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
  for (const o of obligations) visit(find(o.id), ["obligations"]);
  return issues;
}
