import { join } from "node:path";
import { expect } from "vitest";
import { openLedger } from "../../../src/ledger/index.js";
import { importKoreaScenario } from "../../../src/scenario/build.js";
import { lockstep } from "../../cli/run-cli.js";
import type { Cluster } from "./cluster.js";
import { newDatabase } from "./postgres.js";

/** The Korean record built into DIR/korea.db, and copied with `lockstep copy` into a new database of the cluster. */
export async function koreaOnBoth(cluster: Cluster, dir: string): Promise<{ file: string; url: string }> {
  const file = join(dir, "korea.db");
  const ledger = openLedger(file);
  await importKoreaScenario(ledger);
  ledger.close();
  return { file, url: copied(cluster, file) };
}

/** A SQLite ledger copied to a new database with `lockstep copy`; returns the database's URL. */
export function copied(cluster: Cluster, file: string): string {
  const url = newDatabase(cluster);
  const r = lockstep(["copy", "--from", file, "--to", url]);
  expect(r.code, r.stderr).toBe(0);
  return url;
}

/** What a command prints on the file and on its copy in PostgreSQL, the ledger's name made the same on both. */
export function onBoth(args: string[], file: string, url: string) {
  const run = (db: string) => {
    const r = lockstep([...args, "--db", db]);
    return {
      code: r.code,
      stdout: r.stdout.replaceAll(db, "LEDGER"),
      stderr: r.stderr.replaceAll(db, "LEDGER"),
    };
  };
  return { sqlite: run(file), postgres: run(url) };
}
