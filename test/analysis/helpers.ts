import { parseEvent, type LedgerEvent } from "../../src/model/index.js";
import { createRandom, type Random } from "../../src/analysis/random.js";
import { dayString } from "../../src/analysis/days.js";

const DEFAULT_ATTRIBUTES: Record<string, Record<string, unknown>> = {
  missile_launch: { class: "SRBM" },
  military_exercise: { name: "Exercise", status: "held" },
  retraction: { reason: "wrong date" },
};

let serial = 0;

/** A valid ledger event; each call makes a distinct event. */
export function ev(
  date: string,
  type = "missile_launch",
  extra: { end?: string; count?: number; actor?: string; attributes?: Record<string, unknown> } = {},
): LedgerEvent {
  const r = parseEvent({
    type,
    date,
    actor: extra.actor ?? (type === "military_exercise" ? "USA+KOR" : "PRK"),
    ...(extra.end !== undefined ? { end: extra.end } : {}),
    ...(extra.count !== undefined ? { count: extra.count } : {}),
    ...(type === "retraction" ? { supersedes: ["ev_00000000000000000000"] } : {}),
    attributes: { ...(DEFAULT_ATTRIBUTES[type] ?? {}), ...(extra.attributes ?? {}) },
    sources: [{ title: `source ${++serial}` }],
    summary: `event ${serial}`,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.event;
}

/** Poisson draw by inversion (small means only). */
export function poisson(random: Random, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = random.next();
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

export interface Synthetic {
  from: string;
  to: string;
  /** Cause start days, YYYY-MM-DD. */
  causes: string[];
  values: number[];
}

/**
 * A synthetic world of `days` days from 2000-01-03: causes on random days (`causeRate` a day), an effect that is
 * bursty but independent of them (a two-state Markov chain switching between a quiet and an active rate), and,
 * when `planted` is given, an extra effect at a random lag in planted.lags after each cause with probability
 * planted.probability.
 */
export function synthetic(
  seed: number,
  days: number,
  options: {
    causeRate: number;
    quiet?: number;
    active?: number;
    planted?: { lags: [number, number]; probability: number };
  },
): Synthetic {
  const random = createRandom(seed);
  const first = 10_959; // 2000-01-03, a Monday
  const values: number[] = [];
  const causeOffsets: number[] = [];
  let active = false;
  for (let d = 0; d < days; d++) {
    // Bursts: about 30 days active, 120 quiet.
    if (active ? random.next() < 1 / 30 : random.next() < 1 / 120) active = !active;
    values.push(poisson(random, active ? (options.active ?? 0.3) : (options.quiet ?? 0.05)));
    if (random.next() < options.causeRate) causeOffsets.push(d);
  }
  if (options.planted) {
    const [lo, hi] = options.planted.lags;
    for (const c of causeOffsets) {
      const d = c + random.int(lo, hi);
      if (d < days && random.next() < options.planted.probability) values[d]! += 1;
    }
  }
  return {
    from: dayString(first),
    to: dayString(first + days - 1),
    causes: causeOffsets.map((c) => dayString(first + c)),
    values,
  };
}

/** Type-7 quantile of sorted values, the textbook way, to check the selection in src/analysis/quantile.ts. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}
