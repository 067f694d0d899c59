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

/** `--db`, declared here once for every command that opens a ledger; `postgres` where the command runs on both. */
export const dbOption = (postgres = false) =>
  new Option(
    "--db <path>",
    postgres
      ? "ledger: a SQLite file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $LOCKSTEP_DB or ./lockstep.db)"
      : "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)",
  );

/** What `readStore` honours: every command that reads a ledger offers it. */
export const allowBrokenOption = () =>
  new Option(
    "--allow-broken",
    "read the ledger even if its chain is broken (a warning then heads the output on stderr)",
  );
