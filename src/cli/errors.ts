import { formatIssue, InputError } from "../model/index.js";

/** An error the user caused and can fix; printed without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface CommonOptions {
  db?: string;
  json?: boolean;
}

/**
 * Runs a command's action: failures become a message a person can act on (or JSON with --json) and exit code 1;
 * LOCKSTEP_DEBUG=1 adds the stack.
 */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      const opts = args.find((a): a is CommonOptions => typeof a === "object" && a !== null && "json" in a);
      reportError(err, opts?.json === true);
      process.exitCode = 1;
    }
  };
}

export function reportError(err: unknown, json: boolean): void {
  const e = err instanceof Error ? err : new Error(String(err));
  const issues = e instanceof InputError ? e.issues : [];
  if (json) {
    process.stdout.write(
      JSON.stringify(
        { error: e.message, issues: issues.map((i) => ({ ...i.issue, ...(i.where ?? {}) })) },
        null,
        2,
      ) + "\n",
    );
    return;
  }
  process.stderr.write(`lockstep: ${e.message}\n`);
  for (const i of issues) process.stderr.write(`  ${formatIssue(i.issue, i.where)}\n`);
  if (process.env.LOCKSTEP_DEBUG && e.stack) process.stderr.write(e.stack + "\n");
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}
