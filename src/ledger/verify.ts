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

/** The columns of an entry the chain check reads, in the order of the table. */
export const CHAIN_COLUMNS =
  "seq, id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence";

/** An entry as stored, as the chain check reads it. */
export type ChainRow = IndexColumns & {
  seq: number;
  id: string;
  recorded_at: string;
  body: string;
  prev_hash: string;
  hash: string;
};

/** Where a check resumes (`after`): the entry verified then, as it is now; a report when that entry changed. */
export function resumeFrom(
  after: { entries: number; head: string },
  then: { id: string; prev_hash: string; hash: string } | undefined,
): { prev: string } | { report: VerifyReport } {
  if (then?.hash === after.head) return { prev: then.prev_hash };
  return {
    report: {
      ok: false,
      entries: after.entries,
      head: after.head,
      firstBroken: {
        seq: after.entries,
        id: then?.id ?? "",
        reason: then ? "its hash is not the one verified earlier" : "it was verified earlier and is gone",
      },
    },
  };
}

/**
 * The chain walked entry by entry, whatever the engine reads it from: `step` each row in order of seq (from the
 * first row, whatever its number, or from the verified point), then check the supersessions table with
 * `supersessions`. In the chain, each body must be canonical, its id must be the hash of its content, its query
 * columns must agree with it, and each link must hash the one before.
 */
export class ChainWalk {
  entries: number;
  prev: string;
  private expectedSeq: number;
  private readonly firstSeq: number;
  /** "seq old_id" for each supersession the bodies declare, to check the supersessions table against. */
  private readonly declared: string[] = [];

  constructor(after: { entries: number } = { entries: 0 }, prev = GENESIS) {
    this.expectedSeq = this.firstSeq = Math.max(1, after.entries);
    this.entries = this.expectedSeq - 1;
    this.prev = prev;
  }

  /** The seq the supersessions table is read after (`new_seq > since`). */
  get since(): number {
    return Math.max(0, this.firstSeq - 1);
  }

  broken(seq: number, id: string, reason: string): VerifyReport {
    return { ok: false, entries: this.entries, head: this.prev, firstBroken: { seq, id, reason } };
  }

  /** Checks the next entry; a report when it breaks the chain (stop there: every later link depends on it). */
  step(row: ChainRow): VerifyReport | undefined {
    this.entries++;
    if (row.seq !== this.expectedSeq)
      return this.broken(row.seq, row.id, `entry ${this.expectedSeq} is missing`);
    if (row.prev_hash !== this.prev)
      return this.broken(row.seq, row.id, "its link to the previous entry does not match");
    let event: LedgerEvent;
    try {
      event = JSON.parse(row.body) as LedgerEvent;
    } catch {
      return this.broken(row.seq, row.id, "its body is not valid JSON");
    }
    if (canonicalJson(event) !== row.body)
      return this.broken(row.seq, row.id, "its body is not in canonical form");
    if (event.id !== row.id || eventId(contentOf(event)) !== row.id)
      return this.broken(row.seq, row.id, "its id does not match its content");
    const cols = indexColumns(event);
    for (const [k, v] of Object.entries(cols)) {
      if ((row as unknown as Record<string, unknown>)[k] !== v)
        return this.broken(row.seq, row.id, `its column ${k} does not match its body`);
    }
    if (linkHash(this.prev, row.seq, row.recorded_at, row.body) !== row.hash)
      return this.broken(row.seq, row.id, "its hash does not match its content");
    this.prev = row.hash;
    this.expectedSeq++;
    for (const old of event.supersedes ?? []) this.declared.push(`${row.seq} ${old}`);
    return undefined;
  }

  /**
   * The current view hides what the supersessions table names, and that table is outside the chain: it must say
   * exactly what the bodies say, or a row added or removed there would hide or bring back events unnoticed. Given
   * the table's rows after `since`; the first problem, if any.
   */
  supersessions(stored: { new_seq: number; old_id: string }[]): { seq: number; reason: string } | undefined {
    const expected = new Map<string, number>();
    for (const key of this.declared) expected.set(key, (expected.get(key) ?? 0) + 1);
    const problems: { seq: number; reason: string }[] = [];
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

  intact(): VerifyReport {
    return { ok: true, entries: this.entries, head: this.prev };
  }
}

function verifyChain(ledger: Ledger, after = { entries: 0, head: GENESIS }): VerifyReport {
  // From a verified point, that entry is read again too (its hash must be the one verified, and its body must still
  // give it), then everything after it: a cut, or an edit of that entry, is caught here.
  let prev = GENESIS;
  if (after.entries > 0) {
    const then = ledger.db
      .prepare("SELECT id, prev_hash, hash FROM entries WHERE seq = ?")
      .get(after.entries) as { id: string; prev_hash: string; hash: string } | undefined;
    const resumed = resumeFrom(after, then);
    if ("report" in resumed) return resumed.report;
    prev = resumed.prev;
  }
  const rows = ledger.db
    .prepare(`SELECT ${CHAIN_COLUMNS} FROM entries WHERE seq >= ? ORDER BY seq`)
    // From the very first row, whatever its number: a row numbered 0 or below is no entry of the chain, and must
    // not sit there unseen while queries return it.
    .iterate(after.entries > 0 ? after.entries : Number.MIN_SAFE_INTEGER) as IterableIterator<ChainRow>;
  const walk = new ChainWalk(after, prev);
  for (const row of rows) {
    const broken = walk.step(row);
    if (broken) return broken;
  }
  const stored = ledger.db
    .prepare("SELECT new_seq, old_id FROM supersessions WHERE new_seq > ?")
    .all(walk.since) as { new_seq: number; old_id: string }[];
  const problem = walk.supersessions(stored);
  if (problem) {
    const id = ledger.db.prepare("SELECT id FROM entries WHERE seq = ?").pluck().get(problem.seq) as
      string | undefined;
    return walk.broken(problem.seq, id ?? "", problem.reason);
  }
  return walk.intact();
}
