import { parentPort, workerData } from "node:worker_threads";
import { openLedger } from "../ledger/index.js";
import { runJob, type AnalysisJob, type JobOutcome } from "./analysis-jobs.js";

/**
 * A thread of the analysis pool (analysis-pool.ts): its own read connection to the ledger, one job at a time. Each
 * job reads the ledger as committed when it starts, as a request on the main thread would.
 */
const ledger = openLedger((workerData as { db: string }).db, { mustExist: true });

// Ready: the time limit of a job counts from here, not from the thread's start (loading the code, opening the file).
parentPort!.postMessage({ ready: true });

parentPort!.on("message", (message: { id: number; job: AnalysisJob }) => {
  let outcome: JobOutcome;
  try {
    outcome = runJob(ledger, message.job);
  } catch (err) {
    // Logged by the main thread with the request; the client gets "internal error" only.
    outcome = { status: 500, error: (err as Error).stack ?? String(err) };
  }
  parentPort!.postMessage({ id: message.id, outcome });
});
