import type { Ledger } from "./ledger.js";
import { verifyLedger, type VerifyReport } from "./verify.js";

/** The last point a reading command verified the chain to (migration 6), if the ledger keeps one. */
export function readVerifiedPoint(ledger: Ledger): { entries: number; head: string } | undefined {
  try {
    return ledger.db.prepare("SELECT entries, head FROM verified WHERE id = 1").get() as
      { entries: number; head: string } | undefined;
  } catch {
    return undefined; // a ledger of an older schema opened read-only: no table, a full check
  }
}

function writePoint(ledger: Ledger, report: VerifyReport): void {
  try {
    ledger.db
      .prepare(
        "INSERT INTO verified (id, entries, head, at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET entries = excluded.entries, head = excluded.head, at = excluded.at",
      )
      .run(report.entries, report.head, new Date().toISOString());
  } catch {
    // read-only (a file one may not write, an older schema): the next reader checks in full again
  }
}

/**
 * The chain checked from the last point verified on: the entries added since, and that entry unchanged (the first
 * time, the whole chain). Cheap enough for every reading command, so that none gives a verdict from a changed
 * ledger unawares; `lockstep verify` still reads everything, the database under the chain included.
 */
export function verifySinceLastCheck(ledger: Ledger): VerifyReport {
  const point = readVerifiedPoint(ledger);
  const report = point ? verifyLedger(ledger, { after: point }) : verifyLedger(ledger, { quick: true });
  if (report.ok && (report.entries !== point?.entries || report.head !== point.head))
    writePoint(ledger, report);
  return report;
}
