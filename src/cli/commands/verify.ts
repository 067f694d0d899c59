import type { Command } from "commander";
import { openLedger, resolveLedgerPath, verifyLedger } from "../../ledger/index.js";
import { action, printJson, type CommonOptions } from "../errors.js";

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("recompute the ledger's hash chain; exits 1 naming the first entry changed outside Lockstep")
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--json", "print a machine-readable report")
    .action(
      action((flags: CommonOptions) => {
        const ledger = openLedger(resolveLedgerPath(flags.db), { readonly: true });
        let report;
        try {
          report = verifyLedger(ledger);
        } finally {
          ledger.close();
        }
        if (flags.json) printJson({ ledger: ledger.path, ...report });
        else if (report.ok)
          process.stdout.write(
            `${ledger.path}: chain intact, ${report.entries} entries, head ${report.head}\n`,
          );
        else {
          const b = report.firstBroken!;
          process.stderr.write(
            `${ledger.path}: chain BROKEN at entry ${b.seq} (${b.id}): ${b.reason}.\n` +
              `  Entries before it verify; from this entry on, the ledger cannot be trusted.\n`,
          );
        }
        if (!report.ok) process.exitCode = 1;
      }),
    );
}
