import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp folder, started on a free port (and a unix socket in
 * the folder), removed after. PostgreSQL refuses to run as root: as root (CI), the cluster belongs to the `postgres`
 * user Debian's package creates, or to a `lockstep-pg` system user made here if there is none.
 */
export interface Cluster {
  /** A superuser's URL to the cluster's `lockstep` database. */
  url: string;
  port: number;
  /** The URL of another database, created empty. */
  createDatabase(name: string): string;
  /** Runs SQL with psql as the superuser; returns its output. */
  psql(sql: string, database?: string): string;
  stop(): void;
}

const SUPERUSER = "lockstep";

/** The folder of PostgreSQL's server binaries, or why there is none. */
export function findPostgres(): { bin: string } | { missing: string } {
  // LOCKSTEP_PG_BIN names the folder to use instead of looking for Debian's.
  const candidates = process.env.LOCKSTEP_PG_BIN ? [process.env.LOCKSTEP_PG_BIN] : debianBins();
  const bin = candidates.find((d) => existsSync(join(d, "initdb")) && existsSync(join(d, "pg_ctl")));
  if (bin) return { bin };
  return {
    missing: `no PostgreSQL server binaries (initdb, pg_ctl) in ${candidates.join(", ") || "/usr/lib/postgresql/*/bin"}; install them (apt-get install postgresql) or set LOCKSTEP_PG_BIN`,
  };
}

/** Debian's /usr/lib/postgresql/VERSION/bin, newest first. */
function debianBins(): string[] {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, "bin"));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** The user the server runs as: this one, or when root a system user (root may not run PostgreSQL). */
function serverUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "lockstep-pg"]) if (spawnSync("id", ["-u", name]).status === 0) return name;
  const made = spawnSync(
    "useradd",
    ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "lockstep-pg"],
    {
      encoding: "utf8",
    },
  );
  if (made.status !== 0) throw new Error(`useradd lockstep-pg failed: ${made.stderr}`);
  return "lockstep-pg";
}

function idOf(user: string, flag: "-u" | "-g"): number {
  return Number(spawnSync("id", [flag, user], { encoding: "utf8" }).stdout.trim());
}

/**
 * A cluster started empty, or (`standbyOf`) as a hot standby of another: a base backup of it (pg_basebackup -R)
 * streaming its WAL, read-only.
 */
export async function startCluster(options: { standbyOf?: Cluster } = {}): Promise<Cluster> {
  const found = findPostgres();
  if ("missing" in found) throw new Error(found.missing);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "lockstep-pg-"));
  const data = join(dir, "data");
  if (user) {
    chownSync(dir, idOf(user, "-u"), idOf(user, "-g"));
    chmodSync(dir, 0o700);
  }
  const run = (tool: string, args: string[]): SpawnSyncReturns<string> => {
    const command = join(found.bin, tool);
    const r = user
      ? spawnSync("runuser", ["-u", user, "--", command, ...args], { encoding: "utf8", cwd: dir })
      : spawnSync(command, args, { encoding: "utf8", cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
    return r;
  };
  const port = await freePort();
  const primary = options.standbyOf;
  if (primary)
    run("pg_basebackup", [
      "-D",
      data,
      "-R",
      "-X",
      "stream",
      // A checkpoint at once, not spread over minutes.
      "-c",
      "fast",
      "-h",
      "127.0.0.1",
      "-p",
      String(primary.port),
      "-U",
      SUPERUSER,
    ]);
  else run("initdb", ["-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "-N"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "server.log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
    "start",
  ]);
  const urlOf = (db: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${db}`;
  const psql = (sql: string, database = "postgres") =>
    run("psql", [
      "-X",
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-At",
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      SUPERUSER,
      "-d",
      database,
      "-c",
      sql,
    ]).stdout;
  if (!primary) psql("CREATE DATABASE lockstep");
  let stopped = false;
  return {
    url: urlOf("lockstep"),
    port,
    createDatabase: (name) => {
      psql(`CREATE DATABASE "${name}"`);
      return urlOf(name);
    },
    psql,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
