import { lastSeq, readVerifiedPoint, verifyLedger, type Ledger, type VerifyReport } from "../ledger/index.js";

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
 * The chain as the server knows it: read in full once, then checked from the last verified entry on at each ask,
 * cheap enough for every request, so that every answer can say whether the ledger it comes from is intact.
 */
export function chainWatch(ledger: Ledger): (fresh?: boolean) => ChainState {
  // From the point the last reading command (or `lockstep serve` at its start) verified, if the ledger keeps one.
  const point = readVerifiedPoint(ledger);
  let last: { seq: number; at: number; report: VerifyReport } | undefined = point
    ? { seq: -1, at: 0, report: { ok: true, entries: point.entries, head: point.head } }
    : undefined;
  let fullAt = 0;
  return (fresh = false) => {
    const seq = lastSeq(ledger);
    const now = Date.now();
    if (!fresh && last?.report.ok && last.seq === seq && now - last.at < RECHECK_MS) {
      // checked a moment ago, nothing added since
    } else if (last?.report.ok) {
      const after = { entries: last.report.entries, head: last.report.head };
      last = { seq, at: now, report: verifyLedger(ledger, { after }) };
    } else if (!last || last.seq !== seq || now - last.at > BROKEN_RECHECK_MS) {
      last = { seq, at: now, report: verifyLedger(ledger, { quick: true }) };
      fullAt = now;
    }
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
