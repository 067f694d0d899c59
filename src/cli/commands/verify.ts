import type { Command } from "commander";
import { openLedger, resolveLedgerPath, verifyLedger } from "../../ledger/index.js";
import { action, printJson, type CommonOptions } from "../errors.js";

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description(
      "recompute the ledger's hash chain and check the database under it; exits 1 naming what was changed outside Lockstep",
    )
    .option("--quick", "the hash chain alone, without the database check (which reads every page)")
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--json", "print a machine-readable report")
    .action(
      action((flags: CommonOptions & { quick?: boolean }) => {
        const ledger = openLedger(resolveLedgerPath(flags.db), { readonly: true });
        let report;
        try {
          report = verifyLedger(ledger, { quick: flags.quick ?? false });
        } finally {
          ledger.close();
        }
        if (flags.json) {
          printJson({ ledger: ledger.path, ...report });
        } else {
          const b = report.firstBroken;
          if (b)
            process.stderr.write(
              `${ledger.path}: chain BROKEN at entry ${b.seq} (${b.id}): ${b.reason}.\n` +
                `  Entries before it verify; from this entry on, the ledger cannot be trusted.\n`,
            );
          else
            process.stdout.write(
              `${ledger.path}: chain intact, ${report.entries} entries, head ${report.head}\n`,
            );
          const d = report.database;
          if (!d) process.stdout.write("database not checked (--quick)\n");
          else if (d.ok) process.stdout.write(`database intact: ${d.checks.join("; ")}\n`);
          else
            process.stderr.write(
              `${ledger.path}: database DAMAGED — queries may return wrong events though the chain verifies:\n` +
                d.problems.map((p) => `  ${p}\n`).join(""),
            );
        }
        if (!report.ok) process.exitCode = 1;
      }),
    );
}
