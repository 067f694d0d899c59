import type { Command } from "commander";
import {
  readCheckpoint,
  readVerifierKey,
  type Checkpoint,
  type ExtensionReport,
  type VerifierKey,
} from "../../ledger/checkpoint.js";
import type { VerifyReport } from "../../ledger/index.js";
import { dbOption, useStore } from "../ledger-options.js";
import type { LogReport } from "../../ledger/log-chain.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { readUserFile } from "./checkpoint.js";

interface VerifyFlags extends CommonOptions {
  quick?: boolean;
  against?: string;
  key?: string;
}

/** The checkpoint named by --against, its signature checked with --key before the ledger is read. */
function signedCheckpoint(flags: VerifyFlags): { checkpoint: Checkpoint; key: VerifierKey } | undefined {
  if (!flags.against && !flags.key) return undefined;
  if (!flags.against) throw new UsageError("--key is the verifier key for --against CHECKPOINT; give both");
  if (!flags.key)
    throw new UsageError(
      "--against needs --key: the signer's verifier key (FILE.pub of lockstep checkpoint keygen, or its NAME+KEYID+KEY text), from a source you trust, not from beside the checkpoint",
    );
  // A verifier key may be given as its text (it holds two "+", which no file name we write does).
  const keyText = /^[^+\s]+\+[0-9a-f]{8}\+\S+$/.test(flags.key)
    ? flags.key
    : readUserFile(flags.key, "verifier key").toString("utf8");
  const key = readVerifierKey(keyText, flags.key);
  const checkpoint = readCheckpoint(readUserFile(flags.against, "checkpoint"), key, flags.against);
  return { checkpoint, key };
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function printLog(path: string, what: string, log: LogReport | undefined): void {
  if (!log) return;
  if (!log.kept)
    process.stdout.write(
      `${what}: none yet (a ledger of schema 4; any command that writes to it adds one)\n`,
    );
  else if (log.ok)
    process.stdout.write(`${what} intact, ${counted(log.records, "record", "records")}, head ${log.head}\n`);
  else
    process.stderr.write(
      `${path}: ${what} BROKEN — changed outside Lockstep:\n` + log.problems.map((p) => `  ${p}\n`).join(""),
    );
}

function printReport(path: string, report: VerifyReport): void {
  const b = report.firstBroken;
  if (b)
    process.stderr.write(
      `${path}: chain BROKEN at entry ${b.seq} (${b.id}): ${b.reason}.\n` +
        `  Entries before it verify; from this entry on, the ledger cannot be trusted.\n`,
    );
  else process.stdout.write(`${path}: chain intact, ${report.entries} entries, head ${report.head}\n`);
  const d = report.database;
  if (!d) process.stdout.write("database not checked (--quick)\n");
  else if (d.ok) process.stdout.write(`database intact: ${d.checks.join("; ")}\n`);
  else
    process.stderr.write(
      `${path}: database DAMAGED — queries may return wrong events though the chain verifies:\n` +
        d.problems.map((p) => `  ${p}\n`).join(""),
    );
  printLog(path, "token log", report.tokens);
  printLog(path, "import log", report.imports);
}

function printExtension(
  path: string,
  file: string,
  cp: Checkpoint,
  key: VerifierKey,
  e: ExtensionReport,
): void {
  const which = `the checkpoint ${file} (${cp.origin}, ${cp.time}, signed by ${key.name})`;
  if (e.ok)
    process.stdout.write(
      `${path}: extends ${which}: entry ${cp.entries.count} has its head ${cp.entries.head}; ${counted(cp.tokens.count, "token log record", "token log records")} and ${counted(cp.imports.count, "import", "imports")} as signed\n`,
    );
  else
    process.stderr.write(`${path}: does NOT extend ${which}:\n` + e.problems.map((p) => `  ${p}\n`).join(""));
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description(
      "recompute the ledger's hash chain, its token and import logs, and check the database under it; exits 1 naming what was changed outside Lockstep",
    )
    .option("--quick", "the hash chain alone, without the database check (which reads every page)")
    .option(
      "--against <checkpoint>",
      "also prove the ledger extends this signed checkpoint (lockstep checkpoint): nothing cut from its end, nothing rewritten up to it",
    )
    .option(
      "--key <file>",
      "with --against: the signer's verifier key, FILE.pub of lockstep checkpoint keygen (or the NAME+KEYID+KEY text)",
    )
    .addOption(dbOption(true))
    .option("--json", "print a machine-readable report")
    .action(
      action(async (flags: VerifyFlags) => {
        const signed = signedCheckpoint(flags);
        const {
          path,
          report,
          extension,
        }: { path: string; report: VerifyReport; extension?: ExtensionReport } = await useStore(
          flags,
          async (store) => {
            const options = { quick: flags.quick ?? false };
            if (!signed) return { path: store.location, report: await store.verify(options) };
            return { path: store.location, ...(await store.verifyAgainst(signed.checkpoint, options)) };
          },
          { readonly: true },
        );
        const ok = report.ok && (extension?.ok ?? true);
        if (flags.json) {
          printJson({
            ledger: path,
            ...report,
            ok,
            ...(signed && extension
              ? {
                  checkpoint: {
                    file: flags.against,
                    signer: signed.key.name,
                    ...signed.checkpoint,
                    ...extension,
                  },
                }
              : {}),
          });
        } else {
          printReport(path, report);
          if (signed && extension)
            printExtension(path, flags.against!, signed.checkpoint, signed.key, extension);
        }
        if (!ok) process.exitCode = 1;
      }),
    );
}
