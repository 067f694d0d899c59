import type { FastifyInstance } from "fastify";
import {
  grangerParameters,
  grangerParams,
  queryName,
  ratesParameters,
  ratesParams,
  reactParameters,
  reactParams,
  reciprocityParameters,
  reciprocityParams,
  xcorrParameters,
  xcorrParams,
  type AnalysisLimits,
  type GrangerInput,
  type RatesInput,
  type ReactInput,
  type ReciprocityInput,
  type XcorrInput,
} from "../../analysis/run.js";
import { regressParameters, regressParams, type RegressInput } from "../../analysis/run-regress.js";
import type { ServerContext } from "../app.js";
import { querystringSchema } from "../parameter-schema.js";
import { ANALYSIS_RESPONSES } from "../schemas/analysis.js";

/**
 * What one request may ask of the server: each bound far above what the questions of the record need (it starts in
 * 1984; lags of a year), and low enough that no request holds a thread for long. Beyond them: 400 saying the limit.
 */
export const MAX_PERMUTATIONS = 100_000;
export const MAX_DAYS = 100 * 366;
const LIMITS = {
  react: { maxPermutations: MAX_PERMUTATIONS, maxLag: 366, maxDays: MAX_DAYS },
  granger: { maxLag: 60, maxDays: MAX_DAYS, maxBinLags: 150_000 },
  xcorr: { maxLag: 366, maxDays: MAX_DAYS },
  reciprocity: { maxLag: 24, maxDays: MAX_DAYS },
  rates: { maxDays: MAX_DAYS },
  regress: { maxDays: MAX_DAYS },
} satisfies Record<string, AnalysisLimits>;

export function registerAnalysisRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: ReactInput }>(
    "/api/analysis/react",
    {
      schema: {
        tags: ["analysis"],
        response: ANALYSIS_RESPONSES.react,
        summary: "Window test and event study: do effect events follow cause events more than chance?",
        description:
          "The same JSON as `lockstep react --json` with the same parameters. Matchers are filter terms such as `actor=PRK type=missile_launch`.",
        querystring: querystringSchema(reactParameters(LIMITS.react)),
      },
    },
    async (request, reply) => {
      const params = reactParams(request.query, queryName, LIMITS.react);
      const json = await ctx.analysis(`react ${JSON.stringify(request.query)}`, { route: "react", params });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: GrangerInput }>(
    "/api/analysis/granger",
    {
      schema: {
        tags: ["analysis"],
        response: ANALYSIS_RESPONSES.granger,
        summary: "Granger causality both ways between two event series",
        description:
          "The same JSON as `lockstep granger --json` with the same parameters. 422 when the series are too short for the lags.",
        querystring: querystringSchema(grangerParameters(LIMITS.granger)),
      },
    },
    async (request, reply) => {
      const params = grangerParams(request.query, queryName, LIMITS.granger);
      const json = await ctx.analysis(`granger ${JSON.stringify(request.query)}`, {
        route: "granger",
        params,
      });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: XcorrInput }>(
    "/api/analysis/xcorr",
    {
      schema: {
        tags: ["analysis"],
        response: ANALYSIS_RESPONSES.xcorr,
        summary: "Lagged cross-correlation of two event series, with white-noise significance bands",
        description:
          "The same JSON as `lockstep xcorr --json` with the same parameters. A positive lag means x leads y. 422 when the series are too short for the lags.",
        querystring: querystringSchema(xcorrParameters(LIMITS.xcorr)),
      },
    },
    async (request, reply) => {
      const params = xcorrParams(request.query, queryName, LIMITS.xcorr);
      const json = await ctx.analysis(`xcorr ${JSON.stringify(request.query)}`, { route: "xcorr", params });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: ReciprocityInput }>(
    "/api/analysis/reciprocity",
    {
      schema: {
        tags: ["analysis"],
        response: ANALYSIS_RESPONSES.reciprocity,
        summary:
          "Dyadic reciprocity: does B's conduct toward A follow A's recent conduct toward B? (Goldstein-weighted OLS)",
        description:
          "The same JSON as `lockstep reciprocity --json` with the same parameters: each direction's Goldstein-weighted sums regressed on a constant, the other direction's lags and its own. 422 when the regression cannot be estimated (too few bins for the lags, a direction with no events).",
        querystring: querystringSchema(reciprocityParameters(LIMITS.reciprocity)),
      },
    },
    async (request, reply) => {
      const params = reciprocityParams(request.query, queryName, LIMITS.reciprocity);
      const json = await ctx.analysis(`reciprocity ${JSON.stringify(request.query)}`, {
        route: "reciprocity",
        params,
      });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: RatesInput }>(
    "/api/analysis/rates",
    {
      schema: {
        tags: ["analysis"],
        response: ANALYSIS_RESPONSES.rates,
        summary: "Event rates in named periods, each against the first by an exact test",
        description:
          "The same JSON as `lockstep rates --json` with the same parameters. Give `period` once per period, as NAME=FROM..TO.",
        querystring: querystringSchema(ratesParameters()),
      },
    },
    async (request, reply) => {
      const params = ratesParams(request.query, queryName, LIMITS.rates);
      const json = await ctx.analysis(`rates ${JSON.stringify(request.query)}`, { route: "rates", params });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: RegressInput }>(
    "/api/analysis/regress",
    {
      schema: {
        tags: ["analysis"],
        response: ANALYSIS_RESPONSES.regress,
        summary: "Count model: Poisson or negative binomial regression on the windows after cause series",
        description:
          "The same JSON as `lockstep regress --json` with the same parameters. Give `x` once per cause series. 422 when the model cannot be estimated (collinear fixed effects, no event where a column is non-zero, a dispersion at 0).",
        querystring: querystringSchema(regressParameters()),
      },
    },
    async (request, reply) => {
      const params = regressParams(request.query, queryName, LIMITS.regress);
      const json = await ctx.analysis(`regress ${JSON.stringify(request.query)}`, {
        route: "regress",
        params,
      });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );
}
