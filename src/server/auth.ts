import type { FastifyReply, FastifyRequest } from "fastify";
import type { TokenInfo, TokenRole } from "../ledger/index.js";
import type { LedgerStore } from "../store/index.js";
import { ApiError } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The token a write was authorised by. */
    token?: TokenInfo;
  }
}

const RANK: Record<TokenRole, number> = { editor: 1, admin: 2 };

/**
 * A hook that lets a request through only with `Authorization: Bearer TOKEN` of a live token whose role is at
 * least `role`: 401 without a bearer token, 403 with an unknown, revoked or forged one (a row the token log does not
 * back) or a role too weak. It runs on `onRequest`, before the body is read.
 */
export function requireRole(store: LedgerStore, role: TokenRole) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!m) {
      void reply.header("WWW-Authenticate", 'Bearer realm="lockstep"');
      throw new ApiError(401, "this needs a token: send Authorization: Bearer TOKEN (lockstep token create)");
    }
    const found = await store.lookupToken(m[1]!);
    if ("refused" in found) throw new ApiError(403, found.refused);
    const token = found.token;
    if (RANK[token.role] < RANK[role])
      throw new ApiError(403, `this needs the ${role} role; the token has the ${token.role} role`);
    request.token = token;
  };
}
