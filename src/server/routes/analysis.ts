import type { FastifyInstance } from "fastify";
import { COUNTING_UNITS } from "../../model/index.js";
import {
  grangerParams,
  queryName,
  reactParams,
  reciprocityParams,
  xcorrParams,
  type AnalysisLimits,
  type GrangerInput,
  type ReactInput,
  type ReciprocityInput,
  type XcorrInput,
} from "../../analysis/run.js";
import type { ServerContext } from "../app.js";

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
} satisfies Record<string, AnalysisLimits>;

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
            k: text(`event-study lags −k..+k (default 30, at most ${LIMITS.react.maxLag})`),
            unit: UNIT_QUERY,
          },
        },
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
        summary: "Granger causality both ways between two event series",
        description:
          "The same JSON as `lockstep granger --json` with the same parameters. 422 when the series are too short for the lags.",
        querystring: {
          type: "object",
          additionalProperties: false,
          required: ["x", "y"],
          properties: {
            ...SERIES_QUERY,
            maxlag: text(`test lags 1..k (default 4, at most ${LIMITS.granger.maxLag})`),
            lag: text("report this lag instead of choosing one by the criterion"),
            criterion: { type: "string", enum: ["aic", "bic"], description: "default aic" },
          },
        },
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
        summary: "Lagged cross-correlation of two event series, with white-noise significance bands",
        description:
          "The same JSON as `lockstep xcorr --json` with the same parameters. A positive lag means x leads y. 422 when the series are too short for the lags.",
        querystring: {
          type: "object",
          additionalProperties: false,
          required: ["x", "y"],
          properties: {
            ...SERIES_QUERY,
            maxlag: text(`lags −k..k (default 8, at most ${LIMITS.xcorr.maxLag})`),
          },
        },
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
            lags: text(
              `lags of each series in the regression (default 1, at most ${LIMITS.reciprocity.maxLag})`,
            ),
            from: text("first day, YYYY-MM-DD"),
            to: text("last day, YYYY-MM-DD"),
          },
        },
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
}
