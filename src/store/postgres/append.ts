import type pg from "pg";
import type { AppendOptions, AppendReport, PreparedRecord } from "../../ledger/append.js";
import { Appender, type EntrySink } from "../../ledger/appender.js";
import { IMPORT_COLUMNS, importRow } from "../../ledger/import-log.js";
import { ENTRY_COLUMNS, entryRow, GENESIS } from "../../ledger/chain.js";
import { copyLine, copyLines } from "./copy-rows.js";
import { inTransaction, takeLock } from "./pool.js";

/**
 * Records are checked and written this many at a time: one query for the ids they name, then their links and
 * entries each in one COPY (measured on 200,000 GDELT rows: COPY took a third less time than inserts of arrays,
 * whose every element the driver escapes and the server parses).
 */
const BATCH = 5000;

/** Each entry's link (migrations.ts, schema 8), written before it: the entry's foreign key points at it. */
const LINK_COLUMNS = ["seq", "id", "date_first", "hash"] as const;

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
    // The batch's links and entries as lines of COPY, and the years they fall in.
    let links = "";
    let entries = "";
    const years = new Set<string>();
    let supersessions: [string, number][] = [];
    const sink: EntrySink = {
      has: (id) => held.has(id),
      write: (e, seq, prev, hash, at) => {
        if (held.has(e.id)) return false;
        held.add(e.id);
        years.add(e.columns.date_first.slice(0, 4));
        links += copyLine([seq, e.id, e.columns.date_first, hash]);
        entries += copyLine(entryRow(e, seq, prev, hash, at));
        return true;
      },
      supersede: (old, seq) => void supersessions.push([old, seq]),
    };
    const appender = new Appender(sink, options, head.rows[0], options.recordedAt);
    const flush = async () => {
      if (entries) {
        await ensureYears(client, years);
        await copyLines(client, "links", LINK_COLUMNS, links);
        await copyLines(client, "entries", ENTRY_COLUMNS, entries);
      }
      if (supersessions.length)
        await client.query(
          "INSERT INTO supersessions (old_id, new_seq) SELECT * FROM unnest($1::text[], $2::bigint[])",
          [supersessions.map(([old]) => old), supersessions.map(([, seq]) => seq)],
        );
      links = "";
      entries = "";
      years.clear();
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

/** The partitions of the years of these dates (YYYY-MM-DD), made where there are none (migrations.ts, schema 8). */
export async function ensurePartitions(client: pg.ClientBase, dates: Iterable<string>): Promise<void> {
  const years = new Set<string>();
  for (const d of dates) years.add(d.slice(0, 4));
  await ensureYears(client, years);
}

async function ensureYears(client: pg.ClientBase, years: Set<string>): Promise<void> {
  await client.query("SELECT lockstep_entry_partitions($1::text[])", [[...years]]);
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
