import { canonicalJson, contentOf, eventId, type LedgerEvent } from "../model/index.js";
import { GENESIS, indexColumns, linkHash, type IndexColumns } from "./chain.js";
import { checkDatabase, type DatabaseReport } from "./database-check.js";
import { verifyImportLog } from "./import-log.js";
import type { Ledger } from "./ledger.js";
import type { LogReport } from "./log-chain.js";
import { verifyTokenLog } from "./token-log.js";

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
  /** The database under the chain (indexes, pages); absent when only the chain was checked (`quick`). */
  database?: DatabaseReport;
  /** The token log's chain and the tokens table against it; absent when only the chain was checked (`quick`). */
  tokens?: LogReport;
  /** The imports table's chain; absent when only the chain was checked (`quick`). */
  imports?: LogReport;
}

export interface VerifyOptions {
  /** The chain alone: skip the database check (the integrity check reads every page). */
  quick?: boolean;
  /**
   * Verify only the entries after this one, taking it as verified (its seq and hash, from an earlier report): the
   * server's health check, which cannot re-read a million entries a minute. Implies `quick`.
   */
  after?: { entries: number; head: string };
}

/**
 * Recomputes the chain from the first entry, then (unless `quick`) checks the database under it (database-check.ts)
 * and the token and import logs (token-log.ts, import-log.ts). In the chain, each body must be canonical, its id must be the hash of its content,
 * its query columns must agree with it, and each link must hash the one before. Stops at the first broken entry,
 * since every later link depends on it. Then the supersessions table must record exactly the supersessions the
 * bodies declare.
 */
export function verifyLedger(ledger: Ledger, options: VerifyOptions = {}): VerifyReport {
  const chain = verifyChain(ledger, options.after);
  if (options.quick || options.after) return chain;
  const database = checkDatabase(ledger);
  // Who may write (tokens) and what was imported are chained too, apart from the entries.
  const tokens = verifyTokenLog(ledger.db);
  const imports = verifyImportLog(ledger.db);
  return { ...chain, ok: chain.ok && database.ok && tokens.ok && imports.ok, database, tokens, imports };
}

function verifyChain(ledger: Ledger, after = { entries: 0, head: GENESIS }): VerifyReport {
  // From a verified point, that entry is read again too (its hash must be the one verified, and its body must still
  // give it), then everything after it: a cut, or an edit of that entry, is caught here.
  let prev = GENESIS;
  if (after.entries > 0) {
    const then = ledger.db
      .prepare("SELECT id, prev_hash, hash FROM entries WHERE seq = ?")
      .get(after.entries) as { id: string; prev_hash: string; hash: string } | undefined;
    if (then?.hash !== after.head)
      return {
        ok: false,
        entries: after.entries,
        head: after.head,
        firstBroken: {
          seq: after.entries,
          id: then?.id ?? "",
          reason: then ? "its hash is not the one verified earlier" : "it was verified earlier and is gone",
        },
      };
    prev = then.prev_hash;
  }
  const rows = ledger.db
    .prepare(
      "SELECT seq, id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence FROM entries WHERE seq >= ? ORDER BY seq",
    )
    // From the very first row, whatever its number: a row numbered 0 or below is no entry of the chain, and must
    // not sit there unseen while queries return it.
    .iterate(after.entries > 0 ? after.entries : Number.MIN_SAFE_INTEGER) as IterableIterator<
    IndexColumns & {
      seq: number;
      id: string;
      recorded_at: string;
      body: string;
      prev_hash: string;
      hash: string;
    }
  >;
  let expectedSeq = Math.max(1, after.entries);
  let entries = expectedSeq - 1;
  const broken = (seq: number, id: string, reason: string): VerifyReport => ({
    ok: false,
    entries,
    head: prev,
    firstBroken: { seq, id, reason },
  });
  /** "seq old_id" for each supersession the bodies declare, to check the supersessions table against. */
  const declared: string[] = [];
  for (const row of rows) {
    entries++;
    if (row.seq !== expectedSeq) return broken(row.seq, row.id, `entry ${expectedSeq} is missing`);
    if (row.prev_hash !== prev)
      return broken(row.seq, row.id, "its link to the previous entry does not match");
    let event: LedgerEvent;
    try {
      event = JSON.parse(row.body) as LedgerEvent;
    } catch {
      return broken(row.seq, row.id, "its body is not valid JSON");
    }
    if (canonicalJson(event) !== row.body)
      return broken(row.seq, row.id, "its body is not in canonical form");
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
    for (const old of event.supersedes ?? []) declared.push(`${row.seq} ${old}`);
  }
  // The current view hides what the supersessions table names, and that table is outside the chain: it must say
  // exactly what the bodies say, or a row added or removed there would hide or bring back events unnoticed.
  const problem = checkSupersessions(ledger, declared, Math.max(0, after.entries - 1));
  if (problem) {
    const id = ledger.db.prepare("SELECT id FROM entries WHERE seq = ?").pluck().get(problem.seq) as
      string | undefined;
    return broken(problem.seq, id ?? "", problem.reason);
  }
  return { ok: true, entries, head: prev };
}

function checkSupersessions(
  ledger: Ledger,
  declared: string[],
  afterSeq: number,
): { seq: number; reason: string } | undefined {
  const expected = new Map<string, number>();
  for (const key of declared) expected.set(key, (expected.get(key) ?? 0) + 1);
  const problems: { seq: number; reason: string }[] = [];
  const stored = ledger.db
    .prepare("SELECT new_seq, old_id FROM supersessions WHERE new_seq > ?")
    .all(afterSeq) as {
    new_seq: number;
    old_id: string;
  }[];
  for (const s of stored) {
    const key = `${s.new_seq} ${s.old_id}`;
    const n = expected.get(key) ?? 0;
    if (n > 0) expected.set(key, n - 1);
    else
      problems.push({
        seq: s.new_seq,
        reason: `the supersessions table says it supersedes ${s.old_id}, which its body does not`,
      });
  }
  for (const [key, n] of expected) {
    if (n === 0) continue;
    const [seq, old] = key.split(" ");
    problems.push({
      seq: Number(seq),
      reason: `it supersedes ${old}, which the supersessions table does not record`,
    });
  }
  return problems.sort((a, b) => a.seq - b.seq)[0];
}
