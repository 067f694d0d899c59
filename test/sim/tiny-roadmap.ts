import { parseAgreement, type Agreement } from "../../src/agreement/index.js";
import {
  buildRoadmap,
  parseStrategyAssignments,
  simulateRoadmap,
  type RoadmapOverrides,
} from "../../src/sim/index.js";

/**
 * A two-party roadmap small enough to work out by hand: A's step, then B's (gated on A's), each owed to the other;
 * each keeps a freeze owed to the other. Phases: A's step performed, then B's. `extra` adds a simulation: section
 * or a window to B's step.
 */
export function tinyText(extra: { simulation?: string; bWindow?: string } = {}): string {
  return `
id: tiny
title: A tiny roadmap
status: proposed
effective: 2020-01-01
parties:
  - { id: A, role: party }
  - { id: B, role: party }
obligations:
  - { id: a-step, title: A's step, debtor: A, creditor: B, kind: perform, counts: actor=A type=dismantlement }
  - id: b-step
    title: B's step
    debtor: B
    creditor: A
    kind: perform
    counts: actor=B type=sanctions_relieved
${extra.bWindow ? `    window: { for: ${extra.bWindow} }\n` : ""}  - { id: a-freeze, title: A's freeze, debtor: A, creditor: B, kind: refrain, counts: actor=A type=nuclear_test }
  - { id: b-freeze, title: B's freeze, debtor: B, creditor: A, kind: refrain, counts: actor=B type=nuclear_test }
links:
  - { kind: gates, from: a-step, to: b-step }
phases:
  - { id: one, title: A's step performed, enters: { fulfilled: a-step } }
  - { id: two, title: B's step performed, enters: { fulfilled: b-step } }
${extra.simulation ?? ""}
`;
}

export const TINY = tinyText();

export function tiny(extra: { simulation?: string; bWindow?: string } = {}): Agreement {
  const r = parseAgreement(tinyText(extra), "tiny.yaml");
  const errors = r.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new Error(JSON.stringify(errors));
  return r.agreement!;
}

export function play(
  a: Agreement,
  strategies: string,
  overrides: RoadmapOverrides = {},
  options: { runs?: number; seed?: number } = {},
) {
  return simulateRoadmap(buildRoadmap(a, overrides), parseStrategyAssignments(strategies), {
    runs: options.runs ?? 20,
    seed: options.seed ?? 1,
  });
}
