/**
 * A roadmap simulation asked for as JSON (POST /api/simulations): the options of `lockstep simulate`, defined once as
 * a Valibot schema that gives the route its JSON Schema and the code its parsed input; the checks of a request against
 * the agreement it names; and the bound on the work one request may ask for.
 */
import * as v from "valibot";
import type { Agreement } from "../../agreement/index.js";
import { InputError, ParameterError } from "../../model/index.js";
import { buildRoadmap, ROADMAP_DEFAULTS, type Roadmap, type RoadmapOverrides } from "./model.js";
import { simulateRoadmap, type RoadmapResult } from "./simulate.js";
import {
  parseRoadmapStrategy,
  ROADMAP_CATALOG,
  ROADMAP_STRATEGY_NAMES,
  type RoadmapStrategy,
  type RoadmapStrategyName,
} from "./strategies.js";

/** The most runs one request may ask for, whatever the agreement. */
export const MAX_RUNS = 100_000;
const MAX_DAYS = 36_500;
/** As `lockstep simulate`: 1000 runs, seed 1. */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;

/**
 * The work one request may ask for, in turn-units: runs × turns × (steps + restraints + phases + players²), where a
 * turn is a tick of the game up to the horizon and players² counts the ordered pairs drawn for misperception. On the
 * bundled agreements a turn-unit took at most about 110 ns (bench/roadmap-work.mjs: every bundled agreement with every
 * strategy, without noise and with noise 0.05 and 2 provocations a year), so the limit is at most about 3 s of one
 * thread; 10,000 runs of any bundled agreement with its defaults (105 turns of 7 days) fit under it.
 */
export const MAX_WORK = 25_000_000;
export const WORK_FORMULA = "runs × turns × (steps + restraints + phases + players²)";

const described = <S extends v.GenericSchema>(schema: S, description: string) =>
  v.pipe(schema, v.description(description));

const whole = (min: number, max: number) =>
  v.pipe(
    v.number("must be a number"),
    v.integer((issue) => `must be a whole number, not ${issue.received}`),
    v.minValue(min, (issue) => `must be ${min} or more, not ${issue.received}`),
    v.maxValue(max, (issue) => `must be at most ${max}, not ${issue.received}`),
  );

const days = (min: number, description: string) => v.optional(described(whole(min, MAX_DAYS), description));

/** A strategy as the command line writes it (`reciprocal`, `gtft:0.1`), read into its rule's parameters. */
const strategy = v.pipe(
  v.string("must be a strategy's name, as text"),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    try {
      return parseRoadmapStrategy(dataset.value);
    } catch (err) {
      addIssue({ message: (err as Error).message });
      return NEVER;
    }
  }),
);

/** The body of POST /api/simulations: `lockstep simulate`'s options, by the same names. */
export const simulationRequest = v.strictObject(
  {
    agreement: described(
      v.string("must be an agreement's id, as text"),
      "the agreement's id (GET /api/agreements lists them)",
    ),
    strategies: described(
      v.record(v.string(), strategy, "must be an object of PARTY: strategy"),
      `a strategy for each party that owes a step or a restraint, by party id, e.g. {"PRK": "reciprocal", "USA": "demand-first"}: ${ROADMAP_STRATEGY_NAMES.join(", ")}, with parameters after colons (reciprocal:2, grit:3, gtft:0.1); GET /api/simulations lists each with its rule and each agreement's parties`,
    ),
    runs: v.optional(
      described(
        whole(1, MAX_RUNS),
        `runs of the game (at most ${MAX_RUNS}, and at most ${MAX_WORK.toLocaleString("en")} turn-units of work: ${WORK_FORMULA})`,
      ),
      DEFAULT_RUNS,
    ),
    seed: v.optional(
      described(
        v.pipe(
          v.number("must be a number"),
          v.safeInteger((issue) => `must be a whole number, not ${issue.received}`),
        ),
        "seed of the one generator behind the noise",
      ),
      DEFAULT_SEED,
    ),
    horizon: days(1, "days to play from day 0 (default: the file's simulation.horizon, else P2Y)"),
    tick: days(1, `days in a turn (default: the file's simulation.tick, else ${ROADMAP_DEFAULTS.tickDays})`),
    noise: v.optional(
      described(
        v.pipe(
          v.number("must be a number"),
          v.minValue(0, (issue) => `must be a probability in [0, 1], not ${issue.received}`),
          v.maxValue(1, (issue) => `must be a probability in [0, 1], not ${issue.received}`),
        ),
        "the probability each turn that a party reads another's kept restraint as broken (default: the file's simulation.misperception, else 0)",
      ),
    ),
    provocations: v.optional(
      described(
        v.pipe(
          v.number("must be a number"),
          v.minValue(0, (issue) => `must be events a year, 0 or more, not ${issue.received}`),
          v.maxValue(36_500, (issue) => `must be at most 36500 events a year, not ${issue.received}`),
        ),
        "breaches a year by each party whatever its strategy (default: the file's simulation.provocations, else 0)",
      ),
    ),
    delay: days(
      0,
      "days before a performed step is seen by its creditors (default: the file's verification, else 0)",
    ),
  },
  (issue) =>
    issue.received === "undefined"
      ? "is required"
      : `is not a member here; the members are agreement, strategies, runs, seed, horizon, tick, noise, provocations, delay`,
);

/** The request as JSON gives it (what the dashboard sends). */
export type SimulationInput = v.InferInput<typeof simulationRequest>;

/** A request read: the strategies parsed, the file's assumptions to override. */
export interface SimulationRequest {
  agreement: string;
  strategies: Record<string, RoadmapStrategy>;
  runs: number;
  seed: number;
  overrides: RoadmapOverrides;
}

/** A problem with a member of the request: its path (`strategies.PRK`) and what is wrong, the path first. */
function refuse(problems: { path: string; message: string }[]): never {
  if (problems.length === 1) {
    const [{ path, message }] = problems as [{ path: string; message: string }];
    throw new ParameterError(path, `${path} ${message}`);
  }
  throw new InputError(
    `${problems.length} members of the request cannot be used: ${problems.map((p) => p.path).join(", ")}`,
    problems.map((p) => ({ issue: { kind: "validation", path: p.path, message: p.message } })),
  );
}

/** Reads a request's body, or refuses it with every problem, each naming its member (`runs`, `strategies.PRK`). */
export function readSimulationRequest(body: unknown): SimulationRequest {
  const read = v.safeParse(simulationRequest, body);
  if (!read.success)
    refuse(
      read.issues.map((issue) => ({
        path: issue.path?.map((p) => String(p.key)).join(".") || "body",
        message: issue.message,
      })),
    );
  const { agreement, strategies, runs, seed, horizon, tick, noise, provocations, delay } = read.output;
  const overrides: RoadmapOverrides = {};
  if (horizon !== undefined) overrides.horizonDays = horizon;
  if (tick !== undefined) overrides.tickDays = tick;
  if (noise !== undefined) overrides.misperception = noise;
  if (provocations !== undefined) overrides.provocations = provocations;
  if (delay !== undefined) overrides.verificationDays = delay;
  return { agreement, strategies, runs, seed, overrides };
}

/** Turns the game is played in: days 0, tick, 2 × tick, … up to the horizon. */
export const turnsOf = (map: Pick<Roadmap, "horizonDays" | "tickDays">): number =>
  Math.floor(map.horizonDays / map.tickDays) + 1;

/** The turn-units of one turn (see MAX_WORK): steps + restraints + phases + players². */
export const unitsPerTurn = (map: Roadmap): number =>
  map.steps.length + map.restraints.length + map.phases.length + map.players.length ** 2;

/** The turn-units of one run. */
export const workOfRun = (map: Roadmap): number => turnsOf(map) * unitsPerTurn(map);

/** The most runs a request may ask for on this game. */
export const maxRunsOf = (map: Roadmap): number =>
  Math.min(MAX_RUNS, Math.floor(MAX_WORK / Math.max(1, workOfRun(map))));

/** What crosses to a worker thread: plain data (the agreement without its file, the strategies' parameters). */
export interface SimulationJob {
  agreement: Agreement;
  overrides: RoadmapOverrides;
  strategies: Record<string, RoadmapStrategy>;
  runs: number;
  seed: number;
}

/**
 * Checks a request against its agreement before it is run: the agreement can be played, every player has a strategy
 * and every strategy a player, and the work is within MAX_WORK. Throws a ParameterError (or an InputError listing
 * several) naming the member at fault. The file the agreement was read from is left out: a path on the server is
 * nothing to the API's readers, and the answer names the agreement by its id.
 */
export function planSimulation(agreement: Agreement, request: SimulationRequest): SimulationJob {
  const { file: _file, ...plain } = agreement;
  let map: Roadmap;
  try {
    map = buildRoadmap(plain, request.overrides);
  } catch (err) {
    if (err instanceof RangeError)
      refuse([{ path: "agreement", message: `${plain.id} cannot be played: ${err.message}` }]);
    throw err;
  }
  const players = map.players.join(", ");
  const problems = [
    ...map.players
      .filter((p) => !(p in request.strategies))
      .map((p) => ({
        path: `strategies.${p}`,
        message: `is required: ${p} owes a step or a restraint in ${plain.id}, whose players are ${players}`,
      })),
    ...Object.keys(request.strategies)
      .filter((p) => !map.players.includes(p))
      .map((p) => ({
        path: `strategies.${p}`,
        message: `is not a player: ${p} owes nothing in ${plain.id}, whose players are ${players}`,
      })),
  ];
  if (problems.length) refuse(problems);
  const perRun = workOfRun(map);
  const work = request.runs * perRun;
  if (work > MAX_WORK) {
    const most = maxRunsOf(map);
    refuse([
      {
        path: "runs",
        message:
          `${request.runs.toLocaleString("en")} is over this server's limit: ${WORK_FORMULA} = ` +
          `${work.toLocaleString("en")} turn-units, and the limit is ${MAX_WORK.toLocaleString("en")} (about 3 s); ` +
          (most > 0
            ? `at most ${most.toLocaleString("en")} runs with ${turnsOf(map)} turns of ${map.tickDays} day(s) to day ${map.horizonDays}, or a shorter horizon or a longer tick`
            : `not even one run of ${turnsOf(map)} turns of ${map.tickDays} day(s) to day ${map.horizonDays} fits: give a shorter horizon or a longer tick`),
      },
    ]);
  }
  return {
    agreement: plain,
    overrides: request.overrides,
    strategies: Object.fromEntries(map.players.map((p) => [p, request.strategies[p]!])),
    runs: request.runs,
    seed: request.seed,
  };
}

/** Runs a checked simulation: the same answer as `lockstep simulate ID --json` with the same options, but the file. */
export function runSimulation(job: SimulationJob): RoadmapResult {
  return simulateRoadmap(buildRoadmap(job.agreement, job.overrides), job.strategies, {
    runs: job.runs,
    seed: job.seed,
  });
}

/** Each strategy with its rule in words and its parameters' defaults, in the order of `lockstep simulate --help`. */
export function strategyCatalog(): {
  name: RoadmapStrategyName;
  rule: string;
  parameters: { name: string; default: number }[];
}[] {
  return ROADMAP_STRATEGY_NAMES.map((name) => ({
    name,
    rule: ROADMAP_CATALOG[name].rule,
    parameters: ROADMAP_CATALOG[name].params.map((p) => ({ name: p.name, default: p.default })),
  }));
}

/** An agreement as a game with its file's assumptions: who plays, how long, and the most runs a request may ask. */
export type PlayableAgreement =
  | {
      id: string;
      title: string;
      players: string[];
      tickDays: number;
      horizonDays: number;
      turns: number;
      misperception: number;
      provocations: Record<string, number>;
      phases: number;
      steps: number;
      unitsPerTurn: number;
      maxRuns: number;
    }
  | { id: string; title: string; players: string[]; problem: string };

export function playableAgreement(agreement: Agreement): PlayableAgreement {
  const { id, title } = agreement;
  let map: Roadmap;
  try {
    map = buildRoadmap(agreement);
  } catch (err) {
    if (err instanceof RangeError) return { id, title, players: [], problem: err.message };
    throw err;
  }
  return {
    id,
    title,
    players: map.players,
    tickDays: map.tickDays,
    horizonDays: map.horizonDays,
    turns: turnsOf(map),
    misperception: map.misperception,
    provocations: map.provocations,
    phases: map.phases.length,
    steps: map.steps.length,
    unitsPerTurn: unitsPerTurn(map),
    maxRuns: maxRunsOf(map),
  };
}

/** What GET /api/simulations answers: what a request may ask for. */
export interface SimulationOptions {
  strategies: ReturnType<typeof strategyCatalog>;
  agreements: PlayableAgreement[];
  limits: { maxRuns: number; maxWork: number; work: string };
}
