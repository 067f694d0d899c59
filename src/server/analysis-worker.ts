import { parentPort, workerData } from "node:worker_threads";
import { isPostgresUrl, openStore } from "../store/index.js";
import { runJob, type AnalysisJob, type JobOutcome } from "./analysis-jobs.js";

/**
 * A thread of the analysis pool (analysis-pool.ts): its own read connection to the ledger, a SQLite file or a
 * PostgreSQL database, one job at a time. Each job reads the ledger as committed when it starts, as a request on the
 * main thread would.
 */
const db = (workerData as { db: string }).db;
// A server's ledger is only read here, as the command line's readers read it. If it cannot be opened the error ends
// the thread before it is ready, which the pool answers as a thread that failed to start.
const store = await openStore(db, { mustExist: true, ...(isPostgresUrl(db) ? { readonly: true } : {}) });

// Ready: the time limit of a job counts from here, not from the thread's start (loading the code, opening the ledger).
parentPort!.postMessage({ ready: true });

async function answer(message: { id: number; job: AnalysisJob }): Promise<void> {
  let outcome: JobOutcome;
  try {
    outcome = await runJob(store, message.job);
  } catch (err) {
    // Logged by the main thread with the request; the client gets "internal error" only.
    outcome = { status: 500, error: (err as Error).stack ?? String(err) };
  }
  parentPort!.postMessage({ id: message.id, outcome });
}

// One job at a time: a job that arrives while another awaits the ledger waits its turn.
let running = Promise.resolve();
parentPort!.on("message", (message: { id: number; job: AnalysisJob }) => {
  running = running.then(() => answer(message));
});
