import type { SimulationInput, SimulationOptions } from "../../../src/sim/roadmap/request.js";
import type { RoadmapResult } from "../../../src/sim/roadmap/simulate.js";

/** GET /api/simulations: the strategies with their rules, each agreement's players and assumptions, the limits. */
export type { SimulationOptions };
/** POST /api/simulations: the JSON of `lockstep simulate ID --json` (src/sim/roadmap/simulate.ts). */
export type SimulationResult = RoadmapResult;
export type Playable = SimulationOptions["agreements"][number];

/** The members of the request the view sets (their names come from src/sim: one renamed there fails here). */
type Asked = Pick<SimulationInput, "agreement" | "strategies" | "runs" | "seed" | "noise">;

/** The form, as typed: a strategy for each player, and the numbers as text (empty: the API's default). */
export interface Inputs {
  agreement: string;
  strategies: Record<string, string>;
  runs: string;
  seed: string;
  noise: string;
}

/** A link's strategy for a party: `strategies.PRK=gtft`, the path the API names it by when it refuses it. */
const STRATEGY = "strategies.";

/**
 * The form a link asks for: the request's own members, a strategy per party as `strategies.PARTY`. A number left out
 * is the API's default (1000 runs, seed 1, the file's noise).
 */
export function inputsOf(link: URLSearchParams): Inputs {
  const strategies: Record<string, string> = {};
  for (const [key, value] of link)
    if (key.startsWith(STRATEGY) && key.length > STRATEGY.length && value)
      strategies[key.slice(STRATEGY.length)] = value;
  const get = (key: keyof Asked) => link.get(key) ?? "";
  return {
    agreement: get("agreement"),
    strategies,
    runs: get("runs"),
    seed: get("seed"),
    noise: get("noise"),
  };
}

/**
 * The form made whole for an agreement: a strategy for each of its players (those it had, else the first of the
 * API's list), none for a party that is not one.
 */
export function completed(inputs: Inputs, agreement: Playable, fallback: string): Inputs {
  return {
    ...inputs,
    agreement: agreement.id,
    strategies: Object.fromEntries(agreement.players.map((p) => [p, inputs.strategies[p] || fallback])),
  };
}

/** A number as typed, or left out (the API's default); text that is no number is sent as it is, for the API to name. */
function numberOf(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : (t as unknown as number);
}

/** The body of POST /api/simulations for the form. */
export function requestOf(i: Inputs): SimulationInput {
  const body: Asked = { agreement: i.agreement, strategies: { ...i.strategies } };
  const runs = numberOf(i.runs);
  const seed = numberOf(i.seed);
  const noise = numberOf(i.noise);
  if (runs !== undefined) body.runs = runs;
  if (seed !== undefined) body.seed = seed;
  if (noise !== undefined) body.noise = noise;
  return body;
}

/** The link for a request: its members in a fixed order, the strategies in the players' order. */
export function linkOf(body: SimulationInput): URLSearchParams {
  const link = new URLSearchParams({ agreement: body.agreement });
  for (const [party, strategy] of Object.entries(body.strategies)) link.set(STRATEGY + party, strategy);
  for (const key of ["runs", "seed", "noise"] as const)
    if (body[key] !== undefined) link.set(key, String(body[key]));
  return link;
}

/** A share as the command's text prints it: 12.3%. */
export const pct = (x: number): string => (100 * x).toFixed(1) + "%";
/** A 95% interval: 10.1%–14.8%. */
export const interval = (i: readonly [number, number]): string => `${pct(i[0])}–${pct(i[1])}`;
/** Days from day 0, whole (percentiles interpolate between runs): median (5%–95%), or — when it never happened. */
export const spread = (d: { p5: number; median: number; p95: number } | null): string =>
  d ? `${Math.round(d.median)} (${Math.round(d.p5)}–${Math.round(d.p95)})` : "—";
