import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");
const main = join(repoRoot, "dist/cli/main.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (npm test builds it first), with no LOCKSTEP_DB from the environment. */
export function lockstep(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env?.LOCKSTEP_DB) delete env.LOCKSTEP_DB;
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd: options.cwd ?? repoRoot,
    env,
    encoding: "utf8",
    // The whole record as CSV is over 1 MB, spawnSync's default: past it the child is killed and its output cut.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "lockstep-cli-"));
}
