import type { FastifyInstance } from "fastify";
import { RegressionError } from "../../analysis/index.js";
import { COUNTING_UNITS } from "../../model/index.js";
import {
  grangerParams,
  queryName,
  reactParams,
  reciprocityParams,
  runGranger,
  runReact,
  runReciprocity,
  runXcorr,
  xcorrParams,
  type GrangerInput,
  type ReactInput,
  type ReciprocityInput,
  type XcorrInput,
} from "../../analysis/run.js";
import type { ServerContext } from "../app.js";
import { ApiError } from "../errors.js";

/** Each permutation is work done while the request waits: a ceiling keeps one request from holding the server. */
export const MAX_PERMUTATIONS = 100_000;

const text = (description: string) => ({ type: "string", description }) as const;

const UNIT_QUERY = {
  type: "string",
  enum: [...COUNTING_UNITS],
  description:
    "what a count counts: events, days with an event, or the events' counts (missiles); default count",
} as const;

/** The parameters of two event series (granger, xcorr); each route adds its own lags. */
const SERIES_QUERY = {
  x: text("first series' events"),
  y: text("second series' events"),
  freq: { type: "string", enum: ["day", "week", "month"], description: "default week" },
  measure: { type: "string", enum: ["count", "goldstein"], description: "default count" },
  unit: UNIT_QUERY,
  from: text("first day, YYYY-MM-DD"),
  to: text("last day, YYYY-MM-DD"),
} as const;

/**
 * An estimate the data cannot support as asked (too few bins for the lags, a constant column) is the caller's to
 * change, with the same message the command line prints: 422, not an internal error.
 */
function estimable<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RegressionError) throw new ApiError(422, err.message);
    throw err;
  }
}

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
            unit: UNIT_QUERY,
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
        description:
          "The same JSON as `lockstep granger --json` with the same parameters. 422 when the series are too short for the lags.",
        querystring: {
          type: "object",
          additionalProperties: false,
          required: ["x", "y"],
          properties: {
            ...SERIES_QUERY,
            maxlag: text("test lags 1..k (default 4)"),
            lag: text("report this lag instead of choosing one by the criterion"),
            criterion: { type: "string", enum: ["aic", "bic"], description: "default aic" },
          },
        },
      },
    },
    async (request, reply) => {
      const p = grangerParams(request.query, queryName);
      const json = estimable(() =>
        ctx.cached(`granger ${JSON.stringify(request.query)}`, () => runGranger(ctx.ledger, p, queryName)),
      );
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: XcorrInput }>(
    "/api/analysis/xcorr",
    {
      schema: {
        tags: ["analysis"],
        summary: "Lagged cross-correlation of two event series, with white-noise significance bands",
        description:
          "The same JSON as `lockstep xcorr --json` with the same parameters. A positive lag means x leads y. 422 when the series are too short for the lags.",
        querystring: {
          type: "object",
          additionalProperties: false,
          required: ["x", "y"],
          properties: {
            ...SERIES_QUERY,
            maxlag: text("lags −k..k (default 8)"),
          },
        },
      },
    },
    async (request, reply) => {
      const p = xcorrParams(request.query, queryName);
      const json = estimable(() =>
        ctx.cached(`xcorr ${JSON.stringify(request.query)}`, () => runXcorr(ctx.ledger, p, queryName).result),
      );
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: ReciprocityInput }>(
    "/api/analysis/reciprocity",
    {
      schema: {
        tags: ["analysis"],
        summary:
          "Dyadic reciprocity: does B's conduct toward A follow A's recent conduct toward B? (Goldstein-weighted OLS)",
        description:
          "The same JSON as `lockstep reciprocity --json` with the same parameters: each direction's Goldstein-weighted sums regressed on a constant, the other direction's lags and its own. 422 when the regression cannot be estimated (too few bins for the lags, a direction with no events).",
        querystring: {
          type: "object",
          additionalProperties: false,
          required: ["a", "b"],
          properties: {
            a: text("first party's actor code, e.g. PRK"),
            b: text("second party's actor code, e.g. USA"),
            freq: { type: "string", enum: ["day", "week", "month"], description: "default month" },
            lags: text("lags of each series in the regression (default 1)"),
            from: text("first day, YYYY-MM-DD"),
            to: text("last day, YYYY-MM-DD"),
          },
        },
      },
    },
    async (request, reply) => {
      const p = reciprocityParams(request.query, queryName);
      const json = estimable(() =>
        ctx.cached(`reciprocity ${JSON.stringify(request.query)}`, () =>
          runReciprocity(ctx.ledger, p, queryName),
        ),
      );
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );
}
