import type { FastifyInstance } from "fastify";
import {
  grangerParams,
  queryName,
  reactParams,
  runGranger,
  runReact,
  type GrangerInput,
  type ReactInput,
} from "../../analysis/run.js";
import type { ServerContext } from "../app.js";

/** Each permutation is work done while the request waits: a ceiling keeps one request from holding the server. */
export const MAX_PERMUTATIONS = 100_000;

const text = (description: string) => ({ type: "string", description }) as const;

export function registerAnalysisRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: ReactInput }>(
    "/api/analysis/react",
    {
      schema: {
        tags: ["analysis"],
        summary: "Window test and event study: do effect events follow cause events more than chance?",
        description:
          "The same JSON as `lockstep react --json` with the same parameters. Matchers are filter terms such as `actor=PRK type=missile_launch`.",
        querystring: {
          type: "object",
          additionalProperties: false,
          required: ["cause", "effect"],
          properties: {
            cause: text('cause events, e.g. "actor=USA type=military_exercise scale=large status=held"'),
            effect: text('effect events, e.g. "actor=PRK type=missile_launch"'),
            window: text("FIRST..LAST days after each cause starts (default 0..14), or during / during+N"),
            from: text("first day of the analysis, YYYY-MM-DD (default: the first matching event)"),
            to: text("last day of the analysis, YYYY-MM-DD (default: the last matching event)"),
            permutations: text(
              `circular shifts in the null distribution (default 10000, at most ${MAX_PERMUTATIONS})`,
            ),
            seed: text("seed of the shifts (default 1)"),
            minShift: text("smallest shift, in days (default 1)"),
            seasonal: { type: "boolean", description: "shift only by whole 52-week years" },
            k: text("event-study lags −k..+k (default 30)"),
          },
        },
      },
    },
    async (request, reply) => {
      const p = reactParams(request.query, queryName, { maxPermutations: MAX_PERMUTATIONS });
      const json = ctx.cached(
        `react ${JSON.stringify(request.query)}`,
        () => runReact(ctx.ledger, p, queryName).result,
      );
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: GrangerInput }>(
    "/api/analysis/granger",
    {
      schema: {
        tags: ["analysis"],
        summary: "Granger causality both ways between two event series",
        description: "The same JSON as `lockstep granger --json` with the same parameters.",
        querystring: {
          type: "object",
          additionalProperties: false,
          required: ["x", "y"],
          properties: {
            x: text("first series' events"),
            y: text("second series' events"),
            freq: { type: "string", enum: ["day", "week", "month"], description: "default week" },
            maxlag: text("test lags 1..k (default 4)"),
            lag: text("report this lag instead of choosing one by the criterion"),
            criterion: { type: "string", enum: ["aic", "bic"], description: "default aic" },
            measure: { type: "string", enum: ["count", "goldstein"], description: "default count" },
            from: text("first day, YYYY-MM-DD"),
            to: text("last day, YYYY-MM-DD"),
          },
        },
      },
    },
    async (request, reply) => {
      const p = grangerParams(request.query, queryName);
      const json = ctx.cached(`granger ${JSON.stringify(request.query)}`, () =>
        runGranger(ctx.ledger, p, queryName),
      );
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );
}
