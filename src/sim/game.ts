/**
 * The stage game: the prisoner's dilemma with Axelrod's payoffs, as the reference (Axelrod-Python's default Game)
 * has them. Actions are numbers so that a turn allocates nothing: 0 is cooperate, 1 is defect.
 */
export const C = 0;
export const D = 1;
export type Action = typeof C | typeof D;

/** Reward for mutual cooperation, sucker's payoff, temptation to defect, punishment for mutual defection. */
export const GAME = { R: 3, S: 0, T: 5, P: 1 } as const;

/** My payoff, indexed by my action × 2 + the opponent's: CC → R, CD → S, DC → T, DD → P. */
export const PAYOFF: readonly number[] = [GAME.R, GAME.S, GAME.T, GAME.P];

/** "C" or "D", the reference's letters, for output. */
export const LETTER = ["C", "D"] as const;

/**
 * Generous tit-for-tat's default forgiveness, from the game as the reference derives it (Nowak and Sigmund's
 * bound): min(1 − (T − R)/(R − S), (R − P)/(T − P)), 1/3 for these payoffs.
 */
export const GTFT_DEFAULT_P = Math.min(
  1 - (GAME.T - GAME.R) / (GAME.R - GAME.S),
  (GAME.R - GAME.P) / (GAME.T - GAME.P),
);
