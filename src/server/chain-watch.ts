import type { VerifyReport } from "../ledger/index.js";
import type { LedgerStore } from "../store/index.js";

/** A broken chain is read in full again when an entry is added, or after this long (it may have been repaired). */
const BROKEN_RECHECK_MS = 60_000;
/** An intact chain is checked again at most this often while no entry is added (each request asks). */
const RECHECK_MS = 1_000;

export interface ChainState {
  report: VerifyReport;
  checkedAt: string;
  /** When the whole chain was last read (then each check reads only what was added, and the last entry again). */
  fullCheckAt: string;
}

/**
 * The chain as the server knows it: checked at the start from the last point a reading command verified (the whole
 * chain if none), then from the last verified entry on at each ask, cheap enough for every request, so that every
 * answer can say whether the ledger it comes from is intact. Requests asking while a check runs wait for that check.
 */
export async function chainWatch(
  store: LedgerStore,
  lastSeq: () => Promise<number> = () => store.lastSeq(),
): Promise<(fresh?: boolean) => Promise<ChainState>> {
  const start = Date.now();
  let last: { seq: number; at: number; report: VerifyReport } = {
    seq: await lastSeq(),
    at: start,
    report: await store.verifySinceLastCheck(),
  };
  let fullAt = 0;
  let checking: Promise<void> | undefined;

  const check = async (fresh: boolean) => {
    const seq = await lastSeq();
    const now = Date.now();
    if (!fresh && last.report.ok && last.seq === seq && now - last.at < RECHECK_MS) return;
    if (last.report.ok) {
      const after = { entries: last.report.entries, head: last.report.head };
      last = { seq, at: now, report: await store.verify({ after }) };
    } else if (last.seq !== seq || now - last.at > BROKEN_RECHECK_MS) {
      last = { seq, at: now, report: await store.verify({ quick: true }) };
      fullAt = now;
    }
  };

  return async (fresh = false) => {
    if (!checking) checking = check(fresh).finally(() => (checking = undefined));
    await checking;
    return {
      report: last.report,
      checkedAt: new Date(last.at).toISOString(),
      fullCheckAt: new Date(fullAt).toISOString(),
    };
  };
}

/** The `Lockstep-Chain` header: `intact; entries=N` or `broken; entry=N`. */
export function chainHeader(report: VerifyReport): string {
  return report.ok
    ? `intact; entries=${report.entries}`
    : `broken; entry=${report.firstBroken?.seq ?? report.entries}`;
}
