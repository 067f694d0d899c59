import type pg from "pg";
import { SCHEMA_VERSION as SQLITE_SCHEMA_VERSION } from "../../ledger/migrations.js";
import { inTransaction, takeLock } from "./pool.js";

/**
 * The PostgreSQL schema, versioned in the schema_version table. It starts at 6, the SQLite schema it equals: one
 * number names one schema on both engines, and a later change adds the same version to both. A migration is never
 * edited once released.
 *
 * Text columns are COLLATE "C": comparisons and ORDER BY go byte by byte, as SQLite's do, whatever the database's
 * locale, so that both engines sort events alike (an en_US collation would ignore the `|` in `|PRK|USA|`).
 *
 * From schema 8 entries are partitioned by the year of date_first (docs/scaling.md, section 3). PostgreSQL enforces
 * a unique key on a partitioned table only if it includes the partition key, so the chain's uniqueness lives in an
 * unpartitioned table of links (seq PRIMARY KEY, id UNIQUE), written with each entry: every entry must match its
 * link (a foreign key on seq, id and date_first), so there is still one entry per number and one per id, and
 * supersessions reference links (seq).
 */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 6,
    sql: `
      CREATE FUNCTION lockstep_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$;
      CREATE TABLE entries (
        seq bigint PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        recorded_at text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL,
        prev_hash text COLLATE "C" NOT NULL,
        hash text COLLATE "C" NOT NULL,
        type text COLLATE "C" NOT NULL,
        date_first text COLLATE "C" NOT NULL,
        date_last text COLLATE "C" NOT NULL,
        actors text COLLATE "C" NOT NULL,
        targets text COLLATE "C" NOT NULL,
        count integer NOT NULL,
        confidence text COLLATE "C" NOT NULL
      );
      CREATE INDEX entries_date ON entries (date_first);
      CREATE INDEX entries_type_date ON entries (type, date_first);
      CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
        FOR EACH ROW EXECUTE FUNCTION lockstep_append_only('ledger entries are append-only');
      -- TRUNCATE fires no row trigger: refused on its own.
      CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
        FOR EACH STATEMENT EXECUTE FUNCTION lockstep_append_only('ledger entries are append-only');
      CREATE TABLE supersessions (
        old_id text COLLATE "C" NOT NULL,
        new_seq bigint NOT NULL REFERENCES entries (seq)
      );
      CREATE INDEX supersessions_old ON supersessions (old_id);
      CREATE TABLE imports (
        id bigint PRIMARY KEY,
        finished_at text COLLATE "C" NOT NULL,
        importer text COLLATE "C" NOT NULL,
        file text COLLATE "C" NOT NULL,
        added integer NOT NULL,
        duplicates integer NOT NULL,
        rejected integer NOT NULL,
        prev_hash text COLLATE "C" NOT NULL,
        hash text COLLATE "C" NOT NULL
      );
      CREATE TRIGGER imports_append_only BEFORE UPDATE OR DELETE ON imports
        FOR EACH ROW EXECUTE FUNCTION lockstep_append_only('the import log is append-only');
      CREATE TRIGGER imports_no_truncate BEFORE TRUNCATE ON imports
        FOR EACH STATEMENT EXECUTE FUNCTION lockstep_append_only('the import log is append-only');
      CREATE TABLE tokens (
        id text COLLATE "C" PRIMARY KEY,
        hash text COLLATE "C" NOT NULL UNIQUE,
        role text COLLATE "C" NOT NULL CHECK (role IN ('editor', 'admin')),
        created_at text COLLATE "C" NOT NULL,
        revoked_at text COLLATE "C",
        expires_at text COLLATE "C"
      );
      CREATE TABLE token_log (
        seq bigint PRIMARY KEY,
        recorded_at text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL,
        prev_hash text COLLATE "C" NOT NULL,
        hash text COLLATE "C" NOT NULL
      );
      CREATE TRIGGER token_log_append_only BEFORE UPDATE OR DELETE ON token_log
        FOR EACH ROW EXECUTE FUNCTION lockstep_append_only('the token log is append-only');
      CREATE TRIGGER token_log_no_truncate BEFORE TRUNCATE ON token_log
        FOR EACH STATEMENT EXECUTE FUNCTION lockstep_append_only('the token log is append-only');
      CREATE TABLE coverage (
        position integer PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        body text COLLATE "C" NOT NULL,
        recorded_at text COLLATE "C" NOT NULL
      );
      CREATE TABLE verified (
        id integer PRIMARY KEY CHECK (id = 1),
        entries bigint NOT NULL,
        head text COLLATE "C" NOT NULL,
        at text COLLATE "C" NOT NULL
      );
    `,
  },
  {
    // Pages in date order, ties in ledger order, read from the index instead of sorted (SQLite's indexes end in the
    // rowid, the entry number, already): on a million entries a page took 50–70 ms, an incremental sort over
    // parallel workers.
    version: 7,
    sql: `
      CREATE INDEX entries_date_seq ON entries (date_first, seq);
      CREATE INDEX entries_type_date_seq ON entries (type, date_first, seq);
      DROP INDEX entries_date;
      DROP INDEX entries_type_date;
    `,
  },
  {
    // Entries partitioned by the year of date_first, one partition a year, so that a date filter reads only the
    // years it spans; the chain's uniqueness moves to links (see above). The rows move as they are: same bytes,
    // same head. Indexes and keys are built once the rows are in, not row by row.
    version: 8,
    sql: `
      CREATE TABLE links (
        seq bigint PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        date_first text COLLATE "C" NOT NULL,
        hash text COLLATE "C" NOT NULL,
        -- What each entry's foreign key points at: with seq and id unique here, one entry per number and per id.
        UNIQUE (seq, id, date_first)
      );
      INSERT INTO links (seq, id, date_first, hash) SELECT seq, id, date_first, hash FROM entries ORDER BY seq;
      CREATE TRIGGER links_append_only BEFORE UPDATE OR DELETE ON links
        FOR EACH ROW EXECUTE FUNCTION lockstep_append_only('ledger entries are append-only');
      CREATE TRIGGER links_no_truncate BEFORE TRUNCATE ON links
        FOR EACH STATEMENT EXECUTE FUNCTION lockstep_append_only('ledger entries are append-only');
      ALTER TABLE supersessions DROP CONSTRAINT supersessions_new_seq_fkey;
      ALTER TABLE supersessions ADD CONSTRAINT supersessions_new_seq_fkey FOREIGN KEY (new_seq) REFERENCES links (seq);

      ALTER TABLE entries RENAME TO entries_7;
      ALTER INDEX entries_pkey RENAME TO entries_7_pkey;
      ALTER INDEX entries_id_key RENAME TO entries_7_id_key;
      DROP INDEX entries_date_seq;
      DROP INDEX entries_type_date_seq;
      CREATE TABLE entries (
        seq bigint NOT NULL,
        id text COLLATE "C" NOT NULL,
        recorded_at text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL,
        prev_hash text COLLATE "C" NOT NULL,
        hash text COLLATE "C" NOT NULL,
        type text COLLATE "C" NOT NULL,
        date_first text COLLATE "C" NOT NULL,
        date_last text COLLATE "C" NOT NULL,
        actors text COLLATE "C" NOT NULL,
        targets text COLLATE "C" NOT NULL,
        count integer NOT NULL,
        confidence text COLLATE "C" NOT NULL
      ) PARTITION BY RANGE (date_first);

      -- A year's partition, made when an append or a copy first needs that year. SECURITY DEFINER: it runs as its
      -- owner (the schema's), so the application role (grants.ts) may add a year by calling it, with no CREATE
      -- right of its own and no way to make any other table. A new table is attached, not created as a partition:
      -- ATTACH locks entries against other schema changes only, where CREATE TABLE ... PARTITION OF would lock out
      -- every reader until the import that needed the year commits. The attach clones the row triggers, the
      -- indexes and the foreign key; TRUNCATE of the partition by its own name needs a trigger of its own.
      CREATE FUNCTION lockstep_entry_partitions(years text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
        DECLARE
          y text;
          part text;
        BEGIN
          FOREACH y IN ARRAY years LOOP
            IF y IS NULL OR y !~ '^[0-9]{4}$' THEN
              RAISE EXCEPTION 'not a year: %', y USING ERRCODE = 'invalid_parameter_value';
            END IF;
            part := 'entries_y' || y;
            CONTINUE WHEN to_regclass(quote_ident(part)) IS NOT NULL;
            EXECUTE format('CREATE TABLE %I (LIKE entries)', part);
            EXECUTE format(
              'CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION lockstep_append_only(%L)',
              part || '_no_truncate', part, 'ledger entries are append-only');
            EXECUTE format('ALTER TABLE entries ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%s)', part, y,
              CASE WHEN y = '9999' THEN 'MAXVALUE' ELSE quote_literal(lpad((y::int + 1)::text, 4, '0')) END);
          END LOOP;
        END $$;
      -- Its names resolve in this schema only (a temporary table named entries cannot stand in for the ledger's).
      DO $$ BEGIN
        EXECUTE format('ALTER FUNCTION lockstep_entry_partitions(text[]) SET search_path = %I, pg_temp',
          current_schema());
      END $$;
      REVOKE ALL ON FUNCTION lockstep_entry_partitions(text[]) FROM PUBLIC;

      SELECT lockstep_entry_partitions(coalesce(array_agg(DISTINCT left(date_first, 4)), '{}'))
        FROM entries_7;
      INSERT INTO entries SELECT * FROM entries_7 ORDER BY seq;
      DROP TABLE entries_7;

      -- seq first: verify's ORDER BY seq merges the partitions' indexes.
      ALTER TABLE entries ADD CONSTRAINT entries_pkey PRIMARY KEY (seq, date_first);
      ALTER TABLE entries ADD CONSTRAINT entries_link_fkey FOREIGN KEY (seq, id, date_first)
        REFERENCES links (seq, id, date_first);
      CREATE INDEX entries_date_seq ON entries (date_first, seq);
      CREATE INDEX entries_type_date_seq ON entries (type, date_first, seq);
      CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
        FOR EACH ROW EXECUTE FUNCTION lockstep_append_only('ledger entries are append-only');
      CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
        FOR EACH STATEMENT EXECUTE FUNCTION lockstep_append_only('ledger entries are append-only');
    `,
  },
];

export const PG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

// Both engines at the same version: a migration added to one and not the other fails every PostgreSQL test at load.
if (PG_SCHEMA_VERSION !== SQLITE_SCHEMA_VERSION)
  throw new Error(
    `PostgreSQL schema ${PG_SCHEMA_VERSION} and SQLite schema ${SQLITE_SCHEMA_VERSION} differ: add the migration to both`,
  );

async function currentVersion(client: pg.ClientBase): Promise<number> {
  const table = await client.query<{ present: boolean }>(
    "SELECT to_regclass('schema_version') IS NOT NULL AS present",
  );
  if (!table.rows[0]!.present) return 0;
  const r = await client.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_version");
  return r.rows[0]?.v ?? 0;
}

function tooNew(version: number): Error {
  return new Error(
    `this ledger has schema version ${version}, newer than this Lockstep knows (${PG_SCHEMA_VERSION}); upgrade Lockstep`,
  );
}

/** The ledger's version, refusing a newer schema than this Lockstep knows (its entries might be misread). */
export async function checkSchemaVersion(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const version = await currentVersion(client);
    if (version > PG_SCHEMA_VERSION) throw tooNew(version);
    return version;
  } finally {
    client.release();
  }
}

/**
 * Brings the schema up to `target` (the current version; tests build older ledgers with a lower one), in one
 * transaction, under the migrations lock: two processes opening a new database at once do not both create it.
 */
export async function migrate(pool: pg.Pool, target = PG_SCHEMA_VERSION): Promise<void> {
  // Up to date: nothing to create, so a role without CREATE (the application's, see grants.ts) may open it.
  if ((await checkSchemaVersion(pool)) >= target) return;
  await inTransaction(pool, async (client) => {
    await takeLock(client, "migrations");
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const current = await currentVersion(client);
    if (current > PG_SCHEMA_VERSION) throw tooNew(current);
    for (const m of MIGRATIONS) {
      if (m.version <= current || m.version > target) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO schema_version (version) VALUES ($1)", [m.version]);
    }
  });
}
