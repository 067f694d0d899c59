import { createHash, randomBytes } from "node:crypto";
import type { Ledger } from "./ledger.js";

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

/** A token is 32 random bytes: its SHA-256 is what the ledger keeps, and what a presented token is looked up by. */
const PREFIX = "lst_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isTokenRole(role: string): role is TokenRole {
  return (TOKEN_ROLES as readonly string[]).includes(role);
}

/** Creates a token; the token itself is returned once and never stored. */
export function createToken(
  ledger: Ledger,
  role: TokenRole,
  now = new Date(),
  expiresAt?: string,
): TokenInfo & { token: string } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const id = "tok_" + randomBytes(6).toString("hex");
  const createdAt = now.toISOString();
  ledger.db
    .prepare("INSERT INTO tokens (id, hash, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
    .run(id, hashToken(token), role, createdAt, expiresAt ?? null);
  return { id, role, createdAt, ...(expiresAt ? { expiresAt } : {}), token };
}

interface TokenRow {
  id: string;
  role: TokenRole;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

const info = (r: TokenRow): TokenInfo => ({
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
  return rows.map(info);
}

/** Revokes a token; false when there is none with that id or it was already revoked. */
export function revokeToken(ledger: Ledger, id: string, now = new Date()): boolean {
  return (
    ledger.db
      .prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
      .run(now.toISOString(), id).changes > 0
  );
}

/** The live token a presented secret belongs to, if any (unknown, revoked and expired tokens alike give undefined). */
export function findToken(ledger: Ledger, token: string, now = new Date()): TokenInfo | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const row = ledger.db
    .prepare(
      "SELECT id, role, created_at, revoked_at, expires_at FROM tokens WHERE hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
    )
    .get(hashToken(token), now.toISOString()) as TokenRow | undefined;
  return row ? info(row) : undefined;
}
