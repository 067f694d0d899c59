import { didYouMean } from "../model/suggest.js";
import { KIND, type StrategyName } from "./kinds.js";
import { GTFT_DEFAULT_P } from "./game.js";

/**
 * The strategies, named as in the reference (Axelrod-Python's class names), each with its rule in words. A
 * strategy is a number (its kind, kinds.ts; what it does each turn is in reactive.ts or rules.ts) and at most two parameters.
 */
export interface Strategy {
  /** The name a user gives to get this strategy back, parameters included when not the defaults (`GTFT:0.1`). */
  readonly name: string;
  readonly kind: number;
  readonly p: number;
  readonly q: number;
  /** Draws from the generator when it moves (so a match with it differs by seed even without noise). */
  readonly stochastic: boolean;
}

interface Param {
  name: string;
  default: number;
  /** Why a value is refused, or undefined when it is fine. */
  refuse: (x: number) => string | undefined;
}

interface Entry {
  rule: string;
  params?: readonly Param[];
  /** Whether it draws from the generator, given its parameters. */
  stochastic?: (p: number) => boolean;
}

const probability = (name: string, fallback: number): Param => ({
  name,
  default: fallback,
  refuse: (x) => (x >= 0 && x <= 1 ? undefined : "must be a probability in [0, 1]"),
});
const turns = (name: string, fallback: number): Param => ({
  name,
  default: fallback,
  refuse: (x) =>
    Number.isInteger(x) && x >= 1 && x <= 1000 ? undefined : "must be a whole number of turns, 1 to 1000",
});
const drawsUnlessCertain = (p: number) => p > 0 && p < 1;

/** Every strategy's rule and parameters. */
export const CATALOG: Readonly<Record<StrategyName, Entry>> = {
  Cooperator: { rule: "Always cooperate." },
  Defector: { rule: "Always defect." },
  TitForTat: { rule: "Cooperate on turn 1; then copy the opponent's previous move." },
  Grudger: { rule: "Cooperate until the opponent has defected once; then defect for the rest of the match." },
  TitFor2Tats: { rule: "Defect only if the opponent defected in both of the last two turns." },
  TwoTitsForTat: { rule: "Defect if the opponent defected in either of the last two turns." },
  SuspiciousTitForTat: { rule: "Defect on turn 1; then copy the opponent's previous move." },
  Alternator: { rule: "Cooperate on turn 1; then the opposite of its own previous move." },
  WinStayLoseShift: {
    rule: "Pavlov: cooperate on turn 1; then cooperate if both made the same move last turn, else defect.",
  },
  CyclerCCD: { rule: "Repeat C, C, D whatever happens." },
  Bully: { rule: "Defect on turn 1; then the opposite of the opponent's previous move." },
  Prober: {
    rule: "Play D, C, C; then defect forever if the opponent cooperated on turns 2 and 3, else tit for tat.",
  },
  FirstByDavis: {
    rule: "Cooperate on the first 10 turns; then defect forever once the opponent has defected at all.",
  },
  Gradual: {
    rule:
      "Cooperate on turn 1. When not punishing or calming and the opponent's last move was D, defect k turns " +
      "(k = the opponent's defections so far), then cooperate 2 turns whatever happens.",
  },
  OriginalGradual: {
    rule:
      "As Gradual, but the n-th punishment lasts n turns (n counts punishments, not defections); defections " +
      "during punishing and calming are ignored.",
  },
  GTFT: {
    rule: "Generous tit for tat: cooperate on turn 1 and after a C; after a D, cooperate with probability p.",
    params: [probability("p", GTFT_DEFAULT_P)],
    stochastic: drawsUnlessCertain,
  },
  HardTitForTat: { rule: "Defect if the opponent defected in any of the last three turns." },
  SoftGrudger: {
    rule: "After an opponent's D (when not already punishing): D, D, D, D, C, C whatever happens, then watch again.",
  },
  AntiTitForTat: { rule: "Cooperate on turn 1; then the opposite of the opponent's previous move." },
  CyclerDC: { rule: "Repeat D, C whatever happens." },
  WinShiftLoseStay: {
    rule: "Reverse Pavlov: defect on turn 1; then defect if both made the same move last turn, else cooperate.",
  },
  Random: {
    rule: "Cooperate with probability p each turn.",
    params: [probability("p", 0.5)],
    stochastic: drawsUnlessCertain,
  },
  GRIT: {
    rule:
      "Graduated reciprocation in tension reduction (Osgood): an initiative of k cooperations played whatever " +
      "the opponent does; then tit for tat (cooperation matched, a defection answered once); after d turns in a " +
      "row without mutual cooperation, a new initiative.",
    params: [turns("k", 3), turns("d", 3)],
  },
};

export const STRATEGY_NAMES = Object.keys(KIND) as readonly StrategyName[];

/** Case, spaces, hyphens and underscores ignored: "Tit For Tat" (the reference's display name) is TitForTat. */
const fold = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");
const BY_FOLDED = new Map(STRATEGY_NAMES.map((name) => [fold(name), name]));

/**
 * The strategy a name stands for: a catalog name (any case), with parameters after colons (`GTFT:0.1`,
 * `GRIT:2:4`). Throws, naming the name and the parameter, on anything else.
 */
export function parseStrategy(text: string): Strategy {
  const [base = "", ...args] = text.trim().split(":");
  const name = BY_FOLDED.get(fold(base));
  if (name === undefined)
    throw new RangeError(`unknown strategy "${base}"${didYouMean(base, STRATEGY_NAMES)}`);
  const entry = CATALOG[name];
  const params = entry.params ?? [];
  if (args.length > params.length)
    throw new RangeError(
      params.length
        ? `strategy ${name} takes at most ${params.length} parameter(s) (${params.map((p) => p.name).join(", ")}), not "${text}"`
        : `strategy ${name} takes no parameters, not "${text}"`,
    );
  const values = params.map((param, i) => {
    const raw = args[i]?.trim();
    if (raw === undefined || raw === "") return param.default;
    const x = Number(raw);
    const why = Number.isFinite(x) ? param.refuse(x) : "must be a number";
    if (why) throw new RangeError(`strategy ${name}: parameter ${param.name} ${why}, not "${raw}"`);
    return x;
  });
  const custom = values.some((v, i) => v !== params[i]!.default);
  return {
    name: custom ? [name, ...values].join(":") : name,
    kind: KIND[name],
    p: values[0] ?? 0,
    q: values[1] ?? 0,
    stochastic: entry.stochastic?.(values[0] ?? 0) ?? false,
  };
}
