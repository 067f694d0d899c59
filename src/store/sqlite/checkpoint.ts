import type Database from "better-sqlite3";
import {
  checkpointFromReport,
  extensionOf,
  type ChainName,
  type Checkpoint,
  type ExtensionReport,
  type StoredHead,
} from "../../ledger/checkpoint.js";
import { importLogKept, verifyImportLog } from "../../ledger/import-log.js";
import type { Ledger } from "../../ledger/ledger.js";
import { tableExists } from "../../ledger/log-chain.js";
import { verifyTokenLog } from "../../ledger/token-log.js";
import { verifyLedger, type VerifyOptions, type VerifyReport } from "../../ledger/verify.js";

/** The ledger as it is now, every count and head read in one read transaction (the same state of the file). */
export function checkpointOf(ledger: Ledger, origin: string, now = new Date()): Checkpoint {
  const report = ledger.db.transaction(() => verifyLedger(ledger))();
  return checkpointFromReport(ledger.path, report, origin, now);
}

/** The verify report (the logs included even when `quick`) and whether the ledger extends the checkpoint. */
export function verifyAgainst(
  ledger: Ledger,
  cp: Checkpoint,
  options: VerifyOptions = {},
): { report: VerifyReport; extension: ExtensionReport } {
  return ledger.db.transaction(() => {
    let report = verifyLedger(ledger, options);
    if (!report.tokens || !report.imports) {
      const tokens = verifyTokenLog(ledger.db);
      const imports = verifyImportLog(ledger.db);
      report = { ...report, ok: report.ok && tokens.ok && imports.ok, tokens, imports };
    }
    return { report, extension: checkExtends(ledger.db, cp) };
  })();
}

/** Each of the three chains must hold, at the checkpoint's count, the head it signed. */
export function checkExtends(db: Database.Database, cp: Checkpoint): ExtensionReport {
  return extensionOf(cp, {
    entries: storedHead(db, "entries", cp.entries.count),
    tokens: storedHead(db, "tokens", cp.tokens.count),
    imports: storedHead(db, "imports", cp.imports.count),
  });
}

function storedHead(db: Database.Database, chain: ChainName, n: number): StoredHead {
  if (chain === "entries")
    return {
      count: db.prepare("SELECT count(*) FROM entries").pluck().get() as number,
      hashAt: db.prepare("SELECT hash FROM entries WHERE seq = ?").pluck().get(n) as string | undefined,
    };
  const [table, order] = chain === "tokens" ? ["token_log", "seq"] : ["imports", "id"];
  // A ledger of schema 4 keeps no logs yet: none of their records.
  const kept = chain === "imports" ? importLogKept(db) : tableExists(db, table);
  if (!kept) return { count: 0, hashAt: undefined };
  return {
    count: db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
    hashAt:
      n < 1
        ? undefined
        : (db
            .prepare(`SELECT hash FROM ${table} ORDER BY ${order} LIMIT 1 OFFSET ?`)
            .pluck()
            .get(n - 1) as string | undefined),
  };
}
