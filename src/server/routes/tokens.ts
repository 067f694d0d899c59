import type { FastifyInstance } from "fastify";
import { listTokens, revokeToken } from "../../ledger/index.js";
import type { ServerContext } from "../app.js";
import { requireRole } from "../auth.js";
import { ApiError } from "../errors.js";

export function registerTokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const admin = requireRole(ctx.ledger, "admin");
  app.get(
    "/api/tokens",
    {
      onRequest: admin,
      schema: {
        tags: ["tokens"],
        summary: "List tokens: ids, roles and dates, never the tokens (admin)",
        security: [{ bearer: [] }],
      },
    },
    async () => ({ tokens: listTokens(ctx.ledger) }),
  );
  app.delete<{ Params: { id: string } }>(
    "/api/tokens/:id",
    {
      onRequest: admin,
      schema: {
        tags: ["tokens"],
        summary: "Revoke a token (admin)",
        security: [{ bearer: [] }],
        params: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
      },
    },
    async (request) => {
      if (!(await ctx.write((writer) => revokeToken(writer, request.params.id))))
        throw new ApiError(404, `no live token ${request.params.id}`);
      return { revoked: request.params.id };
    },
  );
}
