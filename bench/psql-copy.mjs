// psql's `\copy` of a GDELT file into a bare table: the peer Lockstep's PostgreSQL import is measured against
// (bench/import.mjs, bench/scale.mjs).
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

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

/** Runs SQL (or, with "-f", a script file) through psql; its output ends with bash's `times` of it. */
const psqlRunner =
  (psql, url) =>
  (sql, flag = "-c") =>
    execFileSync(
      "bash",
      ["-c", '"$0" -X -q -v ON_ERROR_STOP=1 -At "$1" "$2" "$3"; times', psql, url, flag, sql],
      {
        encoding: "utf8",
      },
    );

/** psql's `\copy` of the file into a bare table of 61 text columns, made and dropped in the database. */
export function timePsql(psql, url, file) {
  const columns = Array.from({ length: 61 }, (_, i) => `c${i + 1} text`).join(", ");
  const run = psqlRunner(psql, url);
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

/**
 * The server's share of an import, measured apart from Lockstep's own work: the rows a Lockstep import wrote
 * (links and entries, as stored) copied by psql's `\copy` into an empty ledger of the same schema (its indexes, the
 * links table, the entries' foreign key, year partitions made beforehand), in one transaction. No import into that
 * schema can be faster than this, whatever the client does. `openEmpty(url)` makes the empty ledger (Lockstep's
 * migrations). Rebuilds the database's public schema twice: it must be the bench's own; it is left empty.
 */
export async function timeLedgerFloor(psql, url, dir, openEmpty) {
  const run = psqlRunner(psql, url);
  const links = `${dir}/links.copy`;
  const entries = `${dir}/entries.copy`;
  run(`\\copy (SELECT seq, id, date_first, hash FROM links ORDER BY seq) TO '${links}'`);
  run(`\\copy (SELECT * FROM entries ORDER BY seq) TO '${entries}'`);
  const years = run("SELECT string_agg(DISTINCT left(date_first, 4), ',') FROM links").split("\n")[0];
  const empty = "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public";
  run(empty);
  await openEmpty(url);
  run(`SELECT lockstep_entry_partitions(string_to_array('${years}', ','))`);
  const script = `${dir}/floor.sql`;
  writeFileSync(
    script,
    `BEGIN;\n\\copy links (seq, id, date_first, hash) FROM '${links}'\n\\copy entries FROM '${entries}'\nCOMMIT;\n`,
  );
  const start = process.hrtime.bigint();
  const out = run(script, "-f");
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rows = Number(run("SELECT count(*) FROM entries").split("\n")[0]);
  run(empty);
  return { rows, seconds, cpu: cpuSeconds(out.trim().split("\n").at(-1)) };
}
