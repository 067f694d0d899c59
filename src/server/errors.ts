import type { FastifyError, FastifyInstance } from "fastify";
import { LedgerBusyError } from "../ledger/index.js";
import { isBusy } from "../ledger/ledger.js";
import { InputError, ParameterError, type Issue, type RecordLocation } from "../model/index.js";

/** One problem with a request, as the API reports it: `path` names the field (`sources.0.url`, `limit`). */
export interface ApiIssue {
  path?: string;
  message: string;
  kind?: Issue["kind"];
  expected?: string;
  received?: string;
  /** For an import: the record (line, or key) in the uploaded file. */
  record?: string;
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: string;
  issues?: ApiIssue[];
}

/** An error with the HTTP status it is reported with. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: ApiIssue[],
    /** Headers the answer carries (Retry-After on a busy server). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function apiIssue(issue: Issue, where?: RecordLocation): ApiIssue {
  const { kind, message, path, expected, received } = issue;
  return {
    ...(path !== undefined ? { path } : {}),
    message,
    kind,
    ...(expected !== undefined ? { expected } : {}),
    ...(received !== undefined ? { received } : {}),
    ...(where ? { record: where.record } : {}),
  };
}

/** The body of every error response (ApiErrorBody), as the API's documentation and its tests state it. */
export const errorBodySchema = {
  type: "object",
  additionalProperties: false,
  required: ["error"],
  properties: {
    error: { type: "string" },
    issues: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["message"],
        properties: {
          path: { type: "string", description: "the field at fault: `limit`, `sources.0.url`, `1.date`" },
          message: { type: "string" },
          kind: { type: "string" },
          expected: { type: "string" },
          received: { type: "string" },
          record: { type: "string" },
        },
      },
    },
  },
} as const;

/** `/querystring/limit` or `/body/0/date` (Ajv) as `limit`, `0.date`; a missing property adds its name. */
function ajvPath(v: { instancePath: string; params: Record<string, unknown> }): string {
  const parts = v.instancePath.split("/").filter(Boolean);
  if (typeof v.params.missingProperty === "string") parts.push(v.params.missingProperty);
  if (typeof v.params.additionalProperty === "string") parts.push(v.params.additionalProperty);
  return parts.join(".");
}

/**
 * Every error becomes `{error, issues?}` with a status: the request's fault 4xx with what to fix, anything else
 * 500 with no detail (logged, never sent: no stack traces in responses).
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status: number;
    let body: ApiErrorBody;
    if (err instanceof ApiError) {
      status = err.statusCode;
      if (err.headers) void reply.headers(err.headers);
      body = { error: err.message, ...(err.issues ? { issues: err.issues } : {}) };
    } else if (err.validation) {
      status = 400;
      body = {
        error: `invalid request ${err.validationContext ?? ""}`.trim(),
        issues: err.validation.map((v) => ({
          path: ajvPath(v as unknown as { instancePath: string; params: Record<string, unknown> }),
          message: v.message ?? "invalid",
        })),
      };
    } else if (err instanceof ParameterError) {
      status = 400;
      body = { error: err.message, issues: [{ path: err.param, message: err.message }] };
    } else if (err instanceof InputError) {
      status = 400;
      body = { error: err.message, issues: err.issues.map((i) => apiIssue(i.issue, i.where)) };
    } else if (err instanceof LedgerBusyError || isBusy(err)) {
      // Another process (a command-line import) holds the ledger: not the request's fault, and it passes. A write
      // with no busy error of its own (a token made or revoked) meets SQLite's, which is the same.
      status = 503;
      body = { error: "the ledger is busy with another process's write; nothing was done; try again" };
      void reply.header("Retry-After", "5");
    } else if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      body = { error: err.message };
    } else {
      status = 500;
      body = { error: "internal error" };
      request.log.error({ err }, "request failed");
    }
    if (status < 500) request.log.info({ status, error: body.error }, "request rejected");
    return reply.status(status).type("application/json; charset=utf-8").send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    return reply
      .status(404)
      .send({ error: `no route ${request.method} ${request.url.split("?")[0]}` } satisfies ApiErrorBody);
  });
}
