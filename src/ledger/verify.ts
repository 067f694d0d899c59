import { canonicalJson, contentOf, eventId, type LedgerEvent } from "../model/index.js";
import { GENESIS, indexColumns, linkHash, type IndexColumns } from "./chain.js";
import type { Ledger } from "./ledger.js";

export interface BrokenEntry {
  seq: number;
  id: string;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  /** Hash of the last link: publish it to let others check that the ledger they get is the one you had. */
  head: string;
  firstBroken?: BrokenEntry;
}

/**
 * Recomputes the chain from the first entry: each body must be canonical, its id must be the hash of its content,
 * its query columns must agree with it, and each link must hash the one before. Stops at the first broken entry,
 * since every later link depends on it.
 */
export function verifyLedger(ledger: Ledger): VerifyReport {
  const rows = ledger.db
    .prepare(
      "SELECT seq, id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence FROM entries ORDER BY seq",
    )
    .iterate() as IterableIterator<IndexColumns & {
    seq: number;
    id: string;
    recorded_at: string;
    body: string;
    prev_hash: string;
    hash: string;
  }>;
  let prev = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  const broken = (seq: number, id: string, reason: string): VerifyReport => ({
    ok: false,
    entries,
    head: prev,
    firstBroken: { seq, id, reason },
  });
  for (const row of rows) {
    entries++;
    if (row.seq !== expectedSeq) return broken(row.seq, row.id, `entry ${expectedSeq} is missing`);
    if (row.prev_hash !== prev) return broken(row.seq, row.id, "its link to the previous entry does not match");
    let event: LedgerEvent;
    try {
      event = JSON.parse(row.body) as LedgerEvent;
    } catch {
      return broken(row.seq, row.id, "its body is not valid JSON");
    }
    if (canonicalJson(event) !== row.body) return broken(row.seq, row.id, "its body is not in canonical form");
    if (event.id !== row.id || eventId(contentOf(event)) !== row.id)
      return broken(row.seq, row.id, "its id does not match its content");
    const cols = indexColumns(event);
    for (const [k, v] of Object.entries(cols)) {
      if ((row as unknown as Record<string, unknown>)[k] !== v)
        return broken(row.seq, row.id, `its column ${k} does not match its body`);
    }
    if (linkHash(prev, row.seq, row.recorded_at, row.body) !== row.hash)
      return broken(row.seq, row.id, "its hash does not match its content");
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, entries, head: prev };
}
