/**
 * The error answers each route documents, every one with the one error body (errors.ts) and what the status means
 * there. Only statuses the code can give are listed; test/server/openapi.test.ts provokes each.
 */
import { errorBodySchema } from "../errors.js";
import type { Schema } from "./json-schema.js";

/** An error answer: the error body, with what the status means on this route. */
export function refusal(description: string, headers?: Record<string, Schema>): Schema {
  return { ...errorBodySchema, description, ...(headers ? { headers } : {}) };
}

/** @fastify/compress decodes a request's Content-Encoding on every route, and refuses one it does not know. */
const UNKNOWN_ENCODING = "a Content-Encoding the server cannot decode (it decodes gzip, deflate and br)";

/** Every route refuses a query parameter it does not take (app.ts) and an unknown Content-Encoding. */
export function requestErrors(
  badRequest = "a query parameter: this route takes none",
): Record<number, Schema> {
  return { 400: refusal(`${badRequest}; \`issues\` name each`), 415: refusal(UNKNOWN_ENCODING) };
}

/** A route behind a token (auth.ts). */
export function tokenErrors(role: "editor" | "admin"): Record<number, Schema> {
  return {
    401: refusal("no `Authorization: Bearer TOKEN` header", {
      "WWW-Authenticate": { type: "string", description: 'Bearer realm="lockstep"' },
    }),
    403: refusal(
      `a token that is unknown, revoked, expired or forged (its row not backed by the token log), or has a role below ${role}`,
    ),
  };
}

/** A route that reads a JSON body (or, for DELETE, any body sent); Fastify reads JSON and plain text only. */
export function jsonBodyErrors(limit: string): Record<number, Schema> {
  return {
    413: refusal(`a body over ${limit}`),
    415: refusal(
      `a body whose Content-Type is neither application/json nor text/plain, or ${UNKNOWN_ENCODING}`,
    ),
  };
}

/** A route that writes to the ledger (ServerContext.write). */
export const LEDGER_BUSY = refusal(
  "another process holds the ledger to write (a command-line import): nothing was done; try again after Retry-After",
  { "Retry-After": { type: "integer", description: "seconds to wait" } },
);

/** An analysis, run on the pool of threads (analysis-pool.ts). */
export const ANALYSIS_UNAVAILABLE = refusal(
  "the analysis ran past the server's time limit and was stopped (ask for less), too many analyses are waiting (Retry-After says when to try again), or the server is shutting down",
  { "Retry-After": { type: "integer", description: "seconds to wait, when analyses are waiting" } },
);

/** A regression the data cannot support as asked (RegressionError). */
export const CANNOT_ESTIMATE = refusal(
  "the series cannot support the estimate as asked: too few bins for the lags, a constant or empty series",
);
