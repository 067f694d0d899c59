import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PreparedRecord } from "../ledger/index.js";
import { InputError, type Issue } from "../model/index.js";
import type { ImportOptions } from "./importer.js";

/** What the preparing thread is asked to do (see prepare-worker.ts). */
export interface WorkerJob {
  file: string;
  format: string;
  actors?: string[];
  maxLineBytes?: number;
  /** The name recorded as the events' provenance instead of the path read. */
  label?: string;
  progress: boolean;
  batchSize: number;
  /** Batches sent before the thread waits for the writer to take one. */
  batchesAhead: number;
}

export type FromWorker =
  | { batch: WireBatch }
  | { progress: [read: number, total: number] }
  | { done: true }
  | { error: { name: string; message: string; issues?: unknown } };

export type ToWorker = { credit: number };

/**
 * Records as they cross between threads: flat arrays rather than objects, since copying a message costs by the
 * number of its values and every object key counts; each file is named once a batch, records point to it by index.
 */
export interface WireBatch {
  files: string[];
  records: WireRecord[];
}
type WireRecord =
  | [file: number, record: string]
  | [file: number, record: string, issues: Issue[]]
  | [
      file: number,
      record: string,
      id: string,
      body: string,
      type: string,
      dateFirst: string,
      dateLast: string,
      actors: string,
      targets: string,
      count: number,
      confidence: string,
      supersedes?: string[],
    ];

export function toWire(records: PreparedRecord[]): WireBatch {
  const files: string[] = [];
  const fileIndex = (file: string) => {
    const i = files.lastIndexOf(file);
    return i >= 0 ? i : files.push(file) - 1;
  };
  return {
    files,
    records: records.map((r): WireRecord => {
      const at = fileIndex(r.where.file);
      if ("filtered" in r) return [at, r.where.record];
      if ("issues" in r) return [at, r.where.record, r.issues];
      const e = r.entry;
      const c = e.columns;
      const flat: WireRecord = [
        at,
        r.where.record,
        e.id,
        e.body,
        c.type,
        c.date_first,
        c.date_last,
        c.actors,
        c.targets,
        c.count,
        c.confidence,
      ];
      if (e.supersedes) flat.push(e.supersedes);
      return flat;
    }),
  };
}

function* fromWire(batch: WireBatch): Generator<PreparedRecord> {
  for (const r of batch.records) {
    const where = { file: batch.files[r[0]]!, record: r[1] };
    if (r.length === 2) yield { where, filtered: true };
    else if (r.length === 3) yield { where, issues: r[2] };
    else {
      const [, , id, body, type, date_first, date_last, actors, targets, count, confidence, supersedes] = r;
      const columns = { type, date_first, date_last, actors, targets, count, confidence };
      yield { where, entry: supersedes ? { id, body, columns, supersedes } : { id, body, columns } };
    }
  }
}

const WORKER = new URL("./prepare-worker.js", import.meta.url);

/**
 * Whether imports can be prepared on a second thread. The compiled build can; run from the TypeScript sources
 * (as the unit tests are) there is no worker script, and everything happens on the calling thread.
 */
export function canPrepareInWorker(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/**
 * The records of a file, read, validated, encoded and hashed on a worker thread, in file order, so that the
 * calling thread only writes: the two overlap. Stopping early (a failing all-or-nothing import) ends the thread.
 */
export async function* preparedInWorker(
  job: Omit<WorkerJob, "progress" | "batchSize" | "batchesAhead">,
  onProgress?: ImportOptions["onProgress"],
): AsyncGenerator<PreparedRecord> {
  const workerData: WorkerJob = {
    ...job,
    progress: onProgress !== undefined,
    batchSize: 1000,
    batchesAhead: 8,
  };
  const worker = new Worker(WORKER, { workerData });
  const queue: FromWorker[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on("message", (m: FromWorker) => {
    if ("progress" in m) onProgress?.(...m.progress);
    else queue.push(m);
    wake?.();
  });
  worker.on("error", (err) => {
    failure = err;
    wake?.();
  });
  worker.on("exit", () => {
    exited = true;
    wake?.();
  });
  try {
    for (;;) {
      while (!queue.length && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (!m) throw failure ?? new Error(`${job.file}: the import thread stopped before the end of the file`);
      if ("batch" in m) {
        worker.postMessage({ credit: 1 } satisfies ToWorker);
        yield* fromWire(m.batch);
      } else if ("done" in m) return;
      else if ("error" in m) throw rebuilt(m.error);
    }
  } finally {
    await worker.terminate();
  }
}

/** An error thrown on the worker thread, as the caller would have had it on its own. */
function rebuilt(e: { name: string; message: string; issues?: unknown }): Error {
  if (e.name === "InputError") return new InputError(e.message, e.issues as InputError["issues"]);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
