import { parse } from "csv-parse";
import { unescapeFormula } from "./csv-formula.js";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream";
import type { ImportItem } from "../ledger/index.js";
import { InputError, type Issue } from "../model/index.js";
import type { Importer, ImportOptions } from "./importer.js";
import { countingStream } from "./progress.js";
import { utf8Guard } from "./utf8.js";

/**
 * The interchange format as CSV, one event per row with a header. Columns: date, time, end, actor, target, type,
 * count, amount and amount_unit, confidence, summary, note, supersedes (ids separated by ;), attributes and sources (JSON), or for
 * hand-written files `attr.NAME` columns and one source as source_url, source_title, source_publisher, source_date,
 * source_quote. Empty cells are absent values.
 */
export const CSV_COLUMNS = [
  "id",
  "date",
  "time",
  "end",
  "actor",
  "target",
  "type",
  "count",
  "amount",
  "amount_unit",
  "confidence",
  "summary",
  "note",
  "supersedes",
  "attributes",
  "sources",
] as const;

const SOURCE_COLUMNS = ["url", "title", "publisher", "date", "quote"] as const;

function cellValue(text: string): unknown {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Turns one CSV row into the JSON input form; returns issues for cells that cannot be read. */
export function rowToInput(row: Record<string, string>): {
  input?: Record<string, unknown>;
  issues: Issue[];
} {
  const input: Record<string, unknown> = {};
  const issues: Issue[] = [];
  const attributes: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  const amount: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const cell = unescapeFormula(raw.trim());
    if (cell === "") continue;
    if (column.startsWith("attr.")) {
      // Defined, not assigned: `attributes.__proto__ = x` would set the prototype and lose the column unseen; the
      // event's schema then refuses the reserved name by its column.
      Object.defineProperty(attributes, column.slice(5), {
        value: cellValue(cell),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (
      column.startsWith("source_") &&
      (SOURCE_COLUMNS as readonly string[]).includes(column.slice(7))
    ) {
      source[column.slice(7)] = cell;
    } else if (column === "attributes" || column === "sources") {
      try {
        input[column] = JSON.parse(cell) as unknown;
      } catch (err) {
        issues.push({ kind: "format", path: column, message: `not valid JSON: ${(err as Error).message}` });
      }
    } else if (column === "count") {
      input.count = cellValue(cell);
    } else if (column === "amount") {
      amount.value = cellValue(cell);
    } else if (column === "amount_unit") {
      amount.unit = cell;
    } else if (column === "supersedes") {
      input.supersedes = cell.split(/[;\s]+/).filter(Boolean);
    } else if ((CSV_COLUMNS as readonly string[]).includes(column)) {
      input[column] = cell;
    } else {
      issues.push({
        kind: "schema",
        path: column,
        message: `unknown column "${column}"`,
        expected: `${CSV_COLUMNS.join(", ")}, attr.NAME or source_${SOURCE_COLUMNS.join("|")}`,
      });
    }
  }
  // attr. and source_ columns join the JSON columns only where these have the right shape; otherwise the JSON is left
  // for the event's schema to refuse (spread, a number vanished and a list of sources failed with a TypeError).
  const { attributes: given, sources: listed } = input;
  const isObject = typeof given === "object" && given !== null && !Array.isArray(given);
  if (Object.keys(attributes).length && (given === undefined || isObject))
    input.attributes = { ...(given as object | undefined), ...attributes };
  // An amount without its unit (or a unit without an amount) is left to the event's schema to refuse.
  if (Object.keys(amount).length) input.amount = amount;
  if (Object.keys(source).length && (listed === undefined || Array.isArray(listed)))
    input.sources = [...((listed as unknown[] | undefined) ?? []), source];
  return issues.length ? { issues } : { input, issues };
}

export const csvImporter: Importer = {
  format: "csv",
  description: "Lockstep interchange as CSV with a header row (.csv)",
  detect(file, head) {
    const first = head.toString("utf8").split(/\r?\n/, 1)[0]!;
    return /\.csv$/i.test(file) && /(^|,)date(,|$)/.test(first) && /(^|,)type(,|$)/.test(first);
  },
  async *read(file: string, options: ImportOptions): AsyncIterable<ImportItem> {
    const parser = parse({
      // A column named twice would be read as the last of the two, the other silently dropped.
      columns: (header: string[]) => {
        const seen = new Set<string>();
        const twice = header.find((name) => seen.size === seen.add(name).size);
        if (twice !== undefined)
          throw new InputError(`${file}: the header names the column "${twice}" twice; nothing was imported`);
        return header;
      },
      bom: true,
      // Lines end as in every importer. Left to find out, csv-parse tries each byte of the first line as a line end,
      // allocating as it goes: seconds for a first line of megabytes.
      record_delimiter: ["\r\n", "\n"],
      info: true,
      relax_column_count: false,
      skip_empty_lines: true,
    });
    // pipeline, not pipe: an error upstream (a byte that is not UTF-8) must reach the parser and end the reading.
    pipeline(countingStream(createReadStream(file), file, options), utf8Guard(file), parser, () => {});
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        const where = { file, record: String(info.lines) };
        const { input, issues } = rowToInput(record);
        yield input ? { where, input } : { where, issues };
      }
    } catch (err) {
      // A byte that is not UTF-8 (utf8Guard) fails the file as a whole, named by its offset, as in every importer:
      // not a record of line 0, which --skip-invalid would step over, keeping the rows read before it. So does a
      // header that names a column twice.
      if (err instanceof InputError) throw err;
      const e = err as Error & { lines?: number };
      yield {
        where: { file, record: String(e.lines ?? 0) },
        issues: [{ kind: "format", message: `cannot read CSV: ${e.message}` }],
      };
    }
  },
};
