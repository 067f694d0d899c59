import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { migrate } from "./migrations.js";

export const DEFAULT_LEDGER_FILE = "lockstep.db";

/** A ledger file: `--db`, else LOCKSTEP_DB, else ./lockstep.db. */
export function resolveLedgerPath(explicit?: string): string {
  return explicit ?? (process.env.LOCKSTEP_DB || DEFAULT_LEDGER_FILE);
}

export interface Ledger {
  readonly path: string;
  readonly db: Database.Database;
  close(): void;
}

export interface OpenOptions {
  /** Fail instead of creating a new ledger file. */
  mustExist?: boolean;
  readonly?: boolean;
}

export function openLedger(path: string, options: OpenOptions = {}): Ledger {
  if ((options.mustExist || options.readonly) && path !== ":memory:" && !existsSync(path)) {
    throw new Error(
      `no ledger at ${path}: import events first (lockstep import FILE --db ${path}) or run lockstep demo`,
    );
  }
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? false,
  });
  if (!options.readonly) {
    try {
      // Migrate (or refuse a newer schema) before anything else writes to the file.
      migrate(db);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
    } catch (err) {
      db.close();
      throw err;
    }
  }
  return { path, db, close: () => db.close() };
}
