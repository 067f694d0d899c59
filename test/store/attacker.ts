import { GENESIS, indexColumns, linkHash } from "../../src/ledger/chain.js";
import { canonicalJson, contentOf, eventId, type LedgerEvent } from "../../src/model/index.js";
import { onPostgres, rawSql, tamper } from "./engine.js";

/**
 * The attacks of test/ledger/attacker.ts on either engine, with `tamper` (test/store/engine.ts): someone with the
 * database's owner rights changes stored rows, the append-only triggers out of the way, and recomputes whatever
 * hashes they like (nothing in a hash is secret). The statements are plain SQL text, values written in as literals.
 */

/** A value written into SQL: a number as it is, anything else a quoted string. */
export function literal(value: unknown): string {
  if (typeof value === "number") return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}

/**
 * Runs `statements` on the entries as an attacker: on SQLite with the triggers dropped; on PostgreSQL with the
 * triggers of entries and links disabled and, since every entry must match its link (seq, id, year and hash; see
 * src/store/postgres/migrations.ts), the links then made to agree with the entries as changed: a link added for a
 * new entry, removed with its entry, its id, year and hash rewritten with the entry's. Only the chain can then tell.
 */
export async function tamperEntries(location: string, statements: string[]): Promise<void> {
  if (!onPostgres) return tamper(location, ["entries"], statements);
  await tamper(
    location,
    ["entries", "links"],
    [
      "ALTER TABLE entries DROP CONSTRAINT entries_link_fkey",
      ...statements,
      "DELETE FROM links l WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.seq = l.seq)",
      // links.id is unique row by row: ids that move between entries go through a placeholder first.
      "UPDATE links l SET id = 'moved_' || l.seq FROM entries e WHERE e.seq = l.seq AND e.id <> l.id",
      `UPDATE links l SET id = e.id, date_first = e.date_first, hash = e.hash FROM entries e
         WHERE e.seq = l.seq AND (e.id, e.date_first, e.hash) IS DISTINCT FROM (l.id, l.date_first, l.hash)`,
      `INSERT INTO links (seq, id, date_first, hash) SELECT seq, id, date_first, hash FROM entries e
         WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.seq = e.seq)`,
      `ALTER TABLE entries ADD CONSTRAINT entries_link_fkey FOREIGN KEY (seq, id, date_first)
         REFERENCES links (seq, id, date_first)`,
    ],
  );
}

interface LinkedBody {
  seq: number;
  recorded_at: string;
  body: string;
}

/** The rows of a chained table, in order, numbers as numbers (PostgreSQL gives a bigint as a string). */
async function chainRows(location: string, table: "entries" | "token_log"): Promise<LinkedBody[]> {
  const rows = await rawSql(location, `SELECT seq, recorded_at, body FROM ${table} ORDER BY seq`);
  return rows.map((r) => ({ seq: Number(r.seq), recorded_at: String(r.recorded_at), body: String(r.body) }));
}

/** The statements that recompute the links of a chained table from its first row on, as an attacker would. */
function rehash(table: "entries" | "token_log", rows: LinkedBody[]): string[] {
  let prev = GENESIS;
  return rows.map((r) => {
    const hash = linkHash(prev, r.seq, r.recorded_at, r.body);
    const statement = `UPDATE ${table} SET prev_hash = ${literal(prev)}, hash = ${literal(hash)} WHERE seq = ${r.seq}`;
    prev = hash;
    return statement;
  });
}

/** Rewrites entry `seq` (its body, id and query columns) and recomputes every hash: the chain still verifies. */
export async function rewriteEntry(
  location: string,
  seq: number,
  change: (e: LedgerEvent) => void,
): Promise<void> {
  const rows = await chainRows(location, "entries");
  const row = rows.find((r) => r.seq === seq)!;
  const event = JSON.parse(row.body) as LedgerEvent;
  change(event);
  const rewritten = { ...event, id: eventId(contentOf(event)) };
  row.body = canonicalJson(rewritten);
  const c = indexColumns(rewritten);
  await tamperEntries(location, [
    `UPDATE entries SET id = ${literal(rewritten.id)}, body = ${literal(row.body)}, type = ${literal(c.type)},
       date_first = ${literal(c.date_first)}, date_last = ${literal(c.date_last)}, actors = ${literal(c.actors)},
       targets = ${literal(c.targets)}, count = ${literal(c.count)}, confidence = ${literal(c.confidence)}
       WHERE seq = ${seq}`,
    ...rehash("entries", rows),
  ]);
}

/** Cuts the last `n` entries: what is left is a whole chain with another head. */
export async function cutEntries(location: string, n: number): Promise<void> {
  await tamperEntries(location, [`DELETE FROM entries WHERE seq > (SELECT max(seq) FROM entries) - ${n}`]);
}

/** Raises a token to admin in the tokens table and in its token log record, recomputing the log's hashes. */
export async function promoteWithLog(location: string, tokenId: string): Promise<void> {
  const rows = await chainRows(location, "token_log");
  const statements = [`UPDATE tokens SET role = 'admin' WHERE id = ${literal(tokenId)}`];
  for (const r of rows) {
    const record = JSON.parse(r.body) as { action: string; id: string; role?: string };
    if (record.action !== "create" || record.id !== tokenId) continue;
    r.body = canonicalJson({ ...record, role: "admin" });
    statements.push(`UPDATE token_log SET body = ${literal(r.body)} WHERE seq = ${r.seq}`);
  }
  await tamper(location, ["token_log"], [...statements, ...rehash("token_log", rows)]);
}
