import { SCHEMA_VERSION } from "../ledger/migrations.js";
import type { VerifyReport } from "../ledger/verify.js";
import type { LedgerStore } from "./store.js";

export interface CopyReport {
  from: string;
  to: string;
  entries: number;
  /** The chain's head, the same on both. */
  head: string;
  tokenLog: number;
  imports: number;
  ms: number;
}

/** What must be equal on both sides of a copy: the chain and both logs, counts and heads. */
const heads = (r: VerifyReport) =>
  JSON.stringify([r.entries, r.head, r.tokens?.records, r.tokens?.head, r.imports?.records, r.imports?.head]);

/**
 * Copies a ledger into an empty one, row by row as stored (bodies, times, links), so that the copy has the same
 * entries and the same head, and `verify` says the same of both. The source must verify first, and the copy must
 * verify after, with the same heads; otherwise this throws (a failed load writes nothing).
 */
export async function copyLedger(from: LedgerStore, to: LedgerStore): Promise<CopyReport> {
  const started = performance.now();
  const version = await from.schemaVersion();
  if (version !== SCHEMA_VERSION)
    throw new Error(
      `${from.location}: schema version ${version}, not ${SCHEMA_VERSION}: open it once with a command that writes (e.g. lockstep token list --db ${from.location}) to bring it up to date, then copy it`,
    );
  const source = await from.verify();
  if (!source.ok) {
    const what = source.firstBroken
      ? `its chain is broken at entry ${source.firstBroken.seq}: ${source.firstBroken.reason}`
      : [
          ...(source.tokens?.problems ?? []),
          ...(source.imports?.problems ?? []),
          ...(source.database?.problems ?? []),
        ]
          .slice(0, 3)
          .join("; ");
    throw new Error(
      `${from.location} does not verify (${what}); nothing was copied (lockstep verify says more)`,
    );
  }
  if (!(await to.isEmpty()))
    throw new Error(`${to.location}: the ledger is not empty; a copy goes only into an empty ledger`);
  const dump = await from.dump();
  try {
    await to.load(dump);
  } finally {
    await dump.close();
  }
  const copied = await to.verify();
  if (!copied.ok || heads(copied) !== heads(source))
    throw new Error(
      `${to.location}: the copy does not verify as the source does (${copied.entries} entries, head ${copied.head}; the source: ${source.entries}, head ${source.head}); was the source written to during the copy?`,
    );
  return {
    from: from.location,
    to: to.location,
    entries: copied.entries,
    head: copied.head,
    tokenLog: copied.tokens?.records ?? 0,
    imports: copied.imports?.records ?? 0,
    ms: Math.round(performance.now() - started),
  };
}
