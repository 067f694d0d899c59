import type Database from "better-sqlite3";
import { GENESIS, linkHash } from "./chain.js";

/**
 * The token log and the import log are hash chains like the entries': each record's hash covers its number, its
 * time, its canonical body and the hash before it (linkHash), so a record changed, removed or moved outside
 * Lockstep breaks every link after it.
 */
export interface LogReport {
  ok: boolean;
  /** False on a ledger from before schema 5, which keeps no such log yet (any command that writes adds it). */
  kept: boolean;
  records: number;
  /** Hash of the last record (64 zeros when there is none): a checkpoint signs it. */
  head: string;
  /** What is wrong, in words; empty when ok. */
  problems: string[];
}

/** A stored record: its number (`seq`, or an import's `id`), time, body and links. */
export interface LinkedRow {
  seq: number;
  recorded_at: string;
  body: string;
  prev_hash: string | null;
  hash: string | null;
}

export interface WalkedLog {
  records: number;
  head: string;
  /** The first broken link, in words; the records from it on cannot be trusted. */
  broken?: string;
  /** The bodies of the records before the first broken one, in order. */
  bodies: string[];
}

/** Follows a log's links from the first record, stopping at the first that does not hold. */
export function walkLog(rows: Iterable<LinkedRow>, name: (seq: number) => string): WalkedLog {
  let head = GENESIS;
  let records = 0;
  const bodies: string[] = [];
  for (const row of rows) {
    records++;
    if (row.prev_hash !== head)
      return {
        records,
        head,
        bodies,
        broken: `${name(row.seq)}: its link to the record before does not match`,
      };
    if (linkHash(head, row.seq, row.recorded_at, row.body) !== row.hash)
      return { records, head, bodies, broken: `${name(row.seq)}: its hash does not match its content` };
    head = row.hash;
    bodies.push(row.body);
  }
  return { records, head, bodies };
}

export function tableExists(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/** Whether the ledger's schema has the token and import logs (migration 5): if so, a missing one was removed. */
export function logsRequired(db: Database.Database): boolean {
  return (db.pragma("user_version", { simple: true }) as number) >= 5;
}

/** A log the schema has and the file does not: taken away outside Lockstep. */
export function logRemoved(what: string): LogReport {
  return {
    ok: false,
    kept: false,
    records: 0,
    head: GENESIS,
    problems: [`the ${what} is gone, though this ledger's schema keeps one: removed outside Lockstep`],
  };
}

/** What a ledger from before schema 5 reports: no log, nothing wrong with it. */
export const NOT_KEPT: LogReport = { ok: true, kept: false, records: 0, head: GENESIS, problems: [] };
