import type { FastifyInstance } from "fastify";
import { evaluateByQueries } from "../../engine/index.js";
import { asOfProblem, beyondCoverage, todayUtc, ParameterError } from "../../model/index.js";
import type { ServerContext } from "../app.js";
import { ApiError } from "../errors.js";
import { agreementsAnswer, evaluationAnswer } from "../schemas/agreements.js";
import { refusal, requestErrors } from "../schemas/errors.js";

export function registerAgreementRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    "/api/agreements",
    {
      schema: {
        tags: ["agreements"],
        summary: "The agreements this server evaluates",
        description:
          "The bundled agreements (scenarios/korea/agreements) and those of the directories given with `--agreements`.",
        response: { 200: agreementsAnswer, ...requestErrors() },
      },
    },
    async () => ({
      agreements: [...ctx.catalog.values()].map(({ agreement: a, origin }) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        origin,
        ...(a.signed ? { signed: a.signed } : {}),
        ...(a.effective ? { effective: a.effective } : {}),
        ...(a.summary ? { summary: a.summary } : {}),
        parties: a.parties,
        obligations: a.obligations.map((o) => ({
          id: o.id,
          title: o.title,
          kind: o.kind,
          debtors: o.debtors,
          debtorMode: o.debtorMode,
          counts: o.countsText,
        })),
      })),
    }),
  );

  app.get<{ Params: { id: string }; Querystring: { asOf?: string } }>(
    "/api/agreements/:id/evaluation",
    {
      schema: {
        tags: ["agreements"],
        summary: "Evaluate an agreement against the ledger",
        description:
          "The same JSON as `lockstep check AGREEMENT --format json --as-of DATE` (docs/agreements.md): the short answer (first breach, first step, what went unanswered); each obligation's status (overdue, fulfilled_late and reversed included), since when, its evidence and history, each debtor's part, quantities and verification; whose move it is; the reciprocity account (steps, who moved first on each link and how it was answered, each party's account); powers; withdrawals; matchers that match nothing. `asOf` defaults to today (UTC); later events are invisible.",
        params: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { asOf: { type: "string", description: "YYYY-MM-DD" } },
        },
        response: {
          200: {
            ...evaluationAnswer,
            headers: {
              "Lockstep-Extrapolation": {
                type: "string",
                description: "when `asOf` is after the record's coverage: the answer there is extrapolation",
              },
            },
          },
          ...requestErrors("`asOf` not a day, or a parameter other than `asOf`"),
          404: refusal("no agreement with this id (see GET /api/agreements)"),
        },
      },
    },
    async (request, reply) => {
      const entry = ctx.catalog.get(request.params.id);
      if (!entry) throw new ApiError(404, `no agreement "${request.params.id}"; see GET /api/agreements`);
      const asOf = request.query.asOf ?? todayUtc();
      const problem = asOfProblem(asOf);
      if (problem) throw new ParameterError("asOf", `asOf ${problem}`);
      // Without the file it was read from: a path on the server is nothing to its readers.
      const { file: _file, ...agreement } = entry.agreement;
      const json = await ctx.cached(`evaluation ${entry.agreement.id} ${asOf}`, async () =>
        // Only the events its matchers match, each filter read by SQL once for the ledger's state: not the whole view.
        evaluateByQueries(agreement, asOf, (m) =>
          ctx.remembered(`events ${JSON.stringify(m)}`, () => ctx.store.queryEvents(m)),
        ),
      );
      // An as-of date after the record's coverage: the answer stands, with a header saying it is extrapolation there.
      const note = beyondCoverage(
        asOf,
        await ctx.remembered("coverage ends", async () => (await ctx.store.readCoverage()).map((c) => c.to)),
      );
      if (note) void reply.header("Lockstep-Extrapolation", note);
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );
}
