import { hash } from "node:crypto";
import { parsePartialDate, type LedgerEvent } from "../model/index.js";

/** The hash before the first entry. */
export const GENESIS = "0".repeat(64);

/**
 * Each entry's link covers its position, when it was recorded, its canonical body and the previous link, so that
 * changing, removing or reordering any stored entry breaks every link after it.
 */
export function linkHash(prevHash: string, seq: number, recordedAt: string, body: string): string {
  return hash("sha256", `${prevHash}\n${seq}\n${recordedAt}\n${body}`);
}

/** The entries table's columns, in the order every engine inserts them (entryRow gives a row in this order). */
export const ENTRY_COLUMNS = [
  "seq",
  "id",
  "recorded_at",
  "body",
  "prev_hash",
  "hash",
  "type",
  "date_first",
  "date_last",
  "actors",
  "targets",
  "count",
  "confidence",
] as const;

/** An entry's values in ENTRY_COLUMNS' order: its place in the chain, its body and the query columns beside it. */
export function entryRow(
  e: { id: string; body: string; columns: IndexColumns },
  seq: number,
  prevHash: string,
  hash: string,
  recordedAt: string,
): unknown[] {
  const c = e.columns;
  return [
    seq,
    e.id,
    recordedAt,
    e.body,
    prevHash,
    hash,
    c.type,
    c.date_first,
    c.date_last,
    c.actors,
    c.targets,
    c.count,
    c.confidence,
  ];
}

/** Query columns stored beside the body; `lockstep verify` checks they still agree with it. */
export interface IndexColumns {
  type: string;
  date_first: string;
  date_last: string;
  actors: string;
  targets: string;
  count: number;
  confidence: string;
}

export function indexColumns(e: LedgerEvent): IndexColumns {
  const span = parsePartialDate(e.date)!;
  return {
    type: e.type,
    date_first: span.first,
    date_last: span.last,
    actors: `|${e.actors.join("|")}|`,
    targets: e.targets?.length ? `|${e.targets.join("|")}|` : "",
    count: e.count,
    confidence: e.confidence,
  };
}
