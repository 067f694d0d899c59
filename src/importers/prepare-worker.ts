/**
 * The thread that reads and prepares a large file while the main thread writes the ledger (see in-worker.ts):
 * importer → prepareRecord → batches posted to the parent, no further ahead than the parent lets it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareRecord, type PreparedRecord } from "../ledger/index.js";
import { relabel } from "./import-file.js";
import { importerFor } from "./index.js";
import { toWire, type FromWorker, type ToWorker, type WorkerJob } from "./in-worker.js";

const job = workerData as WorkerJob;
const port = parentPort!;

/** Batches the parent may hold at once before this thread waits: bounds memory whatever the file's size. */
let credit = job.batchesAhead;
let wake: (() => void) | undefined;
port.on("message", (m: ToWorker) => {
  credit += m.credit;
  wake?.();
});

async function send(records: PreparedRecord[]): Promise<void> {
  while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = undefined;
  credit--;
  port.postMessage({ batch: toWire(records) } satisfies FromWorker);
}

try {
  const importer = importerFor(job.format);
  const read = importer.read(job.file, {
    ...(job.actors ? { actors: job.actors } : {}),
    ...(job.maxLineBytes ? { maxLineBytes: job.maxLineBytes } : {}),
    ...(job.progress
      ? { onProgress: (read, total) => port.postMessage({ progress: [read, total] } satisfies FromWorker) }
      : {}),
  });
  const items = job.label ? relabel(read, job.label) : read;
  let batch: PreparedRecord[] = [];
  for await (const item of items) {
    batch.push(prepareRecord(item, importer.format));
    if (batch.length === job.batchSize) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length) await send(batch);
  port.postMessage({ done: true } satisfies FromWorker);
} catch (err) {
  const e = err as Error & { issues?: unknown };
  port.postMessage({ error: { name: e.name, message: e.message, issues: e.issues } } satisfies FromWorker);
}
// The credit listener is all that keeps this thread alive: without it, it ends once its messages are out.
port.removeAllListeners("message");
