#!/usr/bin/env node
import { Command } from "commander";
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

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: the server, the charts and the importers take most of
 * a second to load, and `lockstep --version` or `lockstep events` need none of them. In the order `--help` lists.
 */
const MODULES: { commands: string[]; load: () => Promise<Register> }[] = [
  { commands: ["import"], load: async () => (await import("./commands/import.js")).registerImport },
  { commands: ["events"], load: async () => (await import("./commands/events.js")).registerEvents },
  {
    commands: ["actors", "types"],
    load: async () => (await import("./commands/vocabulary.js")).registerVocabulary,
  },
  { commands: ["summary"], load: async () => (await import("./commands/summary.js")).registerSummary },
  { commands: ["verify"], load: async () => (await import("./commands/verify.js")).registerVerify },
  { commands: ["copy"], load: async () => (await import("./commands/copy.js")).registerCopy },
  {
    commands: ["checkpoint"],
    load: async () => (await import("./commands/checkpoint.js")).registerCheckpoint,
  },
  { commands: ["audit"], load: async () => (await import("./commands/audit.js")).registerAudit },
  { commands: ["coverage"], load: async () => (await import("./commands/coverage.js")).registerCoverage },
  { commands: ["demo"], load: async () => (await import("./commands/demo.js")).registerDemo },
  { commands: ["agreements"], load: async () => (await import("./commands/check.js")).registerAgreements },
  {
    commands: ["check", "explain", "lint"],
    load: async () => (await import("./commands/check.js")).registerCheck,
  },
  {
    commands: ["react", "granger", "xcorr", "reciprocity", "rates", "regress"],
    load: async () => (await import("./commands/analysis.js")).registerAnalysis,
  },
  { commands: ["serve"], load: async () => (await import("./commands/serve.js")).registerServe },
  { commands: ["token"], load: async () => (await import("./commands/token.js")).registerToken },
  {
    commands: ["match", "tournament", "moran", "simulate"],
    load: async () => (await import("./commands/sim.js")).registerSim,
  },
];

/** The command named on the line (the first word not an option), if it is one; else every module (help, a typo). */
const named = process.argv.slice(2).find((a) => !a.startsWith("-"));
const chosen = MODULES.filter((m) => named !== undefined && m.commands.includes(named));
const versionOnly = process.argv.length === 3 && ["--version", "-V"].includes(process.argv[2]!);
if (!versionOnly) for (const m of chosen.length ? chosen : MODULES) (await m.load())(program);

await program.parseAsync(process.argv);
