import { createRandom } from "../../analysis/random.js";
import { quantile } from "../../analysis/quantile.js";
import { checkCount, checkSeed } from "../options.js";
import { wilson } from "../wilson.js";
import type { Roadmap, RoadStep } from "./model.js";
import { NONE, RoadGame, type DefectionCause } from "./play.js";
import type { RoadmapStrategy } from "./strategies.js";

export interface SimulateOptions {
  runs: number;
  seed?: number;
  /** Told after each run: runs done, runs in all. */
  onProgress?: (done: number, total: number) => void;
}

/** A Monte Carlo probability: how many runs of how many, with its 95% Wilson interval. */
export interface Share {
  count: number;
  probability: number;
  interval: [number, number];
}

/** Days from day 0, over the runs in which it happened: percentiles (type 7), or null when it never did. */
export interface Days {
  p5: number;
  median: number;
  p95: number;
}

export interface RoadmapResult {
  agreement: Roadmap["agreement"];
  effective: string;
  strategies: { party: string; strategy: string }[];
  runs: number;
  seed: number;
  tickDays: number;
  horizonDays: number;
  misperception: number;
  provocations: Record<string, number>;
  /** Present when some player's rate varies by month of the year: its twelve rates, January first. */
  provocationsByMonth?: Record<string, number[]>;
  /** Present when players wait before answering a step: the days each run draws from, one per step and creditor. */
  answerDelays?: number[];
  phases: { id: string; title: string; reached: Share; days: Days | null }[];
  /** Each step as the model has it (RoadStep), and how often and when it was taken. */
  steps: (Pick<
    RoadStep,
    "id" | "title" | "debtors" | "creditors" | "cost" | "value" | "takesDays" | "verificationDays"
  > & { taken: Share; days: Days | null })[];
  /** Runs in which nobody broke a restraint or missed a deadline by the horizon. */
  noDefection: Share;
  /**
   * Runs in which every step was performed by the horizon (taken, and its time to take it passed), and the day the
   * last was: the agreement carried out, whatever happened to its restraints.
   */
  completed: Share & { days: Days | null };
  /** Runs in which every step was performed by the horizon and nobody broke a restraint or missed a deadline. */
  completedWithoutBreach: Share;
  /** Who defected first, by party, over all runs. */
  firstDefector: ({ party: string } & Share)[];
  /** Who defected first, how, and after which step (the last taken before that day, null before any). */
  firstDefection: ({ party: string; cause: DefectionCause; afterStep: string | null; days: Days } & Share)[];
  /** By player: mean breaches a run, mean false alarms are totals; mean payoff = values received − costs paid. */
  players: { party: string; meanBreaches: number; meanPayoff: number }[];
  meanFalseAlarms: number;
  notModelled: string[];
}

function share(count: number, runs: number): Share {
  return { count, probability: count / runs, interval: wilson(count, runs) };
}

function days(values: number[]): Days | null {
  if (!values.length) return null;
  const a = Float64Array.from(values);
  return { p5: quantile(a, 0.05), median: quantile(a, 0.5), p95: quantile(a, 0.95) };
}

/**
 * Plays `runs` runs of a roadmap game from one generator seeded with `seed`, and reports the probability of reaching
 * each phase and taking each step by the horizon, when, and who defected first after which step. `strategies` gives
 * one strategy for each of the roadmap's players, by party id: a party missing, or one that is no player, is refused.
 */
export function simulateRoadmap(
  map: Roadmap,
  strategies: Readonly<Record<string, RoadmapStrategy>>,
  options: SimulateOptions,
): RoadmapResult {
  const runs = checkCount(options.runs, "runs");
  const seed = checkSeed(options.seed ?? 1);
  const where = map.agreement.file ?? map.agreement.id;
  const missing = map.players.filter((p) => !(p in strategies));
  if (missing.length)
    throw new RangeError(
      `strategy: no strategy for ${missing.join(", ")}: every party that owes a step or a restraint in ${where} needs one (${map.players.join(", ")})`,
    );
  for (const party of Object.keys(strategies))
    if (!map.players.includes(party))
      throw new RangeError(
        `strategy: ${party} owes nothing in ${where}: the players are ${map.players.join(", ")}`,
      );
  const rng = createRandom(seed);
  const game = new RoadGame(
    map,
    map.players.map((p) => strategies[p]!),
    rng,
  );
  const phaseDays = map.phases.map((): number[] => []);
  const stepDays = map.steps.map((): number[] => []);
  const byParty = new Map<string, number>();
  const byDefection = new Map<
    string,
    { party: string; cause: DefectionCause; afterStep: string | null; days: number[] }
  >();
  let none = 0;
  const completedDays: number[] = [];
  let clean = 0;
  let falseAlarms = 0;
  const breaches = new Float64Array(map.players.length);
  const payoffs = new Float64Array(map.players.length);
  for (let run = 0; run < runs; run++) {
    game.run();
    game.phaseDay.forEach((d, k) => d !== NONE && phaseDays[k]!.push(d));
    game.stepBegun.forEach((d, i) => d !== NONE && stepDays[i]!.push(d));
    const f = game.first;
    // The day the last step was performed, or NONE when one was not by the horizon.
    let done = map.steps.length ? 0 : NONE;
    map.steps.forEach((s, i) => {
      const b = game.stepBegun[i]!;
      const performed = b === NONE ? NONE : b + s.takesDays;
      if (done === NONE) return;
      done = performed === NONE || performed > map.horizonDays ? NONE : Math.max(done, performed);
    });
    if (done !== NONE) {
      completedDays.push(done);
      if (f === null) clean++;
    }
    if (f === null) none++;
    else {
      byParty.set(f.party, (byParty.get(f.party) ?? 0) + 1);
      const key = `${f.party}\u0000${f.cause}\u0000${f.afterStep ?? ""}`;
      let row = byDefection.get(key);
      if (!row)
        byDefection.set(key, (row = { party: f.party, cause: f.cause, afterStep: f.afterStep, days: [] }));
      row.days.push(f.day);
    }
    falseAlarms += game.falseAlarms;
    map.players.forEach((party, p) => {
      breaches[p] = breaches[p]! + game.breaches[p]!;
      let net = -game.given[p]!;
      map.steps.forEach((s, i) => {
        const b = game.stepBegun[i]!;
        if (b !== NONE && b + s.takesDays <= map.horizonDays && s.creditors.includes(party)) net += s.value;
      });
      payoffs[p] = payoffs[p]! + net;
    });
    options.onProgress?.(run + 1, runs);
  }
  return {
    agreement: map.agreement,
    effective: map.effective,
    strategies: map.players.map((party) => ({ party, strategy: strategies[party]!.name })),
    runs,
    seed,
    tickDays: map.tickDays,
    horizonDays: map.horizonDays,
    misperception: map.misperception,
    provocations: map.provocations,
    ...(map.provocationsByMonth ? { provocationsByMonth: map.provocationsByMonth } : {}),
    ...(map.answerDelays.length ? { answerDelays: map.answerDelays } : {}),
    phases: map.phases.map((p, k) => ({
      id: p.id,
      title: p.title,
      reached: share(phaseDays[k]!.length, runs),
      days: days(phaseDays[k]!),
    })),
    steps: map.steps.map((s, i) => ({
      id: s.id,
      title: s.title,
      debtors: s.debtors,
      creditors: s.creditors,
      cost: s.cost,
      value: s.value,
      takesDays: s.takesDays,
      verificationDays: s.verificationDays,
      taken: share(stepDays[i]!.length, runs),
      days: days(stepDays[i]!),
    })),
    noDefection: share(none, runs),
    completed: { ...share(completedDays.length, runs), days: days(completedDays) },
    completedWithoutBreach: share(clean, runs),
    firstDefector: [...byParty]
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .map(([party, count]) => ({ party, ...share(count, runs) })),
    firstDefection: [...byDefection.values()]
      .map((r) => ({
        party: r.party,
        cause: r.cause,
        afterStep: r.afterStep,
        ...share(r.days.length, runs),
        days: days(r.days)!,
      }))
      .sort((x, y) => y.count - x.count || x.party.localeCompare(y.party)),
    players: map.players.map((party, p) => ({
      party,
      meanBreaches: breaches[p]! / runs,
      meanPayoff: payoffs[p]! / runs,
    })),
    meanFalseAlarms: falseAlarms / runs,
    notModelled: map.notModelled,
  };
}
