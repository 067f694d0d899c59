import { readFileSync } from "node:fs";
import { allowBrokenOption, dbOption, readStore } from "../ledger-options.js";
import type { Command } from "commander";
import { AUDIT_RULES, auditEvents, type AuditException, type AuditFinding } from "../../model/index.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";

interface AuditFlags extends CommonOptions {
  exceptions?: string;
  all?: boolean;
}

/** The exceptions file: JSON Lines of {event, rule, reason}, each a finding looked at and accepted, with the reason. */
export function readExceptions(file: string): AuditException[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((x) => x.line && !x.line.startsWith("//"))
    .map(({ line, n }) => {
      let x: Partial<AuditException>;
      try {
        x = JSON.parse(line) as Partial<AuditException>;
      } catch (e) {
        throw new UsageError(`${file}:${n}: not valid JSON: ${(e as Error).message}`);
      }
      if (typeof x.event !== "string") throw new UsageError(`${file}:${n}: field event: must be an event id`);
      if (typeof x.rule !== "string" || !Object.hasOwn(AUDIT_RULES, x.rule))
        throw new UsageError(
          `${file}:${n}: field rule: must be one of ${Object.keys(AUDIT_RULES).join(", ")}`,
        );
      if (typeof x.reason !== "string" || !x.reason.trim())
        throw new UsageError(`${file}:${n}: field reason: an exception needs its reason`);
      return x as AuditException;
    });
}

const line = (f: AuditFinding) =>
  `  ${f.severity === "error" ? "ERROR" : "warning"} ${f.rule}: ${f.date} ${f.type} ${f.event}${f.summary ? ` (${f.summary})` : ""}\n    ${f.message}${f.excepted ? `\n    excepted: ${f.excepted}` : ""}\n`;

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "check the record against the source policy: aggregator-only events, sources without URL, dated before the event or speaking of something else, duplicates",
    )
    .option("--exceptions <file>", "JSON Lines of {event, rule, reason}: findings looked at and accepted")
    .option("--all", "list warnings and excepted findings too, not only open errors")
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option("--json", "print the report as JSON")
    .action(
      action(async (flags: AuditFlags) => {
        const exceptions = flags.exceptions ? readExceptions(flags.exceptions) : [];
        const events = await readStore(flags, (store) => store.queryEvents());
        const report = auditEvents(events, exceptions);
        if (flags.json) printJson(report);
        else {
          const classes = Object.entries(report.byClass)
            .filter(([, n]) => n > 0)
            .map(([c, n]) => `${n} ${c}`)
            .join(", ");
          process.stdout.write(
            `${report.events} events; by their best source: ${classes}\n` +
              `${report.errors} error(s), ${report.warnings} warning(s), ${report.excepted} excepted with a reason\n`,
          );
          for (const f of report.findings)
            if (flags.all || (f.severity === "error" && !f.excepted)) process.stdout.write(line(f));
        }
        if (report.errors) process.exitCode = 1;
      }),
    );
}
