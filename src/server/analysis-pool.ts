import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AnalysisSource } from "../analysis/index.js";
import { runJob, type AnalysisJob, type JobOutcome } from "./analysis-jobs.js";

export interface PoolOptions {
  /** The ledger each thread opens for reading: a SQLite file or a postgres:// URL. */
  db: string;
  threads: number;
  /** A job running longer is stopped (its thread ended and replaced) and answered 503. */
  timeoutMs: number;
  /** Jobs waiting for a thread beyond this are refused at once, 503 with Retry-After. */
  maxWaiting: number;
}

export interface AnalysisPool {
  run(job: AnalysisJob): Promise<JobOutcome & { retryAfter?: number }>;
  close(): Promise<void>;
}

const WORKER = new URL("./analysis-worker.js", import.meta.url);

interface Waiting {
  job: AnalysisJob;
  resolve(outcome: JobOutcome & { retryAfter?: number }): void;
}

interface Thread {
  worker: Worker;
  /** Loaded, with the ledger open: jobs go only to ready threads. */
  ready: boolean;
  current?: Waiting & { id: number; timer: NodeJS.Timeout };
}

/**
 * Analyses run off the event loop, on a few threads, each with a time limit: a heavy request (a granger test over a
 * century of days) then delays other analyses at most, never `/api/health` or a write. Run from the TypeScript
 * sources (the tests) there is no compiled worker: jobs run on the calling thread, with no time limit.
 */
export function analysisPool(options: PoolOptions, source: AnalysisSource): AnalysisPool {
  if (!existsSync(fileURLToPath(WORKER))) return { run: (job) => runJob(source, job), close: async () => {} };
  const threads: Thread[] = [];
  const waiting: Waiting[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Thread => {
    const thread: Thread = { worker: new Worker(WORKER, { workerData: { db: options.db } }), ready: false };
    thread.worker.on("message", (m: { ready: true } | { id: number; outcome: JobOutcome }) => {
      if ("ready" in m) {
        thread.ready = true;
        dispatch();
      } else if (thread.current?.id === m.id) finish(thread, m.outcome);
    });
    thread.worker.on("error", (err) => replace(thread, { status: 500, error: err.stack ?? String(err) }));
    thread.worker.on("exit", () => {
      if (closed) return;
      if (thread.current) return replace(thread, { status: 500, error: "analysis thread exited" });
      const at = threads.indexOf(thread);
      if (at >= 0) threads.splice(at, 1);
      // A thread that never got ready will not on a second try either (the ledger cannot be opened): say so.
      if (!thread.ready)
        for (const w of waiting.splice(0))
          w.resolve({ status: 500, error: "an analysis thread failed to start" });
    });
    thread.worker.unref();
    return thread;
  };

  const finish = (thread: Thread, outcome: JobOutcome) => {
    const current = thread.current!;
    clearTimeout(current.timer);
    thread.current = undefined;
    current.resolve(outcome);
    dispatch();
  };

  /** Ends a thread that overran or failed, answers its job, and puts a fresh thread in its place. */
  const replace = (thread: Thread, outcome: JobOutcome) => {
    if (!thread.current) return;
    const current = thread.current;
    clearTimeout(current.timer);
    thread.current = undefined;
    void thread.worker.terminate();
    threads[threads.indexOf(thread)] = start();
    current.resolve(outcome);
    dispatch();
  };

  const dispatch = () => {
    while (waiting.length) {
      const thread = threads.find((t) => t.ready && !t.current);
      if (!thread) {
        // A thread starting counts as one on its way; another is started only if the waiting jobs outnumber them.
        const starting = threads.filter((t) => !t.ready).length;
        if (threads.length < options.threads && starting < waiting.length) threads.push(start());
        return;
      }
      const next = waiting.shift()!;
      const id = nextId++;
      const running: Thread = thread;
      const timer = setTimeout(
        () =>
          replace(running, {
            status: 503,
            error: `the analysis was stopped after ${options.timeoutMs / 1000} s, this server's limit: give a narrower from/to, a coarser freq, fewer lags, permutations or runs`,
          }),
        options.timeoutMs,
      );
      running.current = { ...next, id, timer };
      running.worker.postMessage({ id, job: next.job });
    }
  };

  return {
    run(job) {
      if (closed) return Promise.resolve({ status: 503, error: "the server is shutting down" });
      const busy = threads.length >= options.threads && threads.every((t) => t.current || !t.ready);
      if (busy && waiting.length >= options.maxWaiting)
        return Promise.resolve({
          status: 503,
          error: `${waiting.length} analyses are waiting already: try again shortly`,
          retryAfter: 5,
        });
      return new Promise((resolve) => {
        waiting.push({ job, resolve });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w.resolve({ status: 503, error: "the server is shutting down" });
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
