import type pg from "pg";
import type { AppendOptions, AppendReport, PreparedEntry, PreparedRecord } from "../../ledger/append.js";
import { Appender, type EntrySink } from "../../ledger/appender.js";
import { IMPORT_COLUMNS, importRow } from "../../ledger/import-log.js";
import { ENTRY_COLUMNS, entryRow, GENESIS } from "../../ledger/chain.js";
import { inTransaction, takeLock } from "./pool.js";

/** Records are checked and written this many at a time: one query for the ids they name, one insert for the batch. */
const BATCH = 1000;

/** The array type each entry column is sent as (unnest turns the arrays back into rows); text unless named. */
const SQL_TYPE: Partial<Record<(typeof ENTRY_COLUMNS)[number], string>> = { seq: "bigint", count: "integer" };
const INSERT_ENTRIES = `INSERT INTO entries (${ENTRY_COLUMNS.join(", ")})
  SELECT * FROM unnest(${ENTRY_COLUMNS.map((c, i) => `$${i + 1}::${SQL_TYPE[c] ?? "text"}[]`).join(", ")})`;
/** Each entry's link (migrations.ts, schema 8), written before it: the entry's foreign key points at it. */
const INSERT_LINKS = `INSERT INTO links (seq, id, date_first, hash)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])`;

/**
 * appendPrepared on PostgreSQL: the same Appender as on SQLite (src/ledger/appender.ts), so the same records give
 * the same entries, links and report. The transaction first takes the chain's advisory lock, then reads the head:
 * a writer in another process or on another server waits for this one to commit and then extends its head. No
 * insert has ON CONFLICT: a duplicate is found before it is written, and anything else that conflicts fails the
 * import whole.
 */
export async function appendPrepared(
  pool: pg.Pool,
  records: Iterable<PreparedRecord> | AsyncIterable<PreparedRecord>,
  options: AppendOptions,
): Promise<AppendReport> {
  return inTransaction(pool, async (client) => {
    await takeLock(client, "entries");
    const head = await client.query<{ seq: number; hash: string }>(
      "SELECT seq, hash FROM links ORDER BY seq DESC LIMIT 1",
    );
    // The ids of the batch the ledger holds, and those written in it: earlier batches are in the table already.
    const held = new Set<string>();
    let rows: PreparedEntry[] = [];
    let links: [number, string, string, string][] = [];
    let supersessions: [string, number][] = [];
    const sink: EntrySink = {
      has: (id) => held.has(id),
      write: (e, seq, prev, hash, at) => {
        if (held.has(e.id)) return false;
        held.add(e.id);
        rows.push(e);
        links.push([seq, prev, hash, at]);
        return true;
      },
      supersede: (old, seq) => void supersessions.push([old, seq]),
    };
    const appender = new Appender(sink, options, head.rows[0], options.recordedAt);
    const flush = async () => {
      if (rows.length) await insertEntries(client, entryArrays(rows, links));
      if (supersessions.length)
        await client.query(
          "INSERT INTO supersessions (old_id, new_seq) SELECT * FROM unnest($1::text[], $2::bigint[])",
          [supersessions.map(([old]) => old), supersessions.map(([, seq]) => seq)],
        );
      rows = [];
      links = [];
      supersessions = [];
      held.clear();
    };
    for await (const batch of batches(records, BATCH)) {
      const named = batch.flatMap((r) => ("entry" in r ? [r.entry.id, ...(r.entry.supersedes ?? [])] : []));
      if (named.length) {
        const found = await client.query<{ id: string }>("SELECT id FROM links WHERE id = ANY($1::text[])", [
          named,
        ]);
        for (const r of found.rows) held.add(r.id);
      }
      let stop = false;
      for (const record of batch) if ((stop = appender.take(record))) break;
      await flush();
      if (stop) break;
    }
    const report = appender.finish();
    const last = await client.query<{ id: number; hash: string }>(
      "SELECT id, hash FROM imports ORDER BY id DESC LIMIT 1",
    );
    const row = importRow(last.rows[0] ?? { id: 0, hash: GENESIS }, appender.importRecord());
    await client.query(
      `INSERT INTO imports (${IMPORT_COLUMNS.join(", ")}) VALUES (${IMPORT_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`,
      IMPORT_COLUMNS.map((c) => row[c]),
    );
    return report;
  });
}

const column = (name: (typeof ENTRY_COLUMNS)[number]) => ENTRY_COLUMNS.indexOf(name);

/**
 * Writes entries given as column arrays (ENTRY_COLUMNS' order): their years' partitions made if missing, their
 * links, then the entries. The caller holds the chain's lock.
 */
export async function insertEntries(client: pg.ClientBase, columns: unknown[][]): Promise<void> {
  const [seq, id, hash, first] = (["seq", "id", "hash", "date_first"] as const).map(
    (c) => columns[column(c)]!,
  );
  await ensurePartitions(client, first as string[]);
  await client.query(INSERT_LINKS, [seq, id, first, hash]);
  await client.query(INSERT_ENTRIES, columns);
}

/** The partitions of the years of these dates (YYYY-MM-DD), made where there are none (migrations.ts, schema 8). */
export async function ensurePartitions(client: pg.ClientBase, dates: Iterable<string>): Promise<void> {
  const years = new Set<string>();
  for (const d of dates) years.add(d.slice(0, 4));
  await client.query("SELECT lockstep_entry_partitions($1::text[])", [[...years]]);
}

function entryArrays(rows: PreparedEntry[], links: [number, string, string, string][]): unknown[][] {
  const columns: unknown[][] = ENTRY_COLUMNS.map(() => new Array(rows.length));
  rows.forEach((e, i) => {
    const [seq, prev, hash, at] = links[i]!;
    entryRow(e, seq, prev, hash, at).forEach((v, j) => (columns[j]![i] = v));
  });
  return columns;
}

/** The records in batches of up to `size`, as they come. */
async function* batches<T>(items: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
