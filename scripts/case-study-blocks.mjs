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

/** The markdown with each command's output block replaced by what the command prints now, on the given ledger. */
export function refreshBlocks(markdown, ledgerFile) {
  let text = markdown;
  for (const block of commandBlocks(text).reverse()) {
    const replaced =
      "```sh\n" + block.command + "\n```\n\n```text\n" + run(block.command, ledgerFile) + "```";
    text = text.slice(0, block.index) + replaced + text.slice(block.index + block.length);
  }
  return text;
}

/** Splits a command line into arguments, honouring double quotes (the doc uses no other shell syntax). */
export function argv(command) {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1);
}

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs a command from the repository's root (the doc names agreement files from there) on the given ledger. An output
 * that names the ledger names it `lockstep.db`, the default a reader would have, not the temporary file.
 */
export function run(command, ledgerFile) {
  return execFileSync(process.execPath, [mainJs, ...argv(command)], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, LOCKSTEP_DB: ledgerFile },
  }).replaceAll(ledgerFile, "lockstep.db");
}

/**
 * The numbers the prose quotes from the outputs: inline code spans outside the fenced blocks that hold a digit, other
 * than commands, matchers and file names (`lockstep …`, `--…`, anything with "=" or "/", a name ending in an
 * extension). A quote may run over a line break. Each must appear, as written, in the output of a command shown above
 * it: `above` is those outputs.
 */
export function quotes(markdown) {
  // The fenced blocks blanked out, lines and positions kept, so that no span starts or ends inside one.
  const prose = markdown.replace(/```[\s\S]*?```/g, (fence) => fence.replace(/[^\n]/g, " "));
  const blocks = commandBlocks(markdown);
  return [...prose.matchAll(/`([^`]+)`/g)]
    .map((m) => ({ quote: m[1].replace(/\s+/g, " "), index: m.index }))
    .filter(({ quote }) => /\d/.test(quote) && !/^(lockstep |--)|[=/]|\.[a-z]+$/.test(quote))
    .map(({ quote, index }) => ({
      quote,
      line: markdown.slice(0, index).split("\n").length,
      above: blocks.filter((b) => b.index < index).map((b) => b.output),
    }));
}

/** The quotes that no output above them prints (spaces and line breaks read as one space on both sides). */
export function staleQuotes(markdown) {
  const flat = (text) => text.replace(/\s+/g, " ");
  return quotes(markdown).filter((q) => !q.above.some((output) => flat(output).includes(q.quote)));
}
