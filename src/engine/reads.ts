import type { Agreement } from "../agreement/index.js";
import type { EventMatcher, LedgerEvent } from "../model/index.js";
import type { Evaluation } from "./result.js";
import { diagnosisMatchers } from "./diagnose.js";
import { evaluate } from "./evaluate.js";
import { matchersOf } from "./machine.js";
import { looseOf } from "./outside-terms.js";

/** Matchers written alike, once each. */
function unique(matchers: readonly EventMatcher[]): EventMatcher[] {
  const byTerms = new Map<string, EventMatcher>();
  for (const m of matchers) byTerms.set(JSON.stringify(m), m);
  return [...byTerms.values()];
}

/** Adds the events each matcher's query gives to `byId`, each event once. */
async function gather<E extends LedgerEvent>(
  matchers: readonly EventMatcher[],
  query: (matcher: EventMatcher) => Promise<readonly E[]>,
  byId = new Map<string, E>(),
): Promise<Map<string, E>> {
  for (const m of unique(matchers)) for (const e of await query(m)) byId.set(e.id, e);
  return byId;
}

/**
 * The matchers an evaluation of `agreement` reads events through, each once. The engine's index keeps no event that
 * none of them matches, so an evaluation over the events they match is the evaluation over the whole view.
 */
export function evaluationMatchers(agreement: Agreement): EventMatcher[] {
  return unique(matchersOf(agreement, looseOf));
}

/**
 * The events an evaluation of `agreement` reads, gathered by the caller's query (a ledger's filters, compiled to
 * SQL), each once: a large ledger is then never read whole to evaluate one agreement.
 */
export async function eventsForEvaluation<E extends LedgerEvent>(
  agreement: Agreement,
  query: (matcher: EventMatcher) => Promise<readonly E[]>,
): Promise<E[]> {
  return [...(await gather(evaluationMatchers(agreement), query)).values()];
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
  const read = await gather(evaluationMatchers(agreement), query);
  const first = evaluate(agreement, [...read.values()], asOf);
  const more = diagnosisMatchers(agreement, first.warnings);
  if (more.length === 0) return first;
  return evaluate(agreement, [...(await gather(more, query, read)).values()], asOf);
}
