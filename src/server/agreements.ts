import { readdirSync } from "node:fs";
import { join } from "node:path";
import { formatAgreementIssue, loadAgreement, type Agreement } from "../agreement/index.js";
import { koreaScenarioDir } from "../scenario/korea.js";

export interface CatalogEntry {
  agreement: Agreement;
  /** `bundled`: shipped in scenarios/korea/agreements; `custom`: from a directory given to the server. */
  origin: "bundled" | "custom";
}

export function bundledAgreementsDir(): string {
  return join(koreaScenarioDir(), "agreements");
}

/**
 * The agreements the server evaluates: the bundled ones and those in the directories given, loaded once. A file
 * with errors, or two agreements with one id, stop the server from starting, naming the file and line.
 */
export function loadCatalog(customDirs: string[] = []): Map<string, CatalogEntry> {
  const catalog = new Map<string, CatalogEntry & { file: string }>();
  const dirs: [string, CatalogEntry["origin"]][] = [
    [bundledAgreementsDir(), "bundled"],
    ...customDirs.map((d) => [d, "custom"] as [string, CatalogEntry["origin"]]),
  ];
  for (const [dir, origin] of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort();
    } catch (e) {
      throw new Error(`cannot read the agreements directory ${dir}: ${(e as Error).message}`);
    }
    for (const name of names) {
      const file = join(dir, name);
      const r = loadAgreement(file);
      const errors = r.issues.filter((i) => i.severity === "error");
      if (!r.agreement || errors.length)
        throw new Error(
          `${file}: ${errors.length} error(s)\n${errors.map((i) => "  " + formatAgreementIssue(i)).join("\n")}`,
        );
      const seen = catalog.get(r.agreement.id);
      if (seen) throw new Error(`${file}: agreement id "${r.agreement.id}" is also the id of ${seen.file}`);
      catalog.set(r.agreement.id, { agreement: r.agreement, origin, file });
    }
  }
  return catalog;
}
