import type { Command } from "commander";
import { SingleBar, Presets } from "cli-progress";
import { writeFileSync } from "node:fs";
import type { AppendReport, Ledger } from "../../ledger/index.js";
import type { LedgerStore } from "../../store/index.js";
import { dbOption, useStore } from "../ledger-options.js";
import { detectImporter, importFile as importLedgerFile } from "../../importers/index.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { formatIssue } from "../../model/index.js";

interface ImportFlags extends CommonOptions {
  format?: string;
  actors?: string;
  skipInvalid?: boolean;
  report?: string;
  maxLineBytes?: string;
}

/** Imports one file into an open ledger, with a progress bar on a terminal. */
export async function importFile(
  ledger: Ledger | LedgerStore,
  file: string,
  opts: { format?: string; actors?: string[]; skipInvalid?: boolean; quiet?: boolean; maxLineBytes?: number },
): Promise<AppendReport> {
  const format = opts.format ?? detectImporter(file).format;
  const bar =
    !opts.quiet && process.stderr.isTTY
      ? new SingleBar(
          {
            format: `${format} {bar} {percentage}% | {value}/{total} bytes`,
            stream: process.stderr,
          },
          Presets.shades_classic,
        )
      : undefined;
  try {
    return await importLedgerFile(ledger, file, {
      format,
      ...(opts.actors ? { actors: opts.actors } : {}),
      ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}),
      skipInvalid: opts.skipInvalid ?? false,
      ...(bar
        ? {
            onProgress: (done: number, total: number) => {
              if (bar.getTotal() !== total) bar.start(total, 0);
              bar.update(done);
            },
          }
        : {}),
    });
  } finally {
    bar?.stop();
  }
}

export function describeReport(r: AppendReport): string {
  const parts = [`${r.added} added`, `${r.duplicates} duplicate(s) skipped`];
  if (r.filtered) parts.push(`${r.filtered} left out by filter`);
  if (r.rejected.length) parts.push(`${r.rejected.length} rejected`);
  return `${r.file} (${r.importer}): ${r.read} record(s) read; ${parts.join(", ")}`;
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("import events from files into the ledger (all-or-nothing per file unless --skip-invalid)")
    .argument("<files...>", "files to import (CNS test.en.json or its folder, GDELT .CSV/.zip, .jsonl, .csv)")
    .option("--format <format>", "cns | gdelt | jsonl | csv (detected from the file when omitted)")
    .option(
      "--actors <codes>",
      "keep only events where one of these actors acts or is targeted, e.g. PRK,KOR,USA",
    )
    .option("--skip-invalid", "import the valid records and write the rejected ones to a report file")
    .option("--report <file>", "where --skip-invalid writes rejected records (default: FILE.rejected.jsonl)")
    .option(
      "--max-line-bytes <n>",
      "the longest line accepted in a line-based format (default 1048576: 1 MiB)",
    )
    .addOption(dbOption(true))
    .option("--json", "print a machine-readable report")
    .action(
      action(async (files: string[], flags: ImportFlags) => {
        if (flags.report && !flags.skipInvalid) throw new UsageError("--report goes with --skip-invalid");
        const maxLineBytes = flags.maxLineBytes === undefined ? undefined : Number(flags.maxLineBytes);
        if (maxLineBytes !== undefined && !(Number.isInteger(maxLineBytes) && maxLineBytes > 0))
          throw new UsageError(
            `--max-line-bytes must be a whole number of bytes, not "${flags.maxLineBytes}"`,
          );
        const reports: (AppendReport & { reportFile?: string })[] = [];
        const ledgerPath = await useStore(
          flags,
          async (ledger) => {
            for (const file of files) {
              const r = await importFile(ledger, file, {
                ...(flags.format ? { format: flags.format } : {}),
                ...(flags.actors
                  ? { actors: flags.actors.split(",").map((a) => a.trim().toUpperCase()) }
                  : {}),
                skipInvalid: flags.skipInvalid ?? false,
                quiet: flags.json ?? false,
                ...(maxLineBytes ? { maxLineBytes } : {}),
              });
              let reportFile: string | undefined;
              if (r.rejected.length) {
                reportFile = flags.report ?? `${file}.rejected.jsonl`;
                writeFileSync(
                  reportFile,
                  r.rejected.map((x) => JSON.stringify({ ...x.where, issues: x.issues }) + "\n").join(""),
                );
              }
              reports.push({ ...r, ...(reportFile ? { reportFile } : {}) });
              if (!flags.json) {
                process.stdout.write(describeReport(r) + "\n");
                for (const rej of r.rejected.slice(0, 5))
                  for (const issue of rej.issues)
                    process.stdout.write(`  rejected ${formatIssue(issue, rej.where)}\n`);
                if (reportFile)
                  process.stdout.write(`  rejected records and reasons written to ${reportFile}\n`);
              }
            }
            return ledger.location;
          },
          { create: true },
        );
        if (flags.json)
          printJson({
            ledger: ledgerPath,
            imports: reports.map(({ events: _e, ...r }) => ({ ...r, rejected: r.rejected.length })),
          });
      }),
    );
}
