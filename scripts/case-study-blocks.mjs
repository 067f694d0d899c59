// The case-study document shows each command beside what it printed. This module finds those pairs — a ```sh block
// holding one `lockstep ...` command, followed by a ```text block — and runs the commands against a ledger, so that
// `scripts/update-case-study.mjs` can refresh the outputs and a test can check they are still what Lockstep prints.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const mainJs = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

const PAIR = /```sh\n(lockstep [^\n]+)\n```\n\n```text\n([\s\S]*?)```/g;

export function commandBlocks(markdown) {
  return [...markdown.matchAll(PAIR)].map((m) => ({
    command: m[1],
    output: m[2],
    index: m.index,
    length: m[0].length,
  }));
}

/** Splits a command line into arguments, honouring double quotes (the doc uses no other shell syntax). */
export function argv(command) {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1);
}

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Runs a command from the repository's root (the doc names agreement files from there) on the given ledger. */
export function run(command, ledgerFile) {
  return execFileSync(process.execPath, [mainJs, ...argv(command)], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, LOCKSTEP_DB: ledgerFile },
  });
}
