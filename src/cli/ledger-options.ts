import type { Command } from "commander";
import { openLedger, resolveLedgerPath, verifySinceLastCheck, type Ledger } from "../ledger/index.js";
import { UsageError } from "./errors.js";
import { allowBrokenOption, dbOption, type LedgerFlags } from "./ledger-flags.js";

export { allowBrokenOption, dbOption, type LedgerFlags };

/** `--db`, and `--allow-broken` where the command reads the ledger. */
export function addLedgerOption(command: Command, use: "read" | "write"): Command {
  command.addOption(dbOption());
  if (use === "read") command.addOption(allowBrokenOption());
  return command;
}

/**
 * Opens the ledger for a command that reads it, its chain checked since the last check: no events, verdict or
 * statistic is given from a ledger changed outside Lockstep without saying so. With `--allow-broken` the command
 * goes on, and says on stderr what is broken.
 */
export function openForReading(flags: LedgerFlags): Ledger {
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

/** Runs work on a ledger and closes it after, whether the work succeeds, throws or rejects. */
async function using<T>(ledger: Ledger, work: (ledger: Ledger) => T | Promise<T>): Promise<T> {
  try {
    return await work(ledger);
  } finally {
    ledger.close();
  }
}

/** A reading command's work on the ledger, opened and checked as openForReading does. */
export function readLedger<T>(flags: LedgerFlags, work: (ledger: Ledger) => T | Promise<T>): Promise<T> {
  return using(openForReading(flags), work);
}

/**
 * The work on the ledger of a command that writes to it or reads no events (import, tokens, coverage, verify):
 * `create` makes it if missing, as an import does; otherwise it must exist. Its chain is not checked first: `verify`
 * must see a broken ledger, and appends check the head they extend.
 */
export function useLedger<T>(
  flags: LedgerFlags,
  work: (ledger: Ledger) => T | Promise<T>,
  { create = false, readonly = false }: { create?: boolean; readonly?: boolean } = {},
): Promise<T> {
  return using(
    openLedger(resolveLedgerPath(flags.db), { mustExist: !create, ...(readonly ? { readonly } : {}) }),
    work,
  );
}
