import type { Command } from "commander";
import { allowBrokenOption, dbOption, readStore } from "../ledger-options.js";
import { existsSync } from "node:fs";
import { relative } from "node:path";
import {
  findAgreement,
  formatAgreementIssue,
  loadAgreement,
  loadCatalog,
  type Agreement,
} from "../../agreement/index.js";
import { evaluateByQueries } from "../../engine/index.js";
import { asOfProblem, beyondCoverage, didYouMean, todayUtc } from "../../model/index.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { renderEvaluation, renderExplanation } from "../report/index.js";
import { renderTable, truncate } from "../table.js";

interface CheckFlags extends CommonOptions {
  asOf?: string;
  format?: string;
  agreements?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const AGREEMENT_ARGUMENT = "agreement id (lockstep agreements lists them) or YAML file";
const AGREEMENTS_OPTION = "also know the agreement YAML files in DIR by their ids (repeatable)";

function evaluateFromLedger(ref: string, flags: CheckFlags) {
  // The engine has no clock; the command line supplies today's date (UTC) by default.
  const asOf = flags.asOf ?? todayUtc();
  const problem = asOfProblem(asOf);
  if (problem) throw new UsageError(`--as-of ${problem}`);
  const agreement: Agreement = findAgreement(ref, flags.agreements);
  return readStore(flags, async (store) => {
    const note = beyondCoverage(
      asOf,
      (await store.readCoverage()).map((c) => c.to),
    );
    // Said beside the answer (stderr), so that text and JSON alike stay as they are.
    if (note) process.stderr.write(`lockstep: note: ${note}\n`);
    return evaluateByQueries(agreement, asOf, (m) => store.queryEvents(m));
  });
}

/** The file of an agreement given by path or by id (lint reads the file itself, to report every issue in it). */
function agreementFile(ref: string, dirs: string[] = []): string {
  if (/\.ya?ml$/i.test(ref) || existsSync(ref)) return ref;
  return findAgreement(ref, dirs).file ?? ref;
}

function formatOf(flags: CheckFlags): "text" | "json" | "md" {
  const f = flags.json ? "json" : (flags.format ?? "text");
  if (f !== "text" && f !== "json" && f !== "md")
    throw new UsageError(`--format must be text, json or md, not "${f}"`);
  return f;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("evaluate an agreement against the ledger: each obligation's status, evidence and history")
    .argument("<agreement>", AGREEMENT_ARGUMENT)
    .option("--as-of <date>", "evaluate as of this date (default: today); later events are invisible")
    .option("--agreements <dir>", AGREEMENTS_OPTION, collect)
    .option("--format <format>", "text | json | md", "text")
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option("--json", "same as --format json")
    .action(
      action(async (ref: string, flags: CheckFlags) => {
        const format = formatOf(flags);
        const ev = await evaluateFromLedger(ref, flags);
        if (format === "json") printJson(ev);
        else process.stdout.write(renderEvaluation(ev, format));
      }),
    );

  program
    .command("explain")
    .description("the history of one obligation, transition by transition, with the cause of each")
    .argument("<agreement>", AGREEMENT_ARGUMENT)
    .argument("<obligation>", "obligation id")
    .option("--as-of <date>", "explain as of this date (default: today)")
    .option("--agreements <dir>", AGREEMENTS_OPTION, collect)
    .option("--format <format>", "text | json | md", "text")
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option("--json", "same as --format json")
    .action(
      action(async (ref: string, id: string, flags: CheckFlags) => {
        const format = formatOf(flags);
        const ev = await evaluateFromLedger(ref, flags);
        const o = ev.obligations.find((x) => x.id === id);
        if (!o) {
          const ids = ev.obligations.map((x) => x.id);
          throw new UsageError(
            `${ref} has no obligation "${id}"${didYouMean(id, ids)}; it has: ${ids.join(", ")}`,
          );
        }
        if (format === "json") printJson({ agreement: ev.agreement, asOf: ev.asOf, obligation: o });
        else process.stdout.write(renderExplanation(ev, o, format));
      }),
    );

  program
    .command("lint")
    .description(
      "check agreement files without evaluating them: shape, references, matchers, sequencing deadlocks",
    )
    .argument("<agreements...>", "agreement YAML files, or ids of known agreements")
    .option("--agreements <dir>", AGREEMENTS_OPTION, collect)
    .option("--json", "print the issues as JSON")
    .action(
      action((refs: string[], flags: CheckFlags) => {
        const files = refs.map((ref) => agreementFile(ref, flags.agreements));
        const results = files.map((file) => ({ file, issues: loadAgreement(file).issues }));
        const errors = results.reduce((n, r) => n + r.issues.filter((i) => i.severity === "error").length, 0);
        if (flags.json) printJson({ ok: errors === 0, files: results });
        else
          for (const r of results) {
            const e = r.issues.filter((i) => i.severity === "error").length;
            process.stdout.write(
              `${r.file}: ${e ? `${e} error(s)` : "ok"}${r.issues.length - e ? `, ${r.issues.length - e} warning(s)` : ""}\n`,
            );
            for (const i of r.issues) process.stdout.write(`  ${formatAgreementIssue(i)}\n`);
          }
        if (errors) process.exitCode = 1;
      }),
    );
}

/** `lockstep agreements`: what `check`, `explain` and `lint` know by id. */
export function registerAgreements(program: Command): void {
  program
    .command("agreements")
    .description(
      "list the agreements known by id (the bundled ones, and those in --agreements DIR): title, status, dates",
    )
    .option("--agreements <dir>", AGREEMENTS_OPTION, collect)
    .option("--json", "print them as JSON")
    .action(
      action((flags: CheckFlags) => {
        const rows = [...loadCatalog(flags.agreements ?? []).values()].map(({ agreement: a, origin }) => ({
          id: a.id,
          title: a.title,
          status: a.status,
          signed: a.signed ?? "",
          effective: a.effective ?? "",
          terminated: a.terminated?.date ?? "",
          obligations: a.obligations.length,
          origin,
          file: a.file ? relative(process.cwd(), a.file) : "",
        }));
        if (flags.json) return printJson(rows);
        process.stdout.write(
          renderTable(
            ["id", "title", "status", "signed", "effective", "ended", "obligations", "from"],
            rows.map((r) => [
              r.id,
              truncate(r.title, 48),
              r.status,
              r.signed,
              r.effective,
              r.terminated,
              String(r.obligations),
              r.origin,
            ]),
          ) + `${rows.length} agreement(s); \`lockstep check ID\` evaluates one\n`,
        );
      }),
    );
}
