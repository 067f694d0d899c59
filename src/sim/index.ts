/** Iterated games (src/sim): strategies, matches, tournaments and Moran processes; pure and seeded, no I/O. */
export { C, D, GAME, PAYOFF, LETTER, GTFT_DEFAULT_P, type Action } from "./game.js";
export { KIND, type StrategyName } from "./kinds.js";
export { CATALOG, STRATEGY_NAMES, parseStrategy, type Strategy } from "./strategies.js";
export { match, type MatchOptions, type MatchResult } from "./match.js";
export { tournament, type TournamentOptions, type TournamentResult, type Standing } from "./tournament.js";
export { moran, type MoranOptions, type MoranResult, type Fixation } from "./moran.js";
export {
  buildRoadmap,
  ROADMAP_DEFAULTS,
  type Roadmap,
  type RoadmapOverrides,
  type RoadStep,
  type Restraint,
} from "./roadmap/model.js";
export {
  ROADMAP_CATALOG,
  ROADMAP_STRATEGY_NAMES,
  parseRoadmapStrategy,
  parseStrategyAssignments,
  type RoadmapStrategy,
} from "./roadmap/strategies.js";
export { simulateRoadmap, type RoadmapResult, type SimulateOptions } from "./roadmap/simulate.js";
export { wilson } from "./wilson.js";
export {
  sweepRoadmap,
  sweepValues,
  SWEEP_PARAMETERS,
  SWEEP_MEANING,
  MAX_SWEEP_STEPS,
  type SweepParameter,
  type SweepSpec,
  type SweepPoint,
  type SweepResult,
} from "./roadmap/sweep.js";
