#!/usr/bin/env node
import { Command } from "commander";
import { registerAnalysis } from "./commands/analysis.js";
import { registerAudit } from "./commands/audit.js";
import { registerCheckpoint } from "./commands/checkpoint.js";
import { registerCheck } from "./commands/check.js";
import { registerCoverage } from "./commands/coverage.js";
import { registerDemo } from "./commands/demo.js";
import { registerEvents } from "./commands/events.js";
import { registerImport } from "./commands/import.js";
import { registerServe } from "./commands/serve.js";
import { registerSummary } from "./commands/summary.js";
import { registerToken } from "./commands/token.js";
import { registerVerify } from "./commands/verify.js";

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const program = new Command("lockstep")
  .description(
    "Who kept their part of a phased, reciprocal agreement? A tamper-evident ledger of dated, sourced events.",
  )
  .version("0.1.0")
  .showHelpAfterError();

registerImport(program);
registerEvents(program);
registerSummary(program);
registerVerify(program);
registerCheckpoint(program);
registerAudit(program);
registerCoverage(program);
registerDemo(program);
registerCheck(program);
registerAnalysis(program);
registerServe(program);
registerToken(program);

await program.parseAsync(process.argv);
