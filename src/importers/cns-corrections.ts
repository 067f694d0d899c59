import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { ImportItem } from "../ledger/index.js";
import { MISSILE_CLASSES, parsePartialDate, type Issue, type Source } from "../model/index.js";

/**
 * Corrections to CNS records, kept beside the data (`corrections.csv` next to test.en.json), each with the source
 * that supports it: the local date where CNS gives a UTC date without a time (or a Korean date beside a UTC time),
 * and the class of what was fired where it was no ballistic missile. The record keeps its CNS id (`timeBins[i].data[j]`)
 * in the event's provenance, so anyone can trace the change.
 */
export const CORRECTIONS_FILE = "corrections.csv";

export interface CnsCorrection {
  record: string;
  localDate?: string;
  class?: (typeof MISSILE_CLASSES)[number];
  source?: Source;
  note?: string;
}

const COLUMNS = [
  "record",
  "local_date",
  "class",
  "source_url",
  "source_title",
  "source_publisher",
  "source_date",
  "quote",
  "note",
] as const;

/** The corrections beside a CNS file, or the problems that keep them from being used (file, line, field). */
export function readCorrections(file: string): {
  corrections: Map<string, CnsCorrection>;
  problems: ImportItem[];
} {
  const corrections = new Map<string, CnsCorrection>();
  const problems: ImportItem[] = [];
  if (!existsSync(file)) return { corrections, problems };
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, bom: true });
  } catch (e) {
    return {
      corrections,
      problems: [
        {
          where: { file, record: "whole file" },
          issues: [{ kind: "format", message: `cannot read CSV: ${(e as Error).message}` }],
        },
      ],
    };
  }
  rows.forEach((row, i) => {
    const where = { file, record: String(i + 2) };
    const issues: Issue[] = [];
    for (const column of Object.keys(row))
      if (!(COLUMNS as readonly string[]).includes(column))
        issues.push({
          kind: "schema",
          path: column,
          message: `unknown column "${column}"`,
          expected: COLUMNS.join(", "),
        });
    const record = row.record?.trim() ?? "";
    if (!/^timeBins\[\d+\]\.data\[\d+\]$/.test(record))
      issues.push({
        kind: "format",
        path: "record",
        message: "must be a CNS record id such as timeBins[14].data[3]",
        received: record,
      });
    const localDate = row.local_date?.trim() || undefined;
    if (localDate && !parsePartialDate(localDate))
      issues.push({
        kind: "format",
        path: "local_date",
        message: "must be a date YYYY-MM-DD, YYYY-MM or YYYY",
        received: localDate,
      });
    const cls = row.class?.trim() || undefined;
    if (cls && !(MISSILE_CLASSES as readonly string[]).includes(cls))
      issues.push({
        kind: "validation",
        path: "class",
        message: "is not a missile class",
        expected: MISSILE_CLASSES.join(" | "),
        received: cls,
      });
    if (!localDate && !cls)
      issues.push({ kind: "validation", message: "corrects nothing: give local_date or class" });
    const url = row.source_url?.trim() || undefined;
    const title = row.source_title?.trim() || undefined;
    if (!url && !title && !row.quote?.trim())
      issues.push({
        kind: "validation",
        path: "source_url",
        message:
          "a correction needs the source that supports it (source_url, or the record's own words in quote)",
      });
    if (corrections.has(record))
      issues.push({ kind: "validation", path: "record", message: `${record} is corrected twice` });
    if (issues.length) {
      problems.push({ where, issues });
      return;
    }
    const quote = row.quote?.trim() || undefined;
    const source: Source | undefined =
      url || title
        ? {
            ...(url ? { url } : {}),
            ...(title ? { title } : {}),
            ...(row.source_publisher?.trim() ? { publisher: row.source_publisher.trim() } : {}),
            ...(row.source_date?.trim() ? { date: row.source_date.trim() } : {}),
            ...(quote ? { quote } : {}),
          }
        : undefined;
    corrections.set(record, {
      record,
      ...(localDate ? { localDate } : {}),
      ...(cls ? { class: cls as CnsCorrection["class"] } : {}),
      ...(source ? { source } : {}),
      ...(row.note?.trim() || (!source && quote)
        ? { note: row.note?.trim() || `the record's own words: "${quote}"` }
        : {}),
    });
  });
  return { corrections, problems };
}
