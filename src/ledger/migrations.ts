import type Database from "better-sqlite3";
import { backfillImportLog } from "./import-log.js";
import { backfillTokenLog } from "./token-log.js";

/**
 * Schema versions, applied in order and recorded in SQLite's user_version. A migration is never edited once
 * released; a change is a new entry.
 */
const MIGRATIONS: { version: number; sql: string; backfill?: (db: Database.Database) => void }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE entries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        recorded_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        type TEXT NOT NULL,
        date_first TEXT NOT NULL,
        date_last TEXT NOT NULL,
        actors TEXT NOT NULL,
        targets TEXT NOT NULL,
        count INTEGER NOT NULL,
        confidence TEXT NOT NULL
      );
      CREATE INDEX entries_date ON entries(date_first);
      CREATE INDEX entries_type_date ON entries(type, date_first);
      CREATE TABLE supersessions (
        old_id TEXT NOT NULL,
        new_seq INTEGER NOT NULL REFERENCES entries(seq)
      );
      CREATE INDEX supersessions_old ON supersessions(old_id);
      CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
      CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
        BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        finished_at TEXT NOT NULL,
        importer TEXT NOT NULL,
        file TEXT NOT NULL,
        added INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        rejected INTEGER NOT NULL
      );
    `,
  },
  {
    // Bearer tokens of the HTTP API: only a hash of each is kept. Not part of the chain; a revoked token stays, dated.
    version: 2,
    sql: `
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
  {
    // The periods each family of events is researched over (src/model/coverage.ts). A statement about the record,
    // replaced as a whole when the record's maintainers revise it; not part of the chain.
    version: 3,
    sql: `
      CREATE TABLE coverage (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
    `,
  },
  {
    // A token may expire (lockstep token create --expires P90D): a leaked token then stops working by itself.
    version: 4,
    sql: `ALTER TABLE tokens ADD COLUMN expires_at TEXT;`,
  },
  {
    // Tokens and imports under chains of their own (token-log.ts, import-log.ts): a token row inserted, its role
    // raised or its revocation removed with SQL is refused, and a changed import row is reported by verify. What a
    // ledger already has is backfilled, in order. The import triggers let only that backfill fill in the hashes.
    version: 5,
    sql: `
      CREATE TABLE token_log (
        seq INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER token_log_no_update BEFORE UPDATE ON token_log
        BEGIN SELECT RAISE(ABORT, 'the token log is append-only'); END;
      CREATE TRIGGER token_log_no_delete BEFORE DELETE ON token_log
        BEGIN SELECT RAISE(ABORT, 'the token log is append-only'); END;
      ALTER TABLE imports ADD COLUMN prev_hash TEXT;
      ALTER TABLE imports ADD COLUMN hash TEXT;
      CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports WHEN OLD.hash IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
      CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
        BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
    `,
    backfill: (db) => {
      backfillTokenLog(db);
      backfillImportLog(db);
    },
  },
  {
    // The last entry a reading command verified the chain up to: the next one verifies only what was added since
    // (and that this entry is unchanged). A cache of a check, not a fact: \`lockstep verify\` reads everything.
    version: 6,
    sql: `
      CREATE TABLE verified (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        entries INTEGER NOT NULL,
        head TEXT NOT NULL,
        at TEXT NOT NULL
      );
    `,
  },
  {
    // PostgreSQL's indexes by date gain the entry number, so that a page in date order (ties in ledger order) is
    // read from the index, not sorted. SQLite's already end in it (every index ends in the rowid): nothing to do here,
    // but one number names one schema on both engines.
    version: 7,
    sql: `SELECT 1;`,
  },
  {
    // PostgreSQL's entries are partitioned by year, their numbers and ids kept unique in a table of links beside
    // them (docs/scaling.md, section 3). One SQLite file has no partitions to prune: nothing to do here, but one
    // number names one schema on both engines.
    version: 8,
    sql: `SELECT 1;`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Refuses a ledger written by a newer Lockstep, whose entries this one might misread; returns its version. */
export function checkSchemaVersion(db: Database.Database): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `this ledger has schema version ${current}, newer than this Lockstep knows (${SCHEMA_VERSION}); upgrade Lockstep`,
    );
  }
  return current;
}

/** Brings the schema up to `target` (the current version; tests build older ledgers with a lower one). */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const current = checkSchemaVersion(db);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.backfill?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
