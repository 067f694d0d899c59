import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The files of the bundled Korean Peninsula record, in the order they are imported. */
export interface ScenarioFile {
  file: string;
  format: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The scenario folder shipped with the package (the same from src/ and from dist/). */
export function koreaScenarioDir(): string {
  return resolve(here, "../../scenarios/korea");
}

/** The periods each family of the record covers (src/model/coverage.ts). */
export function koreaCoverageFile(dir = koreaScenarioDir()): string {
  return join(dir, "coverage.json");
}

export function koreaScenarioFiles(dir = koreaScenarioDir()): ScenarioFile[] {
  const files: ScenarioFile[] = [
    { file: join(dir, "cns", "test.en.json"), format: "cns" },
    { file: join(dir, "events.jsonl"), format: "jsonl" },
    // The events the agreements of phased deals need: the Agreed Framework (1994) and the inter-Korean military
    // agreement (2018), each researched and sourced on its own.
    { file: join(dir, "agreed-framework.jsonl"), format: "jsonl" },
    { file: join(dir, "military-agreement.jsonl"), format: "jsonl" },
    // Families researched one by one for the record audit (issue 10); their corrections supersede events above.
    { file: join(dir, "unsc.jsonl"), format: "jsonl" },
    { file: join(dir, "ofac.jsonl"), format: "jsonl" },
    { file: join(dir, "summits.jsonl"), format: "jsonl" },
    { file: join(dir, "exercises-2006-2014.jsonl"), format: "jsonl" },
    { file: join(dir, "shows-of-force.jsonl"), format: "jsonl" },
    // Corrections found by the audit: stronger sources, dates settled by later reports, one launch CNS lacks.
    { file: join(dir, "audit-corrections.jsonl"), format: "jsonl" },
    // Merges and corrections come last: they supersede events imported above.
    { file: join(dir, "merges.jsonl"), format: "jsonl" },
    // A report of each launch beside the CNS record (the audit's database-only finding), and what the reports say
    // where they disagree with CNS; after the merges, whose events some of them extend.
    { file: join(dir, "launch-reports.jsonl"), format: "jsonl" },
  ];
  // Provenance records the path as given: keep it short and machine-independent where possible.
  return files
    .filter((f) => existsSync(f.file))
    .map((f) => {
      const rel = relative(process.cwd(), f.file);
      return { ...f, file: rel.startsWith("..") || isAbsolute(rel) ? f.file : rel };
    });
}
