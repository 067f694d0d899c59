// psql's `\copy` of a GDELT file into a bare table: the peer Lockstep's PostgreSQL import is measured against
// (bench/import.mjs, bench/scale.mjs).
import { execFileSync, spawnSync } from "node:child_process";

/** The CPU seconds (user + system) in the output of bash's `times`. */
export function cpuSeconds(line) {
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

export function psqlPath() {
  const found = spawnSync("sh", ["-c", "command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1"], {
    encoding: "utf8",
  });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim().split("\n")[0] : undefined;
}

/** psql's `\copy` of the file into a bare table of 61 text columns, made and dropped in the database. */
export function timePsql(psql, url, file) {
  const columns = Array.from({ length: 61 }, (_, i) => `c${i + 1} text`).join(", ");
  const run = (sql) =>
    execFileSync("bash", ["-c", '"$0" -X -q -v ON_ERROR_STOP=1 -At "$1" -c "$2"; times', psql, url, sql], {
      encoding: "utf8",
    });
  run(
    `SET client_min_messages = warning; DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (${columns})`,
  );
  const start = process.hrtime.bigint();
  // Tab-separated, no quoting (a quote character no row has): the rows as GDELT writes them.
  const out = run(`\\copy bench_bare FROM '${file}' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rows = Number(run("SELECT count(*) FROM bench_bare").split("\n")[0]);
  run("DROP TABLE bench_bare");
  return { rows, seconds, cpu: cpuSeconds(out.trim().split("\n").at(-1)) };
}
