import type pg from "pg";
import {
  hashToken,
  judgeToken,
  looksLikeToken,
  newToken,
  tokenInfo,
  UNKNOWN,
  type TokenInfo,
  type TokenRole,
  type TokenRow,
} from "../../ledger/tokens.js";
import { replayTokenRows, tokenLogRow, type TokenRecord } from "../../ledger/token-log.js";
import type { LinkedRow } from "../../ledger/log-chain.js";
import { inTransaction, takeLock } from "./pool.js";

/** Tokens on PostgreSQL: the same rows and token log as on SQLite (src/ledger/tokens.ts, token-log.ts). */

/** Appends to the token log, under its lock (held until the caller's transaction ends). */
async function appendTokenRecord(client: pg.ClientBase, record: TokenRecord): Promise<void> {
  await takeLock(client, "tokenLog");
  const last = await client.query<{ seq: number; hash: string }>(
    "SELECT seq, hash FROM token_log ORDER BY seq DESC LIMIT 1",
  );
  const row = tokenLogRow(last.rows[0], record);
  await client.query(
    "INSERT INTO token_log (seq, recorded_at, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5)",
    [row.seq, row.recorded_at, row.body, row.prev_hash, row.hash],
  );
}

export function createToken(
  pool: pg.Pool,
  role: TokenRole,
  now = new Date(),
  expiresAt?: string,
): Promise<TokenInfo & { token: string }> {
  const { created, row, record } = newToken(role, now, expiresAt);
  return inTransaction(pool, async (client) => {
    await client.query(
      "INSERT INTO tokens (id, hash, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
      [row.id, row.hash, row.role, row.created_at, row.expires_at],
    );
    await appendTokenRecord(client, record);
    return created;
  });
}

export async function listTokens(pool: pg.Pool): Promise<TokenInfo[]> {
  const rows = await pool.query<TokenRow>(
    "SELECT id, role, created_at, revoked_at, expires_at FROM tokens ORDER BY created_at, id",
  );
  return rows.rows.map(tokenInfo);
}

export function revokeToken(pool: pg.Pool, id: string, now = new Date()): Promise<boolean> {
  const revokedAt = now.toISOString();
  return inTransaction(pool, async (client) => {
    // The log's lock first, as SQLite takes the file's: revocations line up, and a busy ledger is said as busy
    // even for a token that is not there (the lock is taken again, at no cost, by appendTokenRecord).
    await takeLock(client, "tokenLog");
    const changed = await client.query(
      "UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
      [revokedAt, id],
    );
    if (!changed.rowCount) return false;
    await appendTokenRecord(client, { action: "revoke", id, revokedAt });
    return true;
  });
}

export async function lookupToken(
  pool: pg.Pool,
  token: string,
  now = new Date(),
): Promise<{ token: TokenInfo } | { refused: string }> {
  if (!looksLikeToken(token)) return UNKNOWN;
  const found = await pool.query<TokenRow & { hash: string }>(
    "SELECT id, hash, role, created_at, revoked_at, expires_at FROM tokens WHERE hash = $1",
    [hashToken(token)],
  );
  const row = found.rows[0];
  if (!row) return UNKNOWN;
  const log = await pool.query<LinkedRow>(
    "SELECT seq, recorded_at, body, prev_hash, hash FROM token_log ORDER BY seq",
  );
  return judgeToken(row, replayTokenRows(log.rows), now);
}
