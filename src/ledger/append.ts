import type { Statement } from "better-sqlite3";
import { parseEvent, type Issue, type LedgerEvent, type RecordLocation } from "../model/index.js";
import { Appender, type EntrySink } from "./appender.js";
import { ENTRY_COLUMNS, entryRow, indexColumns, type IndexColumns } from "./chain.js";
import { recordImport } from "./import-log.js";
import { isBusy, LedgerBusyError, type Ledger } from "./ledger.js";

/** One record as an importer read it: an event to validate, a problem, or a record the user's filter left out. */
export type ImportItem =
  | { where: RecordLocation; input: unknown }
  | { where: RecordLocation; issues: Issue[] }
  | { where: RecordLocation; filtered: true };

/**
 * A record made ready for the ledger: validated, encoded, its id hashed and its query columns computed. This is
 * the part of an import that needs no ledger, so a large file can be prepared on another thread (see
 * importers/import-file.ts) while the ledger writes; it is plain data, to cross between threads.
 */
export type PreparedRecord =
  | { where: RecordLocation; filtered: true }
  | { where: RecordLocation; issues: Issue[] }
  | { where: RecordLocation; entry: PreparedEntry };

export interface PreparedEntry {
  id: string;
  /** Canonical JSON, as stored. */
  body: string;
  columns: IndexColumns;
  supersedes?: string[];
  /** The event itself, when the caller wants the events added back (`keepEvents`). */
  event?: LedgerEvent;
}

export function prepareRecord(item: ImportItem, importer: string, keepEvent = false): PreparedRecord {
  if ("filtered" in item || "issues" in item) return item;
  const parsed = parseEvent(item.input, { importer, file: item.where.file, record: item.where.record });
  if (!parsed.ok) return { where: item.where, issues: parsed.issues };
  const e = parsed.event;
  const entry: PreparedEntry = { id: e.id, body: parsed.body, columns: indexColumns(e) };
  if (e.supersedes) entry.supersedes = e.supersedes;
  if (keepEvent) entry.event = e;
  return { where: item.where, entry };
}

export interface Rejection {
  where: RecordLocation;
  issues: Issue[];
}

export interface AppendReport {
  importer: string;
  file: string;
  read: number;
  added: number;
  duplicates: number;
  filtered: number;
  rejected: Rejection[];
  /** Events added, in order; kept only when asked, since an import may add millions. */
  events?: LedgerEvent[];
}

export interface AppendOptions {
  importer: string;
  file: string;
  /** Import the valid records and report the others, instead of writing nothing. */
  skipInvalid?: boolean;
  keepEvents?: boolean;
  /** Fixed clock for tests; defaults to the time of the import. */
  recordedAt?: string;
  /**
   * For large imports: write through a rollback journal instead of the write-ahead log, so that each page is
   * written once rather than twice (to the log, then back into the file); ~15% faster at a million rows. Taken only
   * when no other connection has the ledger open (SQLite refuses otherwise, and the import goes through the log as
   * usual). Other processes cannot open the ledger to write, nor read it once the import has spilled to the file,
   * until the import ends.
   */
  bulk?: boolean;
}

/**
 * Appends records to the ledger in one transaction. By default all-or-nothing: the first invalid record is noted,
 * the rest are still checked (to list up to 20 problems at once), and nothing is written. Events already in the
 * ledger (same content, hence same id) are counted as duplicates and skipped.
 */
export async function appendEvents(
  ledger: Ledger,
  items: Iterable<ImportItem> | AsyncIterable<ImportItem>,
  options: AppendOptions,
): Promise<AppendReport> {
  return appendPrepared(ledger, prepareAll(items, options.importer, options.keepEvents ?? false), options);
}

/** Each record prepared as it comes (appendEvents); exported for the other engine's store. */
export async function* prepareAll(
  items: Iterable<ImportItem> | AsyncIterable<ImportItem>,
  importer: string,
  keepEvents: boolean,
): AsyncGenerator<PreparedRecord> {
  for await (const item of items) yield prepareRecord(item, importer, keepEvents);
}

/** `appendEvents` for records already prepared (by `prepareRecord`, here or on another thread). */
export async function appendPrepared(
  ledger: Ledger,
  records: Iterable<PreparedRecord> | AsyncIterable<PreparedRecord>,
  options: AppendOptions,
): Promise<AppendReport> {
  const db = ledger.db;
  const recordedAt = options.recordedAt ?? new Date().toISOString();
  const exists = db.prepare("SELECT 1 FROM entries WHERE id = ?").pluck();
  // Positional parameters: cheaper to bind than named ones read from an object spread for every row.
  // ON CONFLICT (id) DO NOTHING: the UNIQUE index on id is the duplicate check (see `write`), instead of a lookup
  // before each insert. Only a conflict on the id is a duplicate: any other (the entry number above all) is an error
  // that fails the import, never a record silently skipped.
  const insert: Statement = db.prepare(
    `INSERT INTO entries (${ENTRY_COLUMNS.join(", ")})
     VALUES (${ENTRY_COLUMNS.map(() => "?").join(", ")}) ON CONFLICT (id) DO NOTHING`,
  );
  const supersede = db.prepare("INSERT INTO supersessions (old_id, new_seq) VALUES (?, ?)");
  const sink: EntrySink = {
    has: (id) => exists.get(id) !== undefined,
    // The insert is ignored before any row or index changes when the ledger holds the event already.
    write: (e, seq, prev, hash, at) => insert.run(...entryRow(e, seq, prev, hash, at)).changes > 0,
    supersede: (old, seq) => void supersede.run(old, seq),
  };

  // A bulk import touches random pages of the id index: keep up to 256 MiB of them in memory while it runs.
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  db.pragma("cache_size = -262144");
  const bulk = options.bulk ? enterBulkMode(ledger) : false;
  try {
    db.exec("BEGIN IMMEDIATE");
    // The chain's head, read once the write lock is held: read before, another writer could commit between.
    const last = db.prepare("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").get() as
      { seq: number; hash: string } | undefined;
    const appender = new Appender(sink, options, last, recordedAt);
    for await (const record of records) if (appender.take(record)) break;
    const report = appender.finish();
    recordImport(db, appender.importRecord());
    db.exec("COMMIT");
    return report;
  } catch (err) {
    if (db.inTransaction) db.exec("ROLLBACK");
    if (isBusy(err))
      throw new LedgerBusyError(
        `${options.file}: the ledger stayed busy (another process kept it open to write, or to read during a large import); nothing was imported; try again`,
      );
    throw err;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    if (bulk) leaveBulkMode(ledger);
  }
}

/** Switches a ledger in WAL mode to a rollback journal, if it is the only connection; returns whether it did. */
function enterBulkMode(ledger: Ledger): boolean {
  const db = ledger.db;
  if (db.pragma("journal_mode", { simple: true }) !== "wal") return false;
  try {
    if (db.pragma("journal_mode = DELETE", { simple: true }) !== "delete") return false;
  } catch (err) {
    if (isBusy(err)) return false; // another connection is open
    throw err;
  }
  // A rollback journal with synchronous=NORMAL can, on a power cut at the wrong moment, corrupt the file; FULL
  // costs a few more syncs per transaction, and this is one transaction.
  db.pragma("synchronous = FULL");
  return true;
}

function leaveBulkMode(ledger: Ledger): void {
  ledger.db.pragma("synchronous = NORMAL");
  try {
    ledger.db.pragma("journal_mode = WAL");
  } catch (err) {
    // A reader that opened the ledger meanwhile holds it: it stays in rollback mode until the next connection that
    // writes (openLedger sets WAL). The import itself is committed or rolled back already; this must not hide that.
    if (!isBusy(err)) throw err;
  }
}
