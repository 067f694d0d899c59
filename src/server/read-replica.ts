import type { ReplayState } from "../store/postgres/replica.js";
import type { PostgresStore } from "../store/postgres/store.js";
import { isPostgresUrl, openStore, type LedgerStore } from "../store/index.js";

/** How long a write waits for the replica to have it before it is answered anyway (it is committed either way). */
const CATCH_UP_MS = 2_000;
const POLL_MS = 5;

/** What /api/health says of the replica: where, and how far behind the primary. */
export interface ReplicaHealth extends ReplayState {
  location: string;
}

/**
 * `lockstep serve --db PRIMARY --read-replica STANDBY`: reads go to a hot standby of the primary (PostgreSQL streaming
 * replication), writes to the primary. A write is answered once the standby has replayed it (up to CATCH_UP_MS), so
 * that a client reads what it has just written.
 */
export interface ReadReplica {
  store: LedgerStore;
  /** Waits until the replica has replayed what the primary has committed now; false if it did not within the bound. */
  catchUp(): Promise<boolean>;
  health(): Promise<ReplicaHealth>;
}

export async function openReadReplica(url: string, primary: LedgerStore): Promise<ReadReplica> {
  if (!isPostgresUrl(url)) throw new Error(`--read-replica ${url}: a replica is a postgres:// URL`);
  if (primary.engine !== "postgres")
    throw new Error("--read-replica needs --db to be the primary's postgres:// URL, not a file");
  const replica = (await openStore(url, { flag: "--read-replica", readonly: true })) as PostgresStore;
  const writer = primary as PostgresStore;
  if (!(await replica.isStandby())) {
    await replica.close();
    throw new Error(`--read-replica ${replica.location}: not a standby (pg_is_in_recovery() is false)`);
  }
  return {
    store: replica,
    async catchUp() {
      const target = await writer.walPosition();
      const until = Date.now() + CATCH_UP_MS;
      for (;;) {
        if ((await replica.replayState(target)).lagBytes === 0) return true;
        if (Date.now() > until) return false;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    async health() {
      return { location: replica.location, ...(await replica.replayState(await writer.walPosition())) };
    },
  };
}
