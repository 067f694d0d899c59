import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gdeltImporter } from "../../src/importers/gdelt.js";
import type { ImportOptions } from "../../src/importers/importer.js";
import type { ImportItem } from "../../src/ledger/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** A real GDELT 2.0 export file beside the project (../shared, read its README); tests that read it skip without it. */
export const SAMPLE = path.join(path.resolve(repoRoot, "../shared/data/gdelt"), "20191024143000.export.CSV");
export const hasSample = existsSync(SAMPLE);
/** A test's title that says it read the sample, or that it was skipped for want of it. */
export const sampleTitle = (what: string) =>
  hasSample ? `${what} (${SAMPLE})` : `${what}: SKIPPED, the sample ${SAMPLE} is not there`;

/** Every item the GDELT importer reads from a file. */
export async function readAll(file: string, options: ImportOptions = {}): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of gdeltImporter.read(file, options)) items.push(item);
  return items;
}

/** How many items of each kind: events to write, rows filtered out, rows with issues. */
export function tally(items: ImportItem[]) {
  return {
    events: items.filter((i) => "input" in i).length,
    filtered: items.filter((i) => "filtered" in i).length,
    issues: items.filter((i) => "issues" in i).length,
  };
}

const CODES = ["010", "036", "043", "112", "138", "163", "173", "190"];

/** GDELT 2.0 rows (61 columns), USA or KOR → PRK, one CAMEO code each; `broken` rows (from 1) get a bad date. */
export function gdeltRows(rows: number, broken: number[] = []): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const f = Array<string>(61).fill("");
    const day = String(1 + (i % 28)).padStart(2, "0");
    const actor = i % 3 ? "USA" : "KOR";
    Object.assign(f, {
      0: String(1_000_000 + i),
      1: broken.includes(i + 1) ? "2018-06" : `201806${day}`,
      5: actor,
      7: actor,
      15: "PRK",
      17: "PRK",
      25: "1",
      26: CODES[i % CODES.length],
      28: CODES[i % CODES.length]!.slice(0, 2),
      29: "4",
      30: "-5.0",
      31: String(1 + (i % 9)),
      59: `201806${day}120000`,
      60: `https://news.example.org/${i}.html`,
    });
    lines.push(f.join("\t"));
  }
  return lines.join("\n") + "\n";
}
