import type Database from "better-sqlite3";
import { canonicalJson } from "../model/index.js";
import { GENESIS, linkHash } from "./chain.js";
import { logRemoved, logsRequired, NOT_KEPT, walkLog, type LinkedRow, type LogReport } from "./log-chain.js";

/**
 * The imports table (schema 5) is its own hash chain: each row's `hash` covers its id, when it finished, what it
 * imported and the row before (linkHash), so a row changed or removed outside Lockstep is seen by `lockstep verify`.
 */
export interface ImportRecord {
  finishedAt: string;
  importer: string;
  file: string;
  added: number;
  duplicates: number;
  rejected: number;
}

export interface ImportRow {
  id: number;
  finished_at: string;
  importer: string;
  file: string;
  added: number;
  duplicates: number;
  rejected: number;
  prev_hash: string | null;
  hash: string | null;
}

/** What a row's hash covers besides its id and time. */
const bodyOf = (r: Pick<ImportRow, "importer" | "file" | "added" | "duplicates" | "rejected">) =>
  canonicalJson({
    importer: r.importer,
    file: r.file,
    added: r.added,
    duplicates: r.duplicates,
    rejected: r.rejected,
  });

function lastImport(db: Database.Database): { id: number; hash: string } {
  const last = db.prepare("SELECT id, hash FROM imports ORDER BY id DESC LIMIT 1").get() as
    { id: number; hash: string } | undefined;
  return last ?? { id: 0, hash: GENESIS };
}

/** The import log's next row after `last` (its head), recording `r`. */
export function importRow(last: { id: number; hash: string }, r: ImportRecord): ImportRow {
  const id = last.id + 1;
  return {
    id,
    finished_at: r.finishedAt,
    importer: r.importer,
    file: r.file,
    added: r.added,
    duplicates: r.duplicates,
    rejected: r.rejected,
    prev_hash: last.hash,
    hash: linkHash(last.hash, id, r.finishedAt, bodyOf(r)),
  };
}

/** The columns of the imports table, in the order importRow's values are listed. */
export const IMPORT_COLUMNS = [
  "id",
  "finished_at",
  "importer",
  "file",
  "added",
  "duplicates",
  "rejected",
  "prev_hash",
  "hash",
] as const;

/** Records a finished import; the caller holds the import's write transaction. */
export function recordImport(db: Database.Database, r: ImportRecord): void {
  const row = importRow(lastImport(db), r);
  db.prepare(
    `INSERT INTO imports (${IMPORT_COLUMNS.join(", ")}) VALUES (${IMPORT_COLUMNS.map(() => "?").join(", ")})`,
  ).run(...IMPORT_COLUMNS.map((c) => row[c]));
}

export function importLogKept(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('imports') WHERE name = 'hash'").get() !== undefined;
}

function linkedRows(db: Database.Database): Iterable<LinkedRow> {
  return linkedImportRows(
    db.prepare("SELECT * FROM imports ORDER BY id").iterate() as IterableIterator<ImportRow>,
  );
}

/** The imports table's rows (in order of id) as links of its chain. */
export function linkedImportRows(rows: Iterable<ImportRow>): Iterable<LinkedRow> {
  return (function* () {
    for (const r of rows)
      yield { seq: r.id, recorded_at: r.finished_at, body: bodyOf(r), prev_hash: r.prev_hash, hash: r.hash };
  })();
}

export function verifyImportLog(db: Database.Database): LogReport {
  if (!importLogKept(db)) return logsRequired(db) ? logRemoved("import log") : NOT_KEPT;
  return walkImportLog(linkedRows(db));
}

/** The import log's chain, from its rows as links (linkedImportRows). */
export function walkImportLog(rows: Iterable<LinkedRow>): LogReport {
  const walked = walkLog(rows, (id) => `import ${id}`);
  const problems = walked.broken ? [walked.broken] : [];
  return { ok: problems.length === 0, kept: true, records: walked.records, head: walked.head, problems };
}

/** Migration 5: the imports a ledger already has are chained in the order they were made. */
export function backfillImportLog(db: Database.Database): void {
  const rows = db.prepare("SELECT * FROM imports ORDER BY id").all() as ImportRow[];
  const update = db.prepare("UPDATE imports SET prev_hash = ?, hash = ? WHERE id = ?");
  let prev = GENESIS;
  for (const r of rows) {
    const hash = linkHash(prev, r.id, r.finished_at, bodyOf(r));
    update.run(prev, hash, r.id);
    prev = hash;
  }
}
