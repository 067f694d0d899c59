import type { EventMatcher } from "../model/index.js";
import type { LedgerStore } from "./store.js";

/**
 * The actor codes to check filters against (filterIssues, checkMatcherActors): when every code the filters name is in
 * the ledger, those codes, found one query each; otherwise every code the ledger has, so that the message can say
 * which was meant. The ledger's whole list costs a read of every entry's actors (seconds on millions of entries),
 * paid only when a filter names a code the ledger lacks.
 */
export async function actorsToCheck(
  store: Pick<LedgerStore, "actorsPresent" | "ledgerActors">,
  matchers: readonly EventMatcher[],
): Promise<string[]> {
  const named = [
    ...new Set(matchers.flatMap((m) => [...(m.actors ?? []), ...(m.with ?? []), ...(m.targets ?? [])])),
  ];
  const present = await store.actorsPresent(named);
  if (present.length === named.length) return present;
  return (await store.ledgerActors({ history: true })).map((a) => a.code);
}
