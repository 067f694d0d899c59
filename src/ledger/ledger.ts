import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { checkSchemaVersion, migrate } from "./migrations.js";

export const DEFAULT_LEDGER_FILE = "lockstep.db";
const PAGE_SIZE = 16384;

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
  /** How long to wait for another process's write to end before giving up (SQLite's busy timeout); 5 s. */
  waitMs?: number;
}

/** How long a writer waits for another process's write to end before it gives up, on either engine. */
export const WRITE_WAIT_MS = 5000;

export function openLedger(path: string, options: OpenOptions = {}): Ledger {
  if ((options.mustExist || options.readonly) && path !== ":memory:" && !existsSync(path)) {
    throw new Error(
      `no ledger at ${path}: import events first (lockstep import FILE --db ${path}) or run lockstep demo`,
    );
  }
  if (options.readonly && path !== ":memory:" && existsSync(`${path}-journal`)) recoverInterruptedWrite(path);
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? false,
    timeout: options.waitMs ?? WRITE_WAIT_MS,
  });
  if (options.readonly) {
    try {
      checkSchemaVersion(db);
    } catch (err) {
      db.close();
      throw err;
    }
  } else {
    try {
      // A new file gets 16 KiB pages (SQLite's default is 4 KiB): an event's body is ~0.2 to 1 KiB, and bulk imports
      // of GDELT rows run ~25% faster with the larger pages. Only takes effect before the first table is created.
      if (db.pragma("user_version", { simple: true }) === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
      // Migrate (or refuse a newer schema) before anything else writes to the file.
      migrate(db);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
    } catch (err) {
      db.close();
      if (isBusy(err)) throw busyError(path);
      throw err;
    }
  }
  return { path, db, close: () => db.close() };
}

/**
 * A rollback journal beside the file is left by a bulk import that was killed mid-way; it must be played back,
 * restoring the ledger as it was before the import, and only a connection that may write can do that. Reading
 * commands do it first, so that they neither fail nor read half an import.
 */
function recoverInterruptedWrite(path: string): void {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (err) {
    throw new Error(
      `${path}: an interrupted import left its journal (${path}-journal), and this ledger cannot be opened to write to play it back (${(err as Error).message}); open it once with write permission, e.g. with lockstep import`,
    );
  }
  try {
    // Any read plays back a hot journal (and waits, like any reader, for an import still running to end).
    db.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (err) {
    if (isBusy(err)) throw busyError(path);
    throw err;
  } finally {
    db.close();
  }
}

/** Whether SQLite gave up waiting for a lock another connection holds. */
export function isBusy(err: unknown): boolean {
  return (err as { code?: string } | undefined)?.code === "SQLITE_BUSY";
}

/** The ledger is held by another process for longer than this one would wait: nothing was done; try again. */
export class LedgerBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerBusyError";
  }
}

/** What a writer says when it gave up waiting; `where` is the ledger's file or URL. */
export function busyError(where: string): LedgerBusyError {
  return new LedgerBusyError(
    `${where}: the ledger is busy: another process is writing to it (a large import keeps it to itself until it ends); try again when it has finished`,
  );
}
