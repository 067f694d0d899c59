// Import throughput: Lockstep's GDELT import (validation, content ids, hash chain, SQLite) against the sqlite3
// shell's bare `.import` of the same file into a table of 61 text columns.
//
//   npm run build && node bench/import.mjs [--rows N] [--prepare-on worker|this-thread] [--keep]
//   npm run build && node bench/import.mjs --postgres postgres://USER@HOST/EMPTY_DATABASE [--rows N]
//
// The target is Lockstep within 3x of sqlite3's rows per second. With --postgres (issue 15): the same file imported
// into a ledger in that (empty) database, against psql's `\copy` of it into a bare table of 61 text columns in the
// same database (made and dropped here); the target there is within 2x. Lockstep imports as `lockstep import` does: a file
// this large is read, validated and hashed on a worker thread while the main thread writes the ledger
// (`--prepare-on this-thread` measures it all on one thread). Then the server's share apart (psql-copy.mjs's
// timeLedgerFloor): the rows Lockstep wrote, copied by psql into an empty ledger, which is as fast as any client
// could write into the ledger's schema; the database is left empty.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importFile } from "../dist/importers/index.js";
import { countEntries, openLedger } from "../dist/ledger/index.js";
import { openStore, redactUrl } from "../dist/store/index.js";
import { generateGdelt } from "./gdelt-sample.mjs";
import { cpuSeconds, psqlPath, timeLedgerFloor, timePsql } from "./psql-copy.mjs";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    "prepare-on": { type: "string" },
    keep: { type: "boolean", default: false },
    postgres: { type: "string" },
  },
});
const ROWS = Number(values.rows);
if (!Number.isInteger(ROWS) || ROWS < 1)
  throw new Error(`--rows must be a positive whole number, not ${values.rows}`);

function sqlite3Path() {
  const found = spawnSync("sh", ["-c", "command -v sqlite3"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Seconds of CPU time in a line of bash's `times` (user, then system), e.g. "0m8.120s 0m0.452s". */

function timeSqlite3(sqlite3, file, dir) {
  const db = path.join(dir, "bare.db");
  const columns = Array.from({ length: 61 }, (_, i) => `c${i + 1} TEXT`).join(", ");
  const script = path.join(dir, "import.sql");
  writeFileSync(
    script,
    `CREATE TABLE t (${columns});\n.mode tabs\n.import ${file} t\nSELECT count(*) FROM t;\n`,
  );
  const start = process.hrtime.bigint();
  // bash's `times` gives sqlite3's CPU time, which tells more than wall time on a machine shared with other work.
  const out = execFileSync("bash", ["-c", '"$0" "$1" < "$2"; times', sqlite3, db, script], {
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const lines = out.trim().split("\n");
  return { rows: Number(lines[0]), seconds, cpu: cpuSeconds(lines.at(-1)) };
}

/** As `lockstep import` does it: open the ledger, import, close (which ends the write-ahead log). */
async function timeLockstep(file, dir) {
  const db = path.join(dir, "lockstep.db");
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage(); // all threads of this process
  const ledger = openLedger(db);
  const prepareOn = values["prepare-on"];
  let report;
  try {
    report = await importFile(ledger, file, { format: "gdelt", ...(prepareOn ? { prepareOn } : {}) });
  } finally {
    ledger.close();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { user, system } = process.cpuUsage(cpuStart);
  const check = openLedger(db, { readonly: true });
  const entries = countEntries(check);
  check.close();
  return { rows: report.added, filtered: report.filtered, entries, seconds, cpu: (user + system) / 1e6 };
}

/** psql: on PATH, else Debian's server binaries' folder. */
/** `lockstep import --db URL`: the same file into a ledger in the database. */
async function timeLockstepPostgres(url, file) {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const store = await openStore(url, { flag: "--postgres" });
  let report;
  let entries;
  try {
    if (!(await store.isEmpty())) throw new Error(`--postgres ${redactUrl(url)}: give an empty database`);
    report = await importFile(store, file, { format: "gdelt" });
    entries = await store.countEntries();
  } finally {
    await store.close();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { user, system } = process.cpuUsage(cpuStart);
  return { rows: report.added, filtered: report.filtered, entries, seconds, cpu: (user + system) / 1e6 };
}

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const since = (start) => Number(process.hrtime.bigint() - start) / 1e9;

function print(label, r) {
  const cpu = `CPU ${r.cpu.toFixed(2)} s = ${fmt(r.rows / r.cpu)} rows/CPU-s`;
  console.log(
    `${label.padEnd(16)} ${fmt(r.rows)} rows in ${r.seconds.toFixed(2)} s = ${fmt(r.rows / r.seconds)} rows/s (${cpu})`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "lockstep-bench-"));
try {
  const file = path.join(dir, "bench.export.CSV");
  const start = process.hrtime.bigint();
  await generateGdelt(file, ROWS);
  const mb = (statSync(file).size / 1e6).toFixed(0);
  console.log(`generated ${fmt(ROWS)} GDELT 2.0 rows (${mb} MB) in ${since(start).toFixed(1)} s: ${file}`);

  const url = values.postgres;
  const peer = url ? "psql \\copy" : "sqlite3 .import";
  const target = url ? 2 : 3;
  let baseline;
  if (url) {
    const psql = psqlPath();
    if (!psql) throw new Error("no psql (apt-get install postgresql-client)");
    console.log(
      `PostgreSQL: ${redactUrl(url)}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    baseline = timePsql(psql, url, file);
  } else {
    const sqlite3 = sqlite3Path();
    baseline = sqlite3 ? timeSqlite3(sqlite3, file, dir) : undefined;
  }
  if (baseline) print(peer, baseline);
  else console.log("sqlite3 .import  skipped: no sqlite3 command on PATH (apt-get install sqlite3)");

  const lockstep = url ? await timeLockstepPostgres(url, file) : await timeLockstep(file, dir);
  print("lockstep import", lockstep);
  console.log(
    `                 ${fmt(lockstep.entries)} ledger entries, ${fmt(lockstep.filtered)} rows filtered`,
  );

  if (url && baseline) {
    // The server's share: the same rows, as stored, copied by psql into an empty ledger (psql-copy.mjs).
    const floor = await timeLedgerFloor(psqlPath(), url, dir, async (u) => (await openStore(u)).close());
    print("ledger \\copy", floor);
    console.log(
      `                 (the rows Lockstep wrote, copied by psql into an empty ledger: indexes, links, foreign key; ` +
        `${(baseline.rows / baseline.seconds / (floor.rows / floor.seconds)).toFixed(2)}x the bare copy's time, ` +
        `the least any client could take into this schema; Lockstep ${(floor.rows / floor.seconds / (lockstep.rows / lockstep.seconds)).toFixed(2)}x it)`,
    );
  }
  if (baseline) {
    const wall = baseline.rows / baseline.seconds / (lockstep.rows / lockstep.seconds);
    const cpu = baseline.rows / baseline.cpu / (lockstep.rows / lockstep.cpu);
    const verdict = wall <= target ? "within" : "outside";
    console.log(
      `ratio: ${peer} is ${wall.toFixed(2)}x faster in wall time (${verdict} the ${target}x target), ${cpu.toFixed(2)}x in CPU time` +
        (url ? " (psql's CPU time only: the server's work is not in it)" : ""),
    );
  }
  if (values.keep) console.log(`kept ${dir}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
