import type { FastifyInstance } from "fastify";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { detectImporter, IMPORTERS, importFile } from "../../importers/index.js";
import { LedgerBusyError } from "../../ledger/index.js";
import { InputError } from "../../model/index.js";
import type { ServerContext } from "../app.js";
import { requireRole } from "../auth.js";
import { ApiError, apiIssue } from "../errors.js";
import { LEDGER_BUSY, refusal, requestErrors, tokenErrors } from "../schemas/errors.js";
import { importAnswers } from "../schemas/events.js";

interface ImportQuery {
  format?: string;
  filename?: string;
  actors?: string;
}

/** A name safe to use as a file name in a fresh temporary folder: the importers look at the name to detect. */
function safeName(name: string | undefined): string {
  const base = basename(name ?? "").replace(/[^A-Za-z0-9._-]/g, "_");
  return base && !/^\.+$/.test(base) ? base.slice(0, 200) : "upload";
}

/**
 * `POST /api/imports`: the raw bytes of a file in any importer's format. Registered in its own scope, where every
 * content type is read as bytes, with the larger body limit.
 */
export function registerImportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: ctx.importBodyLimit }, (_req, body, done) =>
    done(null, body),
  );
  const formats = IMPORTERS.map((i) => i.format);

  app.post<{ Querystring: ImportQuery; Body: Buffer }>(
    "/api/imports",
    {
      bodyLimit: ctx.importBodyLimit,
      onRequest: requireRole(ctx.tokens, "editor"),
      schema: {
        tags: ["events"],
        summary: "Import a file (editor)",
        description: `The file's bytes as the request body (any content type; up to ${ctx.importBodyLimit / 1024 / 1024} MiB). Its format is \`format\`, or detected from its first bytes and \`filename\` (a .csv name is needed to detect CSV; a GDELT .zip needs its original name). All-or-nothing: on any invalid record nothing is written and the issues name the record and the field. Re-importing adds nothing. The events' provenance records \`api/TOKEN-ID/FILENAME\`.`,
        security: [{ bearer: [] }],
        consumes: [
          "application/octet-stream",
          "application/x-ndjson",
          "text/csv",
          "application/json",
          "application/zip",
        ],
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            format: { type: "string", enum: formats },
            filename: {
              type: "string",
              maxLength: 255,
              description: "the file's name, for detection and provenance",
            },
            actors: {
              type: "string",
              pattern: "^[A-Za-z0-9]+(,[A-Za-z0-9]+)*$",
              description: "keep only events where one of these actors acts or is targeted, e.g. PRK,KOR,USA",
            },
          },
        },
        response: {
          ...importAnswers,
          ...requestErrors(
            "an empty body, a format that cannot be told or read, an invalid record (nothing was imported; each issue names the record and the field), or a parameter refused",
          ),
          ...tokenErrors("editor"),
          413: refusal(`a file over ${ctx.importBodyLimit / 1024 / 1024} MiB`),
          503: LEDGER_BUSY,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0)
        throw new ApiError(400, "the request body is empty: send the file's bytes");
      const name = safeName(request.query.filename);
      const label = `api/${request.token!.id}/${name}`;
      const dir = await mkdtemp(join(tmpdir(), "lockstep-upload-"));
      const file = join(dir, name);
      try {
        await writeFile(file, body);
        let format = request.query.format;
        if (!format) {
          try {
            format = detectImporter(file).format;
          } catch (err) {
            throw new ApiError(
              400,
              `cannot tell the file's format: ${(err as Error).message.replace(`${file}: `, "").replace("--format", "`format`")}`,
              [{ path: "format", message: `give format=${formats.join("|")}` }],
            );
          }
        }
        const actors = request.query.actors?.split(",").map((a) => a.toUpperCase());
        let report;
        try {
          report = await ctx.write((writer) =>
            importFile(writer, file, { format, label, ...(actors ? { actors } : {}) }),
          );
        } catch (err) {
          if (err instanceof InputError)
            throw new ApiError(
              400,
              `${label}: invalid record(s); nothing was imported`,
              err.issues.map((i) => apiIssue(i.issue, i.where)),
            );
          // A file the importer cannot read at all (not JSON, a broken zip): the client's fault, said without paths.
          // Not so the database's own errors (SQLite's codes; PostgreSQL's, which carry a severity).
          if (
            err instanceof Error &&
            !(err instanceof LedgerBusyError) &&
            !("code" in err && String(err.code).startsWith("SQLITE")) &&
            !("severity" in err)
          )
            throw new ApiError(400, `cannot import ${label}: ${err.message.replaceAll(file, name)}`);
          throw err;
        }
        const { events: _events, rejected, ...rest } = report;
        return reply.status(report.added ? 201 : 200).send({ ...rest, rejected: rejected.length });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}
