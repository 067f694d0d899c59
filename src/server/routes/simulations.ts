import type { FastifyInstance } from "fastify";
import {
  MAX_RUNS,
  MAX_WORK,
  planSimulation,
  playableAgreement,
  readSimulationRequest,
  simulationRequest,
  strategyCatalog,
  WORK_FORMULA,
  type SimulationInput,
  type SimulationOptions,
} from "../../sim/roadmap/request.js";
import type { ServerContext } from "../app.js";
import { ApiError } from "../errors.js";
import { bodySchema } from "../parameter-schema.js";
import { SIMULATION_RESPONSES } from "../schemas/simulations.js";

/**
 * Roadmap games (docs/simulation.md, "Roadmap games") over HTTP: what a simulation takes, and one played on the
 * analysis threads (analysis-pool.ts), with their time limit and queue, bounded in work before it is queued.
 */
export function registerSimulationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  let options: SimulationOptions | undefined;
  app.get(
    "/api/simulations",
    {
      schema: {
        tags: ["simulations"],
        summary:
          "What POST /api/simulations takes: the strategies, each agreement's players and assumptions, the limits",
        description:
          "Each strategy with its rule in words and its parameters' defaults (as `lockstep simulate --help`); each agreement with the parties that need a strategy, its file's turn, horizon, misperception and provocation rates (or the defaults), and the most runs a request may ask for with them; the limits on runs and on work.",
        response: SIMULATION_RESPONSES.options,
      },
    },
    async () =>
      (options ??= {
        strategies: strategyCatalog(),
        agreements: [...ctx.catalog.values()].map(({ agreement }) => playableAgreement(agreement)),
        limits: { maxRuns: MAX_RUNS, maxWork: MAX_WORK, work: WORK_FORMULA },
      }),
  );

  app.post<{ Body: SimulationInput }>(
    "/api/simulations",
    {
      schema: {
        tags: ["simulations"],
        summary:
          "Play an agreement as a roadmap game: how often each phase is reached, when, and who defects first",
        description: `The same JSON as \`lockstep simulate ID --json\` with the same options (\`--strategy\` as \`strategies\`, \`--noise\`, \`--provocations\`, \`--delay\`, \`--horizon\`, \`--tick\` in days), without \`agreement.file\`. Run on the analysis threads, with their time limit and queue (503). Bounded: ${WORK_FORMULA} at most ${MAX_WORK.toLocaleString("en")} turn-units (about 3 s of one thread at the rate measured on the bundled agreements), else 400 naming \`runs\` and the most runs that fit.`,
        body: bodySchema(simulationRequest),
        response: SIMULATION_RESPONSES.run,
      },
    },
    async (request, reply) => {
      const asked = readSimulationRequest(request.body);
      const entry = ctx.catalog.get(asked.agreement);
      if (!entry) throw new ApiError(404, `no agreement "${asked.agreement}"; see GET /api/agreements`);
      const job = planSimulation(entry.agreement, asked);
      const key = JSON.stringify({
        agreement: asked.agreement,
        strategies: Object.entries(job.strategies).map(([party, s]) => [party, s.name]),
        runs: job.runs,
        seed: job.seed,
        overrides: job.overrides,
      });
      const json = await ctx.analysis(`simulate ${key}`, { route: "simulate", params: job });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );
}
