import type { DatedEvent } from "./event-index.js";
import type { Evidence } from "./result.js";

export function toEvidence({ event: e, day }: DatedEvent): Evidence {
  // Field by field, in the order a report prints them, without a temporary object per optional field: a report on
  // a large record cites 100,000s of events.
  const evidence: Partial<Evidence> = {
    id: e.id,
    date: e.date === day ? day : e.date,
    type: e.type,
    actors: e.actors,
  };
  if (e.targets?.length) evidence.targets = e.targets;
  evidence.count = e.count;
  if (e.summary) evidence.summary = e.summary;
  evidence.confidence = e.confidence;
  evidence.sources = e.sources;
  return evidence as Evidence;
}

/** An event in one line, as a transition's cause cites it: `2022-03-16 PRK missile_launch (ICBM Hwasong-17)`. */
export function describeEvent(d: DatedEvent): string {
  const e = d.event;
  return `${d.day} ${e.actors.join("+")} ${e.type}${e.count > 1 ? ` ×${e.count}` : ""}${e.summary ? ` (${e.summary})` : ""}`;
}
