import { createHash, randomBytes } from "node:crypto";
import type { Ledger } from "./ledger.js";
import {
  appendTokenRecord,
  replayTokenLog,
  unbackedReason,
  type ReplayedLog,
  type TokenRecord,
  type TokenRow as StoredRow,
} from "./token-log.js";

/** What a token may do: an editor may add events and imports; an admin may also manage tokens. */
export const TOKEN_ROLES = ["editor", "admin"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface TokenInfo {
  id: string;
  role: TokenRole;
  createdAt: string;
  revokedAt?: string;
  /** After this instant the token is refused, as if revoked. */
  expiresAt?: string;
}

/** What an unknown, revoked or expired token is told: nothing that tells them apart. */
export const UNKNOWN = { refused: "the token is not valid (unknown or revoked)" };

/** A token is 32 random bytes: its SHA-256 is what the ledger keeps, and what a presented token is looked up by. */
const PREFIX = "lst_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isTokenRole(role: string): role is TokenRole {
  return (TOKEN_ROLES as readonly string[]).includes(role);
}

/** A new token: the secret (returned once, never stored), its row of the tokens table and its log record. */
export function newToken(
  role: TokenRole,
  now: Date,
  expiresAt?: string,
): { created: TokenInfo & { token: string }; row: StoredRow; record: TokenRecord } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const id = "tok_" + randomBytes(6).toString("hex");
  const createdAt = now.toISOString();
  const hash = hashToken(token);
  return {
    created: { id, role, createdAt, ...(expiresAt ? { expiresAt } : {}), token },
    row: { id, hash, role, created_at: createdAt, revoked_at: null, expires_at: expiresAt ?? null },
    record: { action: "create", id, hash, role, createdAt, ...(expiresAt ? { expiresAt } : {}) },
  };
}

/** Creates a token; the token itself is returned once and never stored. */
export function createToken(
  ledger: Ledger,
  role: TokenRole,
  now = new Date(),
  expiresAt?: string,
): TokenInfo & { token: string } {
  const { created, row, record } = newToken(role, now, expiresAt);
  // The row and its log record together, the log's head read under the write lock (immediate).
  ledger.db
    .transaction(() => {
      ledger.db
        .prepare("INSERT INTO tokens (id, hash, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
        .run(row.id, row.hash, row.role, row.created_at, row.expires_at);
      appendTokenRecord(ledger.db, record);
    })
    .immediate();
  return created;
}

export interface TokenRow {
  id: string;
  role: TokenRole;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

export const tokenInfo = (r: TokenRow): TokenInfo => ({
  id: r.id,
  role: r.role,
  createdAt: r.created_at,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
});

export function listTokens(ledger: Ledger): TokenInfo[] {
  const rows = ledger.db
    .prepare("SELECT id, role, created_at, revoked_at, expires_at FROM tokens ORDER BY created_at, id")
    .all() as TokenRow[];
  return rows.map(tokenInfo);
}

/** Revokes a token; false when there is none with that id or it was already revoked. */
export function revokeToken(ledger: Ledger, id: string, now = new Date()): boolean {
  const revokedAt = now.toISOString();
  return ledger.db
    .transaction(() => {
      const changed =
        ledger.db
          .prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
          .run(revokedAt, id).changes > 0;
      if (changed) appendTokenRecord(ledger.db, { action: "revoke", id, revokedAt });
      return changed;
    })
    .immediate();
}

/** The live token a presented secret belongs to, if any (unknown, revoked, expired and forged tokens alike give undefined). */
export function findToken(ledger: Ledger, token: string, now = new Date()): TokenInfo | undefined {
  const found = lookupToken(ledger, token, now);
  return "token" in found ? found.token : undefined;
}

/**
 * The live token a presented secret belongs to, or why it is refused. A row of the tokens table counts only as the
 * token log tells it: a row inserted with SQL, a role raised or a revocation removed is refused, and so is every
 * token while the log's own chain is broken, since then no record of it can be trusted.
 */
export function lookupToken(
  ledger: Ledger,
  token: string,
  now = new Date(),
): { token: TokenInfo } | { refused: string } {
  if (!looksLikeToken(token)) return UNKNOWN;
  const row = ledger.db
    .prepare("SELECT id, hash, role, created_at, revoked_at, expires_at FROM tokens WHERE hash = ?")
    .get(hashToken(token)) as (StoredRow & { role: TokenRole }) | undefined;
  if (!row) return UNKNOWN;
  return judgeToken(row, replayTokenLog(ledger.db), now);
}

/** Whether a presented secret looks like a token at all (the prefix), before any lookup. */
export const looksLikeToken = (token: string) => token.startsWith(PREFIX);

/** The row a presented secret's hash found, judged against the token log and the clock. */
export function judgeToken(
  row: StoredRow & { role: TokenRole },
  log: ReplayedLog,
  now: Date,
): { token: TokenInfo } | { refused: string } {
  const unknown = UNKNOWN;
  if (!log.report.ok)
    return { refused: "the token log does not verify, so no token is accepted (run lockstep verify)" };
  if (unbackedReason(row, log.tokens.get(row.id)))
    return {
      refused: "the token was changed outside Lockstep: the token log does not back it (run lockstep verify)",
    };
  if (row.revoked_at) return unknown;
  if (row.expires_at !== null && row.expires_at <= now.toISOString()) return unknown;
  return { token: tokenInfo(row) };
}
