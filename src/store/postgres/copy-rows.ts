import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import copyStreams from "pg-copy-streams";

/**
 * Rows written with COPY … FROM STDIN in PostgreSQL's text format: one line a row, fields separated by tabs, null as
 * \N. The text format, not CSV: a field needs escaping only where it holds a backslash, tab, newline or carriage
 * return, which canonical JSON bodies almost never do (CSV would quote every field and double every quote of a
 * body: measured, the encoding was a tenth of an import's time).
 */

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value as a field of COPY's text format. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

/** One row as a line of COPY's text format, the fields in the order given. */
export const copyLine = (fields: readonly unknown[]): string => fields.map(copyField).join("\t") + "\n";

/** Writes text already in COPY's text format (whole lines) into the table's columns, in one COPY statement. */
export async function copyLines(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  lines: string | AsyncIterable<string>,
): Promise<void> {
  const into = client.query(copyStreams.from(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(typeof lines === "string" ? Readable.from([lines]) : Readable.from(lines), into);
}
