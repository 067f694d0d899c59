import { didYouMean } from "../../model/suggest.js";
import { GTFT_DEFAULT_P } from "../game.js";

/**
 * A party's strategy in a roadmap game: each turn it takes its next step, holds, or defects (breaks its restraints),
 * from what it has seen. The rules in words are here, once: `lockstep simulate --help` and docs/simulation.md show
 * them; decide() in play.ts is their code.
 */
export const ROADMAP_STRATEGY_NAMES = [
  "reciprocal",
  "demand-first",
  "freeze-for-freeze",
  "grim",
  "grit",
  "gtft",
  "cooperator",
  "defector",
] as const;
export type RoadmapStrategyName = (typeof ROADMAP_STRATEGY_NAMES)[number];

export interface RoadmapStrategy {
  /** As the user would write it, parameters included when not the defaults (`reciprocal:2`). */
  readonly name: string;
  readonly kind: RoadmapStrategyName;
  /** The opening credit: how far its costs may run ahead of the value it has seen received. */
  readonly credit: number;
  /** freeze-for-freeze: days without a perceived breach before it steps. */
  readonly calmDays: number;
  /** grit: steps taken unconditionally before it turns reciprocal. */
  readonly initiative: number;
  /** gtft: the probability of letting a perceived breach pass. */
  readonly generosity: number;
}

interface Param {
  name: keyof Pick<RoadmapStrategy, "credit" | "calmDays" | "initiative" | "generosity">;
  default: number;
  refuse: (x: number) => string | undefined;
}

const credit: Param = {
  name: "credit",
  default: 1,
  refuse: (x) => (x >= 0 ? undefined : "must be 0 or more"),
};
const whole = (name: Param["name"], fallback: number, max: number): Param => ({
  name,
  default: fallback,
  refuse: (x) =>
    Number.isInteger(x) && x >= 0 && x <= max ? undefined : `must be a whole number, 0 to ${max}`,
});

/** An alarm: a breach of a restraint owed to the party, or a deadline missed on a step owed to it, seen last turn. */
export const ROADMAP_CATALOG: Readonly<
  Record<RoadmapStrategyName, { rule: string; params: readonly Param[] }>
> = {
  reciprocal: {
    rule:
      "Step by step: after an alarm, defect for one turn; otherwise take its next step if its cost, added to " +
      "what it has given, is at most the value it has seen received plus its credit (default 1); else hold.",
    params: [credit],
  },
  "demand-first": {
    rule:
      "Everything first: after an alarm, defect for one turn; otherwise take its next step only once every " +
      "step owed to it has been seen performed; else hold.",
    params: [],
  },
  "freeze-for-freeze": {
    rule:
      "Restraint for restraint: after an alarm, defect for one turn; otherwise take its next step once it has " +
      "seen no breach for its calm days (default 180, counted from day 0 or the last alarm); else hold.",
    params: [whole("calmDays", 180, 36_500)],
  },
  grim: {
    rule:
      "Grim trigger: after its first alarm, defect every turn for good; until then as reciprocal with its " +
      "credit (default 1).",
    params: [credit],
  },
  grit: {
    rule:
      "GRIT: takes its first k steps (default 2) as soon as each is open, whatever it sees, and lets alarms " +
      "pass meanwhile; then as reciprocal with its credit (default 1).",
    params: [whole("initiative", 2, 1000), credit],
  },
  gtft: {
    rule:
      "Generous tit for tat: after an alarm, lets it pass with probability g (default 1/3) and defects for one " +
      "turn otherwise; when not defecting, as reciprocal with its credit (default 1).",
    params: [
      {
        name: "generosity",
        default: GTFT_DEFAULT_P,
        refuse: (x) => (x >= 0 && x <= 1 ? undefined : "must be a probability in [0, 1]"),
      },
      credit,
    ],
  },
  cooperator: {
    rule: "Takes its next step as soon as it is open and never defects, whatever it sees.",
    params: [],
  },
  defector: { rule: "Defects every turn: breaks its restraints and takes no step.", params: [] },
};

const DEFAULTS: Omit<RoadmapStrategy, "name" | "kind"> = {
  credit: 1,
  calmDays: 180,
  initiative: 2,
  generosity: GTFT_DEFAULT_P,
};

/** A strategy from its name and parameters after colons (`reciprocal:2`, `grit:3:1`, `gtft:0.1`). */
export function parseRoadmapStrategy(text: string): RoadmapStrategy {
  const [base = "", ...args] = text.trim().split(":");
  const kind = ROADMAP_STRATEGY_NAMES.find((n) => n === base.trim().toLowerCase());
  if (kind === undefined)
    throw new RangeError(`unknown strategy "${base}"${didYouMean(base, ROADMAP_STRATEGY_NAMES)}`);
  const params = ROADMAP_CATALOG[kind].params;
  if (args.length > params.length)
    throw new RangeError(
      params.length
        ? `strategy ${kind} takes at most ${params.length} parameter(s) (${params.map((p) => p.name).join(", ")}), not "${text}"`
        : `strategy ${kind} takes no parameters, not "${text}"`,
    );
  const strategy: { -readonly [K in keyof RoadmapStrategy]: RoadmapStrategy[K] } = {
    name: kind,
    kind,
    ...DEFAULTS,
  };
  const given: string[] = [];
  params.forEach((param, i) => {
    const raw = args[i]?.trim();
    const x = raw === undefined || raw === "" ? param.default : Number(raw);
    const why = Number.isFinite(x) ? param.refuse(x) : "must be a number";
    if (why) throw new RangeError(`strategy ${kind}: parameter ${param.name} ${why}, not "${raw}"`);
    strategy[param.name] = x;
    given.push(String(x));
  });
  if (params.some((p) => strategy[p.name] !== p.default)) strategy.name = [kind, ...given].join(":");
  return strategy;
}

/**
 * `PRK=reciprocal,USA=demand-first`: a strategy for each party named. Throws naming `field` on a malformed part or a
 * party named twice; whether the parties are the game's players is the simulation's check.
 */
export function parseStrategyAssignments(text: string, field = "strategy"): Record<string, RoadmapStrategy> {
  const out: Record<string, RoadmapStrategy> = {};
  for (const part of text.split(",")) {
    const [party = "", name, ...rest] = part.split("=");
    if (party.trim() === "" || name === undefined || name.trim() === "" || rest.length)
      throw new RangeError(`${field} takes PARTY=STRATEGY,PARTY=STRATEGY…, not "${part}" in "${text}"`);
    const id = party.trim();
    if (id in out) throw new RangeError(`${field} names ${id} twice`);
    out[id] = parseRoadmapStrategy(name);
  }
  return out;
}
