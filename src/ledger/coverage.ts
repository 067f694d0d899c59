import type { CoverageEntry } from "../model/index.js";
import type { Ledger } from "./ledger.js";

/** Replaces the ledger's coverage with these entries, in one transaction. */
export function writeCoverage(ledger: Ledger, entries: readonly CoverageEntry[], now = new Date()): void {
  const insert = ledger.db.prepare(
    "INSERT INTO coverage (position, id, body, recorded_at) VALUES (?, ?, ?, ?)",
  );
  ledger.db.transaction(() => {
    ledger.db.prepare("DELETE FROM coverage").run();
    entries.forEach((e, i) => insert.run(i, e.id, JSON.stringify(e), now.toISOString()));
  })();
}

/** The coverage written down for this ledger, in the order it was given; empty when none is. */
export function readCoverage(ledger: Ledger): CoverageEntry[] {
  // A ledger of an earlier schema opened read-only has no table yet, and so no coverage.
  const table = ledger.db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'coverage'")
    .get();
  if (!table) return [];
  const rows = ledger.db.prepare("SELECT body FROM coverage ORDER BY position").all() as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as CoverageEntry);
}
