import { readFileSync } from "node:fs";
import { InputError, parseCoverage, type CoverageEntry } from "../model/index.js";

/** Reads a coverage file (JSON, see docs/coverage.md); every problem names the file and the field. */
export function readCoverageFile(file: string): CoverageEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  const r = parseCoverage(json);
  if (!r.ok)
    throw new InputError(
      `${file}: not a valid coverage file (${r.issues.length} problem${r.issues.length > 1 ? "s" : ""})`,
      r.issues.map((issue) => ({ issue, where: { file, record: issue.path ?? "(top)" } })),
    );
  return r.entries;
}
