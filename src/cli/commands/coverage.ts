import type { Command } from "commander";
import { readCoverageFile } from "../../importers/index.js";
import { dbOption, useStore } from "../ledger-options.js";
import type { CoverageEntry } from "../../model/index.js";
import { action, printJson, type CommonOptions } from "../errors.js";
import { renderTable } from "../table.js";

interface CoverageFlags extends CommonOptions {
  load?: string;
}

/** The coverage table as `coverage` and `summary` print it; a line saying so when none is written down. */
export function renderCoverage(entries: readonly CoverageEntry[], withBasis = true): string {
  if (!entries.length)
    return "No coverage written down for this ledger: analyses run on the range asked, unclipped (lockstep coverage --load FILE).\n";
  const table = renderTable(
    ["series", "filter", "from", "to", "extent"],
    entries.map((e) => [e.id, e.filter, e.from, e.to, e.extent]),
  );
  if (!withBasis) return `${table}\nHow each is known: lockstep coverage.\n`;
  const bases = entries.map((e) => `- ${e.id}: ${e.label}. ${e.basis}`).join("\n");
  return `${table}\n${bases}\n`;
}

export function registerCoverage(program: Command): void {
  program
    .command("coverage")
    .description(
      "the period each family of events is researched over; analyses are clipped to the coverage of their series",
    )
    .option(
      "--load <file>",
      "replace the ledger's coverage with a coverage file (JSON, see docs/coverage.md)",
    )
    .addOption(dbOption(true))
    .option("--json", "print the coverage as JSON")
    .action(
      action(async (flags: CoverageFlags) => {
        // Read and check the file before the ledger is opened for writing: a bad file changes nothing.
        const loaded = flags.load ? readCoverageFile(flags.load) : undefined;
        const entries: CoverageEntry[] = await useStore(
          flags,
          async (store) => {
            if (loaded) await store.writeCoverage(loaded);
            return store.readCoverage();
          },
          { readonly: !loaded },
        );
        if (flags.json) printJson(entries);
        else process.stdout.write(renderCoverage(entries));
      }),
    );
}
