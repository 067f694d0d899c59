import type Database from "better-sqlite3";
import { canonicalJson } from "../model/index.js";
import { GENESIS, linkHash } from "./chain.js";
import {
  logRemoved,
  logsRequired,
  NOT_KEPT,
  tableExists,
  walkLog,
  type LinkedRow,
  type LogReport,
} from "./log-chain.js";

/**
 * The token log (schema 5): every token created or revoked through Lockstep, hash-chained. The tokens table is what
 * requests are looked up in; a row the log does not back (inserted with SQL, its role raised, its revocation
 * removed) is refused and reported by `lockstep verify`.
 */
export type TokenRecord =
  | {
      action: "create";
      id: string;
      /** SHA-256 of the token, as the tokens table keeps it: never the token. */
      hash: string;
      role: string;
      createdAt: string;
      expiresAt?: string;
      /** Written by migration 5 from a row that existed then: it vouches for that row as it was found. */
      backfilled?: true;
    }
  | { action: "revoke"; id: string; revokedAt: string; backfilled?: true };

/** A token as the log tells it. */
export interface LoggedToken {
  created?: { hash: string; role: string; createdAt: string; expiresAt?: string };
  revokedAt?: string;
}

/** A row of the tokens table. */
export interface TokenRow {
  id: string;
  hash: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

const recordTime = (r: TokenRecord) => (r.action === "create" ? r.createdAt : r.revokedAt);

/** The log's next row after `last` (its head, undefined when empty), recording `record`. */
export function tokenLogRow(
  last: { seq: number; hash: string } | undefined,
  record: TokenRecord,
): LinkedRow & {
  prev_hash: string;
  hash: string;
} {
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS;
  const at = recordTime(record);
  const body = canonicalJson(record);
  return { seq, recorded_at: at, body, prev_hash: prev, hash: linkHash(prev, seq, at, body) };
}

/** Appends a record; the caller holds the write transaction that also changes the tokens table. */
export function appendTokenRecord(db: Database.Database, record: TokenRecord): void {
  const last = db.prepare("SELECT seq, hash FROM token_log ORDER BY seq DESC LIMIT 1").get() as
    { seq: number; hash: string } | undefined;
  const row = tokenLogRow(last, record);
  db.prepare("INSERT INTO token_log (seq, recorded_at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?)").run(
    row.seq,
    row.recorded_at,
    row.body,
    row.prev_hash,
    row.hash,
  );
}

export interface ReplayedLog {
  report: LogReport;
  /** Each token the log names, by id, from the records before any broken link. */
  tokens: Map<string, LoggedToken>;
}

/** Reads the token log from its first record: its chain, and what it says of each token. */
export function replayTokenLog(db: Database.Database): ReplayedLog {
  if (!tableExists(db, "token_log"))
    return { report: logsRequired(db) ? logRemoved("token log") : NOT_KEPT, tokens: new Map() };
  const rows = db
    .prepare("SELECT seq, recorded_at, body, prev_hash, hash FROM token_log ORDER BY seq")
    .iterate() as IterableIterator<LinkedRow>;
  return replayTokenRows(rows);
}

/** The token log's records (in order of seq), replayed: its chain, and what it says of each token. */
export function replayTokenRows(rows: Iterable<LinkedRow>): ReplayedLog {
  const walked = walkLog(rows, (seq) => `token log record ${seq}`);
  const tokens = new Map<string, LoggedToken>();
  const problems = walked.broken ? [walked.broken] : [];
  walked.bodies.forEach((body, i) => {
    const problem = apply(tokens, body);
    if (problem) problems.push(`token log record ${i + 1}: ${problem}`);
  });
  return {
    report: { ok: problems.length === 0, kept: true, records: walked.records, head: walked.head, problems },
    tokens,
  };
}

function apply(tokens: Map<string, LoggedToken>, body: string): string | undefined {
  let r: TokenRecord;
  try {
    r = JSON.parse(body) as TokenRecord;
  } catch {
    return "its body is not valid JSON";
  }
  const t = tokens.get(r.id) ?? {};
  if (r.action === "create") {
    if (t.created) return `it creates ${r.id} a second time`;
    t.created = {
      hash: r.hash,
      role: r.role,
      createdAt: r.createdAt,
      ...(r.expiresAt ? { expiresAt: r.expiresAt } : {}),
    };
  } else if (r.action === "revoke") {
    // A revocation only takes rights away: one of a token the log never created is kept, not an error.
    if (t.revokedAt) return `it revokes ${r.id} a second time`;
    t.revokedAt = r.revokedAt;
  } else return `its action is neither create nor revoke`;
  tokens.set(r.id, t);
  return undefined;
}

/** Why a row of the tokens table is not what the token log says, if it is not. */
export function unbackedReason(row: TokenRow, logged: LoggedToken | undefined): string | undefined {
  const c = logged?.created;
  if (!c)
    return `token ${row.id} is in the tokens table but was never created through Lockstep (no token log record)`;
  if (c.hash !== row.hash) return `token ${row.id}: its hash in the tokens table is not the one logged`;
  if (c.role !== row.role)
    return `token ${row.id}: its role is ${row.role} in the tokens table but ${c.role} in the token log`;
  if (c.createdAt !== row.created_at)
    return `token ${row.id}: its creation time in the tokens table is not the one logged`;
  if ((c.expiresAt ?? null) !== row.expires_at)
    return `token ${row.id}: its expiry is ${row.expires_at ?? "never"} in the tokens table but ${c.expiresAt ?? "never"} in the token log`;
  if (logged.revokedAt && row.revoked_at !== logged.revokedAt)
    return row.revoked_at
      ? `token ${row.id}: its revocation time in the tokens table is not the one logged`
      : `token ${row.id}: its revocation (logged at ${logged.revokedAt}) is missing from the tokens table`;
  if (!logged.revokedAt && row.revoked_at)
    return `token ${row.id} is revoked in the tokens table but not in the token log`;
  return undefined;
}

export const TOKEN_COLUMNS = "id, hash, role, created_at, revoked_at, expires_at";

/** The token log's chain, then the tokens table against it: each row backed, each logged token present. */
export function verifyTokenLog(db: Database.Database): LogReport {
  const log = replayTokenLog(db);
  if (!log.report.kept || log.report.problems.length) return log.report;
  return checkTokenTable(
    log,
    db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`).all() as TokenRow[],
  );
}

/** The tokens table (its rows) against the replayed log: each row backed, each logged token present. */
export function checkTokenTable({ report, tokens }: ReplayedLog, rows: TokenRow[]): LogReport {
  const problems = rows.flatMap((row) => unbackedReason(row, tokens.get(row.id)) ?? []);
  const present = new Set(rows.map((r) => r.id));
  for (const [id, t] of tokens)
    if (t.created && !present.has(id))
      problems.push(`token ${id} is in the token log but missing from the tokens table`);
  return { ...report, ok: problems.length === 0, problems };
}

/**
 * Migration 5: the tokens a ledger already has enter the log in the order they happened, creations and
 * revocations alike, each marked as backfilled.
 */
export function backfillTokenLog(db: Database.Database): void {
  const rows = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens`).all() as TokenRow[];
  const records: TokenRecord[] = [];
  for (const r of rows) {
    records.push({
      action: "create",
      id: r.id,
      hash: r.hash,
      role: r.role,
      createdAt: r.created_at,
      ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
      backfilled: true,
    });
    if (r.revoked_at) records.push({ action: "revoke", id: r.id, revokedAt: r.revoked_at, backfilled: true });
  }
  const order = (r: TokenRecord) => `${recordTime(r)} ${r.action === "create" ? 0 : 1} ${r.id}`;
  records.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  for (const r of records) appendTokenRecord(db, r);
}
