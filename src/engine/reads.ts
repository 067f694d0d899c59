import type { Agreement } from "../agreement/index.js";
import type { EventMatcher, LedgerEvent } from "../model/index.js";
import type { Evaluation } from "./result.js";
import { diagnosisMatchers } from "./diagnose.js";
import { evaluate } from "./evaluate.js";
import { matchersOf } from "./machine.js";
import { looseOf } from "./outside-terms.js";

/**
 * The matchers an evaluation of `agreement` reads events through, each once. The engine's index keeps no event that
 * none of them matches, so an evaluation over the events they match is the evaluation over the whole view.
 */
export function evaluationMatchers(agreement: Agreement): EventMatcher[] {
  const byTerms = new Map<string, EventMatcher>();
  for (const m of matchersOf(agreement, looseOf)) byTerms.set(JSON.stringify(m), m);
  return [...byTerms.values()];
}

/**
 * The events an evaluation of `agreement` reads, gathered by the caller's query (a ledger's filters, compiled to
 * SQL), each once: a large ledger is then never read whole to evaluate one agreement.
 */
export async function eventsForEvaluation<E extends LedgerEvent>(
  agreement: Agreement,
  query: (matcher: EventMatcher) => Promise<readonly E[]>,
): Promise<E[]> {
  const byId = new Map<string, E>();
  for (const m of evaluationMatchers(agreement)) for (const e of await query(m)) byId.set(e.id, e);
  return [...byId.values()];
}

/**
 * An evaluation that reads a ledger through its filters: the events the agreement's matchers match, and, where one of
 * them matches nothing, the events its diagnosis counts (those meeting all its terms but one). The same answer as
 * `evaluate` over the whole view (test/engine/reads.test.ts), without reading a large ledger whole.
 */
export async function evaluateByQueries<E extends LedgerEvent>(
  agreement: Agreement,
  asOf: string,
  query: (matcher: EventMatcher) => Promise<readonly E[]>,
): Promise<Evaluation> {
  const read = await eventsForEvaluation(agreement, query);
  const first = evaluate(agreement, read, asOf);
  const more = diagnosisMatchers(agreement, first.warnings);
  if (more.length === 0) return first;
  const byId = new Map(read.map((e) => [e.id, e]));
  const asked = new Set<string>();
  for (const m of more) {
    const key = JSON.stringify(m);
    if (asked.has(key)) continue;
    asked.add(key);
    for (const e of await query(m)) byId.set(e.id, e);
  }
  return evaluate(agreement, [...byId.values()], asOf);
}
