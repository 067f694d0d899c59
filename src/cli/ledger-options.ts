import type { Command } from "commander";
import { openLedger, resolveLedgerPath, type VerifyReport } from "../ledger/index.js";
import { isPostgresUrl, openStore, SqliteStore, type LedgerStore } from "../store/index.js";
import { UsageError } from "./errors.js";
import { allowBrokenOption, dbOption, type LedgerFlags } from "./ledger-flags.js";

export { allowBrokenOption, dbOption, type LedgerFlags };

/** `--db` (naming the URL form where the command runs on PostgreSQL too), and `--allow-broken` where it reads. */
export function addLedgerOption(
  command: Command,
  use: "read" | "write",
  { postgres = false }: { postgres?: boolean } = {},
): Command {
  command.addOption(dbOption(postgres));
  if (use === "read") command.addOption(allowBrokenOption());
  return command;
}

/** Throws if the chain is broken, unless `--allow-broken`: then says so on stderr, and the command goes on. */
function refuseBroken(location: string, report: VerifyReport, flags: LedgerFlags): void {
  if (report.ok) return;
  const b = report.firstBroken!;
  const what = `${location}: the chain is broken at entry ${b.seq} (${b.id || "no id"}): ${b.reason}`;
  if (!flags.allowBroken)
    throw new UsageError(
      `${what}; nothing was read (lockstep verify says more; --allow-broken reads it anyway, with a warning)`,
    );
  process.stderr.write(
    `lockstep: WARNING: ${what}; what follows was read from a ledger changed outside Lockstep\n`,
  );
}

/** Where the flags' URL came from, for messages: --db, else $LOCKSTEP_DB. */
export const urlFlag = (flags: LedgerFlags) => (flags.db ? "--db" : "LOCKSTEP_DB");

/**
 * Opens the ledger the flags name through the store, on either engine: a SQLite file through openLedger,
 * a postgres:// URL (from --db or $LOCKSTEP_DB, named in errors) on its server. For the commands that run on both.
 */
async function openFlaggedStore(
  flags: LedgerFlags,
  { create = false, readonly = false }: { create?: boolean; readonly?: boolean },
): Promise<LedgerStore> {
  const location = resolveLedgerPath(flags.db);
  if (!isPostgresUrl(location))
    return new SqliteStore(openLedger(location, { mustExist: !create, ...(readonly ? { readonly } : {}) }));
  // A read-only open neither creates nor migrates the schema: a database without a ledger is refused.
  return openStore(location, { flag: urlFlag(flags), ...(readonly ? { readonly } : {}) });
}

/** Runs work on a store and closes it after, whether the work succeeds or throws. */
async function usingStore<T>(store: LedgerStore, work: (store: LedgerStore) => T | Promise<T>): Promise<T> {
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * The work of a command that writes to the ledger or reads no events (import, tokens, coverage, verify), on either
 * engine: `create` makes it if missing, as an import does; otherwise it must exist. Its chain is not checked first:
 * `verify` must see a broken ledger, and appends check the head they extend.
 */
export async function useStore<T>(
  flags: LedgerFlags,
  work: (store: LedgerStore) => T | Promise<T>,
  options: { create?: boolean; readonly?: boolean } = {},
): Promise<T> {
  return usingStore(await openFlaggedStore(flags, options), work);
}

/**
 * The work of a command that reads the ledger, on either engine, its chain checked since the last check first: no
 * events, verdict or statistic is given from a ledger changed outside Lockstep without saying so. With
 * `--allow-broken` the command goes on, and says on stderr what is broken.
 */
export async function readStore<T>(
  flags: LedgerFlags,
  work: (store: LedgerStore) => T | Promise<T>,
): Promise<T> {
  // SQLite keeps the verified point in the file (so opens it writable, as before); PostgreSQL only reads.
  const store = await openFlaggedStore(flags, { readonly: isPostgresUrl(resolveLedgerPath(flags.db)) });
  return usingStore(store, async (s) => {
    refuseBroken(s.location, await s.verifySinceLastCheck(), flags);
    return work(s);
  });
}
