import Database from "better-sqlite3";
import { GENESIS, indexColumns, linkHash } from "../../src/ledger/chain.js";
import { canonicalJson, contentOf, eventId, type LedgerEvent } from "../../src/model/index.js";

/**
 * What someone who can write the file does to rewrite history without `lockstep verify` noticing: drop the
 * append-only triggers, change what they like with plain SQLite, and recompute every hash after it (nothing in a
 * hash is secret). Only a checkpoint signed before can catch it.
 */
export function withoutTriggers(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all() as string[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t}`);
    db.transaction(() => change(db))();
  } finally {
    db.close();
  }
}

/** Recomputes the links of a chained table from its first row on, as an attacker would after an edit. */
function rehash(db: Database.Database, table: "entries" | "token_log"): void {
  const rows = db.prepare(`SELECT seq, recorded_at, body FROM ${table} ORDER BY seq`).all() as {
    seq: number;
    recorded_at: string;
    body: string;
  }[];
  const update = db.prepare(`UPDATE ${table} SET prev_hash = ?, hash = ? WHERE seq = ?`);
  let prev = GENESIS;
  for (const r of rows) {
    const hash = linkHash(prev, r.seq, r.recorded_at, r.body);
    update.run(prev, hash, r.seq);
    prev = hash;
  }
}

/** Rewrites entry `seq` (its body, id and query columns) and recomputes every hash: the chain still verifies. */
export function rewriteEntry(file: string, seq: number, change: (e: LedgerEvent) => void): void {
  withoutTriggers(file, (db) => {
    const body = db.prepare("SELECT body FROM entries WHERE seq = ?").pluck().get(seq) as string;
    const event = JSON.parse(body) as LedgerEvent;
    change(event);
    const rewritten = { ...event, id: eventId(contentOf(event)) };
    const c = indexColumns(rewritten);
    db.prepare(
      "UPDATE entries SET id = ?, body = ?, type = ?, date_first = ?, date_last = ?, actors = ?, targets = ?, count = ?, confidence = ? WHERE seq = ?",
    ).run(
      rewritten.id,
      canonicalJson(rewritten),
      c.type,
      c.date_first,
      c.date_last,
      c.actors,
      c.targets,
      c.count,
      c.confidence,
      seq,
    );
    rehash(db, "entries");
  });
}

/** Cuts the last `n` entries: what is left is a whole chain with another head. */
export function cutEntries(file: string, n: number): void {
  withoutTriggers(file, (db) => {
    db.prepare("DELETE FROM entries WHERE seq > (SELECT max(seq) FROM entries) - ?").run(n);
  });
}

/** Raises a token to admin in the tokens table and in its token log record, recomputing the log's hashes. */
export function promoteWithLog(file: string, tokenId: string): void {
  withoutTriggers(file, (db) => {
    db.prepare("UPDATE tokens SET role = 'admin' WHERE id = ?").run(tokenId);
    const rows = db.prepare("SELECT seq, body FROM token_log").all() as { seq: number; body: string }[];
    for (const r of rows) {
      const record = JSON.parse(r.body) as { action: string; id: string; role?: string };
      if (record.action !== "create" || record.id !== tokenId) continue;
      db.prepare("UPDATE token_log SET body = ? WHERE seq = ?").run(
        canonicalJson({ ...record, role: "admin" }),
        r.seq,
      );
    }
    rehash(db, "token_log");
  });
}

/** Plain SQL on the file, triggers left as they are (the tokens table has none). */
export function sql(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    change(db);
  } finally {
    db.close();
  }
}
