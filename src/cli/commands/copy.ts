import type { Command } from "commander";
import { existsSync, rmSync } from "node:fs";
import { copyLedger, isPostgresUrl, openStore, type LedgerStore } from "../../store/index.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";

interface CopyFlags extends CommonOptions {
  from: string;
  to: string;
}

const WHERE = "a SQLite file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE";

export function registerCopy(program: Command): void {
  program
    .command("copy")
    .description(
      "copy a ledger entry by entry, with the same bodies and links (so the same head hash), between a SQLite file and a PostgreSQL database (postgres://…), either way; the destination must be empty, and both verify alike after",
    )
    .requiredOption("--from <ledger>", `the ledger to copy: ${WHERE}`)
    .requiredOption("--to <ledger>", `an empty ledger to copy into (a file is created): ${WHERE}`)
    .option("--json", "print a machine-readable report")
    .action(
      action(async (flags: CopyFlags) => {
        if (flags.from === flags.to) throw new UsageError("--from and --to name the same ledger");
        if (!isPostgresUrl(flags.from) && !existsSync(flags.from))
          throw new UsageError(`--from ${flags.from}: no such ledger file`);
        // A file made here is removed again if the copy fails: no empty ledger is left behind.
        const made = !isPostgresUrl(flags.to) && !existsSync(flags.to);
        const from = await openStore(flags.from, { readonly: true, flag: "--from" });
        let to: LedgerStore | undefined;
        try {
          to = await openStore(flags.to, { flag: "--to" });
          const report = await copyLedger(from, to);
          if (flags.json) printJson(report);
          else
            process.stdout.write(
              `Copied ${report.entries} entries (head ${report.head}), ${report.tokenLog} token log records and ${report.imports} imports from ${report.from} to ${report.to} in ${(report.ms / 1000).toFixed(1)} s; both verify, with the same heads.\n`,
            );
        } catch (err) {
          await to?.close();
          to = undefined;
          if (made)
            for (const f of [flags.to, `${flags.to}-wal`, `${flags.to}-shm`]) rmSync(f, { force: true });
          throw err;
        } finally {
          await from.close();
          await to?.close();
        }
      }),
    );
}
