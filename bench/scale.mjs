// Issue 15's figures at scale on PostgreSQL: a ledger of the Korean record plus N synthetic GDELT events (10 million
// by default) built in an empty database, with the times that ask for it:
//   1. psql's `\copy` of the GDELT file into a bare table (the peer), then Lockstep's import of the same file into the
//      ledger (which already holds the Korean record): rows per second, and the ratio;
//   2. a year's launches by filter (`actor=PRK type=missile_launch from=2022-01-01 to=2022-12-31`), and a first page
//      of events (limit 50, date order), each read five times through the store: the fastest and the median;
//   3. the partitions a year's query reads (EXPLAIN), to show it touches one.
// The served figures on the same database (the events route under load, an agreement evaluation) come from
// bench/server.mjs --postgres URL, which serves a database that holds a ledger as it is.
//
//   npm run build && node bench/scale.mjs --postgres postgres://USER@HOST/EMPTY_DATABASE [--rows 10000000]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importFile } from "../dist/importers/index.js";
import { importKoreaScenario, parseMatcher } from "../dist/index.js";
import { openStore, redactUrl } from "../dist/store/index.js";
import { generateGdelt } from "./gdelt-sample.mjs";
import { psqlPath, timePsql } from "./psql-copy.mjs";

const { values } = parseArgs({
  options: {
    postgres: { type: "string" },
    rows: { type: "string", default: "10000000" },
  },
});
if (!values.postgres) throw new Error("give --postgres postgres://USER@HOST/EMPTY_DATABASE");
const ROWS = Number(values.rows);
if (!Number.isInteger(ROWS) || ROWS < 1)
  throw new Error(`--rows must be a positive whole number, not ${values.rows}`);
const url = values.postgres;
const fmt = (n) => Math.round(n).toLocaleString("en-US");
/** A filter's matcher, or an error naming the filter. */
function matcher(terms) {
  const parsed = parseMatcher(terms);
  if (!parsed.ok) throw new Error(`${terms}: ${parsed.issues.map((i) => i.message).join("; ")}`);
  return parsed.matcher;
}
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** The fastest and the median of five reads, in milliseconds. */
async function fiveTimes(read) {
  const times = [];
  let result;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    result = await read();
    times.push(seconds(start) * 1000);
  }
  times.sort((a, b) => a - b);
  return { result, min: times[0], median: times[2] };
}

const psql = psqlPath();
if (!psql) throw new Error("psql not found (apt-get install postgresql-client)");
const dir = mkdtempSync(path.join(tmpdir(), "lockstep-scale-"));
const store = await openStore(url, { flag: "--postgres" });
try {
  if (!(await store.isEmpty())) throw new Error(`--postgres ${redactUrl(url)}: give an empty database`);
  console.log(`machine: load ${load()} (1, 5, 15 min)`);
  const file = path.join(dir, "scale.export.CSV");
  let start = process.hrtime.bigint();
  await generateGdelt(file, ROWS);
  console.log(
    `generated ${fmt(ROWS)} GDELT 2.0 rows (${fmt(statSync(file).size / 1e6)} MB) in ${seconds(start).toFixed(1)} s`,
  );

  const peer = timePsql(psql, url, file);
  console.log(
    `psql \\copy       ${fmt(peer.rows)} rows in ${peer.seconds.toFixed(1)} s = ${fmt(peer.rows / peer.seconds)} rows/s`,
  );

  start = process.hrtime.bigint();
  await importKoreaScenario(store);
  console.log(
    `Korean record    ${fmt(await store.countEntries())} entries in ${seconds(start).toFixed(1)} s`,
  );

  start = process.hrtime.bigint();
  const report = await importFile(store, file, { format: "gdelt" });
  const took = seconds(start);
  const rate = report.added / took;
  console.log(
    `lockstep import  ${fmt(report.added)} events in ${took.toFixed(1)} s = ${fmt(rate)} rows/s ` +
      `(${fmt(report.filtered ?? 0)} rows filtered); psql \\copy is ${(peer.rows / peer.seconds / rate).toFixed(1)}x faster; load ${load()}`,
  );
  const entries = await store.countEntries();
  console.log(`ledger           ${fmt(entries)} entries`);

  const year = matcher("actor=PRK type=missile_launch from=2022-01-01 to=2022-12-31");
  const launches = await fiveTimes(() => store.queryEvents(year));
  console.log(
    `a year's launches ${launches.result.length} events (2022): ${launches.min.toFixed(1)} ms fastest, ${launches.median.toFixed(1)} ms median`,
  );
  const page = await fiveTimes(() => store.queryEventPage({}, { limit: 50, offset: 0 }));
  console.log(
    `first page       ${page.result.events.length} of ${fmt(page.result.total)} events: ${page.min.toFixed(1)} ms fastest, ${page.median.toFixed(1)} ms median`,
  );
  // EXPLAIN of the year's rows as the store's SQL selects them, to name the partitions read.
  const plan = execFileSync(
    psql,
    [
      "-X",
      "-At",
      url,
      "-c",
      "EXPLAIN (FORMAT JSON) SELECT seq FROM entries WHERE type = 'missile_launch' AND date_first >= '2022' AND date_first <= '2022-12-31' AND date_last >= '2022-01-01'",
    ],
    { encoding: "utf8" },
  );
  const partitions = [...new Set([...plan.matchAll(/"Relation Name": "(entries_y\d+)"/g)].map((m) => m[1]))];
  console.log(`partitions read by a year's query: ${partitions.join(", ") || "(none named)"}`);
  console.log(`machine: load ${load()} (1, 5, 15 min)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
