import { addDuration, type Condition } from "../agreement/index.js";
import type { DatedEvent } from "./event-index.js";
import { effectiveKey, type Machine } from "./machine.js";
import { PERFORMED_STATUSES, type ObligationStatus } from "./result.js";
import type { PartState } from "./snapshot.js";

/** What conditions read: the parts, the first events of condition matchers, phases and withdrawals as they stand. */
export interface StateView {
  readonly machine: Machine;
  part(i: number): PartState;
  seenOf(key: string): DatedEvent | undefined;
  phase(k: number): string | null;
  withdrawnOn(party: string): string | undefined;
}

function partsOf(v: StateView, id: string): PartState[] {
  return (v.machine.partsOf.get(id) ?? []).map((p) => v.part(p.index));
}

const performed = (s: PartState) => PERFORMED_STATUSES.includes(s.status);

/**
 * Whether a condition holds on a day. On an obligation owed by each debtor: fulfilled, discharged and verified when
 * every part is; violated and reversed when any is; started when they started (together).
 */
export function holds(c: Condition, day: string, v: StateView): boolean {
  switch (c.kind) {
    case "date":
      return day >= c.date;
    case "status": {
      const parts = partsOf(v, c.obligation);
      if (parts.length === 0) return false;
      switch (c.status) {
        case "started":
          return parts.some((s) => s.started !== null && s.started <= day);
        case "fulfilled":
          return parts.every(performed);
        case "verified":
          return parts.every((s) => performed(s) && s.verifiedOn !== null);
        case "discharged":
          return parts.every((s) => s.status === "discharged");
        case "violated":
          // In breach at some time up to the day: overdue (even if performed late since), violated, reversed.
          return parts.some((s) => s.breachedOn !== null && s.breachedOn <= day);
        case "reversed":
          return parts.some((s) => s.status === "reversed");
      }
      return false;
    }
    case "held": {
      const parts = partsOf(v, c.obligation);
      const started = parts[0]?.started;
      if (!started) return false;
      const until = addDuration(started, c.for);
      if (until > day) return false;
      return parts.every(
        (s) =>
          !(s.breachedOn !== null && s.breachedOn < until) &&
          !(s.status === "terminated" && s.since !== null && s.since < until),
      );
    }
    case "event": {
      const first = v.seenOf(effectiveKey(c.matcher));
      return first !== undefined && first.day <= day;
    }
    case "withdrawn": {
      const on = v.withdrawnOn(c.party);
      return on !== undefined && on <= day;
    }
    case "phase": {
      const k = v.machine.phaseIndex.get(c.phase);
      const entered = k === undefined ? null : v.phase(k);
      return entered !== null && entered <= day;
    }
    case "all":
      return c.conditions.every((x) => holds(x, day, v));
    case "any":
      return c.conditions.some((x) => holds(x, day, v));
  }
}

/** The events that made a condition hold, for the record of why something started. */
export function causeEvents(c: Condition, day: string, v: StateView): DatedEvent[] {
  if (c.kind === "event") {
    const first = v.seenOf(effectiveKey(c.matcher));
    return first !== undefined && first.day <= day ? [first] : [];
  }
  if (c.kind === "status" && c.status !== "started")
    return partsOf(v, c.obligation).flatMap((s) => s.causedBy);
  if (c.kind === "all" || c.kind === "any")
    return c.conditions.flatMap((x) => (holds(x, day, v) ? causeEvents(x, day, v) : []));
  return [];
}

/** A condition in words, as a clause: "relief is fulfilled", "on 2020-01-01". */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case "date":
      return `on ${c.date}`;
    case "status":
      return c.status === "started" ? `${c.obligation} has started` : `${c.obligation} is ${c.status}`;
    case "held":
      return `${c.obligation} held for ${c.for.text}`;
    case "event":
      return `an event matching \`${c.text}\``;
    case "withdrawn":
      return `${c.party} has withdrawn`;
    case "phase":
      return `phase ${c.phase} has been entered`;
    case "all":
      return c.conditions.map(describeCondition).join(" and ");
    case "any":
      return `(${c.conditions.map(describeCondition).join(" or ")})`;
  }
}

/** What a waiting obligation waits for, as a noun phrase: "the date 2020-01-01", "relief to be fulfilled". */
export function describeWait(c: Condition): string {
  switch (c.kind) {
    case "date":
      return `the date ${c.date}`;
    case "status":
      return c.status === "started"
        ? `${c.obligation} to start`
        : c.status === "violated"
          ? `a breach of ${c.obligation}`
          : `${c.obligation} to be ${c.status}`;
    case "held":
      return `${c.obligation} to be held for ${c.for.text}`;
    case "event":
      return `an event matching \`${c.text}\``;
    case "withdrawn":
      return `${c.party} to withdraw`;
    case "phase":
      return `phase ${c.phase} to be entered`;
    case "all":
      return c.conditions.map(describeWait).join(" and ");
    case "any":
      return `either ${c.conditions.map(describeWait).join(" or ")}`;
  }
}

/** The parts of a condition that do not hold yet: what a waiting obligation waits for. */
export function unmetParts(c: Condition, day: string, v: StateView): Condition[] {
  if (holds(c, day, v)) return [];
  if (c.kind === "all") return c.conditions.flatMap((x) => unmetParts(x, day, v));
  return [c];
}

/**
 * Why an unmet condition can never hold any more, and since when; undefined if it still can. An obligation waited
 * on to be fulfilled that was violated for good, reversed, discharged or terminated can no longer be fulfilled.
 */
export function neverAgain(c: Condition, v: StateView): { why: string; since: string } | undefined {
  if (
    c.kind === "status" &&
    (c.status === "fulfilled" || c.status === "verified" || c.status === "discharged")
  ) {
    for (const s of partsOf(v, c.obligation)) {
      const dead: ObligationStatus[] =
        c.status === "discharged"
          ? ["fulfilled", "fulfilled_late", "violated", "reversed", "terminated"]
          : ["violated", "reversed", "discharged", "terminated"];
      if (dead.includes(s.status))
        return {
          why: `${c.obligation} was ${s.status} on ${s.since} and can never be ${c.status}`,
          since: s.since!,
        };
    }
  }
  if (c.kind === "held") {
    const parts = partsOf(v, c.obligation);
    const started = parts[0]?.started;
    if (started) {
      const until = addDuration(started, c.for);
      const broken = parts.find((s) => s.breachedOn !== null && s.breachedOn < until);
      if (broken)
        return {
          why: `${c.obligation} was broken on ${broken.breachedOn}, before it had held for ${c.for.text}`,
          since: broken.breachedOn!,
        };
    }
  }
  if (c.kind === "any") {
    const all = c.conditions.map((x) => neverAgain(x, v));
    if (all.every(Boolean))
      return {
        why: all.map((x) => x!.why).join("; and "),
        since: all
          .map((x) => x!.since)
          .sort()
          .at(-1)!,
      };
  }
  if (c.kind === "all") return c.conditions.map((x) => neverAgain(x, v)).find(Boolean);
  return undefined;
}
