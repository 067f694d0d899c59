import type { Command } from "commander";
import { existsSync, rmSync } from "node:fs";
import { resolveLedgerPath } from "../../ledger/index.js";
import { isPostgresUrl, redactUrl, type LedgerStore } from "../../store/index.js";
import { dbOption, urlFlag, useStore } from "../ledger-options.js";
import { importKoreaScenario } from "../../scenario/build.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { renderSummary, summarize } from "../summary.js";
import { describeReport, importFile } from "./import.js";

interface DemoFlags extends CommonOptions {
  force?: boolean;
}

/** A SQLite file in the way is removed with --force, and refused without. */
function clearFile(path: string, force: boolean): void {
  if (!existsSync(path)) return;
  if (!force) throw new UsageError(`${path} exists; use --force to replace it, or --db for another file`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
}

/** PostgreSQL's entries are append-only: no command empties a database, so --force cannot replace a ledger there. */
function refuseForceOnServer(flags: DemoFlags, url: string): void {
  if (flags.force)
    throw new UsageError(
      `${urlFlag(flags)} ${redactUrl(url)}: demo --force cannot empty a PostgreSQL database, whose entries are append-only: drop and create it, or give --db an empty one`,
    );
}

/** The demo goes only into a PostgreSQL ledger without entries, as `serve --demo-if-missing` builds it. */
async function refuseEntries(store: LedgerStore, flags: DemoFlags): Promise<void> {
  const entries = await store.countEntries();
  if (entries > 0)
    throw new UsageError(
      `${urlFlag(flags)} ${store.location} holds a ledger (${entries} entries); the demo is built only into an empty database: give --db another`,
    );
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("build a fresh ledger from the bundled Korean Peninsula record and print its summary")
    .option("--force", "replace the ledger file if it exists (a PostgreSQL database must be empty)")
    .addOption(dbOption(true))
    .option("--json", "print a machine-readable summary")
    .action(
      action(async (flags: DemoFlags) => {
        const location = resolveLedgerPath(flags.db);
        if (isPostgresUrl(location)) refuseForceOnServer(flags, location);
        else clearFile(location, flags.force ?? false);
        await useStore(
          flags,
          async (store) => {
            if (store.engine === "postgres") await refuseEntries(store, flags);
            const reports = await importKoreaScenario(store, {
              importOne: (l, file, format) => importFile(l, file, { format, quiet: flags.json ?? false }),
              onReport: (r) => {
                if (!flags.json) process.stdout.write(describeReport(r) + "\n");
              },
            });
            const summary = summarize(await store.queryEvents());
            const chain = await store.verify();
            const where = store.location;
            if (flags.json) {
              printJson({
                ledger: where,
                imports: reports.map((r) => ({ ...r, rejected: r.rejected.length })),
                summary,
                chain,
              });
            } else {
              process.stdout.write(`\nKorean Peninsula record in ${where} (current view)\n`);
              process.stdout.write(renderSummary(summary));
              process.stdout.write(
                `\nChain ${chain.ok ? "intact" : "BROKEN"}: ${chain.entries} entries, head ${chain.head}\n`,
              );
              process.stdout.write(
                `Next: lockstep events --db ${where} actor=PRK type=missile_launch --from 2022-10-01 --to 2022-10-31\n`,
              );
            }
          },
          { create: true },
        );
      }),
    );
}
