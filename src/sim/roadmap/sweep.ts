/**
 * A sweep: one roadmap game played at each value of one of the world's parameters (misperception, provocations or
 * the verification delay), every value from the same seed, so that the values differ only where the parameter
 * does (common random numbers: every turn draws the same numbers whatever the noise). Pure, as simulate.ts.
 */
import type { Agreement } from "../../agreement/index.js";
import { buildRoadmap, type RoadmapOverrides } from "./model.js";
import { simulateRoadmap, type RoadmapResult, type SimulateOptions } from "./simulate.js";
import type { RoadmapStrategy } from "./strategies.js";

/** The parameters a sweep may vary, by the command line's names. */
export const SWEEP_PARAMETERS = ["noise", "provocations", "delay"] as const;
export type SweepParameter = (typeof SWEEP_PARAMETERS)[number];

/** What each parameter is, in words (a table's or a chart's axis). */
export const SWEEP_MEANING: Record<SweepParameter, string> = {
  noise: "misperception: the probability a turn that a kept restraint is read as broken",
  provocations: "provocations a year by each party",
  delay: "days before a performed step is seen (verification)",
};

/** The most values one sweep may ask for. */
export const MAX_SWEEP_STEPS = 100;

export interface SweepSpec {
  parameter: SweepParameter;
  from: number;
  to: number;
  /** Intervals between from and to: steps + 1 values. */
  steps: number;
}

/** The override a parameter's value sets, as `--noise`, `--provocations` and `--delay` do. */
function overrideOf(parameter: SweepParameter, value: number): RoadmapOverrides {
  switch (parameter) {
    case "noise":
      return { misperception: value };
    case "provocations":
      return { provocations: value };
    case "delay":
      return { verificationDays: value };
  }
}

/**
 * The values of a sweep: from, from + (to − from) / steps, …, to. Rounded to 12 significant digits, so that 0..0.2:4
 * gives 0.15 and not 0.15000000000000002; a delay must come out in whole days.
 */
export function sweepValues(spec: SweepSpec): number[] {
  const { parameter, from, to, steps } = spec;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_SWEEP_STEPS)
    throw new RangeError(`steps must be a whole number from 1 to ${MAX_SWEEP_STEPS}, not ${steps}`);
  if (!(Number.isFinite(from) && Number.isFinite(to) && from < to))
    throw new RangeError(`FROM must be less than TO, not ${from}..${to}`);
  const values = Array.from({ length: steps + 1 }, (_, i) =>
    i === steps ? to : Number((from + ((to - from) * i) / steps).toPrecision(12)),
  );
  if (parameter === "noise" && (from < 0 || to > 1))
    throw new RangeError(`noise is a probability: FROM and TO must be in [0, 1], not ${from}..${to}`);
  if (parameter === "provocations" && from < 0)
    throw new RangeError(`provocations are events a year: FROM must be 0 or more, not ${from}`);
  if (parameter === "delay") {
    const odd = values.find((x) => !Number.isInteger(x));
    if (from < 0 || to > 36_500)
      throw new RangeError(`delay is whole days from 0 to 36500: not ${from}..${to}`);
    if (odd !== undefined)
      throw new RangeError(
        `delay is whole days: ${from}..${to} in ${steps} steps gives ${odd}; choose steps that divide ${to - from}`,
      );
  }
  return values;
}

export interface SweepPoint {
  value: number;
  /** The game at that value: the same as a single run with the parameter set to it, and the same seed. */
  result: RoadmapResult;
}

export interface SweepResult {
  parameter: SweepParameter;
  meaning: string;
  from: number;
  to: number;
  steps: number;
  values: number[];
  points: SweepPoint[];
}

/**
 * Plays the agreement at each value of the swept parameter, over the other overrides, from one seed. `onProgress` is
 * told the runs done over the whole sweep.
 */
export function sweepRoadmap(
  agreement: Agreement,
  overrides: RoadmapOverrides,
  spec: SweepSpec,
  strategies: Readonly<Record<string, RoadmapStrategy>>,
  options: SimulateOptions,
): SweepResult {
  const values = sweepValues(spec);
  const total = options.runs * values.length;
  const points = values.map((value, k) => ({
    value,
    result: simulateRoadmap(
      buildRoadmap(agreement, { ...overrides, ...overrideOf(spec.parameter, value) }),
      strategies,
      {
        runs: options.runs,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.onProgress
          ? { onProgress: (done: number) => options.onProgress!(k * options.runs + done, total) }
          : {}),
      },
    ),
  }));
  return {
    parameter: spec.parameter,
    meaning: SWEEP_MEANING[spec.parameter],
    from: spec.from,
    to: spec.to,
    steps: spec.steps,
    values,
    points,
  };
}
