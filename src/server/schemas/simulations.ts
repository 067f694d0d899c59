/**
 * What the simulation routes answer: what POST /api/simulations takes (the strategies, each agreement as a game, the
 * limits), and a roadmap game played: the JSON of `lockstep simulate ID --json` (src/sim/roadmap/simulate.ts).
 */
import type { DefectionCause } from "../../sim/roadmap/play.js";
import { MAX_RUNS, MAX_WORK, WORK_FORMULA } from "../../sim/roadmap/request.js";
import { ROADMAP_STRATEGY_NAMES } from "../../sim/roadmap/strategies.js";
import {
  answer,
  arrayOf,
  mapOf,
  nullable,
  number,
  oneOf,
  strictObject,
  text,
  wholeNumber,
  type Schema,
} from "./json-schema.js";
import { ANALYSIS_UNAVAILABLE, jsonBodyErrors, refusal, requestErrors } from "./errors.js";

/** The causes of a first defection, each once: a cause added to play.ts and not here fails to compile. */
const CAUSES = ["choice", "provocation", "deadline"] as const satisfies readonly DefectionCause[];
const allCauses: [Exclude<DefectionCause, (typeof CAUSES)[number]>] extends [never] ? true : never = true;
void allCauses;

const parties = (description?: string) => arrayOf(text(), description);

/** A Monte Carlo probability (Share). */
const share = {
  count: wholeNumber("runs in which it happened"),
  probability: number("count / runs"),
  interval: {
    type: "array",
    items: number(),
    minItems: 2,
    maxItems: 2,
    description: "95% Wilson interval",
  } satisfies Schema,
};
const shareObject = strictObject(share);

/** Days from day 0 over the runs in which it happened (Days): percentiles, type 7. */
const days = strictObject({ p5: number(), median: number(), p95: number() });

export const simulationAnswer = answer(
  "the game played: the JSON of `lockstep simulate ID --json` with the same options, without `agreement.file`",
  strictObject({
    agreement: strictObject({ id: text(), title: text() }),
    effective: text("day 0: the agreement's effective date, else its earliest start date"),
    strategies: arrayOf(
      strictObject({
        party: text(),
        strategy: text("as written, with its parameters when not the defaults"),
      }),
    ),
    runs: wholeNumber(),
    seed: wholeNumber(),
    tickDays: wholeNumber("days in a turn"),
    horizonDays: wholeNumber("the last day played, from day 0"),
    misperception: number("the probability each turn that a party misreads another's kept restraint"),
    provocations: mapOf(number(), "breaches a year whatever the strategy, by player"),
    phases: arrayOf(
      strictObject({
        id: text(),
        title: text(),
        reached: shareObject,
        days: nullable(days),
      }),
      "each phase: the share of runs that entered it by the horizon, and when (null when none did)",
    ),
    steps: arrayOf(
      strictObject({
        id: text("the obligation's id, or id:PARTY for one debtor's own part"),
        title: text(),
        debtors: parties(),
        creditors: parties(),
        cost: number(),
        value: number(),
        takesDays: wholeNumber(),
        verificationDays: wholeNumber(),
        taken: shareObject,
        days: nullable(days),
      }),
    ),
    noDefection: strictObject(share, {}, "runs in which nobody broke a restraint or missed a deadline"),
    completed: strictObject(
      { ...share, days: nullable(days) },
      {},
      "runs in which every step was performed by the horizon, and the day the last was (null when no run did)",
    ),
    completedWithoutBreach: strictObject(
      share,
      {},
      "runs in which every step was performed by the horizon and nobody broke a restraint or missed a deadline",
    ),
    firstDefector: arrayOf(strictObject({ party: text(), ...share }), "who defected first, by party"),
    firstDefection: arrayOf(
      strictObject({
        party: text("the player, or a step's debtors joined by +"),
        cause: oneOf(CAUSES, "choice (a strategy's defection), provocation, or deadline (a step overdue)"),
        afterStep: nullable(text("the step taken last before it; null before any")),
        ...share,
        days: days,
      }),
      "who defected first, how, and after which step",
    ),
    players: arrayOf(
      strictObject({
        party: text(),
        meanBreaches: number("breaches a run"),
        meanPayoff: number("values received from steps performed by the horizon, less costs paid, a run"),
      }),
    ),
    meanFalseAlarms: number("misperceptions a run"),
    notModelled: arrayOf(text(), "what the agreement says that the game leaves out"),
  }),
);

export const simulationOptionsAnswer = answer(
  "what POST /api/simulations takes",
  strictObject({
    strategies: arrayOf(
      strictObject({
        name: oneOf(ROADMAP_STRATEGY_NAMES),
        rule: text("the strategy's rule in words"),
        parameters: arrayOf(
          strictObject({ name: text(), default: number() }),
          "its parameters, in the order they follow its name after colons (gtft:0.1)",
        ),
      }),
    ),
    agreements: arrayOf(
      strictObject(
        {
          id: text(),
          title: text(),
          players: parties("the parties that owe a step or a restraint: each needs a strategy"),
        },
        {
          tickDays: wholeNumber("the file's turn, else the default"),
          horizonDays: wholeNumber("the file's horizon, else the default"),
          turns: wholeNumber(),
          misperception: number("the file's, else 0"),
          provocations: mapOf(number(), "the file's rates, by player"),
          phases: wholeNumber(),
          steps: wholeNumber(),
          unitsPerTurn: wholeNumber("steps + restraints + phases + players²: a run's work is this × turns"),
          maxRuns: wholeNumber("the most runs a request may ask with the file's tick and horizon"),
          problem: text("why the agreement cannot be played (then it has no players)"),
        },
      ),
    ),
    limits: strictObject({
      maxRuns: wholeNumber(`${MAX_RUNS}`),
      maxWork: wholeNumber(`${MAX_WORK} turn-units`),
      work: text(WORK_FORMULA),
    }),
  }),
);

export const SIMULATION_RESPONSES = {
  options: { 200: simulationOptionsAnswer, ...requestErrors() },
  run: {
    200: simulationAnswer,
    ...requestErrors(
      "a body that is not the request (a member unknown, missing or of the wrong type), a strategy that is not one (`strategies.PARTY`), a party that owes nothing or one left without a strategy, more work than the limit (`runs`, saying it), or a query parameter",
    ),
    404: refusal("no agreement with this id (see GET /api/agreements)"),
    ...jsonBodyErrors("the server's body limit (1 MiB by default)"),
    503: ANALYSIS_UNAVAILABLE,
  },
};
