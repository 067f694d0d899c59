import { stringify } from "csv-stringify/sync";
import type { LedgerEvent } from "../model/index.js";
import { CSV_COLUMNS } from "./csv.js";
import { escapeFormula } from "./csv-formula.js";

/**
 * An event in the interchange form (docs/interchange.md): the ledger's event with `actors` and `targets` written
 * `actor` and `target`, one code as a string and several as a list.
 */
export type InterchangeEvent = Omit<LedgerEvent, "actors" | "targets"> & {
  actor: string | string[];
  target?: string | string[];
};

/** An event as `lockstep events --format json` and `GET /api/events` give it: interchange form, and what superseded it. */
export type EventJson = InterchangeEvent & { supersededBy?: string[] };

/**
 * Writing the interchange formats, the inverse of the jsonl and csv importers: what `lockstep events` exports
 * can be imported again and is recognised as the same events (ids are derived from content).
 */
export function toInterchange(e: LedgerEvent): InterchangeEvent {
  const {
    id,
    type,
    date,
    time,
    end,
    actors,
    targets,
    count,
    amount,
    attributes,
    summary,
    sources,
    confidence,
    supersedes,
    note,
    provenance,
  } = e;
  return {
    id,
    date,
    ...(time ? { time } : {}),
    ...(end ? { end } : {}),
    actor: actors.length === 1 ? actors[0]! : actors,
    ...(targets?.length ? { target: targets.length === 1 ? targets[0] : targets } : {}),
    type,
    count,
    ...(amount ? { amount } : {}),
    attributes,
    ...(summary ? { summary } : {}),
    sources,
    confidence,
    ...(supersedes?.length ? { supersedes } : {}),
    ...(note ? { note } : {}),
    ...(provenance ? { provenance } : {}),
  };
}

export function toEventJson(e: LedgerEvent & { supersededBy?: string[] }): EventJson {
  return { ...toInterchange(e), ...(e.supersededBy ? { supersededBy: e.supersededBy } : {}) };
}

export function toJsonLines(events: LedgerEvent[]): string {
  return events.map((e) => JSON.stringify(toInterchange(e)) + "\n").join("");
}

export function toCsv(events: LedgerEvent[]): string {
  const rows = events.map((e) => ({
    id: e.id,
    date: e.date,
    time: e.time ?? "",
    end: e.end ?? "",
    actor: e.actors.join("+"),
    target: (e.targets ?? []).join("+"),
    type: e.type,
    count: String(e.count),
    amount: e.amount ? String(e.amount.value) : "",
    amount_unit: e.amount?.unit ?? "",
    confidence: e.confidence,
    summary: e.summary ?? "",
    note: e.note ?? "",
    supersedes: (e.supersedes ?? []).join(";"),
    attributes: JSON.stringify(e.attributes),
    sources: JSON.stringify(e.sources),
  }));
  const safe = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, escapeFormula(v)])));
  return stringify(safe, { header: true, columns: [...CSV_COLUMNS] });
}
