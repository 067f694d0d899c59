import { afterAll, beforeAll, describe } from "vitest";
import type { LedgerStore } from "../../../src/store/store.js";
import { findPostgres, startCluster, type Cluster } from "./cluster.js";

const found = findPostgres();

/** Why the PostgreSQL tests cannot run here, if they cannot: said once per file, and the tests show as skipped. */
export const noPostgres = "missing" in found ? found.missing : undefined;
// CI sets LOCKSTEP_REQUIRE_POSTGRES (.ci/run installs the server): there a missing server fails instead.
if (noPostgres && process.env.LOCKSTEP_REQUIRE_POSTGRES)
  throw new Error(`LOCKSTEP_REQUIRE_POSTGRES is set but ${noPostgres}`);
if (noPostgres) console.warn(`PostgreSQL tests SKIPPED: ${noPostgres}`);

/** A describe block that runs against a throwaway cluster (started before, removed after), or is skipped. */
export function describePostgres(name: string, body: (cluster: () => Cluster) => void): void {
  describe.skipIf(noPostgres !== undefined)(`${name} (PostgreSQL)`, () => {
    let cluster: Cluster | undefined;
    beforeAll(async () => {
      cluster = await startCluster();
    });
    afterAll(() => cluster?.stop());
    body(() => {
      if (!cluster) throw new Error("the PostgreSQL cluster did not start");
      return cluster;
    });
  });
}

let databases = 0;
/** A new empty database's URL in the cluster. */
export const newDatabase = (cluster: Cluster) => cluster.createDatabase(`ledger_${++databases}`);

/** Every stored row of a ledger, as its dump gives them: entries, supersessions, both logs, tokens, coverage. */
export async function rowsOf(store: LedgerStore): Promise<string> {
  const dump = await store.dump();
  try {
    const entries = [];
    for await (const batch of dump.entries()) entries.push(...batch);
    return JSON.stringify({
      entries,
      supersessions: await dump.supersessions(),
      imports: (await dump.imports()).map(({ finished_at: _, hash: __, prev_hash: ___, ...r }) => r),
      tokens: await dump.tokens(),
      tokenLog: await dump.tokenLog(),
      coverage: await dump.coverage(),
    });
  } finally {
    await dump.close();
  }
}
