import { importFile, readCoverageFile } from "../importers/index.js";
import type { AppendReport, Ledger } from "../ledger/index.js";
import { SqliteStore, type LedgerStore } from "../store/index.js";
import { koreaCoverageFile, koreaScenarioDir, koreaScenarioFiles } from "./korea.js";

/** Imports one scenario file; the command line passes one that draws a progress bar. */
export type ImportOne = (ledger: LedgerStore, file: string, format: string) => Promise<AppendReport>;

/**
 * Imports the bundled Korean Peninsula record into an open (normally empty) ledger, file by file, in the order
 * that lets merges and corrections supersede what they correct, then writes down its coverage. What `lockstep demo`
 * builds.
 */
export async function importKoreaScenario(
  ledger: Ledger | LedgerStore,
  options: { importOne?: ImportOne; onReport?: (report: AppendReport) => void } = {},
): Promise<AppendReport[]> {
  const files = koreaScenarioFiles();
  if (files.length === 0) throw new Error(`the bundled scenario is missing from ${koreaScenarioDir()}`);
  // Read first: a bad coverage file stops the build before anything is imported.
  const coverage = readCoverageFile(koreaCoverageFile());
  const store = "engine" in ledger ? ledger : new SqliteStore(ledger);
  const importOne: ImportOne = options.importOne ?? ((l, file, format) => importFile(l, file, { format }));
  const reports: AppendReport[] = [];
  for (const f of files) {
    const r = await importOne(store, f.file, f.format);
    reports.push(r);
    options.onReport?.(r);
  }
  await store.writeCoverage(coverage);
  return reports;
}
