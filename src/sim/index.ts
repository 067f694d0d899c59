/** Iterated games (src/sim): strategies, matches, tournaments and Moran processes; pure and seeded, no I/O. */
export { C, D, GAME, PAYOFF, LETTER, GTFT_DEFAULT_P, type Action } from "./game.js";
export { KIND, type StrategyName } from "./kinds.js";
export { CATALOG, STRATEGY_NAMES, parseStrategy, type Strategy } from "./strategies.js";
export { match, type MatchOptions, type MatchResult } from "./match.js";
export { tournament, type TournamentOptions, type TournamentResult, type Standing } from "./tournament.js";
export { moran, type MoranOptions, type MoranResult, type Fixation } from "./moran.js";
