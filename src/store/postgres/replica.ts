import type pg from "pg";

/**
 * Streaming replication as Lockstep reads it: a hot standby (pg_basebackup -R) serves reads while the primary takes
 * the writes. Positions are WAL locations (pg_lsn, as text: "0/3000148").
 */

/** The primary's WAL position now: after a commit, where a replica must have replayed to for it to be seen. */
export async function walPosition(pool: pg.Pool): Promise<string> {
  return (await pool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!.lsn;
}

/** Whether the database is a standby replaying a primary's WAL (pg_is_in_recovery). */
export async function isStandby(pool: pg.Pool): Promise<boolean> {
  return (await pool.query<{ standby: boolean }>("SELECT pg_is_in_recovery() AS standby")).rows[0]!.standby;
}

export interface ReplayState {
  /** The WAL position replayed, and how far it is behind the primary's position given, in bytes (0 when caught up). */
  replayed: string;
  lagBytes: number;
  /** When the last transaction replayed was committed on the primary (null before any): old when the primary is idle. */
  lastReplayedCommit: string | null;
}

/** A standby's replay against the primary's position `primary` (walPosition). */
export async function replayState(pool: pg.Pool, primary: string): Promise<ReplayState> {
  const r = await pool.query<{ replayed: string; lag: string; at: Date | null }>(
    `SELECT pg_last_wal_replay_lsn()::text AS replayed,
            GREATEST(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::text AS lag,
            pg_last_xact_replay_timestamp() AS at`,
    [primary],
  );
  const row = r.rows[0]!;
  return {
    replayed: row.replayed,
    lagBytes: Number(row.lag),
    lastReplayedCommit: row.at?.toISOString() ?? null,
  };
}
