import type { FastifyInstance } from "fastify";
import { addDurationToInstant, parseDuration } from "../../agreement/duration.js";
import { TOKEN_ROLES, type TokenRole } from "../../ledger/index.js";
import type { ServerContext } from "../app.js";
import { requireRole } from "../auth.js";
import { ApiError } from "../errors.js";
import { jsonBodyErrors, LEDGER_BUSY, refusal, requestErrors, tokenErrors } from "../schemas/errors.js";
import { tokenCreatedAnswer, tokenListAnswer, tokenRevokedAnswer } from "../schemas/tokens.js";

export function registerTokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const admin = requireRole(ctx.tokens, "admin");
  app.post<{ Body: { role: TokenRole; expires?: string } }>(
    "/api/tokens",
    {
      onRequest: admin,
      schema: {
        tags: ["tokens"],
        summary: "Create a token (admin); the token is shown only in this response",
        description:
          "As `lockstep token create --role ROLE --json`: 201 with `{id, role, createdAt, token}`. `token` is the bearer token, shown this once only: keep it; the ledger stores only its SHA-256, so it cannot be shown again (`GET /api/tokens` lists ids, roles and dates). `id` is what `DELETE /api/tokens/:id` revokes.",
        security: [{ bearer: [] }],
        body: {
          type: "object",
          additionalProperties: false,
          required: ["role"],
          properties: {
            // No `type: "string"`: Fastify's Ajv would coerce `["admin"]` to "admin"; the enum alone admits only these.
            role: {
              enum: [...TOKEN_ROLES],
              description: "editor (may add events and imports) or admin (may also manage tokens)",
            },
            expires: {
              type: "string",
              description: "the token stops working after this long: P90D, P2W, P6M, P1Y (default: never)",
            },
          },
        },
        response: {
          201: tokenCreatedAnswer,
          ...requestErrors(
            "a body that is not `{role, expires?}`, a role that is not editor or admin, an `expires` that is no duration or ends after 9999, or a query parameter",
          ),
          ...tokenErrors("admin"),
          ...jsonBodyErrors("the server's body limit (1 MiB by default)"),
          503: LEDGER_BUSY,
        },
      },
    },
    async (request, reply) => {
      const now = new Date();
      let expiresAt: string | undefined;
      if (request.body.expires !== undefined) {
        const d = parseDuration(request.body.expires);
        if (!d || d.years + d.months + d.days === 0)
          throw new ApiError(400, `expires must be a duration such as P90D, P2W, P6M or P1Y`, [
            {
              kind: "format",
              path: "expires",
              message: "not an ISO 8601 duration of days, weeks, months or years",
              received: request.body.expires,
            },
          ]);
        try {
          expiresAt = addDurationToInstant(now, d);
        } catch {
          throw new ApiError(400, `expires ${request.body.expires} ends after the year 9999`, [
            {
              kind: "validation",
              path: "expires",
              message: "ends after the year 9999",
              received: request.body.expires,
            },
          ]);
        }
      }
      const made = await ctx.write((writer) => writer.createToken(request.body.role, now, expiresAt));
      return reply.status(201).header("Cache-Control", "no-store").send(made);
    },
  );
  app.get(
    "/api/tokens",
    {
      onRequest: admin,
      schema: {
        tags: ["tokens"],
        summary: "List tokens: ids, roles and dates, never the tokens (admin)",
        security: [{ bearer: [] }],
        response: { 200: tokenListAnswer, ...requestErrors(), ...tokenErrors("admin") },
      },
    },
    async () => ({ tokens: await ctx.tokens.listTokens() }),
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
        response: {
          200: tokenRevokedAnswer,
          ...requestErrors(),
          ...tokenErrors("admin"),
          404: refusal("no live token with this id (unknown, or revoked already)"),
          // A DELETE's body is read, if one is sent, and nothing else: bounded, and JSON.
          ...jsonBodyErrors("the server's body limit (1 MiB by default)"),
          503: LEDGER_BUSY,
        },
      },
    },
    async (request) => {
      if (!(await ctx.write((writer) => writer.revokeToken(request.params.id))))
        throw new ApiError(404, `no live token ${request.params.id}`);
      return { revoked: request.params.id };
    },
  );
}
