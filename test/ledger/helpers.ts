import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { openLedger, type ImportItem, type Ledger } from "../../src/ledger/index.js";

/** A fresh directory under the system's temp folder, removed when the test ends. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockstep-"));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new ledger file in a temp directory, closed when the test ends. */
export function tempLedger(): Ledger & { file: string } {
  const file = path.join(tempDir(), "ledger.db");
  const ledger = openLedger(file);
  onTestFinished(() => ledger.close());
  return Object.assign(ledger, { file });
}

/** Opens a ledger file as an outsider would: plain SQLite, no Lockstep. Closed when the test ends. */
export function outsider(file: string): Database.Database {
  const db = new Database(file);
  onTestFinished(() => {
    db.close();
  });
  return db;
}

/** A missile launch as an importer would hand it to the ledger. */
export function launch(date: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "missile_launch",
    date,
    actor: "PRK",
    attributes: { class: "SRBM" },
    sources: [{ url: `https://en.yna.co.kr/view/AEN${date.replaceAll("-", "")}000100315` }],
    ...over,
  };
}

/** Records of one file, numbered from 1 as lines are. */
export function items(file: string, inputs: unknown[]): ImportItem[] {
  return inputs.map((input, i) => ({ where: { file, record: String(i + 1) }, input }));
}

/** Everything stored in the ledger's tables, in order, to compare a ledger before and after. */
export function dump(db: Database.Database): string {
  return JSON.stringify({
    entries: db.prepare("SELECT * FROM entries ORDER BY seq").all(),
    supersessions: db.prepare("SELECT * FROM supersessions ORDER BY rowid").all(),
    imports: db.prepare("SELECT * FROM imports ORDER BY id").all(),
  });
}

export const RECORDED_AT = "2024-01-15T09:00:00.000Z";
