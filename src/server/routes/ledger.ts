import type { FastifyInstance } from "fastify";
import { SCHEMA_VERSION } from "../../ledger/index.js";
import { auditEvents } from "../../model/index.js";
import type { ServerContext } from "../app.js";
import { requestErrors } from "../schemas/errors.js";
import { auditAnswer, coverageAnswer, healthAnswer, verifyAnswer } from "../schemas/ledger.js";

export function registerLedgerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["ledger"],
        summary: "Event count and chain status",
        description:
          "`entries`: entries in the chain; `engine`: the database (`sqlite` or `postgresql`) and its version; `events`: events in the current view (neither superseded nor retractions). `chain`: the chain verified in full once, then from the last verified entry on (the entries added since, and that entry re-read), so that health stays cheap on a large ledger; `chain.fullCheckAt` says when the whole chain was last read. Every API answer carries the same verdict in its `Lockstep-Chain` header. `GET /api/verify` always recomputes everything.",
        response: { 200: healthAnswer, ...requestErrors() },
      },
    },
    async () => {
      const { report, checkedAt, fullCheckAt } = await ctx.chain(true);
      return {
        ok: report.ok,
        entries: await ctx.remembered("entries", () => ctx.store.countEntries()),
        events: await ctx.remembered("current events", () => ctx.store.countCurrentEvents()),
        schemaVersion: SCHEMA_VERSION,
        engine: ctx.engine,
        chain: { ...report, checkedAt, fullCheckAt },
        ...(ctx.replica ? { replica: await ctx.replica() } : {}),
      };
    },
  );

  app.get(
    "/api/verify",
    {
      schema: {
        tags: ["ledger"],
        summary: "Recompute the hash chain",
        description:
          "The same report as `lockstep verify --json`: `ok`, `entries`, `head` (publish it), and `firstBroken` naming the first entry changed outside Lockstep. Always 200: read `ok`.",
        response: { 200: verifyAnswer, ...requestErrors() },
      },
    },
    async () => ctx.store.verify(),
  );

  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["ledger"],
        summary: "Check the record against the source policy",
        description:
          "The same report as `lockstep audit --json`: events by the class of their best source, and each finding (aggregator-only events, sources without URL or dated before the event, possible duplicates, database-only citations), errors and warnings. Exceptions are a command-line option; here every finding is listed.",
        response: { 200: auditAnswer, ...requestErrors() },
      },
    },
    async (_request, reply) =>
      reply
        .type("application/json; charset=utf-8")
        .send(await ctx.cached("audit", async () => auditEvents(await ctx.currentEvents()))),
  );

  app.get(
    "/api/coverage",
    {
      schema: {
        tags: ["ledger"],
        summary: "The period each family of events is researched over",
        description:
          "The same as `lockstep coverage --json`: each series (a filter of type and actor), the period it covers, whether it is complete or partial there, and how that is known. Analyses clip their range to the common coverage of their series and say so in `coverageWarnings`. Empty when none is written down.",
        response: { 200: coverageAnswer, ...requestErrors() },
      },
    },
    async () => ctx.store.readCoverage(),
  );
}
