import { addDuration, type Condition } from "../agreement/index.js";
import type { EventMatcher } from "../model/index.js";
import type { DatedEvent } from "./event-index.js";
import type { ObligationState } from "./state.js";

export interface ConditionContext {
  states: Map<string, ObligationState>;
  eventsFor(m: EventMatcher): DatedEvent[];
}

export function holds(c: Condition, day: string, ctx: ConditionContext): boolean {
  switch (c.kind) {
    case "date":
      return day >= c.date;
    case "status": {
      const s = ctx.states.get(c.obligation);
      if (!s) return false;
      if (c.status === "started") return s.started !== null && s.started <= day;
      return s.status === c.status;
    }
    case "held": {
      const s = ctx.states.get(c.obligation);
      if (!s?.started) return false;
      const until = addDuration(s.started, c.for);
      if (until > day) return false;
      const brokeBefore = s.violatedOn !== null && s.violatedOn < until;
      const endedBefore = s.status === "terminated" && s.since !== null && s.since < until;
      return !brokeBefore && !endedBefore;
    }
    case "event": {
      // The events are in day order: the first is the earliest.
      const first = ctx.eventsFor(c.matcher)[0];
      return first !== undefined && first.day <= day;
    }
    case "all":
      return c.conditions.every((x) => holds(x, day, ctx));
    case "any":
      return c.conditions.some((x) => holds(x, day, ctx));
  }
}

/** The events that made a condition hold, for the record of why an obligation started. */
export function causeEvents(c: Condition, day: string, ctx: ConditionContext): DatedEvent[] {
  if (c.kind === "event") {
    const first = ctx.eventsFor(c.matcher)[0];
    return first !== undefined && first.day <= day ? [first] : [];
  }
  if (c.kind === "all" || c.kind === "any")
    return c.conditions.flatMap((x) => (holds(x, day, ctx) ? causeEvents(x, day, ctx) : []));
  return [];
}

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
    case "all":
      return c.conditions.map(describeCondition).join(" and ");
    case "any":
      return `(${c.conditions.map(describeCondition).join(" or ")})`;
  }
}

/** The parts of a condition that do not hold yet: what a waiting obligation waits on. */
export function unmetParts(c: Condition, day: string, ctx: ConditionContext): string[] {
  if (holds(c, day, ctx)) return [];
  if (c.kind === "all") return c.conditions.flatMap((x) => unmetParts(x, day, ctx));
  return [describeCondition(c)];
}
