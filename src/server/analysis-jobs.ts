import { RegressionError, type AnalysisSource } from "../analysis/index.js";
import {
  queryName,
  runGranger,
  runRates,
  runReact,
  runReciprocity,
  runXcorr,
  type GrangerParams,
  type RatesParams,
  type ReactParams,
  type ReciprocityParams,
  type XcorrParams,
} from "../analysis/run.js";
import { runRegress, type RegressParams } from "../analysis/run-regress.js";
import { runSimulation, type SimulationJob } from "../sim/roadmap/request.js";
import { InputError, ParameterError } from "../model/index.js";
import { apiIssue, type ApiIssue } from "./errors.js";

/** One analysis to run, its parameters already checked: what crosses to a worker thread. */
export type AnalysisJob =
  | { route: "react"; params: ReactParams }
  | { route: "granger"; params: GrangerParams }
  | { route: "xcorr"; params: XcorrParams }
  | { route: "reciprocity"; params: ReciprocityParams }
  | { route: "rates"; params: RatesParams }
  | { route: "regress"; params: RegressParams }
  | { route: "simulate"; params: SimulationJob };

/** An answer from a job: its JSON, or the error response it gives (a status and a body), never a thrown object. */
export type JobOutcome = { json: string } | { status: number; error: string; issues?: ApiIssue[] };

/**
 * The answer is held to this size: beyond it the caller is asked to narrow the request rather than be sent, or make
 * the server hold, hundreds of megabytes.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 ** 2;

/** Runs a job on a ledger, as the command line does, and turns its result or its fault into an outcome. */
export async function runJob(source: AnalysisSource, job: AnalysisJob): Promise<JobOutcome> {
  let json: string;
  try {
    json = JSON.stringify(await compute(source, job));
  } catch (err) {
    // A parameter the data cannot support (a range outside the coverage) is the caller's to change: 400.
    if (err instanceof ParameterError)
      return { status: 400, error: err.message, issues: [{ path: err.param, message: err.message }] };
    // An estimate the data cannot support as asked (too few bins, a constant column): 422, with the CLI's message.
    if (err instanceof RegressionError) return { status: 422, error: err.message };
    // A filter naming what the ledger does not have (an actor no event has): 400 with the issues.
    if (err instanceof InputError)
      return { status: 400, error: err.message, issues: err.issues.map((i) => apiIssue(i.issue, i.where)) };
    // JSON.stringify of an answer past the string limit fails with a RangeError: the same as too big an answer.
    if (err instanceof RangeError && /Invalid string length/.test(err.message)) return tooBig("over 512");
    throw err;
  }
  return json.length > MAX_ANSWER_BYTES ? tooBig(String(Math.ceil(json.length / 1024 ** 2))) : { json };
}

function tooBig(mb: string): JobOutcome {
  return {
    status: 400,
    error: `the answer would be ${mb} MB, over the limit of ${MAX_ANSWER_BYTES / 1024 ** 2} MB: give a narrower from/to or a coarser freq`,
  };
}

async function compute(source: AnalysisSource, job: AnalysisJob): Promise<unknown> {
  switch (job.route) {
    case "react":
      return (await runReact(source, job.params, queryName)).result;
    case "granger":
      return runGranger(source, job.params, queryName);
    case "xcorr":
      return (await runXcorr(source, job.params, queryName)).result;
    case "reciprocity":
      return runReciprocity(source, job.params, queryName);
    case "rates":
      return runRates(source, job.params, queryName);
    case "regress":
      return runRegress(source, job.params, queryName);
    case "simulate":
      return runSimulation(job.params);
  }
}
