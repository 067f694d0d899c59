import type { Command } from "commander";
import { existsSync, rmSync } from "node:fs";
import { queryEvents, verifyLedger } from "../../ledger/index.js";
import { dbOption, sqliteFile, useLedger } from "../ledger-options.js";
import { importKoreaScenario } from "../../scenario/build.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { renderSummary, summarize } from "../summary.js";
import { describeReport, importFile } from "./import.js";

interface DemoFlags extends CommonOptions {
  force?: boolean;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("build a fresh ledger from the bundled Korean Peninsula record and print its summary")
    .option("--force", "replace the ledger file if it exists")
    .addOption(dbOption())
    .option("--json", "print a machine-readable summary")
    .action(
      action(async (flags: DemoFlags) => {
        const path = sqliteFile(flags);
        if (existsSync(path)) {
          if (!flags.force)
            throw new UsageError(`${path} exists; use --force to replace it, or --db for another file`);
          for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
        }
        await useLedger(
          flags,
          async (ledger) => {
            const reports = await importKoreaScenario(ledger, {
              importOne: (l, file, format) => importFile(l, file, { format, quiet: flags.json ?? false }),
              onReport: (r) => {
                if (!flags.json) process.stdout.write(describeReport(r) + "\n");
              },
            });
            const summary = summarize(queryEvents(ledger));
            const chain = verifyLedger(ledger);
            if (flags.json) {
              printJson({
                ledger: path,
                imports: reports.map((r) => ({ ...r, rejected: r.rejected.length })),
                summary,
                chain,
              });
            } else {
              process.stdout.write(`\nKorean Peninsula record in ${path} (current view)\n`);
              process.stdout.write(renderSummary(summary));
              process.stdout.write(
                `\nChain ${chain.ok ? "intact" : "BROKEN"}: ${chain.entries} entries, head ${chain.head}\n`,
              );
              process.stdout.write(
                `Next: lockstep events --db ${path} actor=PRK type=missile_launch --from 2022-10-01 --to 2022-10-31\n`,
              );
            }
          },
          { create: true },
        );
      }),
    );
}
