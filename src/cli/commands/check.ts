import type { Command } from "commander";
import { formatAgreementIssue, loadAgreement, type Agreement } from "../../agreement/index.js";
import { evaluate } from "../../engine/index.js";
import { openLedger, queryEvents, resolveLedgerPath } from "../../ledger/index.js";
import { isDayDate } from "../../model/index.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { renderEvaluation, renderExplanation } from "../report/index.js";

interface CheckFlags extends CommonOptions {
  asOf?: string;
  format?: string;
}

/** Loads an agreement or fails listing every error with file, line and column. */
export function loadOrFail(file: string): Agreement {
  const r = loadAgreement(file);
  const errors = r.issues.filter((i) => i.severity === "error");
  if (!r.agreement || errors.length) {
    throw new UsageError(
      `${file}: ${errors.length} error(s)\n${errors.map((i) => "  " + formatAgreementIssue(i)).join("\n")}`,
    );
  }
  return r.agreement;
}

function evaluateFromLedger(file: string, flags: CheckFlags) {
  // The engine has no clock; the command line supplies today's date (UTC) by default.
  const asOf = flags.asOf ?? new Date().toISOString().slice(0, 10);
  if (!isDayDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  const agreement = loadOrFail(file);
  const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
  try {
    return evaluate(agreement, queryEvents(ledger), asOf);
  } finally {
    ledger.close();
  }
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
    .argument("<agreement>", "agreement YAML file")
    .option("--as-of <date>", "evaluate as of this date (default: today); later events are invisible")
    .option("--format <format>", "text | json | md", "text")
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--json", "same as --format json")
    .action(
      action((file: string, flags: CheckFlags) => {
        const format = formatOf(flags);
        const ev = evaluateFromLedger(file, flags);
        if (format === "json") printJson(ev);
        else process.stdout.write(renderEvaluation(ev, format));
      }),
    );

  program
    .command("explain")
    .description("the history of one obligation, transition by transition, with the cause of each")
    .argument("<agreement>", "agreement YAML file")
    .argument("<obligation>", "obligation id")
    .option("--as-of <date>", "explain as of this date (default: today)")
    .option("--format <format>", "text | json | md", "text")
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--json", "same as --format json")
    .action(
      action((file: string, id: string, flags: CheckFlags) => {
        const format = formatOf(flags);
        const ev = evaluateFromLedger(file, flags);
        const o = ev.obligations.find((x) => x.id === id);
        if (!o)
          throw new UsageError(
            `${file} has no obligation "${id}"; it has: ${ev.obligations.map((x) => x.id).join(", ")}`,
          );
        if (format === "json") printJson({ agreement: ev.agreement, asOf: ev.asOf, obligation: o });
        else process.stdout.write(renderExplanation(ev, o, format));
      }),
    );

  program
    .command("lint")
    .description(
      "check agreement files without evaluating them: shape, references, matchers, sequencing deadlocks",
    )
    .argument("<agreements...>", "agreement YAML files")
    .option("--json", "print the issues as JSON")
    .action(
      action((files: string[], flags: CommonOptions) => {
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
