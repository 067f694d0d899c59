import type { Evaluation, Evidence, ObligationResult, ObligationStatus, Transition } from "../api.js";
import { neverViolated } from "./never-violated.js";
import { addDays } from "./time.js";

/**
 * How a segment is drawn: its status, or `never_violated` for the active days of an obligation that can never be
 * violated (never-violated.ts), which a green "active" would show as kept.
 */
export type StripMark = ObligationStatus | "never_violated";

/** A stretch of days (both ends included) in one status, and the transitions that began it. */
export interface Segment {
  status: ObligationStatus;
  mark: StripMark;
  from: string;
  to: string;
  causes: Transition[];
}

/** One row of the strip: an obligation, or one debtor's own part of it. */
export interface StripRow {
  obligation: ObligationResult;
  party?: string;
  segments: Segment[];
}

/**
 * The days from `start` to `asOf` cut at each transition. Transitions on one day make one segment (the last status
 * of the day), which lists them all; before the first transition the row is in that transition's `from` status.
 */
export function segmentsOf(
  history: Transition[],
  start: string,
  asOf: string,
  current: ObligationStatus,
): Segment[] {
  const steps = history.filter((h) => h.date <= asOf).sort((a, b) => a.date.localeCompare(b.date));
  const segments: Segment[] = [];
  let status = steps[0]?.from ?? current;
  let from = start;
  let causes: Transition[] = [];
  for (const h of steps) {
    if (h.date > from) {
      segments.push({ status, mark: status, from, to: addDays(h.date, -1), causes });
      from = h.date;
      causes = [];
    }
    status = h.to;
    causes.push(h);
  }
  segments.push({ status, mark: status, from, to: asOf, causes });
  return segments;
}

/** An obligation's own status over time, as the engine gives it for one owed by each debtor, cut into segments. */
export function changeSegments(o: ObligationResult, start: string, asOf: string): Segment[] {
  const changes = (o.statusChanges ?? []).filter((c) => c.date <= asOf);
  const segments: Segment[] = [];
  if (!changes.length || changes[0]!.date > start)
    segments.push({
      status: "dormant",
      mark: "dormant",
      from: start,
      to: changes.length ? addDays(changes[0]!.date, -1) : asOf,
      causes: [],
    });
  changes.forEach((c, i) => {
    const to = i + 1 < changes.length ? addDays(changes[i + 1]!.date, -1) : asOf;
    const causes = o.history.filter((h) => h.date === c.date);
    segments.push({ status: c.status, mark: c.status, from: c.date, to, causes });
  });
  return segments;
}

/** The first day the strip shows: the agreement's effective date, or an earlier transition if any. */
export function stripStart(ev: Evaluation): string {
  const days = ev.obligations.flatMap((o) => [
    ...o.history.map((h) => h.date),
    ...(o.parties ?? []).flatMap((p) => p.history.map((h) => h.date)),
  ]);
  if (ev.agreement.effective) days.push(ev.agreement.effective);
  return days.sort()[0] ?? ev.asOf;
}

/** The active days of an obligation that can never be violated get their own mark; the rest keep their status. */
function marked(o: ObligationResult, segments: Segment[]): Segment[] {
  if (!neverViolated(o)) return segments;
  return segments.map((s) => (s.status === "active" ? { ...s, mark: "never_violated" } : s));
}

/** A row per obligation and, for an obligation owed by each debtor for itself, a row per debtor below it. */
export function stripRows(ev: Evaluation, start: string): StripRow[] {
  const rows: StripRow[] = [];
  for (const o of ev.obligations) {
    if (o.parties?.length) {
      rows.push({ obligation: o, segments: marked(o, changeSegments(o, start, ev.asOf)) });
      for (const p of o.parties)
        rows.push({
          obligation: o,
          party: p.party,
          segments: marked(o, segmentsOf(p.history, start, ev.asOf, p.status)),
        });
    } else rows.push({ obligation: o, segments: marked(o, segmentsOf(o.history, start, ev.asOf, o.status)) });
  }
  return rows;
}

/** The events an obligation's history cites, by id: its evidence, its context, and its parts' evidence. */
export function eventsById(o: ObligationResult): Map<string, Evidence> {
  const all = [...o.evidence, ...o.context, ...(o.parties ?? []).flatMap((p) => p.evidence)];
  return new Map(all.map((e) => [e.id, e]));
}

/** The day a transition's cause names, and the events it cites. */
export function causeEvents(h: Transition): string[] {
  return "events" in h.cause && h.cause.events ? h.cause.events : [];
}
