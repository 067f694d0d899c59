import { parseAgreement, type Agreement } from "../../src/agreement/index.js";
import {
  buildRoadmap,
  parseStrategyAssignments,
  simulateRoadmap,
  type RoadmapOverrides,
} from "../../src/sim/index.js";

/**
 * The two-party roadmap of roadmap.test.ts, small enough to work out by hand: A's step, then B's (gated on A's),
 * each owed to the other; each keeps a freeze owed to the other. Phases: A's step performed, then B's.
 */
export const TINY = `
id: tiny
title: A tiny roadmap
status: proposed
effective: 2020-01-01
parties:
  - { id: A, role: party }
  - { id: B, role: party }
obligations:
  - { id: a-step, title: A's step, debtor: A, creditor: B, kind: perform, counts: actor=A type=dismantlement }
  - { id: b-step, title: B's step, debtor: B, creditor: A, kind: perform, counts: actor=B type=sanctions_relieved }
  - { id: a-freeze, title: A's freeze, debtor: A, creditor: B, kind: refrain, counts: actor=A type=nuclear_test }
  - { id: b-freeze, title: B's freeze, debtor: B, creditor: A, kind: refrain, counts: actor=B type=nuclear_test }
links:
  - { kind: gates, from: a-step, to: b-step }
phases:
  - { id: one, title: A's step performed, enters: { fulfilled: a-step } }
  - { id: two, title: B's step performed, enters: { fulfilled: b-step } }
`;

export function tiny(): Agreement {
  const r = parseAgreement(TINY, "tiny.yaml");
  if (r.issues.some((i) => i.severity === "error")) throw new Error(JSON.stringify(r.issues));
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
