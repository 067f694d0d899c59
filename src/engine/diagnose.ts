import type { Agreement, Condition } from "../agreement/index.js";
import type { EventMatcher, LedgerEvent } from "../model/index.js";
import type { EventIndex } from "./event-index.js";
import type { Warning } from "./result.js";

interface Named {
  at: string;
  matcher: EventMatcher;
  text: string;
}

/** Every matcher an agreement names, with where it is written. */
function namedMatchers(a: Agreement): Named[] {
  const out: Named[] = [];
  const conditions = (c: Condition, at: string) => {
    if (c.kind === "event") out.push({ at, matcher: c.matcher, text: c.text });
    if (c.kind === "all" || c.kind === "any") c.conditions.forEach((x) => conditions(x, at));
  };
  for (const o of a.obligations) {
    out.push({ at: `obligations.${o.id}.counts`, matcher: o.counts, text: o.countsText });
    if (o.then)
      out.push({ at: `obligations.${o.id}.then.counts`, matcher: o.then.counts, text: o.then.countsText });
    if (o.verifiedBy)
      out.push({
        at: `obligations.${o.id}.verified_by`,
        matcher: o.verifiedBy.matcher,
        text: o.verifiedBy.text,
      });
    conditions(o.start, `obligations.${o.id}.start`);
    if (o.lapses) conditions(o.lapses, `obligations.${o.id}.lapses`);
    if (o.window && "from" in o.window && o.window.from)
      conditions(o.window.from, `obligations.${o.id}.window.from`);
  }
  a.phases.forEach((p) => conditions(p.enters, `phases.${p.id}.enters`));
  for (const p of a.powers) {
    if (p.available) conditions(p.available, `powers.${p.id}.available`);
    if (p.exercised)
      out.push({ at: `powers.${p.id}.exercised`, matcher: p.exercised.matcher, text: p.exercised.text });
  }
  if (a.withdrawal)
    out.push({ at: "withdrawal.counts", matcher: a.withdrawal.counts, text: a.withdrawal.countsText });
  return out;
}

/** One term of a matcher, with a test and what an event has in its place. */
interface Term {
  name: string;
  wanted: string[];
  test: (e: LedgerEvent) => boolean;
  values: (e: LedgerEvent) => string[];
}

function termsOf(m: EventMatcher): Term[] {
  const terms: Term[] = [];
  if (m.types)
    terms.push({
      name: "type",
      wanted: m.types,
      test: (e) => m.types!.includes(e.type),
      values: (e) => [e.type],
    });
  if (m.actors)
    terms.push({
      name: "actor",
      wanted: m.actors,
      test: (e) => e.actors.some((x) => m.actors!.includes(x)),
      values: (e) => e.actors,
    });
  if (m.with)
    terms.push({
      name: "with",
      wanted: m.with,
      test: (e) => m.with!.every((x) => e.actors.includes(x)),
      values: (e) => e.actors,
    });
  if (m.targets)
    terms.push({
      name: "target",
      wanted: m.targets,
      test: (e) => (e.targets ?? []).some((x) => m.targets!.includes(x)),
      values: (e) => e.targets ?? [],
    });
  if (m.confidence)
    terms.push({
      name: "confidence",
      wanted: m.confidence,
      test: (e) => m.confidence!.includes(e.confidence),
      values: (e) => [e.confidence],
    });
  for (const [key, wanted] of Object.entries(m.attributes ?? {})) {
    const read = (e: LedgerEvent) => {
      const v = e.attributes[key];
      return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
    };
    terms.push({ name: key, wanted, test: (e) => read(e).some((x) => wanted.includes(x)), values: read });
  }
  return terms;
}

function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * Matchers that match no event in the ledger up to the as-of date: a misspelt value reads as compliance (nothing
 * broke the restraint) or as a step never taken. For each, the term that excludes everything, and the closest values
 * the ledger has for it among events that meet the other terms.
 */
export function emptyMatcherWarnings(
  a: Agreement,
  index: EventIndex,
  events: readonly LedgerEvent[],
  asOf: string,
): Warning[] {
  const seen = new Set<string>();
  const empty = namedMatchers(a).filter((n) => {
    if (index.matching(n.matcher).length > 0) return false;
    const key = `${n.at} ${JSON.stringify(n.matcher)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (empty.length === 0) return [];
  const checks = empty.map((n) => ({
    n,
    terms: termsOf(n.matcher),
    near: new Map<string, Map<string, number>>(),
  }));
  for (const e of events) {
    if (e.type === "retraction" || e.date.slice(0, 10) > asOf) continue;
    for (const c of checks) {
      let failed: Term | undefined;
      let failures = 0;
      for (const t of c.terms)
        if (!t.test(e)) {
          failed = t;
          if (++failures > 1) break;
        }
      if (failures !== 1) continue;
      const counts = c.near.get(failed!.name) ?? new Map<string, number>();
      c.near.set(failed!.name, counts);
      for (const v of failed!.values(e)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  }
  return checks.map(({ n, terms, near }) => {
    const hints = terms
      .filter((t) => near.has(t.name))
      .map((t) => {
        const present = [...near.get(t.name)!.entries()]
          .map(([value, count]) => ({
            value,
            count,
            d: Math.min(...t.wanted.map((w) => distance(w, value))),
          }))
          .sort(
            (x, y) => x.d - y.d || y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0),
          )
          .slice(0, 3)
          .map((x) => `"${x.value}" (${x.count})`);
        return `no event has ${t.name}=${t.wanted.join(",")} with the other terms; closest present: ${present.join(", ")}`;
      });
    const why = hints.length
      ? hints.join("; ")
      : terms.length > 1
        ? "no event meets even all terms but one"
        : "no event has it";
    return {
      kind: "matches_nothing" as const,
      at: n.at,
      matcher: n.text,
      message: `\`${n.text}\` matches no event in the ledger up to ${asOf}: ${why}`,
    };
  });
}

/**
 * What the diagnosis of the matchers a first evaluation found empty reads: for each, the matcher with one of its
 * terms left out (and no date range, which the diagnosis does not test), so that the events meeting all its terms
 * but one — the only ones it counts — can be read by a ledger's filters instead of from the whole view.
 */
export function diagnosisMatchers(a: Agreement, warnings: readonly Warning[]): EventMatcher[] {
  const empty = new Set(
    warnings.filter((w) => w.kind === "matches_nothing").map((w) => `${w.at} ${w.matcher}`),
  );
  const out: EventMatcher[] = [];
  for (const n of namedMatchers(a)) {
    if (!empty.has(`${n.at} ${n.text}`)) continue;
    const { from: _from, to: _to, attributes, ...plain } = n.matcher;
    const keys = Object.keys(plain) as (keyof typeof plain)[];
    for (const key of keys) {
      const { [key]: _left, ...rest } = plain;
      out.push({ ...rest, ...(attributes ? { attributes } : {}) });
    }
    for (const name of Object.keys(attributes ?? {})) {
      const { [name]: _left, ...others } = attributes!;
      out.push({ ...plain, ...(Object.keys(others).length ? { attributes: others } : {}) });
    }
  }
  return out;
}
