import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { AppendReport, ImportItem, Ledger } from "../ledger/index.js";
import { SqliteStore } from "../store/sqlite/store.js";
import type { LedgerStore } from "../store/store.js";
import { canPrepareInWorker, preparedInWorker } from "./in-worker.js";
import { detectImporter, importerFor } from "./index.js";
import type { ImportOptions } from "./importer.js";
import { InputError } from "../model/index.js";

export interface ImportFileOptions {
  /** An importer's format; detected from the file's name and first bytes when absent. */
  format?: string;
  /** Keep only records where one of these actors acts or is targeted. */
  actors?: string[];
  skipInvalid?: boolean;
  onProgress?: ImportOptions["onProgress"];
  /** The longest line accepted in a line-based format, in bytes (default 1 MiB). */
  maxLineBytes?: number;
  /**
   * The name recorded as the events' provenance and in the report, instead of the path read (for a file received
   * over the network and written to a temporary path). Detection still looks at the path.
   */
  label?: string;
  /**
   * Where records are read, validated and hashed: on a worker thread while this one writes (faster for large files
   * on a machine with more than one core), or on this thread. By default a worker for large files, when the build
   * has one and the machine more than one core.
   */
  prepareOn?: "worker" | "this-thread";
  /** The entries' recorded time (AppendOptions.recordedAt): now by default; fixed, the same file gives the same head. */
  recordedAt?: string;
}

/**
 * From this size on, a file is prepared on a worker thread (below, starting one costs more than it saves) and
 * written as a bulk import (see AppendOptions.bulk).
 */
const LARGE_FILE_BYTES = 4 * 1024 * 1024;

/** The records of a file under another name, as their provenance will record it. */
export async function* relabel(items: AsyncIterable<ImportItem>, file: string): AsyncIterable<ImportItem> {
  for await (const item of items) yield { ...item, where: { ...item.where, file } };
}

/**
 * Imports one file into an open ledger, a SQLite one or a store on either engine (the appends are the store's):
 * all-or-nothing unless `skipInvalid`.
 */
export async function importFile(
  ledger: Ledger | LedgerStore,
  file: string,
  opts: ImportFileOptions = {},
): Promise<AppendReport> {
  const store = "engine" in ledger ? ledger : new SqliteStore(ledger);
  const importer = opts.format ? importerFor(opts.format) : detectImporter(file);
  let stat;
  try {
    stat = statSync(file);
  } catch (err) {
    throw new InputError(
      `${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  // Only the CNS data come as a folder (its test.en.json and the tables beside it).
  if (stat.isDirectory() && importer.format !== "cns")
    throw new InputError(`${file}: is a folder, not a ${importer.format} file`);
  const large = stat.size >= LARGE_FILE_BYTES;
  const appendOptions = {
    importer: importer.format,
    file: opts.label ?? file,
    skipInvalid: opts.skipInvalid ?? false,
    bulk: large,
    ...(opts.recordedAt ? { recordedAt: opts.recordedAt } : {}),
  };
  // On one core the two threads would only take turns, and the handing over costs more than it saves.
  const onWorker =
    opts.prepareOn === "worker" ||
    (opts.prepareOn === undefined && large && availableParallelism() > 1 && canPrepareInWorker());
  if (onWorker) {
    const job = {
      file,
      format: importer.format,
      ...(opts.actors ? { actors: opts.actors } : {}),
      ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}),
      ...(opts.label ? { label: opts.label } : {}),
    };
    return store.appendPrepared(preparedInWorker(job, opts.onProgress), appendOptions);
  }
  const items = importer.read(file, {
    ...(opts.actors ? { actors: opts.actors } : {}),
    ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return store.appendEvents(opts.label ? relabel(items, opts.label) : items, appendOptions);
}
