import type { LedgerEvent } from "../api.js";

/**
 * A spreadsheet runs a cell that starts with = + - @, a tab or a carriage return as a formula; such a cell (and one
 * that starts with ') gets a leading ', as src/importers/csv-formula.ts does for `lockstep export`.
 */
const FORMULA = /^[=+\-@\t\r']/;
export const escapeFormula = (cell: string): string => (FORMULA.test(cell) ? `'${cell}` : cell);

/** One CSV cell: formula-escaped, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string): string {
  const cell = escapeFormula(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(";") : (v ?? ""));

export const CSV_COLUMNS = [
  "id",
  "date",
  "end",
  "type",
  "actor",
  "target",
  "count",
  "confidence",
  "summary",
  "sources",
] as const;

/** The events shown, one row each, with the URLs of their sources; CRLF line ends, as RFC 4180 has them. */
export function eventsCsv(events: readonly LedgerEvent[]): string {
  const rows = events.map((e) => [
    e.id,
    e.date,
    e.end ?? "",
    e.type,
    list(e.actor),
    list(e.target),
    String(e.count ?? 1),
    e.confidence ?? "",
    e.summary ?? "",
    e.sources.map((s) => s.url ?? s.title ?? "").join(" "),
  ]);
  return [[...CSV_COLUMNS], ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** How to cite what the timeline shows: the range, the type, how many events, and the ledger's head hash. */
export function citation(view: {
  from: string;
  to: string;
  type: string;
  events: number;
  head: string | null;
}) {
  const what = view.type ? `${view.type.replaceAll("_", " ")} events` : "events";
  const head = view.head ? `ledger head ${view.head}` : "ledger head unknown";
  return `Lockstep timeline, ${view.events} ${what} from ${view.from} to ${view.to}; ${head}.`;
}
