import type { Agreement, Condition, Duration, Obligation, Withdrawal } from "../agreement/index.js";
import type { EventMatcher } from "../model/index.js";

/**
 * One debtor's share of an obligation, as the engine tracks it: an obligation owed jointly has one part (any debtor
 * performs for all), an obligation every debtor owes for itself (`each`) has one part per debtor.
 */
export interface PartSpec {
  /** Its place in the snapshot's list of parts. */
  index: number;
  obligation: Obligation;
  /** The debtor whose own part this is, or null for a joint part. */
  party: string | null;
}

/**
 * The agreement as the engine runs it: parts, the start conditions links add, holding periods to watch, parallel
 * partners, and every matcher the replay asks the ledger about, by key. Built once; read-only thereafter.
 */
export interface Machine {
  agreement: Agreement;
  effective: string | null;
  parts: PartSpec[];
  partsOf: Map<string, PartSpec[]>;
  /** An obligation's start, with what its links add (gates, unlocks, paired). */
  starts: Map<string, Condition>;
  /** The holding periods that matter for an obligation: links and conditions that ask whether it held that long. */
  heldDurations: Map<string, Duration[]>;
  parallel: Map<string, { other: string; tolerance: Duration }[]>;
  /** Matchers whose first event makes a condition hold (`{event: ...}`). */
  conditionMatchers: EventMatcher[];
  phaseIndex: Map<string, number>;
  /** Everything the replay reads from the ledger, each once. */
  reads: Read[];
  /** By read key: the parts whose counting reads it (what counts, what undoes a step, what verifies it). */
  partsReading: Map<string, number[]>;
}

/** Equal matchers written apart are one: the key is their JSON (computed once per matcher: the replay asks often). */
const KEYS = new WeakMap<EventMatcher, { all: string; effective: string }>();
function keysOf(m: EventMatcher): { all: string; effective: string } {
  let k = KEYS.get(m);
  if (!k) {
    const json = JSON.stringify(m);
    KEYS.set(m, (k = { all: "all:" + json, effective: "eff:" + json }));
  }
  return k;
}

/**
 * A day's events are read by key: every event a matcher matches (what counts toward an obligation may come before
 * the effective date, if the obligation starts earlier), or only those on or after the effective date (conditions,
 * powers, withdrawals: nothing before the agreement can trigger them).
 */
export const allKey = (m: EventMatcher): string => keysOf(m).all;
export const effectiveKey = (m: EventMatcher): string => keysOf(m).effective;
export const withdrawalKey = (w: Withdrawal): string => effectiveKey(w.counts);

export interface Read {
  key: string;
  matcher: EventMatcher;
  fromEffective: boolean;
}

export function compileMachine(a: Agreement): Machine {
  const parts: PartSpec[] = [];
  const partsOf = new Map<string, PartSpec[]>();
  for (const o of a.obligations) {
    const parties = o.debtorMode === "each" ? o.debtors : [null];
    const own = parties.map((party, i) => ({ index: parts.length + i, obligation: o, party }));
    parts.push(...own);
    partsOf.set(o.id, own);
  }
  const parallel = new Map<string, { other: string; tolerance: Duration }[]>();
  for (const l of a.links)
    if (l.kind === "parallel" && l.tolerance) {
      parallel.set(l.from, [...(parallel.get(l.from) ?? []), { other: l.to, tolerance: l.tolerance }]);
      parallel.set(l.to, [...(parallel.get(l.to) ?? []), { other: l.from, tolerance: l.tolerance }]);
    }
  return {
    agreement: a,
    effective: a.effective ?? null,
    parts,
    partsOf,
    starts: effectiveStartConditions(a),
    heldDurations: new Map(a.obligations.map((o) => [o.id, heldDurationsOf(a, o.id)])),
    parallel,
    conditionMatchers: conditionsOf(a).flatMap(eventMatchersOf),
    phaseIndex: new Map(a.phases.map((p, k) => [p.id, k])),
    reads: readsOf(a),
    partsReading: partsReading(parts),
  };
}

function partsReading(parts: PartSpec[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const p of parts) {
    const o = p.obligation;
    const keys = new Set([
      allKey(o.counts),
      ...(o.then ? [allKey(o.then.counts)] : []),
      ...(o.verifiedBy ? [allKey(o.verifiedBy.matcher)] : []),
    ]);
    for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), p.index]);
  }
  return byKey;
}

function readsOf(a: Agreement): Read[] {
  const reads = new Map<string, Read>();
  const all = (matcher: EventMatcher) =>
    reads.set(allKey(matcher), { key: allKey(matcher), matcher, fromEffective: false });
  const eff = (matcher: EventMatcher) =>
    reads.set(effectiveKey(matcher), { key: effectiveKey(matcher), matcher, fromEffective: true });
  for (const o of a.obligations) {
    all(o.counts);
    if (o.then) all(o.then.counts);
    if (o.verifiedBy) all(o.verifiedBy.matcher);
  }
  conditionsOf(a).flatMap(eventMatchersOf).forEach(eff);
  for (const p of a.powers) if (p.exercised) eff(p.exercised.matcher);
  if (a.withdrawal) eff(a.withdrawal.counts);
  return [...reads.values()];
}

/** Every condition the agreement states, wherever it is written. */
export function conditionsOf(a: Agreement): Condition[] {
  const found: Condition[] = [];
  for (const o of a.obligations) {
    found.push(o.start);
    if (o.window && "from" in o.window && o.window.from) found.push(o.window.from);
    if (o.lapses) found.push(o.lapses);
  }
  for (const p of a.phases) found.push(p.enters);
  for (const p of a.powers) if (p.available) found.push(p.available);
  return found;
}

function eventMatchersOf(c: Condition): EventMatcher[] {
  if (c.kind === "event") return [c.matcher];
  if (c.kind === "all" || c.kind === "any") return c.conditions.flatMap(eventMatchersOf);
  return [];
}

/** Every matcher the replay and the report ask the index about. */
export function matchersOf(a: Agreement, loose: (m: EventMatcher) => EventMatcher): EventMatcher[] {
  const found: EventMatcher[] = [];
  for (const o of a.obligations) {
    found.push(o.counts, loose(o.counts));
    if (o.then) found.push(o.then.counts);
    if (o.verifiedBy) found.push(o.verifiedBy.matcher);
  }
  found.push(...conditionsOf(a).flatMap(eventMatchersOf));
  for (const p of a.powers) if (p.exercised) found.push(p.exercised.matcher);
  if (a.withdrawal) found.push(a.withdrawal.counts);
  return found;
}

/** An obligation's start, with what its links add: gates and unlocks must hold too, and paired ones start together. */
export function effectiveStartConditions(a: Agreement): Map<string, Condition> {
  const own = new Map<string, Condition[]>(a.obligations.map((o) => [o.id, [o.start]]));
  for (const l of a.links) {
    const target = own.get(l.to);
    if (!target) continue;
    if (l.kind === "gates") target.push({ kind: "status", status: "fulfilled", obligation: l.from });
    if (l.kind === "unlocks")
      target.push(
        l.on === "held" && l.held
          ? { kind: "held", obligation: l.from, for: l.held }
          : { kind: "status", status: "fulfilled", obligation: l.from },
      );
  }
  const combined = new Map<string, Condition>();
  for (const [id, cs] of own) combined.set(id, cs.length === 1 ? cs[0]! : { kind: "all", conditions: cs });
  const pairedWith = new Map<string, Set<string>>();
  for (const l of a.links.filter((x) => x.kind === "paired")) {
    const group = new Set([...(pairedWith.get(l.from) ?? [l.from]), ...(pairedWith.get(l.to) ?? [l.to])]);
    for (const id of group) pairedWith.set(id, group);
  }
  const result = new Map(combined);
  for (const [id, group] of pairedWith)
    result.set(id, {
      kind: "all",
      conditions: [...group]
        .sort()
        .map((m) => combined.get(m)!)
        .filter(Boolean),
    });
  return result;
}

function heldDurationsOf(a: Agreement, id: string): Duration[] {
  const found: Duration[] = [];
  for (const l of a.links) if (l.from === id && l.held) found.push(l.held);
  const visit = (c: Condition) => {
    if (c.kind === "held" && c.obligation === id) found.push(c.for);
    if (c.kind === "all" || c.kind === "any") c.conditions.forEach(visit);
  };
  conditionsOf(a).forEach(visit);
  return found;
}
