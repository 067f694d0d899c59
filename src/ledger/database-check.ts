import type { Ledger } from "./ledger.js";

/**
 * The database under the chain: the chain proves the entries' bodies, but queries read the indexes, and the current
 * view reads the supersessions index. A flipped byte there changes what `events` returns, or brings back a
 * superseded event, with every hash still right. So: SQLite's own integrity check (pages, free lists, every index
 * entry against its row), then each index read on its own and compared with a scan of its table.
 */
export interface DatabaseReport {
  ok: boolean;
  /** What was checked, in words. */
  checks: string[];
  /** What is wrong, in words; empty when ok. */
  problems: string[];
}

/** Each index, a query that must read it, and the same query forced to scan the table instead. */
export const INDEX_CHECKS = [
  {
    index: "entries_type_date",
    table: "entries",
    query: (how: string) =>
      `SELECT type || ' ' || date_first AS k, count(*) AS n, sum(seq) AS s FROM entries ${how} WHERE type >= '' GROUP BY k ORDER BY k`,
  },
  {
    index: "entries_date",
    table: "entries",
    query: (how: string) =>
      `SELECT date_first AS k, count(*) AS n, sum(seq) AS s FROM entries ${how} WHERE date_first >= '' GROUP BY k ORDER BY k`,
  },
  {
    index: "supersessions_old",
    table: "supersessions",
    query: (how: string) =>
      `SELECT old_id AS k, count(*) AS n, sum(new_seq) AS s FROM supersessions ${how} WHERE old_id >= '' GROUP BY k ORDER BY k`,
  },
] as const;

export function checkDatabase(ledger: Ledger): DatabaseReport {
  const db = ledger.db;
  const problems: string[] = [];
  const integrity = (db.prepare("PRAGMA integrity_check").pluck().all() as string[]).filter(
    (r) => r !== "ok",
  );
  problems.push(...integrity.map((r) => `integrity check: ${r}`));
  for (const c of INDEX_CHECKS) {
    let viaIndex: string;
    let viaScan: string;
    try {
      viaIndex = JSON.stringify(db.prepare(c.query(`INDEXED BY ${c.index}`)).all());
      viaScan = JSON.stringify(db.prepare(c.query("NOT INDEXED")).all());
    } catch (err) {
      problems.push(`index ${c.index} cannot be read: ${(err as Error).message}`);
      continue;
    }
    if (viaIndex !== viaScan)
      problems.push(
        `index ${c.index} does not agree with a scan of ${c.table}: queries that use it return other rows`,
      );
  }
  return {
    ok: problems.length === 0,
    checks: [
      "SQLite integrity check (pages and every index entry)",
      `${INDEX_CHECKS.length} indexes read on their own and compared with a scan (${INDEX_CHECKS.map((c) => c.index).join(", ")})`,
    ],
    problems,
  };
}
