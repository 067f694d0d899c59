import type { ImportRow } from "../../ledger/import-log.js";
import type { Ledger } from "../../ledger/index.js";
import type { LinkedRow } from "../../ledger/log-chain.js";
import type { TokenRow } from "../../ledger/token-log.js";
import { CHAIN_COLUMNS, type ChainRow } from "../../ledger/verify.js";
import { DUMP_BATCH, type CoverageRow, type LedgerDump } from "../store.js";
import { COPIED, type CopiedTable } from "../tables.js";

const selectAll = (table: CopiedTable) =>
  `SELECT ${COPIED[table].columns.join(", ")} FROM ${table} ORDER BY ${COPIED[table].order}`;

/** The ledger's rows, read in one read transaction: a writer meanwhile changes nothing the copy sees. */
export function dumpSqlite(ledger: Ledger): LedgerDump {
  const db = ledger.db;
  db.exec("BEGIN");
  const all = <T>(table: CopiedTable) => Promise.resolve(db.prepare(selectAll(table)).all() as T[]);
  return {
    async *entries() {
      const batch = db.prepare(`SELECT ${CHAIN_COLUMNS} FROM entries WHERE seq > ? ORDER BY seq LIMIT ?`);
      for (let after = Number.MIN_SAFE_INTEGER; ;) {
        const rows = batch.all(after, DUMP_BATCH) as ChainRow[];
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]!.seq;
      }
    },
    supersessions: () => all<{ old_id: string; new_seq: number }>("supersessions"),
    imports: () => all<ImportRow>("imports"),
    tokens: () => all<TokenRow>("tokens"),
    tokenLog: () => all<LinkedRow>("token_log"),
    coverage: () => all<CoverageRow>("coverage"),
    close: async () => {
      if (db.inTransaction) db.exec("COMMIT");
    },
  };
}

export function isEmptySqlite(ledger: Ledger): boolean {
  return (["entries", "imports", "tokens", "coverage"] as const).every(
    (t) => ledger.db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() === undefined,
  );
}

/** Writes a dump's rows unchanged, in one transaction (rolled back whole on any error). */
export async function loadSqlite(ledger: Ledger, dump: LedgerDump): Promise<void> {
  const db = ledger.db;
  const insert = (table: CopiedTable) => {
    const columns = COPIED[table].columns;
    const statement = db.prepare(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    return (row: object) =>
      statement.run(...columns.map((c) => (row as Record<string, unknown>)[c] as string | number | null));
  };
  db.exec("BEGIN IMMEDIATE");
  try {
    const entry = insert("entries");
    for await (const batch of dump.entries()) for (const row of batch) entry(row);
    const rest: [CopiedTable, () => Promise<object[]>][] = [
      ["supersessions", () => dump.supersessions()],
      ["imports", () => dump.imports()],
      ["tokens", () => dump.tokens()],
      ["token_log", () => dump.tokenLog()],
      ["coverage", () => dump.coverage()],
    ];
    for (const [table, rows] of rest) {
      const write = insert(table);
      for (const row of await rows()) write(row);
    }
    db.exec("COMMIT");
  } catch (err) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw err;
  }
}
