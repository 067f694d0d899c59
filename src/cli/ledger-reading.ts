import { openLedger, resolveLedgerPath, verifySinceLastCheck, type Ledger } from "../ledger/index.js";
import { UsageError } from "./errors.js";

export interface ReadingFlags {
  db?: string;
  allowBroken?: boolean;
}

/** The flag that lets a reading command read a ledger whose chain is broken. */
export const ALLOW_BROKEN: [string, string] = [
  "--allow-broken",
  "read the ledger even if its chain is broken (a warning then heads the output on stderr)",
];

/**
 * Opens the ledger for a command that reads it, its chain checked since the last check: no events, verdict or
 * statistic is given from a ledger changed outside Lockstep without saying so. With `--allow-broken` the command
 * goes on, and says on stderr what is broken.
 */
export function openForReading(flags: ReadingFlags): Ledger {
  const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
  const report = verifySinceLastCheck(ledger);
  if (report.ok) return ledger;
  const b = report.firstBroken!;
  const what = `${ledger.path}: the chain is broken at entry ${b.seq} (${b.id || "no id"}): ${b.reason}`;
  if (!flags.allowBroken) {
    ledger.close();
    throw new UsageError(
      `${what}; nothing was read (lockstep verify says more; --allow-broken reads it anyway, with a warning)`,
    );
  }
  process.stderr.write(
    `lockstep: WARNING: ${what}; what follows was read from a ledger changed outside Lockstep\n`,
  );
  return ledger;
}

/** Runs a reading command's work on the ledger (opened and checked as openForReading does), closing it after. */
export function readLedger<T>(flags: ReadingFlags, work: (ledger: Ledger) => T): T {
  const ledger = openForReading(flags);
  try {
    return work(ledger);
  } finally {
    ledger.close();
  }
}
