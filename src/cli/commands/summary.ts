import type { Command } from "commander";
import { allowBrokenOption, dbOption, readStore } from "../ledger-options.js";
import { coverageOf } from "../../model/index.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { renderSummary, summarize, SUMMARY_UNITS, type SummaryUnit } from "../summary.js";
import { renderCoverage } from "./coverage.js";
import { matcherFromFlags } from "./events.js";

export function registerSummary(program: Command): void {
  program
    .command("summary")
    .description("events in the ledger by type and year (current view)")
    .argument("[terms...]", "filter terms key=value[,value], as for `lockstep events`")
    .option(
      "--unit <unit>",
      "what the table by year counts: events, days (with at least one) or count (missiles)",
      "events",
    )
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option("--json", "print a machine-readable summary")
    .action(
      action(async (terms: string[], flags: CommonOptions & { unit: string }) => {
        if (!(SUMMARY_UNITS as readonly string[]).includes(flags.unit))
          throw new UsageError(`--unit must be ${SUMMARY_UNITS.join(", ")}, not "${flags.unit}"`);
        await readStore(flags, async (store) => {
          const matcher = await matcherFromFlags(store, terms, {});
          const summary = summarize(await store.queryEvents(matcher), flags.unit as SummaryUnit);
          // The coverage of what is summarised: a count by year means little outside it.
          const all = await store.readCoverage();
          const coverage = matcher.types ? coverageOf(matcher, all).entries : all;
          if (flags.json) printJson({ ...summary, coverage });
          else
            process.stdout.write(`${renderSummary(summary)}
Coverage:
${renderCoverage(coverage, false)}`);
        });
      }),
    );
}
