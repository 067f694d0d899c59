import { matches, type EventMatcher, type LedgerEvent } from "../model/index.js";
import type { Ledger } from "./ledger.js";

export interface QueryOptions {
  /** Include superseded events and retractions: the ledger as it was written, not the current view. */
  history?: boolean;
}

export interface StoredEvent extends LedgerEvent {
  /** Position in the chain. */
  seq: number;
  recordedAt: string;
  /** Ids of later events that supersede this one (only filled with `history`). */
  supersededBy?: string[];
}

/**
 * Events matching a filter, in date order. The current view leaves out events that a later entry supersedes, and
 * retractions themselves; with `history` every entry is returned, marked with what superseded it.
 */
export function queryEvents(
  ledger: Ledger,
  matcher: EventMatcher = {},
  options: QueryOptions = {},
): StoredEvent[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (matcher.types?.length) {
    where.push(`e.type IN (${matcher.types.map(() => "?").join(",")})`);
    params.push(...matcher.types);
  }
  if (matcher.actors?.length) {
    where.push(`(${matcher.actors.map(() => "instr(e.actors, ?) > 0").join(" OR ")})`);
    params.push(...matcher.actors.map((a) => `|${a}|`));
  }
  if (matcher.targets?.length) {
    where.push(`(${matcher.targets.map(() => "instr(e.targets, ?) > 0").join(" OR ")})`);
    params.push(...matcher.targets.map((a) => `|${a}|`));
  }
  if (matcher.from) {
    where.push("e.date_last >= ?");
    params.push(matcher.from);
  }
  if (matcher.to) {
    where.push("e.date_first <= ?");
    params.push(matcher.to);
  }
  if (!options.history) {
    where.push("e.type <> 'retraction'");
    where.push("NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.old_id = e.id)");
  }
  const sql = `SELECT e.seq, e.recorded_at, e.body,
      (SELECT group_concat(n.id) FROM supersessions s JOIN entries n ON n.seq = s.new_seq WHERE s.old_id = e.id) AS superseded_by
    FROM entries e ${where.length ? "WHERE " + where.join(" AND ") : ""}
    ORDER BY e.date_first, e.seq`;
  const rows = ledger.db.prepare(sql).all(...params) as {
    seq: number;
    recorded_at: string;
    body: string;
    superseded_by: string | null;
  }[];
  const out: StoredEvent[] = [];
  for (const r of rows) {
    const e = JSON.parse(r.body) as LedgerEvent;
    if (!matches(matcher, e)) continue;
    out.push({
      ...e,
      seq: r.seq,
      recordedAt: r.recorded_at,
      ...(options.history && r.superseded_by ? { supersededBy: r.superseded_by.split(",") } : {}),
    });
  }
  return out;
}

export function countEntries(ledger: Ledger): number {
  return ledger.db.prepare("SELECT count(*) FROM entries").pluck().get() as number;
}

/** Events in the current view: neither superseded nor retractions. */
export function countCurrentEvents(ledger: Ledger): number {
  return ledger.db
    .prepare(
      "SELECT count(*) FROM entries e WHERE e.type <> 'retraction' AND NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.old_id = e.id)",
    )
    .pluck()
    .get() as number;
}

/** The sequence number of the last entry (0 for an empty ledger): it changes with every write. */
export function lastSeq(ledger: Ledger): number {
  return (ledger.db.prepare("SELECT max(seq) FROM entries").pluck().get() as number | null) ?? 0;
}
