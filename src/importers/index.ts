import { openSync, readSync, closeSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Importer } from "./importer.js";
import { cnsImporter } from "./cns.js";
import { gdeltImporter } from "./gdelt.js";
import { jsonlImporter } from "./jsonl.js";
import { csvImporter } from "./csv.js";

export type { Importer, ImportOptions } from "./importer.js";
export { toInterchange, toEventJson, toJsonLines, toCsv } from "./export.js";
export type { EventJson, InterchangeEvent } from "./export.js";
export { importFile, type ImportFileOptions } from "./import-file.js";

/** In the order formats are tried: the specific before the general (a GDELT export is named .CSV but is TSV). */
export const IMPORTERS: readonly Importer[] = [cnsImporter, gdeltImporter, jsonlImporter, csvImporter];

export function importerFor(format: string): Importer {
  const found = IMPORTERS.find((i) => i.format === format);
  if (!found)
    throw new Error(`unknown format "${format}"; formats: ${IMPORTERS.map((i) => i.format).join(", ")}`);
  return found;
}

function head(file: string): Buffer {
  const path = statSync(file).isDirectory() ? join(file, "test.en.json") : file;
  if (!existsSync(path)) return Buffer.alloc(0);
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(65_536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    // Detection looks past a byte order mark, which every importer accepts (and drops) at the start of a file.
    const bom = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    return buf.subarray(bom, n);
  } finally {
    closeSync(fd);
  }
}

/** The importer for a file, from its name and first bytes; an error when none or several fit. */
export function detectImporter(file: string): Importer {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const bytes = head(file);
  const fits = IMPORTERS.filter((i) => i.detect(file, bytes));
  if (fits.length === 1) return fits[0]!;
  const all = IMPORTERS.map((i) => i.format).join(", ");
  if (fits.length === 0) throw new Error(`${file}: cannot tell its format; give --format (${all})`);
  throw new Error(`${file}: could be ${fits.map((i) => i.format).join(" or ")}; give --format`);
}
export { readCoverageFile } from "./coverage-file.js";
