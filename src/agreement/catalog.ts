import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { didYouMean, InputError } from "../model/index.js";
import { koreaScenarioDir } from "../scenario/korea.js";
import type { Agreement } from "./agreement.js";
import { formatAgreementIssue } from "./issues.js";
import { loadAgreement } from "./load.js";

export interface CatalogEntry {
  agreement: Agreement;
  /** `bundled`: shipped in scenarios/korea/agreements; `custom`: from a directory given to the server. */
  origin: "bundled" | "custom";
}

export function bundledAgreementsDir(): string {
  return join(koreaScenarioDir(), "agreements");
}

/**
 * The known agreements: the bundled ones and those in the directories given, loaded once, by id. A file with
 * errors, or two agreements with one id, are an error naming the file and line (the server does not start).
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
      throw new InputError(`cannot read the agreements directory ${dir}: ${(e as Error).message}`);
    }
    for (const name of names) {
      const file = join(dir, name);
      const r = loadAgreement(file);
      const errors = r.issues.filter((i) => i.severity === "error");
      if (!r.agreement || errors.length)
        throw new InputError(
          `${file}: ${errors.length} error(s)\n${errors.map((i) => "  " + formatAgreementIssue(i)).join("\n")}`,
        );
      const seen = catalog.get(r.agreement.id);
      if (seen)
        throw new InputError(`${file}: agreement id "${r.agreement.id}" is also the id of ${seen.file}`);
      catalog.set(r.agreement.id, { agreement: r.agreement, origin, file });
    }
  }
  return catalog;
}

/** Loads an agreement file, or fails listing every error with file, line and column. */
export function loadAgreementOrFail(file: string): Agreement {
  const r = loadAgreement(file);
  const errors = r.issues.filter((i) => i.severity === "error");
  if (!r.agreement || errors.length)
    throw new InputError(
      `${file}: ${errors.length} error(s)\n${errors.map((i) => "  " + formatAgreementIssue(i)).join("\n")}`,
    );
  return r.agreement;
}

/**
 * An agreement named by its id (`moratorium-2018`, as the dashboard and the API name it) or by the path of its file.
 * An id that is no agreement is refused listing the known ones, and the near ones first.
 */
export function findAgreement(ref: string, customDirs: string[] = []): Agreement {
  if (/\.ya?ml$/i.test(ref) || existsSync(ref)) return loadAgreementOrFail(ref);
  const catalog = loadCatalog(customDirs);
  const entry = catalog.get(ref);
  if (entry) return entry.agreement;
  const ids = [...catalog.keys()];
  throw new InputError(
    `no agreement "${ref}"${didYouMean(ref, ids)}: give an id (${ids.join(", ")}; \`lockstep agreements\` lists them) or the path of a YAML file`,
  );
}
