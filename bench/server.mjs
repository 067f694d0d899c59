// Load on the server: requests per second and p99 latency, measured with autocannon from this process against
// `lockstep serve` running in a second process, over loopback, on a ledger built as `lockstep demo` builds it
// (with --entries N, that ledger and N synthetic GDELT events more).
//
//   npm run build && node bench/server.mjs [--duration 20] [--rate 200] [--agreement moratorium-2018]
//   npm run build && node bench/server.mjs --route events [--rate 1000] [--entries 1000000 | --ledger FILE]
//   ... [--postgres postgres://user@host/db]   (issue 15: the same ledger copied into that empty database and
//                                               served from it, `lockstep serve --db URL`; a database holding a
//                                               ledger already, copied by a run before, is served as it is)
//
// --route events (issue 11): `GET /api/events?limit=50`, target p99 under 100 ms at 1,000 req/s, the same on a
// 1,000,000-entry ledger as on the demo's. Runs: `first page` (the same request), `varied pages` (the first 200 pages of
// five filters, walked as a client pages: by each page's `next` cursor; each read afresh by SQL), `saturation` (10 connections, as fast as answered).
//
// --route evaluation (the default): the target p99 under 50 ms at 200 requests per second. Three runs:
//   1. `same date`: 200 req/s, every request for one date (the server answers from its cache after the first);
//   2. `varied dates`: 200 req/s, each request for another date (cycling through ~12 years of days, so nearly every
//      request is evaluated afresh: the cache holds 256 answers);
//   3. `saturation`: as many requests as 10 connections get answered, varied dates: the throughput ceiling.
// Latencies are corrected for coordinated omission (autocannon's default at a fixed rate).
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { importFile } from "../dist/importers/index.js";
import { countEntries, openLedger } from "../dist/ledger/index.js";
import { importKoreaScenario } from "../dist/scenario/build.js";
import { copyLedger, engineInfo, openStore, redactUrl, SqliteStore } from "../dist/store/index.js";
import { generateGdelt } from "./gdelt-sample.mjs";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    rate: { type: "string", default: "200" },
    agreement: { type: "string", default: "moratorium-2018" },
    route: { type: "string", default: "evaluation" },
    entries: { type: "string", default: "0" },
    ledger: { type: "string" },
    postgres: { type: "string" },
  },
});
const EVENTS = values.route === "events";
if (!EVENTS && values.route !== "evaluation")
  throw new Error(`--route is evaluation or events, not ${values.route}`);
const EXTRA = Number(values.entries);
const DURATION = Number(values.duration);
const RATE = Number(values.rate);
const TARGET_P99_MS = EVENTS ? 100 : 50;

const dir = mkdtempSync(join(os.tmpdir(), "lockstep-bench-server-"));
const db = join(dir, "korea.db");
// --postgres URL holding a ledger already (a run before copied it): served as it is.
const target = values.postgres ? await openStore(values.postgres, { flag: "--postgres" }) : undefined;
const reuse = target ? !(await target.isEmpty()) : false;
let entries = 0;
if (!reuse) {
  // --ledger FILE: a copy of a ledger built before (a million entries take a minute or two to import).
  if (values.ledger) copyFileSync(values.ledger, db);
  const ledger = openLedger(db);
  if (!values.ledger) await importKoreaScenario(ledger);
  if (EXTRA > 0) {
    const file = join(dir, "bench.export.CSV");
    await generateGdelt(file, EXTRA);
    await importFile(ledger, file, { format: "gdelt" });
    rmSync(file);
  }
  entries = countEntries(ledger);
  ledger.close();
}

// --postgres URL: the ledger copied into that (empty) database, and served from there.
let served = db;
let engine = "SQLite";
if (target) {
  try {
    let how = "served as it was";
    if (reuse) entries = await target.countEntries();
    else {
      const from = SqliteStore.open(db, { mustExist: true });
      try {
        how = `copied in ${((await copyLedger(from, target)).ms / 1000).toFixed(1)} s`;
      } finally {
        await from.close();
      }
    }
    const { version } = await engineInfo(target);
    engine = `PostgreSQL ${version} (${redactUrl(values.postgres)}; ${how})`;
  } finally {
    await target.close();
  }
  served = values.postgres;
}

const main = new URL("../dist/cli/main.js", import.meta.url).pathname;
const server = spawn(
  process.execPath,
  [main, "serve", "--db", served, "--port", "0", "--log-level", "info"],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk) => {
    out += chunk.toString();
    const m = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
    if (m) {
      server.stdout.removeAllListeners("data");
      server.stdout.resume(); // request logs: read and dropped
      resolve(m[1]);
    }
  });
  server.on("exit", (code) => reject(new Error(`lockstep serve exited ${code}: ${out}`)));
});

const path = (asOf) => `/api/agreements/${values.agreement}/evaluation?asOf=${asOf}`;
const TYPES = [
  "",
  "&type=statement",
  "&type=missile_launch",
  "&actor=PRK",
  "&actor=USA&type=sanctions_imposed",
];
/** The paths of the first 200 pages of each filter, found by following each page's `next` as a client would. */
async function pagePaths(base) {
  const paths = [];
  for (const filter of TYPES) {
    let path = `/api/events?limit=50${filter}`;
    for (let i = 0; i < 200 && path; i++) {
      paths.push(path);
      const { next } = await (await fetch(base + path)).json();
      path = next ? `/api/events?limit=50${filter}&after=${next}` : undefined;
    }
  }
  return paths;
}
const first = Date.UTC(2010, 0, 1);
let n = 0;
const nextDate = () => new Date(first + (n++ % 4400) * 86_400_000).toISOString().slice(0, 10);

async function run(title, opts) {
  const result = await autocannon({ url: base, duration: DURATION, ...opts });
  const { latency, requests, non2xx, errors, timeouts } = result;
  return {
    run: title,
    "req/s (mean)": Math.round(requests.average),
    "p50 ms": latency.p50,
    "p90 ms": latency.p90,
    "p99 ms": latency.p99,
    "max ms": latency.max,
    requests: requests.total,
    "non-2xx": non2xx,
    errors: errors + timeouts,
  };
}

const rows = [];
try {
  // Warm up: JIT, the ledger's pages, the caches.
  const firstPath = EVENTS ? "/api/events?limit=50" : path("2022-10-28");
  const pages = EVENTS ? await pagePaths(base) : [];
  // Up to 1,000 pages, more than the cache holds (256 answers): cycled in order, every request misses the cache and
  // is read by SQL.
  const varied = EVENTS ? () => pages[n++ % pages.length] : () => path(nextDate());
  await autocannon({ url: base + firstPath, amount: 200, connections: 4 });
  rows.push(
    await run(EVENTS ? "first page" : "same date", {
      connections: 10,
      overallRate: RATE,
      requests: [{ path: firstPath }],
    }),
  );
  rows.push(
    await run(EVENTS ? "varied pages" : "varied dates", {
      connections: 10,
      overallRate: RATE,
      requests: [{ setupRequest: (req) => ({ ...req, path: varied() }) }],
    }),
  );
  rows.push(
    await run("saturation", {
      connections: 10,
      requests: [{ setupRequest: (req) => ({ ...req, path: varied() }) }],
    }),
  );
} finally {
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `lockstep serve, ${EVENTS ? "GET /api/events?limit=50" : `${values.agreement} evaluation`} on ${entries.toLocaleString("en-US")} entries, ${engine}; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(
      " ",
    )}; ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; ${DURATION} s per run`,
);
console.table(rows);
// The events route's target is the issue's request, `GET /api/events?limit=50`; the varied pages, every one a cache
// miss read by SQL, are reported beside it.
const atRate = rows.filter((r) => (EVENTS ? r.run === "first page" : r.run !== "saturation"));
// Met only where the rate asked for was served: a server that falls behind answers fewer requests, not slower ones.
const ok = atRate.every(
  (r) =>
    r["p99 ms"] < TARGET_P99_MS && r["req/s (mean)"] >= RATE * 0.95 && r["non-2xx"] === 0 && r.errors === 0,
);
console.log(
  `target: p99 < ${TARGET_P99_MS} ms at ${RATE} req/s: ${ok ? "met" : "NOT met"} (${atRate.map((r) => `${r.run} ${r["req/s (mean)"]} req/s, p99 ${r["p99 ms"]} ms`).join("; ")})`,
);
if (!ok) process.exitCode = 1;
