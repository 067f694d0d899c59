import { Option } from "commander";

/**
 * The ledger options of the commands, declared without the ledger: a command that opens a ledger only on some of its
 * options (simulate --calibrate) declares them without loading SQLite for every run. ledger-options.ts re-exports them.
 */

/** The options of every command that opens a ledger. */
export interface LedgerFlags {
  db?: string;
  allowBroken?: boolean;
}

/** `--db`, declared here once for every command that opens a ledger. */
export const dbOption = () =>
  new Option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)");

/** What `readLedger` honours: every command that reads a ledger offers it. */
export const allowBrokenOption = () =>
  new Option(
    "--allow-broken",
    "read the ledger even if its chain is broken (a warning then heads the output on stderr)",
  );
