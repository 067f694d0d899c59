// The fault and attack campaign of issue 11, re-run against the BUILT product (dist/) with real processes and files:
//
//   npm run build && node bench/campaign.mjs [--quick] [--only kill,tamper,files,hostile,writers] [--seed N]
//                                             [--jobs N] [--case TEXT] [--trial N] [--keep]
//
// 1. kill -9 during imports: `lockstep import` of a large GDELT file (the bulk path: rollback journal, second
//    thread) and of a JSON Lines file under 4 MiB (the write-ahead log path), each into a copy of the demo ledger
//    (N entries), killed with SIGKILL at a random moment (10-90% of its measured duration); then `lockstep verify`
//    must pass and the ledger hold exactly N or N + all entries (and its import log 0 or 1 more record). Then the
//    same against `POST /api/imports` on `lockstep serve`, the server killed mid-upload or mid-import.
// 2. tamperings of copies of the demo ledger (with tokens, and a checkpoint signed before): each column of entries
//    changed in five rows, bytes of the file edited outside SQLite, rows deleted/inserted/reordered, supersessions
//    added/removed, indexes and pages damaged, tails cut, rewrites with every hash recomputed (the attacker of
//    test/ledger/attacker.ts, ported here), token rows forged, import rows altered, checkpoints forged. Each is
//    checked with `lockstep verify`, with `verify --against CHECKPOINT --key PUB` where verify alone passes (or
//    the docs say only a checkpoint catches it), and, for tokens, over HTTP: is the forged token refused?
// 3. malformed files: bench/fuzz.mjs run with a small count (its in-process rule), then cases drawn from the same
//    arbitraries (test/fuzz/arbitraries.ts, transpiled in memory as bench/fuzz.mjs does) and a few hand-made ones
//    (long lines, a zip bomb, deep nesting, binary, UTF-16) imported with the CLI: each must succeed, or exit
//    non-zero with an error whose first line names the file and no stack trace, the ledger unchanged.
// 4. hostile requests against `lockstep serve --analysis-timeout 5 --request-timeout 5`: bad tokens on every write
//    route, editor tokens on admin routes, loose/huge/negative numbers on every numeric parameter, extreme ranges and
//    limits, bodies over the limit, invalid JSON, prototype-pollution keys, path traversal, unknown parameters,
//    malformed HTTP and slowloris clients, while a separate process samples /api/health every 200 ms.
// 5. concurrent writers: two CLI import loops, an API import loop and a POST /api/events loop on one ledger for 20 s;
//    every event each reported added must be in the ledger, and nothing else.
// 6. load: printed as a command to run separately (bench/server.mjs).
//
// --quick runs a small version of each (a smoke check); --only runs some sections; --case TEXT keeps only the
// tamper, file and hostile cases whose name contains TEXT; --trial N only kill trial N (the moment is drawn from
// --seed and N, so a trial repeats); --keep leaves the temporary folder (its path is printed). Every child process
// has a time limit and is killed (by its pid) when the campaign ends; the temporary folder is removed.
//
// The command line and the server run from a copy of dist/ (and scenarios/) taken at the start, so that a rebuild in
// a shared tree during the run does not change the product under test; bench/fuzz.mjs runs from dist/ itself.
// Prints the load average at the start and the end, one table of figures, a table per section, notes (documented
// limits, leftovers) and every failure with a command to reproduce it; exits 1 if there was any failure.
import Database from "better-sqlite3";
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { GENESIS, indexColumns } from "../dist/ledger/chain.js";
import { createToken, openLedger, revokeToken } from "../dist/ledger/index.js";
import { canonicalJson, contentOf, eventId } from "../dist/model/index.js";
import { generateGdelt } from "./gdelt-sample.mjs";

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    seed: { type: "string", default: "11" },
    jobs: { type: "string", default: "3" },
    case: { type: "string" },
    trial: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(path.join(ROOT, "dist/cli/main.js"))) {
  console.error("no dist/: run `npm run build` first (the campaign runs the built product)");
  process.exit(2);
}
const QUICK = opts.quick;
const SEED = Number(opts.seed);
const JOBS = Math.max(1, Number(opts.jobs) || 1);
const SECTIONS = ["kill", "tamper", "files", "hostile", "writers"];
const ONLY = new Set(opts.only ? opts.only.split(",") : SECTIONS);
for (const s of ONLY) if (!SECTIONS.includes(s)) throw new Error(`--only: no section "${s}" (${SECTIONS})`);
const CASE = opts.case;
const wanted = (name) => !CASE || name.includes(CASE);
if (!Number.isInteger(SEED)) throw new Error(`--seed must be a whole number, not ${opts.seed}`);

const TMP = mkdtempSync(path.join(os.tmpdir(), "lockstep-campaign-"));
/** Children's temporary folder (TMPDIR): what a killed server leaves there is ours to count and remove. */
const CHILD_TMP = path.join(TMP, "tmp");
mkdirSync(CHILD_TMP);
/**
 * The product under test: a copy of dist/ (and of the scenario the demo is built from) taken now, beside a link to
 * node_modules, so that a rebuild of dist/ in the shared tree while the campaign runs changes nothing under test.
 */
const PRODUCT = path.join(TMP, "product");
cpSync(path.join(ROOT, "dist"), path.join(PRODUCT, "dist"), { recursive: true });
cpSync(path.join(ROOT, "scenarios"), path.join(PRODUCT, "scenarios"), { recursive: true });
copyFileSync(path.join(ROOT, "package.json"), path.join(PRODUCT, "package.json"));
symlinkSync(path.join(ROOT, "node_modules"), path.join(PRODUCT, "node_modules"), "dir");
const MAIN = path.join(PRODUCT, "dist/cli/main.js");
const { LOCKSTEP_DEBUG: _debug, LOCKSTEP_DB: _db, ...inherited } = process.env;
const CHILD_ENV = { ...inherited, TMPDIR: CHILD_TMP };

// ---------------------------------------------------------------------------------------------------------------
// Processes, output, bookkeeping

const live = new Set();
function track(child) {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}
process.on("exit", () => {
  for (const c of live) c.kill("SIGKILL");
  if (!opts.keep) rmSync(TMP, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the campaign`);
    process.exit(130);
  });

const T0 = performance.now();
const log = (...parts) =>
  console.log(`[${((performance.now() - T0) / 1000).toFixed(0).padStart(5)} s] ${parts.join(" ")}`);
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Every failure: the section, what happened, and how to reproduce it. */
const failures = [];
const fail = (section, what, repro) => failures.push({ section, what, repro });
/** Observations that are not failures (documented limits, leftovers). */
const notes = [];
/** One row per section for the table of figures. */
const figures = [];

const sh = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${String(a).replaceAll("'", `'\\''`)}'`);
const cli = (args) => ["node", "dist/cli/main.js", ...args].map(sh).join(" ");
const rel = (p) => (p.startsWith(TMP) ? `$CAMPAIGN${p.slice(TMP.length)}` : p);
const keepHint = () => (opts.keep ? `(kept in ${TMP}; $CAMPAIGN below)` : "(add --keep to keep its files)");

/** A seeded generator (mulberry32): the same --seed gives the same trials. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Runs fn over items with at most n at once; fn gets (item, index, worker). */
async function inPool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async (_, worker) => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i], i, worker);
    }),
  );
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A node process run to its end or killed at its time limit. */
function runNode(args, { timeoutMs = 180_000, input, env = CHILD_ENV } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = track(spawn(process.execPath, args, { cwd: TMP, env }));
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      if (stdout.length < 8e6) stdout += d;
    });
    child.stderr.on("data", (d) => {
      if (stderr.length < 8e6) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (err) => (stderr += String(err)));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: performance.now() - started });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}
const run = (args, options) => runNode([MAIN, ...args], options);

/** `lockstep verify --json` (and more flags): its exit code and report. */
async function verifyJson(db, extra = [], timeoutMs = 300_000) {
  const r = await run(["verify", "--db", db, "--json", ...extra], { timeoutMs });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = undefined;
  }
  return { ...r, report };
}

function copyLedger(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  for (const suffix of ["", "-wal", "-journal"]) {
    rmSync(to + suffix, { force: true });
    if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
  }
  rmSync(to + "-shm", { force: true });
  return to;
}
const removeLedger = (file) => {
  if (opts.keep) return;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
};
const sizeOf = (file) => (existsSync(file) ? statSync(file).size : -1);

/** A stack trace or an internal error leaking into what a person reads. */
const STACK = /^\s+at \S.*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
const INTERNAL =
  /\b(TypeError|RangeError|ReferenceError|SyntaxError: Unexpected|EvalError|InternalError)\b|Cannot read propert|is not a function|is not iterable|Maximum call stack|\[object Object\]/;

// ---------------------------------------------------------------------------------------------------------------
// Servers and HTTP

/** `lockstep serve` on a free port; resolves once it listens. Error-level log lines are kept. */
async function startServer(db, extra = [], { timeoutMs = 120_000 } = {}) {
  const child = track(
    spawn(process.execPath, [MAIN, "serve", "--db", db, "--port", "0", "--log-level", "info", ...extra], {
      cwd: TMP,
      env: CHILD_ENV,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const errors = [];
  let stderr = "";
  let exited;
  const exit = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      exited = signal ?? `exit ${code}`;
      resolve(exited);
    }),
  );
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`lockstep serve did not listen within ${timeoutMs / 1000} s: ${stderr.slice(-400)}`));
    }, timeoutMs);
    let buffer = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      buffer += d;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
        if (/"level":(50|60)/.test(line) && errors.length < 100) errors.push(line.slice(0, 3000));
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      stderr = (stderr + d).slice(-20_000);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`lockstep serve ended (${signal ?? code}) before listening: ${stderr.slice(-400)}`));
    });
  });
  return {
    child,
    url,
    errors,
    exit,
    exited: () => exited,
    stderr: () => stderr,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const stopped = await Promise.race([exit, sleep(15_000)]);
      if (!stopped) {
        child.kill("SIGKILL");
        await exit;
      }
    },
  };
}

const parseJson = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * One HTTP request with node:http (no normalisation of the path, any header), its answer even when the server cut
 * the upload short. `chunkBytes`/`chunkDelayMs` send the body slowly.
 */
function send(
  base,
  { method = "GET", path: p, headers = {}, body, timeoutMs = 60_000, chunkBytes, chunkDelayMs },
) {
  const u = new URL(base);
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    let res;
    let text = "";
    let sent = 0;
    const total = body === undefined ? 0 : Buffer.byteLength(body);
    const done = (extra = {}) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        status: res?.statusCode ?? 0,
        headers: res?.headers ?? {},
        text,
        json: parseJson(text),
        ms: performance.now() - started,
        sent,
        total,
        ...extra,
      });
    };
    let req;
    try {
      req = httpRequest({ host: u.hostname, port: u.port, method, path: p, headers, agent: false }, (r) => {
        res = r;
        r.setEncoding("utf8");
        r.on("data", (d) => {
          if (text.length < 4e6) text += d;
        });
        r.on("end", () => done());
        r.on("close", () => done());
        r.on("error", () => done());
      });
    } catch (err) {
      resolve({ status: -1, error: `the client would not send it: ${err.message}`, text: "", ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      req.destroy();
      done({ error: "no answer in time" });
    }, timeoutMs);
    // A server that refuses a body may answer and close before it is all sent: its answer can come after the error.
    req.on("error", (err) => setTimeout(() => done(res ? {} : { error: err.code ?? err.message }), 500));
    if (body === undefined) return void req.end();
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    if (!chunkBytes) {
      req.end(bytes, () => (sent = bytes.length));
      return;
    }
    (async () => {
      for (let at = 0; at < bytes.length && !settled && !req.destroyed; at += chunkBytes) {
        const chunk = bytes.subarray(at, at + chunkBytes);
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
        sent = at + chunk.length;
        if (chunkDelayMs) await sleep(chunkDelayMs);
      }
      if (!req.destroyed) req.end();
    })().catch(() => undefined);
  });
}

/** Raw bytes on a socket: the status line of the answer, and when the server closed it. */
function rawRequest(base, payload, { timeoutMs = 20_000, trickle } = {}) {
  const u = new URL(base);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(Number(u.port), u.hostname);
    let answer = "";
    let timer;
    let interval;
    const finish = (extra = {}) => {
      clearTimeout(timer);
      clearTimeout(idle);
      clearInterval(interval);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      resolve({
        status: m ? Number(m[1]) : 0,
        text: answer.slice(0, 4000),
        closedAfterMs: performance.now() - started,
        ...extra,
      });
    };
    timer = setTimeout(() => finish({ error: "still open", stillOpen: true }), timeoutMs);
    socket.on("connect", () => {
      if (payload) socket.write(payload);
      if (trickle) {
        let i = 0;
        interval = setInterval(() => {
          if (!socket.destroyed) socket.write(trickle[i++ % trickle.length]);
        }, 1000);
      }
    });
    let idle;
    socket.on("data", (d) => {
      answer += d.toString("latin1");
      // An answer on a connection kept alive: taken once nothing more comes for half a second.
      if (!trickle) {
        clearTimeout(idle);
        idle = setTimeout(() => finish(), 500);
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => finish());
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** n distinct statements as JSON Lines, tagged so that no two writers' events are alike. */
function statements(tag, n, from = 0) {
  const lines = [];
  for (let i = from; i < from + n; i++) {
    const day = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      JSON.stringify({
        type: "statement",
        date: day,
        actor: "PRK",
        attributes: { subject: `${tag} ${i}` },
        sources: [
          { title: `${tag} source ${i}`, url: `https://example.org/${encodeURIComponent(tag)}/${i}` },
        ],
      }),
    );
  }
  return lines.join("\n") + "\n";
}

const meeting = (name) => ({
  type: "summit_or_meeting",
  date: "2030-01-02",
  actor: "USA+PRK",
  attributes: { name },
  sources: [{ url: "https://example.org/campaign", title: `A campaign report: ${name}` }],
});

// ---------------------------------------------------------------------------------------------------------------
// The shared base: the demo ledger, with tokens

/** `lockstep demo` once; then tokens made as Lockstep makes them (createToken of dist/), their secrets kept. */
async function buildBase() {
  const dir = path.join(TMP, "base");
  mkdirSync(dir);
  const db = path.join(dir, "demo.db");
  log("building the demo ledger: lockstep demo --db", rel(db));
  const r = await run(["demo", "--db", db], { timeoutMs: 600_000 });
  if (r.code !== 0)
    throw new Error(`lockstep demo failed (${r.signal ?? r.code}): ${r.stderr.slice(0, 500)}`);
  const ledger = openLedger(db, { mustExist: true });
  const tokens = {};
  try {
    const now = Date.now();
    tokens.editor = createToken(ledger, "editor");
    tokens.admin = createToken(ledger, "admin");
    tokens.expiring = createToken(ledger, "editor", new Date(now), new Date(now + 90 * 864e5).toISOString());
    tokens.expired = createToken(
      ledger,
      "editor",
      new Date(now - 10 * 864e5),
      new Date(now - 864e5).toISOString(),
    );
    tokens.victim = createToken(ledger, "editor");
    tokens.victim2 = createToken(ledger, "editor");
    // Made last, so that its revocation is the token log's last record.
    tokens.revoked = createToken(ledger, "editor");
    revokeToken(ledger, tokens.revoked.id);
  } finally {
    ledger.close();
  }
  const info = withDb(db, (d) => ({
    entries: d.prepare("SELECT count(*) FROM entries").pluck().get(),
    imports: d.prepare("SELECT count(*) FROM imports").pluck().get(),
    tokenLog: d.prepare("SELECT count(*) FROM token_log").pluck().get(),
    supersessions: d.prepare("SELECT count(*) FROM supersessions").pluck().get(),
  }));
  log(
    `demo ledger: ${info.entries} entries, ${info.supersessions} supersessions, ${info.imports} imports, ${info.tokenLog} token log records`,
  );
  return { db, tokens, ...info };
}

function withDb(file, fn, options = {}) {
  const db = new Database(file, options);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. kill -9 during imports

/** Another connection reading the ledger: while it is open an import cannot take bulk mode. */
function holdOpen(db) {
  const reader = new Database(db, { readonly: true });
  reader.prepare("SELECT count(*) FROM entries").get();
  return reader;
}

async function killCampaign(base) {
  const section = "kill";
  const dir = path.join(TMP, "kill");
  mkdirSync(dir);
  const cliTrials = QUICK ? 2 : 25;
  const apiTrials = QUICK ? 1 : 10;
  const N = base.entries;
  const I0 = base.imports;
  const bigRows = QUICK ? 25_000 : 80_000;
  const big = path.join(dir, "kill.export.CSV");
  await generateGdelt(big, bigRows);
  // JSON Lines imported while another connection reads the ledger: no bulk mode, the write-ahead log.
  const jsonlEvents = QUICK ? 20_000 : 50_000;
  const small = path.join(dir, "kill.jsonl");
  writeFileSync(small, statements("kill", jsonlEvents));
  const apiFile = path.join(dir, "api.export.CSV");
  await generateGdelt(apiFile, 20_000);
  const mb = (f) => (sizeOf(f) / 2 ** 20).toFixed(1);
  const files = [
    { name: "GDELT", file: big, what: `${bigRows} GDELT rows, ${mb(big)} MiB: bulk path` },
    {
      name: "JSONL",
      file: small,
      what: `${jsonlEvents} JSONL events, ${mb(small)} MiB, a reader holding the ledger: write-ahead log path`,
      reader: true,
    },
  ];
  // The usual duration and what a whole import adds, measured once each on this machine as it is now.
  for (const f of files) {
    const db = copyLedger(base.db, path.join(dir, `calibrate-${f.name}.db`));
    const reader = f.reader ? holdOpen(db) : undefined;
    const r = await run(["import", f.file, "--db", db, "--json"], { timeoutMs: 900_000 });
    reader?.close();
    if (r.code !== 0)
      throw new Error(`the calibration import of ${f.file} failed: ${r.stderr.slice(0, 400)}`);
    f.added = parseJson(r.stdout)?.imports?.[0]?.added;
    f.ms = r.ms;
    log(`kill: ${f.what}: a whole import takes ${(f.ms / 1000).toFixed(1)} s and adds ${f.added}`);
    removeLedger(db);
  }
  const tally = { trials: 0, none: 0, all: 0, partial: 0, broken: 0, midWrite: 0, resumed: 0 };
  const random = rng(SEED * 1000 + 1);
  const classify = (where, v, added, repro) => {
    tally.trials++;
    const entries = v.report?.entries;
    const imports = v.report?.imports?.records;
    if (v.code !== 0 || !v.report?.ok) {
      tally.broken++;
      fail(
        section,
        `${where}: lockstep verify failed after the kill (exit ${v.signal ?? v.code}): ${(v.stderr || v.stdout).trim().split("\n").slice(0, 4).join(" | ")}`,
        repro,
      );
      return "broken";
    }
    if (entries === N && imports === I0) return (tally.none++, "none");
    if (entries === N + added && imports === I0 + 1) return (tally.all++, "all");
    tally.partial++;
    fail(
      section,
      `${where}: partial import: ${entries} entries and ${imports} imports (expected ${N} and ${I0}, or ${N + added} and ${I0 + 1})`,
      repro,
    );
    return "partial";
  };

  for (let t = 0; t < cliTrials; t++) {
    const f = files[t % 2];
    const fraction = 0.1 + 0.8 * random();
    if (opts.trial !== undefined && Number(opts.trial) !== t) continue;
    const db = copyLedger(base.db, path.join(dir, `cli-${t}.db`));
    const delay = f.ms * fraction;
    const reader = f.reader ? holdOpen(db) : undefined;
    const child = track(
      spawn(process.execPath, [MAIN, "import", f.file, "--db", db, "--json"], {
        cwd: TMP,
        env: CHILD_ENV,
        stdio: "ignore",
      }),
    );
    const exited = new Promise((r) => child.on("exit", (code, signal) => r(signal ?? code)));
    const first = await Promise.race([exited.then(() => "exited"), sleep(delay).then(() => "due")]);
    let phase = "finished before the kill";
    if (first === "due") {
      const journal = existsSync(db + "-journal");
      const wal = sizeOf(db + "-wal");
      // Pages kept in memory reach the log only when the cache spills or at the commit.
      phase = journal
        ? "its rollback journal on disk"
        : wal > 0
          ? "its write-ahead log on disk"
          : "nothing on disk yet";
      if (journal || wal > 0) tally.midWrite++;
      child.kill("SIGKILL");
    }
    await Promise.race([exited, sleep(30_000)]);
    reader?.close();
    const repro = `node bench/campaign.mjs --only kill --seed ${SEED} --trial ${t}${QUICK ? " --quick" : ""} --keep  # ${cli(["import", f.file, "--db", db])} killed after ${(delay / 1000).toFixed(2)} s, then ${cli(["verify", "--db", db])}`;
    const v = await verifyJson(db);
    const outcome = classify(
      `CLI trial ${t} (${f.name}, killed at ${(fraction * 100).toFixed(0)}% = ${(delay / 1000).toFixed(1)} s, ${phase})`,
      v,
      f.added,
      rel(repro),
    );
    // Every fifth trial: the ledger must take the same import again, whole.
    let resumed = "";
    if (t % 5 === 4 && outcome !== "broken" && outcome !== "partial") {
      const again = await run(["import", f.file, "--db", db, "--json"], { timeoutMs: 900_000 });
      const v2 = await verifyJson(db);
      if (again.code !== 0 || !v2.report?.ok || v2.report.entries !== N + f.added)
        fail(
          section,
          `CLI trial ${t}: importing the file again after the kill did not give ${N + f.added} entries (exit ${again.code}, ${v2.report?.entries} entries, verify ${v2.report?.ok}): ${again.stderr.trim().slice(0, 300)}`,
          rel(repro),
        );
      else {
        tally.resumed++;
        resumed = "; imported again: whole";
      }
    }
    log(
      `kill: CLI trial ${t}: ${f.name} killed at ${(fraction * 100).toFixed(0)}% (${phase}): ${outcome}${resumed}`,
    );
    removeLedger(db);
  }

  // The API: the server killed while it receives or imports the file.
  if (opts.trial === undefined || Number(opts.trial) >= cliTrials) {
    const body = readFileSync(apiFile);
    const upload = (url, slow) =>
      send(url, {
        method: "POST",
        path: "/api/imports?format=gdelt&filename=api.export.CSV",
        headers: {
          authorization: `Bearer ${base.tokens.editor.token}`,
          "content-type": "application/octet-stream",
          "content-length": body.length,
        },
        body,
        timeoutMs: 600_000,
        ...(slow ? { chunkBytes: 64 * 1024, chunkDelayMs: 20 } : {}),
      });
    const calibration = {};
    for (const slow of apiTrials > 1 ? [false, true] : [false]) {
      const db = copyLedger(base.db, path.join(dir, `api-calibrate-${slow}.db`));
      const server = await startServer(db);
      const r = await upload(server.url, slow);
      await server.stop();
      if (r.status !== 201)
        throw new Error(`the calibration upload failed: ${r.status} ${r.text.slice(0, 300)}`);
      calibration[slow] = { ms: r.ms, added: r.json.added };
      log(
        `kill: API import of ${mb(apiFile)} MiB (${slow ? "sent slowly" : "sent at once"}): ${(r.ms / 1000).toFixed(1)} s, ${r.json.added} added`,
      );
      removeLedger(db);
    }
    const leftBefore = readdirSync(CHILD_TMP).filter((n) => n.startsWith("lockstep-upload-")).length;
    for (let k = 0; k < apiTrials; k++) {
      const t = cliTrials + k;
      const slow = k % 2 === 1;
      const fraction = 0.1 + 0.8 * random();
      if (opts.trial !== undefined && Number(opts.trial) !== t) continue;
      const db = copyLedger(base.db, path.join(dir, `api-${k}.db`));
      const server = await startServer(db);
      const { ms, added } = calibration[slow];
      const delay = ms * fraction;
      const request = upload(server.url, slow);
      let answered = false;
      void request.then(() => (answered = true));
      await sleep(delay);
      const progress = await Promise.race([request.then((r) => r), sleep(0).then(() => undefined)]);
      server.child.kill("SIGKILL");
      const r = progress ?? (await request);
      await server.exit;
      const phase =
        answered && r.status
          ? `after its answer ${r.status}`
          : r.sent < r.total
            ? `mid-upload (${((r.sent / r.total) * 100).toFixed(0)}% sent)`
            : "mid-import";
      if (phase === "mid-import" || phase.startsWith("mid-upload")) tally.midWrite++;
      const repro = `node bench/campaign.mjs --only kill --seed ${SEED} --trial ${t}${QUICK ? " --quick" : ""} --keep  # lockstep serve --db ${rel(db)}; POST /api/imports of ${rel(apiFile)}; kill -9 after ${(delay / 1000).toFixed(2)} s; ${cli(["verify", "--db", rel(db)])}`;
      const v = await verifyJson(db);
      const outcome = classify(
        `API trial ${k} (${slow ? "slow upload" : "fast upload"}, killed at ${(fraction * 100).toFixed(0)}% = ${(delay / 1000).toFixed(1)} s, ${phase})`,
        v,
        added,
        repro,
      );
      log(`kill: API trial ${k}: server killed at ${(fraction * 100).toFixed(0)}% (${phase}): ${outcome}`);
      removeLedger(db);
    }
    const left = readdirSync(CHILD_TMP).filter((n) => n.startsWith("lockstep-upload-")).length - leftBefore;
    if (left)
      notes.push(
        `kill: ${left} of ${apiTrials} servers killed with -9 left their upload's temporary folder (lockstep-upload-*) in TMPDIR; nothing removes it later`,
      );
  }
  const total = tally.trials;
  figures.push({
    n: "1",
    campaign: "kill -9 during imports",
    runs: `${total} (CLI ${Math.min(total, cliTrials)}, API ${Math.max(0, total - cliTrials)})`,
    figure: `losses/partial imports ${tally.partial}, broken chains ${tally.broken} of ${total}; rolled back ${tally.none}, whole ${tally.all}; ${tally.midWrite} killed with the import half on disk (journal, log, or upload/import under way); ${tally.resumed} re-imported whole after the kill`,
    failures: tally.partial + tally.broken,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 2. tamperings: the attacker (test/ledger/attacker.ts, ported to plain JavaScript)

const link = (prev, seq, at, body) =>
  createHash("sha256").update(`${prev}\n${seq}\n${at}\n${body}`).digest("hex");
const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Plain SQLite on the file, as anyone who can write it does: the append-only triggers dropped for the change and
 * put back after it (where their table is still there), all in one transaction.
 */
function attack(file, change) {
  withDb(file, (db) => {
    // Foreign keys are a connection's choice (better-sqlite3 turns them on): the attacker's connection does not.
    db.pragma("foreign_keys = OFF");
    const triggers = db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all();
    db.transaction(() => {
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
      change(db);
      for (const t of triggers) {
        const table = db
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
          .get(t.tbl_name);
        if (!table) continue;
        try {
          db.exec(t.sql);
        } catch {
          // a trigger on a column the change removed
        }
      }
    })();
  });
}

function rehashEntries(db) {
  const rows = db.prepare("SELECT seq, recorded_at, body FROM entries ORDER BY seq").all();
  const update = db.prepare("UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?");
  let prev = GENESIS;
  for (const r of rows) {
    const hash = link(prev, r.seq, r.recorded_at, r.body);
    update.run(prev, hash, r.seq);
    prev = hash;
  }
}

function rehashTokenLog(db) {
  const rows = db.prepare("SELECT seq, recorded_at, body FROM token_log ORDER BY seq").all();
  const update = db.prepare("UPDATE token_log SET prev_hash = ?, hash = ? WHERE seq = ?");
  let prev = GENESIS;
  for (const r of rows) {
    const hash = link(prev, r.seq, r.recorded_at, r.body);
    update.run(prev, hash, r.seq);
    prev = hash;
  }
}

const importBody = (r) =>
  canonicalJson({
    importer: r.importer,
    file: r.file,
    added: r.added,
    duplicates: r.duplicates,
    rejected: r.rejected,
  });

function rehashImports(db) {
  const rows = db.prepare("SELECT * FROM imports ORDER BY id").all();
  const update = db.prepare("UPDATE imports SET prev_hash = ?, hash = ? WHERE id = ?");
  let prev = GENESIS;
  for (const r of rows) {
    const hash = link(prev, r.id, r.finished_at, importBody(r));
    update.run(prev, hash, r.id);
    prev = hash;
  }
}

const bodyOf = (db, seq) => JSON.parse(db.prepare("SELECT body FROM entries WHERE seq = ?").pluck().get(seq));

/** Writes an event into entry `seq`: its id recomputed from its content, its body canonical, its columns from it. */
function writeEntry(db, seq, event) {
  const e = { ...event, id: eventId(contentOf(event)) };
  const c = indexColumns(e);
  db.prepare(
    "UPDATE entries SET id = ?, body = ?, type = ?, date_first = ?, date_last = ?, actors = ?, targets = ?, count = ?, confidence = ? WHERE seq = ?",
  ).run(
    e.id,
    canonicalJson(e),
    c.type,
    c.date_first,
    c.date_last,
    c.actors,
    c.targets,
    c.count,
    c.confidence,
    seq,
  );
  return e.id;
}

function insertEntry(db, seq, event, recordedAt) {
  const e = { ...event, id: eventId(contentOf(event)) };
  const c = indexColumns(e);
  db.prepare(
    "INSERT INTO entries (seq, id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence) VALUES (?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?)",
  ).run(
    seq,
    e.id,
    recordedAt,
    canonicalJson(e),
    c.type,
    c.date_first,
    c.date_last,
    c.actors,
    c.targets,
    c.count,
    c.confidence,
  );
  return e.id;
}

/** Moves entries from `from` on by `delta` places (and the supersessions that name them). */
function shiftEntries(db, from, delta) {
  db.prepare("UPDATE entries SET seq = -seq WHERE seq >= ?").run(from);
  db.prepare("UPDATE entries SET seq = -seq + ? WHERE seq < 0").run(delta);
  db.prepare("UPDATE supersessions SET new_seq = new_seq + ? WHERE new_seq >= ?").run(delta, from);
}

/**
 * Changes bytes of the file outside SQLite: an occurrence of `find` in the pages of `object` becomes `replace`, the
 * first whose change shows in what `probe` (SQL reading that object) returns. A page keeps stale copies of cells in
 * its free space, which no query reads: changing those would be no tampering at all.
 */
function editPages(file, object, find, replace, probe) {
  const read = () => {
    try {
      return withDb(file, (db) => sha256(JSON.stringify(db.prepare(probe).all())), { readonly: true });
    } catch (err) {
      return `unreadable: ${err.message}`;
    }
  };
  const { pageSize, pages } = withDb(file, (db) => {
    db.pragma("wal_checkpoint(TRUNCATE)");
    return {
      pageSize: db.pragma("page_size", { simple: true }),
      pages: db.prepare("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno").pluck().all(object),
    };
  });
  const before = read();
  const original = readFileSync(file);
  const from = Buffer.from(find);
  const to = Buffer.from(replace);
  if (from.length !== to.length) throw new Error("editPages: same length only");
  for (const p of pages) {
    const start = (p - 1) * pageSize;
    for (
      let at = original.indexOf(from, start);
      at >= 0 && at < start + pageSize;
      at = original.indexOf(from, at + 1)
    ) {
      const bytes = Buffer.from(original);
      to.copy(bytes, at);
      writeFileSync(file, bytes);
      if (read() !== before) return;
    }
  }
  writeFileSync(file, original);
  throw new Error(`"${find}" is in no live cell of ${object}`);
}

/** What each object's probe reads: a table's rows, or an index's keys read through it alone. */
const PROBES = {
  entries: "SELECT seq, id, recorded_at, body, prev_hash, hash FROM entries NOT INDEXED ORDER BY seq",
  entries_date: "SELECT date_first, seq FROM entries INDEXED BY entries_date WHERE date_first >= ''",
  entries_type_date:
    "SELECT type, date_first, seq FROM entries INDEXED BY entries_type_date WHERE type >= ''",
  supersessions_old:
    "SELECT old_id, rowid FROM supersessions INDEXED BY supersessions_old WHERE old_id >= ''",
  sqlite_autoindex_entries_1:
    "SELECT id, seq FROM entries INDEXED BY sqlite_autoindex_entries_1 WHERE id >= ''",
  sqlite_autoindex_tokens_1: "SELECT id FROM tokens INDEXED BY sqlite_autoindex_tokens_1 WHERE id >= ''",
  sqlite_autoindex_tokens_2: "SELECT hash FROM tokens INDEXED BY sqlite_autoindex_tokens_2 WHERE hash >= ''",
};

/** A page of `object` (the middle one of its leaves), changed outside SQLite by `change(bytes, start, size)`. */
function editPage(file, object, change) {
  const { pageSize, pages } = withDb(file, (db) => {
    db.pragma("wal_checkpoint(TRUNCATE)");
    return {
      pageSize: db.pragma("page_size", { simple: true }),
      pages: db
        .prepare(
          "SELECT pageno FROM dbstat WHERE name = ? AND pagetype IN ('leaf', 'internal') ORDER BY pageno",
        )
        .pluck()
        .all(object),
    };
  });
  const page = pages[Math.floor(pages.length / 2)];
  const bytes = readFileSync(file);
  change(bytes, (page - 1) * pageSize, pageSize);
  writeFileSync(file, bytes);
}

const flipHex = (h) => h.slice(0, -1) + (h.endsWith("0") ? "1" : "0");
/** One letter from the middle on, changed: the body still parses, mostly, but says something else. */
function flipLetter(text) {
  for (let i = Math.floor(text.length / 2); i < text.length; i++)
    if (/[a-z]/.test(text[i])) return text.slice(0, i) + (text[i] === "x" ? "y" : "x") + text.slice(i + 1);
  return text + " ";
}

const COLUMN_CHANGES = {
  body: (db, seq) => {
    const b = db.prepare("SELECT body FROM entries WHERE seq = ?").pluck().get(seq);
    db.prepare("UPDATE entries SET body = ? WHERE seq = ?").run(flipLetter(b), seq);
  },
  hash: (db, seq) =>
    db.prepare("UPDATE entries SET hash = ? WHERE seq = ?").run(flipHex(col(db, seq, "hash")), seq),
  prev_hash: (db, seq) =>
    db.prepare("UPDATE entries SET prev_hash = ? WHERE seq = ?").run(flipHex(col(db, seq, "prev_hash")), seq),
  id: (db, seq) =>
    db.prepare("UPDATE entries SET id = ? WHERE seq = ?").run(flipHex(col(db, seq, "id")), seq),
  recorded_at: (db, seq) =>
    db.prepare("UPDATE entries SET recorded_at = ? WHERE seq = ?").run(
      col(db, seq, "recorded_at").replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)),
      seq,
    ),
  type: (db, seq) =>
    db
      .prepare("UPDATE entries SET type = ? WHERE seq = ?")
      .run(col(db, seq, "type") === "statement" ? "declaration" : "statement", seq),
  date_first: (db, seq) =>
    db
      .prepare("UPDATE entries SET date_first = ? WHERE seq = ?")
      .run(nextDay(col(db, seq, "date_first")), seq),
  date_last: (db, seq) =>
    db.prepare("UPDATE entries SET date_last = ? WHERE seq = ?").run(nextDay(col(db, seq, "date_last")), seq),
  actors: (db, seq) => db.prepare("UPDATE entries SET actors = actors || 'XYZ|' WHERE seq = ?").run(seq),
  targets: (db, seq) =>
    db
      .prepare("UPDATE entries SET targets = CASE targets WHEN '' THEN '|USA|' ELSE '' END WHERE seq = ?")
      .run(seq),
  count: (db, seq) => db.prepare("UPDATE entries SET count = count + 1 WHERE seq = ?").run(seq),
  confidence: (db, seq) =>
    db
      .prepare(
        "UPDATE entries SET confidence = CASE confidence WHEN 'confirmed' THEN 'reported' ELSE 'confirmed' END WHERE seq = ?",
      )
      .run(seq),
  seq: (db, seq) => db.prepare("UPDATE entries SET seq = seq + 100000 WHERE seq = ?").run(seq),
};
const col = (db, seq, name) => db.prepare(`SELECT ${name} FROM entries WHERE seq = ?`).pluck().get(seq);
const nextDay = (d) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isNaN(t) ? d + "x" : new Date(t + 864e5).toISOString().slice(0, 10);
};

/** The cases: kind, name, which detector the docs say catches it, the change, and a token to try over HTTP. */
function tamperCases(info) {
  const cases = [];
  /**
   * expect: "verify" (lockstep verify alone catches it, docs/event-model.md "What is protected"), "against" (only
   * verify --against a checkpoint signed before), "limit" (documented as caught by neither, or harmless: `why`).
   * api: { secret, routes: ["editor"|"admin"], accept } where accept says the docs let the token work.
   */
  const add = (kind, name, expect, apply, extra = {}) => cases.push({ kind, name, expect, apply, ...extra });
  const { last, mid } = info;
  const t = info.tokens;
  for (const seq of [1, 2, mid, last - 1, last])
    for (const [column, change] of Object.entries(COLUMN_CHANGES))
      add("entry column", `entry ${seq}: ${column} changed with SQL`, "verify", (f) =>
        attack(f, (db) => change(db, seq)),
      );

  // Bytes of the file, outside SQLite.
  for (const seq of [1, mid, last])
    add("file bytes", `entry ${seq}: a byte of its body changed in the file`, "verify", (f) => {
      const body = withDb(f, (db) => col(db, seq, "body"));
      const piece = body.slice(Math.floor(body.length / 2), Math.floor(body.length / 2) + 16);
      editPages(f, "entries", piece, flipLetter(piece).slice(0, piece.length), PROBES.entries);
    });
  add("file bytes", `entry ${mid}: a byte of its hash changed in the file`, "verify", (f) => {
    const hash = withDb(f, (db) => col(db, mid, "hash"));
    editPages(f, "entries", hash, flipHex(hash), PROBES.entries);
  });
  add("file bytes", `entry ${mid}: a byte of its recorded_at changed in the file`, "verify", (f) => {
    const at = withDb(f, (db) => col(db, mid, "recorded_at"));
    editPages(
      f,
      "entries",
      at,
      at.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)),
      PROBES.entries,
    );
  });
  add("file bytes", `entry ${mid}: a byte of its id changed in the table's page`, "verify", (f) => {
    const id = withDb(f, (db) => col(db, mid, "id"));
    editPages(f, "entries", id, flipHex(id), PROBES.entries);
  });

  // Rows.
  add("rows", "entry 1 deleted", "verify", (f) =>
    attack(f, (db) => db.prepare("DELETE FROM entries WHERE seq = 1").run()),
  );
  add("rows", `entry ${mid} deleted`, "verify", (f) =>
    attack(f, (db) => db.prepare("DELETE FROM entries WHERE seq = ?").run(mid)),
  );
  add("rows", `entry ${mid} and ${mid + 1} swapped (their seq exchanged)`, "verify", (f) =>
    attack(f, (db) => {
      db.prepare("UPDATE entries SET seq = -1 WHERE seq = ?").run(mid);
      db.prepare("UPDATE entries SET seq = ? WHERE seq = ?").run(mid, mid + 1);
      db.prepare("UPDATE entries SET seq = ? WHERE seq = -1").run(mid + 1);
    }),
  );
  add("rows", `bodies of entries ${mid} and ${mid + 1} swapped`, "verify", (f) =>
    attack(f, (db) => {
      const [a, b] = [col(db, mid, "body"), col(db, mid + 1, "body")];
      db.prepare("UPDATE entries SET body = ? WHERE seq = ?").run(b, mid);
      db.prepare("UPDATE entries SET body = ? WHERE seq = ?").run(a, mid + 1);
    }),
  );
  add("rows", "an invented entry appended with a wrong link", "verify", (f) =>
    attack(f, (db) => {
      const e = bodyOf(db, mid);
      const id = insertEntry(db, last + 1, { ...e, count: e.count + 7 }, new Date().toISOString());
      db.prepare("UPDATE entries SET prev_hash = ?, hash = ? WHERE id = ?").run(GENESIS, sha256(id), id);
    }),
  );
  add("rows", "an invented entry put before entry 1 (seq 0, its link computed)", "verify", (f) =>
    attack(f, (db) => {
      const e = bodyOf(db, mid);
      const at = col(db, 1, "recorded_at");
      const id = insertEntry(db, 0, { ...e, count: e.count + 9 }, at);
      const body = db.prepare("SELECT body FROM entries WHERE seq = 0").pluck().get();
      db.prepare("UPDATE entries SET prev_hash = ?, hash = ? WHERE id = ?").run(
        GENESIS,
        link(GENESIS, 0, at, body),
        id,
      );
    }),
  );
  for (const seq of [0, -5])
    add("rows", `an invented entry at seq ${seq}, its hashes garbage`, "verify", (f) =>
      attack(f, (db) => {
        const e = bodyOf(db, mid);
        const id = insertEntry(db, seq, { ...e, count: e.count + 20 - seq }, col(db, 1, "recorded_at"));
        db.prepare("UPDATE entries SET prev_hash = 'x', hash = 'y' WHERE id = ?").run(id);
      }),
    );
  add("rows", "an entry appended with its link right (after the checkpoint)", "limit", (f) =>
    attack(f, (db) => {
      const e = bodyOf(db, mid);
      const at = new Date().toISOString();
      insertEntry(db, last + 1, { ...e, count: e.count + 11 }, at);
      rehashEntries(db);
    }),
  );

  // Supersessions.
  add("supersessions", "a row added: a current event hidden", "verify", (f) =>
    attack(f, (db) =>
      db.prepare("INSERT INTO supersessions (old_id, new_seq) VALUES (?, ?)").run(info.current, last),
    ),
  );
  add("supersessions", "a row removed: a superseded event back", "verify", (f) =>
    attack(f, (db) =>
      db.prepare("DELETE FROM supersessions WHERE rowid = (SELECT min(rowid) FROM supersessions)").run(),
    ),
  );
  add("supersessions", "a row's old_id changed", "verify", (f) =>
    attack(f, (db) =>
      db
        .prepare("UPDATE supersessions SET old_id = ? WHERE rowid = (SELECT min(rowid) FROM supersessions)")
        .run(info.current),
    ),
  );
  add("supersessions", "a row's new_seq changed", "verify", (f) =>
    attack(f, (db) =>
      db
        .prepare(
          "UPDATE supersessions SET new_seq = new_seq + 1 WHERE rowid = (SELECT min(rowid) FROM supersessions)",
        )
        .run(),
    ),
  );
  add("supersessions", "a row duplicated", "verify", (f) =>
    attack(f, (db) =>
      db
        .prepare(
          "INSERT INTO supersessions SELECT old_id, new_seq FROM supersessions WHERE rowid = (SELECT min(rowid) FROM supersessions)",
        )
        .run(),
    ),
  );
  add("supersessions", "every row deleted", "verify", (f) =>
    attack(f, (db) => db.exec("DELETE FROM supersessions")),
  );

  // Indexes and pages.
  add("index/page", "index entries_date: a date changed in its page", "verify", (f) =>
    editPages(f, "entries_date", info.midDate, nextDay(info.midDate), PROBES.entries_date),
  );
  add("index/page", "index entries_type_date: missile_launch -> missile_lounch in its page", "verify", (f) =>
    editPages(f, "entries_type_date", "missile_launch", "missile_lounch", PROBES.entries_type_date),
  );
  add("index/page", "index supersessions_old: an id changed in its page", "verify", (f) =>
    editPages(f, "supersessions_old", info.superseded, flipHex(info.superseded), PROBES.supersessions_old),
  );
  add("index/page", "the entries id index: an id changed in its page", "verify", (f) =>
    editPages(
      f,
      "sqlite_autoindex_entries_1",
      info.midId,
      flipHex(info.midId),
      PROBES.sqlite_autoindex_entries_1,
    ),
  );
  add("index/page", "the tokens hash index: the editor's hash changed in its page", "verify", (f) => {
    const hash = sha256(t.editor.token);
    try {
      editPages(f, "sqlite_autoindex_tokens_2", hash, flipHex(hash), PROBES.sqlite_autoindex_tokens_2);
    } catch {
      editPages(f, "sqlite_autoindex_tokens_1", hash, flipHex(hash), PROBES.sqlite_autoindex_tokens_1);
    }
  });
  add("index/page", "index entries_type_date dropped", "verify", (f) =>
    attack(f, (db) => db.exec("DROP INDEX entries_type_date")),
  );
  add(
    "index/page",
    "index entries_date redefined on date_last",
    "limit",
    (f) =>
      attack(f, (db) => db.exec("DROP INDEX entries_date; CREATE INDEX entries_date ON entries(date_last)")),
    { why: "harmless: SQLite no longer uses it for date_first, so queries stay right, only slower" },
  );
  add("index/page", "index supersessions_old made partial (new_seq < 500)", "verify", (f) =>
    attack(f, (db) =>
      db.exec(
        "DROP INDEX supersessions_old; CREATE INDEX supersessions_old ON supersessions(old_id) WHERE new_seq < 500",
      ),
    ),
  );
  add("index/page", "an entries page zeroed", "verify", (f) =>
    editPage(f, "entries", (bytes, start, size) => bytes.fill(0, start, start + size)),
  );
  add("index/page", "an entries page's cell count set to 0", "verify", (f) =>
    editPage(f, "entries", (bytes, start) => {
      const at = start + (start === 0 ? 100 : 0);
      bytes[at + 3] = 0;
      bytes[at + 4] = 0;
    }),
  );
  add("index/page", "an entries_date page zeroed", "verify", (f) =>
    editPage(f, "entries_date", (bytes, start, size) => bytes.fill(0, start, start + size)),
  );
  add("index/page", "the file cut to 80% of its size", "verify", (f) => {
    withDb(f, (db) => db.pragma("wal_checkpoint(TRUNCATE)"));
    truncateSync(f, Math.floor(sizeOf(f) * 0.8));
  });
  add("index/page", "the file's header overwritten", "verify", (f) => {
    const bytes = readFileSync(f);
    Buffer.from("Not a ledger 3\0\0").copy(bytes, 0);
    writeFileSync(f, bytes);
  });

  // Tails cut (only a checkpoint shows them).
  for (const n of [1, 10, 100])
    add("cut tail", `the last ${n} entries cut (and their supersessions)`, "against", (f) =>
      attack(f, (db) => {
        db.prepare("DELETE FROM supersessions WHERE new_seq > ?").run(last - n);
        db.prepare("DELETE FROM entries WHERE seq > ?").run(last - n);
      }),
    );
  add("cut tail", "every entry cut", "against", (f) =>
    attack(f, (db) => db.exec("DELETE FROM supersessions; DELETE FROM entries")),
  );
  add("cut tail", "the last import row cut", "against", (f) =>
    attack(f, (db) => db.exec("DELETE FROM imports WHERE id = (SELECT max(id) FROM imports)")),
  );

  // Rewrites with every later hash recomputed.
  const rewrite = (name, change) =>
    add("rewrite + rehash", name, "against", (f) => attack(f, (db) => (change(db), rehashEntries(db))));
  rewrite("entry 1: count changed, every hash recomputed", (db) =>
    writeEntry(db, 1, { ...bodyOf(db, 1), count: 99 }),
  );
  rewrite(`entry ${mid}: actors changed, every hash recomputed`, (db) =>
    writeEntry(db, mid, { ...bodyOf(db, mid), actors: ["USA"] }),
  );
  rewrite(`entry ${last}: date changed, every hash recomputed`, (db) =>
    writeEntry(db, last, { ...bodyOf(db, last), date: "2026-04-20" }),
  );
  rewrite(`entry ${mid} removed, the rest renumbered, every hash recomputed`, (db) => {
    db.prepare("DELETE FROM supersessions WHERE new_seq = ?").run(mid);
    db.prepare("DELETE FROM entries WHERE seq = ?").run(mid);
    shiftEntries(db, mid + 1, -1);
  });
  rewrite(`an invented entry put at ${mid}, the rest renumbered, every hash recomputed`, (db) => {
    shiftEntries(db, mid, 1);
    const e = bodyOf(db, mid + 1);
    insertEntry(db, mid, { ...e, count: e.count + 13 }, col(db, mid + 1, "recorded_at"));
  });
  rewrite(`entries ${mid} and ${mid + 1} swapped, every hash recomputed`, (db) => {
    const [a, b] = [bodyOf(db, mid), bodyOf(db, mid + 1)];
    db.prepare("UPDATE entries SET id = 'swap' WHERE seq = ?").run(mid);
    writeEntry(db, mid + 1, a);
    writeEntry(db, mid, b);
    db.prepare("UPDATE supersessions SET new_seq = -1 WHERE new_seq = ?").run(mid);
    db.prepare("UPDATE supersessions SET new_seq = ? WHERE new_seq = ?").run(mid, mid + 1);
    db.prepare("UPDATE supersessions SET new_seq = ? WHERE new_seq = -1").run(mid + 1);
  });
  rewrite("the ledger rebuilt: every recorded_at moved a day, every hash recomputed", (db) =>
    db.exec("UPDATE entries SET recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '-1 day')"),
  );
  rewrite(`a current event hidden: entry ${last} made to supersede it, every hash recomputed`, (db) => {
    const e = bodyOf(db, last);
    writeEntry(db, last, { ...e, supersedes: [...(e.supersedes ?? []), info.current].sort() });
    db.prepare("INSERT INTO supersessions (old_id, new_seq) VALUES (?, ?)").run(info.current, last);
  });

  // Checkpoints forged to go with a rewrite.
  const rewriteMid = (f) =>
    attack(f, (db) => (writeEntry(db, mid, { ...bodyOf(db, mid), count: 77 }), rehashEntries(db)));
  add(
    "checkpoint forged",
    "rewrite + the checkpoint's head edited to the new one (signature left)",
    "against",
    rewriteMid,
    {
      checkpoint: async (f, dir, real) => {
        const head = withDb(f, (db) =>
          db.prepare("SELECT hash FROM entries WHERE seq = ?").pluck().get(info.cpEntries),
        );
        const lines = readFileSync(real, "utf8").split("\n");
        lines[2] = head;
        const forged = path.join(dir, "forged.cp");
        writeFileSync(forged, lines.join("\n"));
        return forged;
      },
    },
  );
  add(
    "checkpoint forged",
    "rewrite + a checkpoint signed by the attacker's key of the same name",
    "against",
    rewriteMid,
    {
      checkpoint: async (f, dir) => {
        const key = path.join(dir, "attacker.key");
        const forged = path.join(dir, "forged.cp");
        await run(["checkpoint", "keygen", "--out", key, "--name", info.keyName, "--force"]);
        const r = await run(["checkpoint", "--key", key, "--db", f, "--out", forged]);
        if (r.code !== 0) throw new Error(`the attacker's checkpoint failed: ${r.stderr}`);
        return forged;
      },
    },
  );
  add("checkpoint forged", "rewrite + the checkpoint's signature line removed", "against", rewriteMid, {
    checkpoint: async (_f, dir, real) => {
      const text = readFileSync(real, "utf8");
      const forged = path.join(dir, "forged.cp");
      writeFileSync(forged, text.slice(0, text.lastIndexOf("\n\n") + 1));
      return forged;
    },
  });

  // Tokens.
  const forged = "lst_" + randomBytes(32).toString("base64url");
  const now = new Date().toISOString();
  const tokenCase = (name, expect, change, api) =>
    add("tokens", name, expect, (f) => attack(f, change), api ? { api } : {});
  tokenCase(
    "an admin row inserted with SQL (no log record)",
    "verify",
    (db) =>
      db
        .prepare("INSERT INTO tokens (id, hash, role, created_at) VALUES ('tok_forged0001', ?, 'admin', ?)")
        .run(sha256(forged), now),
    { secret: forged, routes: ["admin", "editor"] },
  );
  tokenCase(
    "an editor raised to admin in the tokens table",
    "verify",
    (db) => db.prepare("UPDATE tokens SET role = 'admin' WHERE id = ?").run(t.editor.id),
    { secret: t.editor.token, routes: ["admin", "editor"] },
  );
  tokenCase(
    "a revocation removed",
    "verify",
    (db) => db.prepare("UPDATE tokens SET revoked_at = NULL WHERE id = ?").run(t.revoked.id),
    { secret: t.revoked.token, routes: ["editor"] },
  );
  tokenCase(
    "an expiry removed",
    "verify",
    (db) => db.prepare("UPDATE tokens SET expires_at = NULL WHERE id = ?").run(t.expired.id),
    { secret: t.expired.token, routes: ["editor"] },
  );
  tokenCase(
    "an expiry moved to 2099",
    "verify",
    (db) =>
      db.prepare("UPDATE tokens SET expires_at = '2099-01-01T00:00:00.000Z' WHERE id = ?").run(t.expired.id),
    { secret: t.expired.token, routes: ["editor"] },
  );
  tokenCase(
    "the admin's hash replaced by the attacker's token's",
    "verify",
    (db) => db.prepare("UPDATE tokens SET hash = ? WHERE id = ?").run(sha256(forged), t.admin.id),
    { secret: forged, routes: ["admin"] },
  );
  tokenCase(
    "an editor's created_at changed",
    "verify",
    (db) =>
      db.prepare("UPDATE tokens SET created_at = '2001-01-01T00:00:00.000Z' WHERE id = ?").run(t.editor.id),
    { secret: t.editor.token, routes: ["editor"] },
  );
  tokenCase("the admin's row deleted", "verify", (db) =>
    db.prepare("DELETE FROM tokens WHERE id = ?").run(t.admin.id),
  );
  const appendLog = (db, record, rightHash) => {
    const lastLog = db.prepare("SELECT seq, hash FROM token_log ORDER BY seq DESC LIMIT 1").get();
    const body = canonicalJson(record);
    const seq = lastLog.seq + 1;
    db.prepare("INSERT INTO token_log (seq, recorded_at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?)").run(
      seq,
      now,
      body,
      lastLog.hash,
      rightHash ? link(lastLog.hash, seq, now, body) : sha256(body),
    );
  };
  tokenCase(
    "an admin row and its log record appended, the link right (after the checkpoint)",
    "limit",
    (db) => {
      db.prepare(
        "INSERT INTO tokens (id, hash, role, created_at) VALUES ('tok_forged0002', ?, 'admin', ?)",
      ).run(sha256(forged), now);
      appendLog(
        db,
        { action: "create", id: "tok_forged0002", hash: sha256(forged), role: "admin", createdAt: now },
        true,
      );
    },
    { secret: forged, routes: ["admin"], accept: true },
  );
  tokenCase(
    "an editor row and its log record appended with a wrong link",
    "verify",
    (db) => {
      db.prepare(
        "INSERT INTO tokens (id, hash, role, created_at) VALUES ('tok_forged0003', ?, 'editor', ?)",
      ).run(sha256(forged), now);
      appendLog(
        db,
        { action: "create", id: "tok_forged0003", hash: sha256(forged), role: "editor", createdAt: now },
        false,
      );
    },
    { secret: forged, routes: ["editor"] },
  );
  const logRecord = (db, id, action) =>
    db
      .prepare("SELECT seq, body FROM token_log")
      .all()
      .find((r) => {
        const b = JSON.parse(r.body);
        return b.id === id && b.action === action;
      });
  tokenCase(
    "an editor raised to admin in the table and its log record, the log rehashed",
    "against",
    (db) => {
      db.prepare("UPDATE tokens SET role = 'admin' WHERE id = ?").run(t.editor.id);
      const r = logRecord(db, t.editor.id, "create");
      db.prepare("UPDATE token_log SET body = ? WHERE seq = ?").run(
        canonicalJson({ ...JSON.parse(r.body), role: "admin" }),
        r.seq,
      );
      rehashTokenLog(db);
    },
    { secret: t.editor.token, routes: ["admin"], accept: true },
  );
  tokenCase(
    "a revocation undone in the table and the log (its record, the last, removed)",
    "against",
    (db) => {
      db.prepare("UPDATE tokens SET revoked_at = NULL WHERE id = ?").run(t.revoked.id);
      db.prepare("DELETE FROM token_log WHERE seq = ?").run(logRecord(db, t.revoked.id, "revoke").seq);
    },
    { secret: t.revoked.token, routes: ["editor"], accept: true },
  );
  tokenCase(
    "an expiry removed in the table and the log, the log rehashed",
    "against",
    (db) => {
      db.prepare("UPDATE tokens SET expires_at = NULL WHERE id = ?").run(t.expired.id);
      const r = logRecord(db, t.expired.id, "create");
      const { expiresAt: _gone, ...rest } = JSON.parse(r.body);
      db.prepare("UPDATE token_log SET body = ? WHERE seq = ?").run(canonicalJson(rest), r.seq);
      rehashTokenLog(db);
    },
    { secret: t.expired.token, routes: ["editor"], accept: true },
  );
  tokenCase(
    "a log record's role raised (and the row's), not rehashed",
    "verify",
    (db) => {
      db.prepare("UPDATE tokens SET role = 'admin' WHERE id = ?").run(t.editor.id);
      const r = logRecord(db, t.editor.id, "create");
      db.prepare("UPDATE token_log SET body = ? WHERE seq = ?").run(
        canonicalJson({ ...JSON.parse(r.body), role: "admin" }),
        r.seq,
      );
    },
    { secret: t.editor.token, routes: ["admin"] },
  );
  tokenCase("a token log record deleted (the second)", "verify", (db) =>
    db.exec("DELETE FROM token_log WHERE seq = 2"),
  );
  tokenCase("token log records 1 and 2 swapped", "verify", (db) =>
    db.exec(
      "UPDATE token_log SET seq = -1 WHERE seq = 1; UPDATE token_log SET seq = 1 WHERE seq = 2; UPDATE token_log SET seq = 2 WHERE seq = -1",
    ),
  );
  tokenCase(
    "the last log record (a revocation) removed, the table left",
    "verify",
    (db) => db.exec("DELETE FROM token_log WHERE seq = (SELECT max(seq) FROM token_log)"),
    { secret: t.revoked.token, routes: ["editor"] },
  );
  tokenCase("the token_log table dropped (the schema version left as it is)", "verify", (db) =>
    db.exec("DROP TABLE token_log"),
  );
  // A downgrade: the ledger made to look older than the logs (schema 4), so that the next command that opens it to
  // write migrates it and backfills the logs from the rows as it finds them, the forged one included.
  add(
    "tokens",
    "an admin row inserted, both logs and their triggers dropped, the schema version set to 4 (a downgrade)",
    "against",
    (f) =>
      withDb(f, (db) => {
        db.pragma("foreign_keys = OFF");
        db.transaction(() => {
          const triggers = db
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('imports', 'token_log')",
            )
            .pluck()
            .all();
          for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
          db.prepare(
            "INSERT INTO tokens (id, hash, role, created_at) VALUES ('tok_forged0004', ?, 'admin', ?)",
          ).run(sha256(forged), now);
          db.exec(
            "DROP TABLE token_log; DROP TABLE IF EXISTS verified; ALTER TABLE imports DROP COLUMN hash; ALTER TABLE imports DROP COLUMN prev_hash",
          );
          db.pragma("user_version = 4");
        })();
      }),
    { api: { secret: forged, routes: ["admin"], accept: true } },
  );

  // Imports.
  const importCase = (name, expect, change) => add("imports", name, expect, (f) => attack(f, change));
  importCase("an import's added count changed", "verify", (db) =>
    db.exec("UPDATE imports SET added = added + 1 WHERE id = 2"),
  );
  importCase("an import's file changed", "verify", (db) =>
    db.exec("UPDATE imports SET file = '/elsewhere.jsonl' WHERE id = 3"),
  );
  importCase("an import's finished_at changed", "verify", (db) =>
    db.exec("UPDATE imports SET finished_at = '2001-01-01T00:00:00.000Z' WHERE id = 4"),
  );
  importCase("an import's importer changed", "verify", (db) =>
    db.exec("UPDATE imports SET importer = 'csv' WHERE id = 2"),
  );
  importCase("an import row deleted (the third)", "verify", (db) =>
    db.exec("DELETE FROM imports WHERE id = 3"),
  );
  importCase("an import row inserted without a hash", "verify", (db) =>
    db.exec(
      "INSERT INTO imports (id, finished_at, importer, file, added, duplicates, rejected) VALUES (1000, '2030-01-01T00:00:00.000Z', 'jsonl', 'x.jsonl', 5, 0, 0)",
    ),
  );
  importCase("two import rows' ids swapped", "verify", (db) =>
    db.exec(
      "UPDATE imports SET id = -1 WHERE id = 2; UPDATE imports SET id = 2 WHERE id = 3; UPDATE imports SET id = 3 WHERE id = -1",
    ),
  );
  importCase("an import row rewritten, the log rehashed", "against", (db) => {
    db.exec("UPDATE imports SET added = 1 WHERE id = 2");
    rehashImports(db);
  });
  importCase("an import row appended with its link right (after the checkpoint)", "limit", (db) => {
    db.exec(
      "INSERT INTO imports (id, finished_at, importer, file, added, duplicates, rejected) VALUES (1000, '2030-01-01T00:00:00.000Z', 'jsonl', 'x.jsonl', 5, 0, 0)",
    );
    rehashImports(db);
  });
  importCase("the import log's hash columns dropped and an added count changed", "verify", (db) => {
    db.exec("ALTER TABLE imports DROP COLUMN hash; ALTER TABLE imports DROP COLUMN prev_hash");
    db.exec("UPDATE imports SET added = added + 100 WHERE id = 2");
  });
  return cases;
}

async function tamperCampaign(base) {
  const section = "tamper";
  const dir = path.join(TMP, "tamper");
  mkdirSync(dir);
  const db = copyLedger(base.db, path.join(dir, "base.db"));
  const key = path.join(dir, "signing.key");
  const pub = `${key}.pub`;
  const cp = path.join(dir, "checkpoint.txt");
  const keyName = "campaign.example/lockstep";
  for (const args of [
    ["checkpoint", "keygen", "--out", key, "--name", keyName],
    ["checkpoint", "--key", key, "--db", db, "--out", cp],
  ]) {
    const r = await run(args);
    if (r.code !== 0) throw new Error(`${cli(args)} failed: ${r.stderr}`);
  }
  for (const extra of [[], ["--against", cp, "--key", pub]]) {
    const v = await run(["verify", "--db", db, ...extra]);
    if (v.code !== 0)
      throw new Error(`the untouched ledger does not verify (${extra.join(" ")}): ${v.stderr}`);
  }
  const info = withDb(db, (d) => {
    const last = d.prepare("SELECT max(seq) FROM entries").pluck().get();
    const mid = Math.floor(last / 2);
    const superseded = d.prepare("SELECT old_id FROM supersessions ORDER BY rowid LIMIT 1").pluck().get();
    // A current event: not superseded, not a retraction.
    const current = d
      .prepare(
        "SELECT id FROM entries WHERE type != 'retraction' AND id NOT IN (SELECT old_id FROM supersessions) ORDER BY seq LIMIT 1 OFFSET 10",
      )
      .pluck()
      .get();
    return {
      last,
      mid,
      midId: col(d, mid, "id"),
      midDate: col(d, mid, "date_first"),
      superseded,
      current,
      cpEntries: Number(readFileSync(cp, "utf8").split("\n")[1]),
      keyName,
      tokens: base.tokens,
    };
  });
  let cases = tamperCases(info).filter((c) => wanted(c.name));
  if (QUICK) {
    const seen = new Set();
    cases = cases.filter((c, i) => {
      const first = !seen.has(c.kind);
      seen.add(c.kind);
      return first || (c.api && i % 4 === 0);
    });
  }
  log(`tamper: ${cases.length} cases on copies of the demo ledger, checkpoint signed before (${rel(cp)})`);
  const results = await inPool(cases, JOBS, async (c, i) => {
    const caseDir = path.join(dir, `case-${i}`);
    mkdirSync(caseDir);
    const file = copyLedger(db, path.join(caseDir, "ledger.db"));
    const result = { ...c, index: i, file };
    try {
      await c.apply(file);
    } catch (err) {
      result.setupError = err.message;
      return result;
    }
    let checkpoint = cp;
    if (c.checkpoint) checkpoint = await c.checkpoint(file, caseDir, cp);
    const v = await run(["verify", "--db", file], { timeoutMs: 300_000 });
    // A crash (a stack trace, a signal) is no catch: it is reported as a crash.
    const crashed = (r) => r.timedOut || r.signal || STACK.test(r.stderr) || (r.code !== 0 && r.code !== 1);
    const firstLines = (r) => r.stderr.trim().split("\n").slice(0, 3).join(" | ");
    result.verify = v.code !== 0 && !crashed(v);
    result.verifyMessage = (v.stderr || v.stdout).trim().split("\n")[0];
    if (v.timedOut) result.hang = "lockstep verify did not end within 300 s";
    else if (crashed(v))
      result.stack = `lockstep verify crashed (${v.signal ?? `exit ${v.code}`}): ${firstLines(v)}`;
    // --against also verifies: where verify alone catches it, so does --against.
    if (!result.verify || c.expect === "against" || c.checkpoint) {
      const a = await run(["verify", "--db", file, "--against", checkpoint, "--key", pub], {
        timeoutMs: 300_000,
      });
      result.against = a.code !== 0 && !crashed(a);
      result.againstMessage = a.stderr.trim().split("\n").slice(-1)[0];
      result.againstRun = true;
      if (crashed(a))
        result.stack = `lockstep verify --against crashed (${a.signal ?? `exit ${a.code}`}): ${firstLines(a)}`;
    } else result.against = true;
    if (c.api) {
      try {
        const server = await startServer(file, [], { timeoutMs: 120_000 });
        try {
          const answers = [];
          for (const route of c.api.routes) {
            const r =
              route === "admin"
                ? await send(server.url, {
                    path: "/api/tokens",
                    headers: { authorization: `Bearer ${c.api.secret}` },
                  })
                : await send(server.url, {
                    method: "POST",
                    path: "/api/events",
                    headers: { authorization: `Bearer ${c.api.secret}`, "content-type": "application/json" },
                    body: "[]",
                  });
            // Past the token check an admin route answers 200, the empty array 400: the token was taken.
            answers.push({
              route,
              status: r.status,
              taken: route === "admin" ? r.status === 200 : r.status === 400,
            });
          }
          result.apiAnswers = answers;
          result.apiRefused = answers.every((a) => a.status === 401 || a.status === 403);
        } finally {
          await server.stop();
        }
      } catch (err) {
        // A ledger the server will not open is a token refused too; say so.
        result.apiAnswers = [{ route: "start", status: 0, error: err.message.split("\n")[0] }];
        result.apiRefused = true;
      }
    }
    if (!opts.keep) rmSync(caseDir, { recursive: true, force: true });
    return result;
  });

  const kinds = new Map();
  let caught = 0;
  let byVerify = 0;
  let apiRefused = 0;
  let apiProbed = 0;
  let apiDocumented = 0;
  const notCaught = [];
  for (const r of results) {
    const k = kinds.get(r.kind) ?? {
      kind: r.kind,
      cases: 0,
      verify: 0,
      caught: 0,
      api: 0,
      apiProbed: 0,
      limits: 0,
      failed: 0,
    };
    kinds.set(r.kind, k);
    k.cases++;
    const repro = `node bench/campaign.mjs --only tamper --case ${sh(r.name)} --keep; then ${cli(["verify", "--db", rel(r.file)])}${r.againstRun || r.expect === "against" ? ` and ${cli(["verify", "--db", rel(r.file), "--against", rel(cp), "--key", rel(pub)])}` : ""}`;
    if (r.setupError) {
      fail(section, `[${r.kind}] ${r.name}: the campaign could not apply it: ${r.setupError}`, repro);
      k.failed++;
      continue;
    }
    const any = r.verify || r.against;
    if (r.verify) {
      byVerify++;
      k.verify++;
    }
    if (any) {
      caught++;
      k.caught++;
    }
    let bad;
    if (r.expect === "verify" && !r.verify)
      bad = `not caught by lockstep verify (the docs: verify alone catches it)${r.against ? "; --against catches it" : ", nor by --against"}`;
    if (r.expect === "against" && !r.against)
      bad = "not caught by verify --against the checkpoint signed before";
    if (r.expect === "limit" && !any) {
      k.limits++;
      notCaught.push(`${r.name} (${r.why ?? "documented: appended after the last checkpoint"})`);
    }
    if (r.api) {
      apiProbed++;
      k.apiProbed++;
      if (r.apiRefused) {
        apiRefused++;
        k.api++;
      }
      const shown = r.apiAnswers
        .map((a) => `${a.route} ${a.status}${a.error ? ` ${a.error}` : ""}`)
        .join(", ");
      if (!r.apiRefused && !r.api.accept)
        bad = `${bad ? bad + "; " : ""}the forged token was taken by the API (${shown})`;
      if (!r.apiRefused && r.api.accept) apiDocumented++;
      if (!r.apiRefused && r.api.accept)
        notes.push(
          `tamper: ${r.name}: the API takes the token (${shown}); documented: only a checkpoint shows it`,
        );
    }
    if (r.hang) bad = `${bad ? bad + "; " : ""}${r.hang}`;
    if (r.stack) bad = `${bad ? bad + "; " : ""}${r.stack}`;
    if (bad) {
      k.failed++;
      fail(section, `[${r.kind}] ${r.name}: ${bad}. verify said: ${r.verifyMessage || "(nothing)"}`, repro);
    }
  }
  const total = results.length;
  figures.push({
    n: "2",
    campaign: "tamperings of a ledger file",
    runs: String(total),
    figure: `caught ${caught}/${total} (verify alone ${byVerify}; the rest only --against); not caught: ${total - caught} (${notCaught.length} documented limits); forged tokens refused by the API ${apiRefused}/${apiProbed} (${apiDocumented} taken as the docs say)`,
    failures: [...kinds.values()].reduce((n, k) => n + k.failed, 0),
  });
  return { kinds: [...kinds.values()], notCaught };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. malformed files

/** test/fuzz/arbitraries.ts (and the zip fixture it uses) transpiled in memory, as bench/fuzz.mjs does on disk. */
async function loadArbitraries() {
  const { default: ts } = await import("typescript");
  const js = (file) =>
    ts.transpileModule(readFileSync(path.join(ROOT, file), "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
  const dataUrl = (text) => `data:text/javascript;base64,${Buffer.from(text).toString("base64")}`;
  const zip = dataUrl(js("test/importers/zip-fixture.ts"));
  const arbitraries = js("test/fuzz/arbitraries.ts")
    .replace(/from "fast-check"/g, `from ${JSON.stringify(import.meta.resolve("fast-check"))}`)
    .replace(/from "\.\.\/importers\/zip-fixture\.js"/g, `from ${JSON.stringify(zip)}`);
  return { ...(await import(dataUrl(arbitraries))), zipOneFile: (await import(zip)).zipOneFile };
}

function ledgerState(file) {
  return withDb(
    file,
    (db) => ({
      entries: db.prepare("SELECT count(*) FROM entries").pluck().get(),
      head:
        db.prepare("SELECT seq || ':' || hash FROM entries ORDER BY seq DESC LIMIT 1").pluck().get() ??
        "genesis",
      supersessions: db.prepare("SELECT count(*) FROM supersessions").pluck().get(),
      imports: db.prepare("SELECT count(*) FROM imports").pluck().get(),
    }),
    { readonly: true, fileMustExist: true },
  );
}

/** Hand-made files for what the first campaign found: long lines, zip bombs, deep nesting, binary, UTF-16. */
function handmadeFiles(zipOneFile) {
  const big = (n, byte) => Buffer.alloc(n, byte);
  return [
    {
      name: "a 2 MiB line (jsonl)",
      file: "long.jsonl",
      format: "jsonl",
      bytes: () => Buffer.concat([Buffer.from('{"x":"'), big(2 * 2 ** 20, 0x61), Buffer.from('"}\n')]),
    },
    {
      name: "a 32 MiB file with no newline (jsonl)",
      file: "endless.jsonl",
      format: "jsonl",
      bytes: () => big(32 * 2 ** 20, 0x61),
    },
    {
      name: "a zip bomb: 256 MiB of one byte (gdelt zip)",
      file: "20180612120000.export.CSV.zip",
      format: "gdelt",
      bytes: () => zipOneFile("20180612120000.export.CSV", big(256 * 2 ** 20, 0x41)),
    },
    { name: "an empty file (jsonl)", file: "empty.jsonl", format: "jsonl", bytes: () => Buffer.alloc(0) },
    { name: "a folder given as a file (jsonl)", file: "folder.jsonl", format: "jsonl", folder: true },
    { name: "a path that does not exist (csv)", file: "missing.csv", format: "csv", missing: true },
    {
      name: "64 KiB of random bytes (jsonl)",
      file: "random.jsonl",
      format: "jsonl",
      bytes: () => {
        const random = rng(SEED);
        return Buffer.from(Array.from({ length: 65536 }, () => Math.floor(random() * 256)));
      },
    },
    {
      name: "a UTF-16 CSV with its byte order mark (csv)",
      file: "utf16.csv",
      format: "csv",
      bytes: () =>
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from("date,type,actor\n2020-01-01,statement,PRK\n", "utf16le"),
        ]),
    },
    {
      name: "100 KiB of NUL bytes (gdelt)",
      file: "20180612120000.export.CSV",
      format: "gdelt",
      bytes: () => big(100 * 1024, 0),
    },
    {
      name: "a CSV header of 100,000 columns (csv)",
      file: "wide.csv",
      format: "csv",
      bytes: () =>
        Buffer.from(
          Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",") + "\n" + "x,".repeat(99_999) + "x\n",
        ),
    },
    {
      name: "JSON nested 400,000 deep on one line (jsonl)",
      file: "deep.jsonl",
      format: "jsonl",
      bytes: () => Buffer.from("[".repeat(400_000) + "]".repeat(400_000) + "\n"),
    },
    {
      name: "a CNS folder whose test.en.json is 4 MiB of '[' (cns)",
      file: "cns",
      format: "cns",
      folder: true,
      inside: { name: "test.en.json", bytes: () => big(4 * 2 ** 20, 0x5b) },
    },
  ];
}

async function filesCampaign() {
  const section = "files";
  const dir = path.join(TMP, "files");
  mkdirSync(dir);
  // (a) bench/fuzz.mjs with a small count: the in-process rule (InputError naming its place, ledger unchanged).
  const fuzzRuns = QUICK ? 10 : 50;
  let fuzzLine = "not run (--case)";
  if (!CASE) {
    log(`files: node bench/fuzz.mjs --runs ${fuzzRuns} (six formats)`);
    const fz = await runNode(
      [
        path.join(ROOT, "bench/fuzz.mjs"),
        "--runs",
        String(fuzzRuns),
        "--jobs",
        "2",
        "--time-limit",
        "20000",
        "--seed",
        String(1_100_000 + SEED),
      ],
      {
        timeoutMs: 1_800_000,
      },
    );
    const total = /total\s+cases (\d+), successes (\d+), clear errors (\d+), failures (\d+)/.exec(fz.stdout);
    fuzzLine = total
      ? `bench/fuzz.mjs ${total[1]} cases: ${total[2]} successes, ${total[3]} clear errors, ${total[4]} failures`
      : `bench/fuzz.mjs ended ${fz.signal ?? fz.code} without its total`;
    log(`files: ${fuzzLine}`);
    if (!total || Number(total[4]) > 0 || fz.code !== 0) {
      const lines = fz.stdout
        .split("\n")
        .filter((l) => /FAILURE|first:|^ {4}\S/.test(l))
        .slice(0, 30);
      fail(
        section,
        `bench/fuzz.mjs: ${fuzzLine}${lines.length ? "\n      " + lines.join("\n      ") : ""}${fz.stderr ? `\n      stderr: ${fz.stderr.trim().slice(0, 600)}` : ""}`,
        `node bench/fuzz.mjs --runs ${fuzzRuns} --seed ${1_100_000 + SEED}`,
      );
    }
  }

  // (b) cases of the same arbitraries and hand-made files, through the command line.
  const arb = await loadArbitraries();
  const { default: fc } = await import("fast-check");
  const perFormat = QUICK ? 4 : 48;
  const cases = [];
  ["jsonl", "csv", "gdelt", "gdelt-zip", "cns"].forEach((format, i) =>
    fc
      .sample(arb.IMPORT_CASES[format], { seed: SEED + i, numRuns: perFormat })
      .forEach((c, k) =>
        cases.push({ kind: format, name: `${format} #${k} (seed ${SEED + i})`, importCase: c }),
      ),
  );
  const agreementDir = path.join(ROOT, "scenarios/korea/agreements");
  const seeds = readdirSync(agreementDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readFileSync(path.join(agreementDir, f), "utf8"));
  fc.sample(arb.agreementCase(seeds), { seed: SEED + 5, numRuns: QUICK ? 2 : 16 }).forEach((c, k) =>
    cases.push({ kind: "agreement", name: `agreement #${k} (seed ${SEED + 5})`, agreementCase: c }),
  );
  for (const h of handmadeFiles(arb.zipOneFile)) cases.push({ kind: "hand-made", name: h.name, handmade: h });
  const selected = cases.filter((c) => wanted(c.name));

  // One small ledger per worker, never shared by two imports at once.
  const ledgers = Array.from({ length: JOBS }, (_, w) => path.join(dir, `ledger-${w}.db`));
  const seedFile = path.join(dir, "seed.jsonl");
  writeFileSync(seedFile, statements("seed", 20));
  for (const l of ledgers) {
    const r = await run(["import", seedFile, "--db", l]);
    if (r.code !== 0) throw new Error(`the seed import failed: ${r.stderr}`);
  }
  log(`files: ${selected.length} files through the command line (${JOBS} at a time)`);
  const tally = { total: 0, success: 0, clear: 0, failed: 0 };
  const kinds = new Map();
  await inPool(selected, JOBS, async (c, i, worker) => {
    const ledger = ledgers[worker];
    const caseDir = path.join(dir, `case-${i}`);
    mkdirSync(caseDir, { recursive: true });
    let args;
    let named;
    if (c.importCase) {
      const ic = c.importCase;
      for (const f of ic.files) {
        mkdirSync(path.dirname(path.join(caseDir, f.name)), { recursive: true });
        writeFileSync(path.join(caseDir, f.name), f.bytes);
      }
      named = ic.entry === "." ? caseDir : path.join(caseDir, ic.entry);
      args = ["import", named, "--format", ic.format, "--db", ledger];
      if (ic.options.skipInvalid)
        args.push("--skip-invalid", "--report", path.join(caseDir, "rejected.jsonl"));
      if (ic.options.actors?.length) args.push(`--actors=${ic.options.actors.join(",")}`);
      if (ic.options.maxLineBytes) args.push("--max-line-bytes", String(ic.options.maxLineBytes));
    } else if (c.agreementCase) {
      named = path.join(caseDir, "fuzz.yaml");
      writeFileSync(named, c.agreementCase.bytes ?? Buffer.from(c.agreementCase.text));
      args = ["check", named, "--as-of", "2020-01-01", "--db", ledger];
    } else {
      const h = c.handmade;
      named = path.join(caseDir, h.file);
      if (h.folder) mkdirSync(named, { recursive: true });
      if (h.inside) writeFileSync(path.join(named, h.inside.name), h.inside.bytes());
      if (h.bytes) writeFileSync(named, h.bytes());
      args = ["import", named, "--format", h.format, "--db", ledger];
    }
    const before = ledgerState(ledger);
    const r = await run(args, { timeoutMs: 120_000 });
    const after = ledgerState(ledger);
    const k = kinds.get(c.kind) ?? { kind: c.kind, total: 0, success: 0, clear: 0, failed: 0 };
    kinds.set(c.kind, k);
    tally.total++;
    k.total++;
    const problems = [];
    const output = r.stderr + r.stdout;
    if (r.timedOut) problems.push("no end within 120 s (killed)");
    else if (r.signal) problems.push(`died of ${r.signal}`);
    if (STACK.test(output)) problems.push("a stack trace in its output");
    let outcome;
    if (!r.timedOut && !r.signal && r.code === 0) {
      outcome = "success";
      const added = [...r.stdout.matchAll(/; (\d+) added/g)].reduce((n, m) => n + Number(m[1]), 0);
      if (c.importCase || c.handmade)
        if (after.entries - before.entries !== added)
          problems.push(
            `said ${added} added, but the ledger went from ${before.entries} to ${after.entries} entries`,
          );
      if (c.agreementCase && JSON.stringify(after) !== JSON.stringify(before))
        problems.push("check changed the ledger");
    } else if (!r.timedOut && !r.signal) {
      outcome = "error";
      const first = (c.agreementCase ? r.stderr || r.stdout : r.stderr).split("\n")[0];
      if (!first.startsWith("lockstep: "))
        problems.push(`its error does not start "lockstep: …": ${JSON.stringify(first.slice(0, 200))}`);
      if (!first.includes(named) && !first.includes(caseDir))
        problems.push(
          `the first line of its error does not name the file: ${JSON.stringify(first.slice(0, 300))}`,
        );
      if (INTERNAL.test(first))
        problems.push(`its error shows an internal error: ${JSON.stringify(first.slice(0, 300))}`);
      if (JSON.stringify(after) !== JSON.stringify(before))
        problems.push(
          `a failed import changed the ledger: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
        );
    }
    if (problems.length) {
      tally.failed++;
      k.failed++;
      const shown = c.importCase ? ` ${JSON.stringify(c.importCase.mutations).slice(0, 200)}` : "";
      fail(
        section,
        `${c.name}:${shown} ${problems.join("; ")}`,
        `node bench/campaign.mjs --only files --case ${sh(c.name)} --keep; then ${cli(args.map(rel))}`,
      );
    } else if (outcome === "success") {
      tally.success++;
      k.success++;
    } else {
      tally.clear++;
      k.clear++;
    }
    if (!opts.keep) rmSync(caseDir, { recursive: true, force: true });
  });
  for (const l of ledgers) {
    const v = await run(["verify", "--db", l]);
    if (v.code !== 0)
      fail(
        section,
        `a worker's ledger does not verify after its imports: ${v.stderr.trim()}`,
        cli(["verify", "--db", rel(l)]),
      );
  }
  figures.push({
    n: "3",
    campaign: "malformed files",
    runs: `${tally.total} (+ fuzz.mjs)`,
    figure: `clear errors ${tally.clear}/${tally.total}, successes ${tally.success}, failures ${tally.failed}; ${fuzzLine}`,
    failures:
      tally.failed +
      failures.filter((f) => f.section === section && f.what.startsWith("bench/fuzz.mjs")).length,
  });
  return { kinds: [...kinds.values()] };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. hostile requests

/** Values that are not a plain decimal whole number, or are out of any sensible range. */
const LOOSE_NUMBERS = [
  "Infinity",
  "-Infinity",
  "NaN",
  "1e3",
  "1e+3",
  "1e400",
  "1e-3",
  "-1",
  "-0",
  "0x10",
  "0X10",
  "0b1",
  "0o7",
  "1.5",
  "1.0",
  "0.0",
  "",
  " 5",
  "5 ",
  "\t5",
  "+5",
  "99999999999999999999",
  "9007199254740993",
  "1_000",
  "1,000",
  "10abc",
  "١٠",
  "５",
  "0e0",
  "2e0",
  "infinity",
  "+Infinity",
  "null",
  "true",
  "[]",
  "{}",
];
const BAD_DATES = [
  "0000-00-00",
  "2020-13-01",
  "2020-02-30",
  "99999-01-01",
  "-2020-01-01",
  "2020-1-1",
  "20200101",
  "2020-01-01T00:00:00Z",
  "2020/01/01",
  "now",
  "2020-01-01' OR '1'='1",
];

function hostileRequests(ctx) {
  const { tokens: t, created } = ctx;
  const list = [];
  const add = (cat, name, req, check) => list.push({ cat, name, ...req, check });
  const bearer = (secret) => ({ authorization: `Bearer ${secret}` });
  const json = { "content-type": "application/json" };
  let n = 0;
  const newEvent = () => JSON.stringify(meeting(`hostile ${++n}`));
  const q = (params) =>
    Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join("&");

  // Tokens on every write route.
  const writeRoutes = [
    { route: "POST /api/events", method: "POST", path: "/api/events", headers: json, body: newEvent },
    {
      route: "POST /api/imports",
      method: "POST",
      path: "/api/imports?format=jsonl",
      headers: { "content-type": "application/x-ndjson" },
      body: () => statements(`hostile import ${++n}`, 2),
    },
    {
      route: "POST /api/tokens",
      method: "POST",
      path: "/api/tokens",
      headers: json,
      body: () => '{"role":"admin"}',
    },
    { route: "GET /api/tokens", method: "GET", path: "/api/tokens" },
    { route: "DELETE /api/tokens/:id", method: "DELETE", path: `/api/tokens/${t.victim.id}` },
  ];
  const badAuth = [
    ["no Authorization", {}],
    ["Bearer and nothing", { authorization: "Bearer" }],
    ["Bearer and a space", { authorization: "Bearer " }],
    ["Basic credentials", { authorization: "Basic dXNlcjpwYXNz" }],
    ["a garbled token", bearer("garbage!!")],
    ["a random lst_ token", bearer("lst_" + randomBytes(32).toString("base64url"))],
    ["a revoked token", bearer(t.revoked.token)],
    ["an expired token", bearer(t.expired.token)],
    ["the stored SHA-256 of the editor's token", bearer(sha256(t.editor.token))],
    ["the editor's token cut short", bearer(t.editor.token.slice(0, -1))],
    ["the editor's token and one more character", bearer(t.editor.token + "x")],
    ["the editor's token in upper case", bearer(t.editor.token.toUpperCase())],
    ["an 8 KiB token", bearer("lst_" + "A".repeat(8192))],
    ["the editor's token and a second word", { authorization: `Bearer ${t.editor.token} extra` }],
    ["scheme Token", { authorization: `Token ${t.editor.token}` }],
    ["the token's id as the token", bearer(t.editor.id)],
  ];
  for (const w of writeRoutes)
    for (const [name, headers] of badAuth)
      add("bad tokens on write routes", `${w.route} with ${name}`, {
        method: w.method,
        path: w.path,
        headers: { ...w.headers, ...headers },
        body: w.body?.(),
      });
  for (const w of writeRoutes.slice(2))
    add("editor token on admin routes", `${w.route} with an editor token`, {
      method: w.method,
      path: w.path,
      headers: { ...w.headers, ...bearer(t.editor.token) },
      body: w.body?.(),
    });
  add("editor token on admin routes", "POST /api/tokens {role: editor} with an editor token", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.editor.token) },
    body: '{"role":"editor"}',
  });

  // Numbers.
  const REACT = {
    cause: "actor=USA type=military_exercise",
    effect: "actor=PRK type=missile_launch",
    from: "2015-01-01",
    to: "2019-12-31",
    permutations: "100",
  };
  const XY = { x: "actor=USA", y: "actor=PRK", from: "2010-01-01", to: "2020-12-31" };
  const numeric = [
    ["/api/events", {}, "limit"],
    ["/api/events", {}, "offset"],
    ["/api/analysis/react", REACT, "permutations"],
    ["/api/analysis/react", REACT, "seed"],
    ["/api/analysis/react", REACT, "minShift"],
    ["/api/analysis/react", REACT, "k"],
    ["/api/analysis/granger", XY, "maxlag"],
    ["/api/analysis/granger", { ...XY, maxlag: "4" }, "lag"],
    ["/api/analysis/xcorr", XY, "maxlag"],
    ["/api/analysis/reciprocity", { a: "PRK", b: "USA" }, "lags"],
  ];
  for (const [route, base, param] of numeric)
    for (const value of LOOSE_NUMBERS) {
      // A seed may be any whole number, negative ones included.
      if (param === "seed" && (value === "-1" || value === "-0")) continue;
      add("numbers", `${route} ${param}=${JSON.stringify(value)}`, {
        path: `${route}?${q({ ...base, [param]: value })}`,
      });
    }
  for (const [route, base] of [
    ["/api/events", {}],
    ["/api/events/facets", {}],
    ["/api/analysis/react", REACT],
  ])
    for (const value of ["yes", "2", "tru", "TRUE", "1 ", "null", "[]", "-1"]) {
      const param = route.endsWith("react") ? "seasonal" : "history";
      add("numbers", `${route} ${param}=${JSON.stringify(value)}`, {
        path: `${route}?${q({ ...base, [param]: value })}`,
      });
    }

  // Ranges and limits.
  const analyses = [
    ["/api/analysis/react", { cause: REACT.cause, effect: REACT.effect, permutations: "100" }],
    ["/api/analysis/granger", { x: "actor=USA", y: "actor=PRK" }],
    ["/api/analysis/xcorr", { x: "actor=USA", y: "actor=PRK" }],
    ["/api/analysis/reciprocity", { a: "PRK", b: "USA" }],
  ];
  for (const [route, base] of analyses) {
    add("ranges and limits", `${route} from 0001-01-01 to 9999-12-31`, {
      path: `${route}?${q({ ...base, from: "0001-01-01", to: "9999-12-31" })}`,
    });
    add("ranges and limits", `${route} from 9999-12-31 to 0001-01-01`, {
      path: `${route}?${q({ ...base, from: "9999-12-31", to: "0001-01-01" })}`,
    });
    add("ranges and limits", `${route} from 1900-01-01 to 2030-12-31 (131 years)`, {
      path: `${route}?${q({ ...base, from: "1900-01-01", to: "2030-12-31" })}`,
    });
    for (const d of BAD_DATES) {
      add("ranges and limits", `${route} from=${JSON.stringify(d)}`, {
        path: `${route}?${q({ ...base, from: d })}`,
      });
      add("ranges and limits", `${route} to=${JSON.stringify(d)}`, {
        path: `${route}?${q({ ...base, to: d })}`,
      });
    }
  }
  for (const d of BAD_DATES) {
    add("ranges and limits", `/api/events from=${JSON.stringify(d)}`, {
      path: `/api/events?${q({ from: d })}`,
    });
    add("ranges and limits", `/api/events to=${JSON.stringify(d)}`, { path: `/api/events?${q({ to: d })}` });
    add("ranges and limits", `evaluation asOf=${JSON.stringify(d)}`, {
      path: `/api/agreements/moratorium-2018/evaluation?${q({ asOf: d })}`,
    });
  }
  const limits = [
    ["/api/analysis/granger", { ...XY, maxlag: "61" }],
    ["/api/analysis/granger", { ...XY, maxlag: "60", freq: "day", from: "1926-01-01", to: "2025-12-31" }],
    ["/api/analysis/granger", { ...XY, maxlag: "4", lag: "5" }],
    ["/api/analysis/xcorr", { ...XY, maxlag: "367" }],
    ["/api/analysis/reciprocity", { a: "PRK", b: "USA", lags: "25" }],
    ["/api/analysis/react", { ...REACT, k: "367" }],
    ["/api/analysis/react", { ...REACT, permutations: "100001" }],
    ["/api/events", { limit: "1001" }],
    ["/api/events", { q: "x".repeat(201) }],
    ["/api/events", { after: "A".repeat(401) }],
    ["/api/events", { after: Buffer.from(JSON.stringify([{}, 1])).toString("base64url") }],
    ["/api/events", { sort: "date;DROP TABLE entries" }],
  ];
  for (const [route, params] of limits)
    add("ranges and limits", `${route} ${JSON.stringify(params).slice(0, 120)}`, {
      path: `${route}?${q(params)}`,
    });
  // Legal but heavy: an answer (200), or a refusal that says why (503 past the time limit); the server stays up.
  const heavyOk = (r) =>
    r.status >= 500 && !(r.status === 503 && r.json?.error)
      ? `server error ${r.status}`
      : r.status === 0
        ? `no answer (${r.error})`
        : undefined;
  for (let i = 0; i < 12; i++)
    add(
      "heavy but legal",
      `react over 100 years of days, 100000 permutations, k=366 (seed ${i})`,
      {
        path: `/api/analysis/react?${q({ cause: "actor=USA", effect: "actor=PRK", from: "1926-01-01", to: "2025-12-31", permutations: "100000", k: "366", seed: String(1000 + i) })}`,
        timeoutMs: 120_000,
      },
      heavyOk,
    );
  for (const asOf of ["9999-12-31", "0001-01-01"])
    add(
      "heavy but legal",
      `evaluation asOf=${asOf}`,
      { path: `/api/agreements/moratorium-2018/evaluation?asOf=${asOf}`, timeoutMs: 120_000 },
      heavyOk,
    );
  add(
    "heavy but legal",
    "granger maxlag=60 over 2000 weeks",
    {
      path: `/api/analysis/granger?${q({ x: "actor=USA", y: "actor=PRK", freq: "week", maxlag: "60", from: "1986-01-01", to: "2025-12-31" })}`,
      timeoutMs: 120_000,
    },
    heavyOk,
  );
  add(
    "heavy but legal",
    "events offset=9007199254740991",
    { path: "/api/events?offset=9007199254740991" },
    heavyOk,
  );
  for (const params of [{ window: "0..100000" }, { window: "-100000..0" }, { minShift: "1000000" }])
    add(
      "heavy but legal",
      `react ${JSON.stringify(params)}`,
      { path: `/api/analysis/react?${q({ ...REACT, ...params })}`, timeoutMs: 120_000 },
      heavyOk,
    );

  // Bodies over the limit: 413, or the connection closed by the server before the body was all sent.
  const oneMiB = 2 ** 20;
  const tooLarge = (r) => (r.status === 0 && /^(EPIPE|ECONNRESET)$/.test(r.error) ? undefined : refusal(r));
  const filler = (bytes) => JSON.stringify(["x".repeat(bytes)]);
  add(
    "bodies over the limit",
    "POST /api/events 1 MiB + 1 KiB",
    {
      method: "POST",
      path: "/api/events",
      headers: { ...json, ...bearer(t.editor.token) },
      body: filler(oneMiB + 1024),
    },
    tooLarge,
  );
  add(
    "bodies over the limit",
    "POST /api/events 8 MiB",
    {
      method: "POST",
      path: "/api/events",
      headers: { ...json, ...bearer(t.editor.token) },
      body: filler(8 * oneMiB),
    },
    tooLarge,
  );
  add(
    "bodies over the limit",
    "POST /api/events 2 MiB chunked (no Content-Length)",
    {
      method: "POST",
      path: "/api/events",
      headers: { ...json, ...bearer(t.editor.token), "transfer-encoding": "chunked" },
      body: filler(2 * oneMiB),
      chunkBytes: 64 * 1024,
    },
    tooLarge,
  );
  add(
    "bodies over the limit",
    "POST /api/imports 10 MiB + 1 byte",
    {
      method: "POST",
      path: "/api/imports?format=jsonl",
      headers: { "content-type": "application/x-ndjson", ...bearer(t.editor.token) },
      body: Buffer.alloc(10 * oneMiB + 1, 0x20),
    },
    tooLarge,
  );
  add(
    "bodies over the limit",
    "POST /api/imports 24 MiB",
    {
      method: "POST",
      path: "/api/imports?format=jsonl",
      headers: { "content-type": "application/x-ndjson", ...bearer(t.editor.token) },
      body: Buffer.alloc(24 * oneMiB, 0x20),
    },
    tooLarge,
  );
  add(
    "bodies over the limit",
    "POST /api/tokens 2 MiB (admin)",
    {
      method: "POST",
      path: "/api/tokens",
      headers: { ...json, ...bearer(t.admin.token) },
      body: filler(2 * oneMiB),
    },
    tooLarge,
  );
  add(
    "bodies over the limit",
    "POST /api/events 2 MiB without a token",
    {
      method: "POST",
      path: "/api/events",
      headers: json,
      body: filler(2 * oneMiB),
    },
    tooLarge,
  );

  // Invalid JSON, to a route that reads JSON with a token that may write there.
  const invalid = [
    ["{", "{"],
    ["an object cut short", '{"type":'],
    ["nul", "nul"],
    ["[1,2", "[1,2"],
    ["NaN", "NaN"],
    ["a trailing comma", '{"type":"statement",}'],
    ["single quotes", "{'type':'statement'}"],
    ["a NUL byte", "\u0000"],
    ["two objects", '{"a":1}{"b":2}'],
    ["400,000 [", "[".repeat(400_000)],
    ["200,000 nested objects", '{"a":'.repeat(200_000) + "1" + "}".repeat(200_000)],
    ["a string", '"text"'],
    ["a number", "123"],
    ["true", "true"],
    ["null", "null"],
    ["XML", "<event/>"],
    [
      "1e400 in a field",
      JSON.stringify(meeting("big number")).replace('"count"', '"x"').replace("}", ',"count":1e400}'),
    ],
    ["a lone surrogate", '{"type":"statement","note":"\\ud800"}'],
  ];
  for (const [route, token] of [
    ["/api/events", t.editor.token],
    ["/api/tokens", t.admin.token],
  ])
    for (const [name, body] of invalid)
      add("invalid JSON", `POST ${route}: ${name}`, {
        method: "POST",
        path: route,
        headers: { ...json, ...bearer(token) },
        body,
      });
  add("invalid JSON", "POST /api/events: valid JSON sent as text/plain", {
    method: "POST",
    path: "/api/events",
    headers: { "content-type": "text/plain", ...bearer(t.editor.token) },
    body: newEvent(),
  });
  add("invalid JSON", "POST /api/events: valid JSON with no content type", {
    method: "POST",
    path: "/api/events",
    headers: bearer(t.editor.token),
    body: newEvent(),
  });

  // Prototype pollution.
  const event = meeting("pollution");
  const proto = [
    ["__proto__ at the top of an event", `{"__proto__":{"admin":true},${JSON.stringify(event).slice(1)}`],
    [
      "constructor.prototype at the top",
      `{"constructor":{"prototype":{"admin":true}},${JSON.stringify(event).slice(1)}`,
    ],
    [
      "__proto__ in attributes",
      JSON.stringify(event).replace('"attributes":{', '"attributes":{"__proto__":{"x":1},'),
    ],
    [
      "__proto__ in a source",
      JSON.stringify(event).replace('"sources":[{', '"sources":[{"__proto__":{"x":1},'),
    ],
    ["__proto__ in an array's event", `[{"__proto__":{"x":1},${JSON.stringify(event).slice(1)}]`],
    [
      "prototype as an attribute",
      JSON.stringify({ ...event, attributes: { ...event.attributes, prototype: { x: 1 } } }),
    ],
  ];
  for (const [name, body] of proto)
    add("prototype pollution", `POST /api/events: ${name}`, {
      method: "POST",
      path: "/api/events",
      headers: { ...json, ...bearer(t.editor.token) },
      body,
    });
  add("prototype pollution", "POST /api/tokens {role: editor, __proto__: {role: admin}}", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":"editor","__proto__":{"role":"admin"}}',
  });
  add("prototype pollution", "POST /api/tokens {role: editor, constructor: {prototype: {role: admin}}}", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":"editor","constructor":{"prototype":{"role":"admin"}}}',
  });
  for (const query of [
    "__proto__=x",
    "__proto__[admin]=1",
    "constructor[prototype][x]=1",
    "where=__proto__%3Dx",
    "constructor=x",
    "prototype=1",
    "hasOwnProperty=1",
    "toString=x",
  ])
    add("prototype pollution", `GET /api/events?${query}`, { path: `/api/events?${query}` });
  add("prototype pollution", "react cause with __proto__=x", {
    path: `/api/analysis/react?${q({ ...REACT, cause: "actor=USA __proto__=x" })}`,
  });
  add("prototype pollution", "POST /api/imports: a JSON line with __proto__", {
    method: "POST",
    path: "/api/imports?format=jsonl",
    headers: { "content-type": "application/x-ndjson", ...bearer(t.editor.token) },
    body: `{"__proto__":{"admin":true},${JSON.stringify(meeting("proto import")).slice(1)}\n`,
  });
  add("prototype pollution", "POST /api/imports: a CSV with a __proto__ column", {
    method: "POST",
    path: "/api/imports?format=csv&filename=x.csv",
    headers: { "content-type": "text/csv", ...bearer(t.editor.token) },
    body: "type,date,actor,__proto__,source_title\nstatement,2020-01-01,PRK,x,t\n",
  });

  // Path traversal.
  const secretish = (r) =>
    /root:x:0:0|"name":\s*"lockstep"|BEGIN PRIVATE KEY|SQLite format 3/.test(r.text)
      ? "it answered with a file's content"
      : undefined;
  const traversal = [
    "/api/agreements/..%2F..%2Fpackage.json/evaluation",
    "/api/agreements/%2e%2e%2f%2e%2e%2fetc%2fpasswd/evaluation",
    "/api/agreements/....%2F%2F....%2F%2Fetc%2Fpasswd/evaluation",
    "/api/agreements/..%5C..%5Cpackage.json/evaluation",
    "/api/agreements/%00/evaluation",
    "/api/agreements/moratorium-2018%00.yaml/evaluation",
    "/api/agreements/moratorium-2018.yaml/evaluation",
    "/api/agreements/..%2Fmoratorium-2018/evaluation",
    `/api/agreements/${"a".repeat(10_000)}/evaluation`,
    "/api/agreements/../../../../etc/passwd",
    "/api/agreements/../../package.json/evaluation",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/assets/..%2f..%2f..%2fpackage.json",
    "/..%2f..%2f..%2fpackage.json",
    "/api/docs/..%2f..%2f..%2fpackage.json",
    "/api/docs/static/..%2f..%2f..%2f..%2fpackage.json",
    "/index.html/..%2f..%2f..%2fpackage.json",
  ];
  for (const p of traversal)
    add(
      "path traversal",
      `GET ${p.length > 90 ? p.slice(0, 90) + "…" : p}`,
      { path: p },
      (r) => secretish(r) ?? (r.status >= 200 && r.status < 300 ? `accepted: ${r.status}` : refusal(r)),
    );
  add("path traversal", "DELETE /api/tokens/..%2F..%2Fx (admin)", {
    method: "DELETE",
    path: "/api/tokens/..%2F..%2Fx",
    headers: bearer(t.admin.token),
  });
  const planted = path.join(TMP, "planted.jsonl");
  ctx.planted = planted;
  const plantedRel = path.relative(CHILD_TMP, planted);
  const existing = JSON.stringify(meeting("an event already in the ledger"));
  for (const filename of [
    `../../../../../../..${planted}`,
    `../${plantedRel}`,
    planted,
    "..",
    "../../etc/passwd",
    "a/../../b.jsonl",
  ])
    add(
      "path traversal",
      `POST /api/imports filename=${filename.replace(TMP, "$CAMPAIGN")}`,
      {
        method: "POST",
        path: `/api/imports?${q({ format: "jsonl", filename })}`,
        headers: { "content-type": "application/x-ndjson", ...bearer(t.editor.token) },
        body: existing + "\n",
      },
      (r) =>
        existsSync(planted)
          ? "a file was written where the filename pointed"
          : r.status >= 500
            ? `server error ${r.status}`
            : r.status === 201
              ? `added events: ${r.text.slice(0, 100)}`
              : undefined,
    );

  // Unknown parameters and members (README: "an unknown parameter or member is refused (400)").
  for (const p of [
    "/api/health",
    "/api/verify",
    "/api/audit",
    "/api/coverage",
    "/api/agreements",
    "/api/events/facets",
  ])
    add("unknown parameters", `GET ${p}?bogus=1`, { path: `${p}?bogus=1` });
  add("unknown parameters", "GET /api/events?bogus=1", { path: "/api/events?bogus=1" });
  add("unknown parameters", "GET /api/tokens?bogus=1 (admin)", {
    path: "/api/tokens?bogus=1",
    headers: bearer(t.admin.token),
  });
  add("unknown parameters", "GET evaluation ?asOf=2020-01-01&bogus=1", {
    path: "/api/agreements/moratorium-2018/evaluation?asOf=2020-01-01&bogus=1",
  });
  for (const [route, base] of analyses)
    add("unknown parameters", `GET ${route}?…&bogus=1`, { path: `${route}?${q({ ...base, bogus: "1" })}` });
  add("unknown parameters", "POST /api/events?bogus=1", {
    method: "POST",
    path: "/api/events?bogus=1",
    headers: { ...json, ...bearer(t.editor.token) },
    body: newEvent(),
  });
  add("unknown parameters", "POST /api/imports?bogus=1", {
    method: "POST",
    path: "/api/imports?format=jsonl&bogus=1",
    headers: { "content-type": "application/x-ndjson", ...bearer(t.editor.token) },
    body: statements(`hostile import ${++n}`, 1),
  });
  add("unknown parameters", "POST /api/tokens?bogus=1 (admin)", {
    method: "POST",
    path: "/api/tokens?bogus=1",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":"editor"}',
  });
  add("unknown parameters", "DELETE /api/tokens/:id?bogus=1 (admin)", {
    method: "DELETE",
    path: `/api/tokens/${t.victim2.id}?bogus=1`,
    headers: bearer(t.admin.token),
  });
  add("unknown parameters", "POST /api/events: an unknown member", {
    method: "POST",
    path: "/api/events",
    headers: { ...json, ...bearer(t.editor.token) },
    body: JSON.stringify({ ...meeting(`member ${++n}`), bogus: 1 }),
  });
  add("unknown parameters", "POST /api/events: an unknown member in a source", {
    method: "POST",
    path: "/api/events",
    headers: { ...json, ...bearer(t.editor.token) },
    body: JSON.stringify({
      ...meeting(`member ${++n}`),
      sources: [{ title: "t", url: "https://example.org/x", bogus: 1 }],
    }),
  });
  add("unknown parameters", "POST /api/tokens: an unknown member (admin)", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":"editor","bogus":1}',
  });
  add("unknown parameters", "POST /api/tokens: role as an array (admin)", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":["admin"]}',
  });
  add("unknown parameters", "POST /api/tokens: expires P0D (admin)", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":"editor","expires":"P0D"}',
  });
  add("unknown parameters", "POST /api/tokens: expires -P1D (admin)", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":"editor","expires":"-P1D"}',
  });
  add("unknown parameters", "POST /api/tokens: expires P99999999Y (admin)", {
    method: "POST",
    path: "/api/tokens",
    headers: { ...json, ...bearer(t.admin.token) },
    body: '{"role":"editor","expires":"P99999999Y"}',
  });

  // SQL in filters: refused, or an answer that does not widen the filter.
  const narrow = (r) => {
    if (r.status >= 400 && r.status < 500) return undefined;
    if (r.status !== 200) return `status ${r.status}`;
    return typeof r.json?.total === "number" && r.json.total >= created.allEvents
      ? `the filter matched all ${r.json.total} events`
      : undefined;
  };
  for (const query of [
    { q: "' OR '1'='1" },
    { type: "missile_launch' OR '1'='1" },
    { actor: "PRK') OR 1=1 --" },
    { where: "class=ICBM' OR '1'='1" },
    { target: 'x" OR ""="' },
    { q: "%' --" },
    { q: "%" },
  ])
    add(
      "SQL in filters",
      `GET /api/events?${q(query)}`.slice(0, 120),
      { path: `/api/events?${q(query)}` },
      narrow,
    );
  // A cursor's value is bound, not spliced: an answer (the total counts all matches whatever the cursor) or a refusal.
  for (const cursor of [
    ["x' OR 1=1 --", 1],
    ["9999", -1],
    ["2020-01-01", 1e300],
  ])
    add(
      "SQL in filters",
      `GET /api/events?after=${JSON.stringify(cursor)}`,
      { path: `/api/events?sort=-date&after=${Buffer.from(JSON.stringify(cursor)).toString("base64url")}` },
      heavyOk,
    );

  return list;
}

/** The default judgement: the request had to be refused (4xx, or a 503 that says why). */
function refusal(r) {
  if (r.status === 0 || r.status === -1) return `no answer (${r.error})`;
  if (r.status >= 200 && r.status < 300)
    return `accepted: ${r.status} ${r.text.slice(0, 120).replace(/\s+/g, " ")}`;
  if (r.status === 503 && r.json?.error) return undefined;
  if (r.status >= 500) return `server error ${r.status} ${r.text.slice(0, 120)}`;
  return undefined;
}

/** Malformed HTTP and slow clients, on raw sockets. */
function rawHostile(token, admin) {
  const host = "Host: 127.0.0.1\r\n";
  return [
    {
      name: "a 64 KiB header",
      payload: `GET /api/health HTTP/1.1\r\n${host}X-Big: ${"a".repeat(65536)}\r\n\r\n`,
    },
    { name: "a 100 KiB URL", payload: `GET /api/events?q=${"a".repeat(102400)} HTTP/1.1\r\n${host}\r\n` },
    {
      name: "Content-Length and Transfer-Encoding both",
      payload: `POST /api/events HTTP/1.1\r\n${host}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    },
    {
      name: "a chunk size that is not hex",
      payload: `POST /api/events HTTP/1.1\r\n${host}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    },
    {
      name: "Content-Length: 10^12",
      payload: `POST /api/events HTTP/1.1\r\n${host}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n{}`,
    },
    {
      name: "two Content-Length headers that disagree",
      payload: `POST /api/events HTTP/1.1\r\n${host}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}`,
    },
    { name: "a NUL byte in a header", payload: `GET /api/health HTTP/1.1\r\n${host}X-A: a\u0000b\r\n\r\n` },
    { name: "a request line of garbage", payload: "GARBAGE\r\n\r\n" },
    { name: "no Host header", payload: "GET /api/events HTTP/1.1\r\n\r\n" },
    { name: "method FOO", payload: `FOO /api/events HTTP/1.1\r\n${host}\r\n` },
    {
      name: "two Authorization headers (a bad one first)",
      payload: `GET /api/tokens HTTP/1.1\r\n${host}Authorization: Bearer nonsense\r\nAuthorization: Bearer ${admin}\r\n\r\n`,
    },
  ];
}

async function hostileCampaign(base) {
  const section = "hostile";
  const dir = path.join(TMP, "hostile");
  mkdirSync(dir);
  const db = copyLedger(base.db, path.join(dir, "ledger.db"));
  const server = await startServer(db, ["--analysis-timeout", "5", "--request-timeout", "5"]);
  const before = withDb(db, (d) => d.prepare("SELECT count(*) FROM entries").pluck().get(), {
    readonly: true,
  });
  // Health, sampled by a process of its own (this one is busy sending) every 200 ms.
  const sampler = track(
    spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const url = process.env.HEALTH_URL;
         for (;;) {
           const t = performance.now();
           let status;
           try { const r = await fetch(url, { signal: AbortSignal.timeout(10000) }); await r.arrayBuffer(); status = r.status; }
           catch (e) { status = "error " + (e.cause?.code ?? e.name); }
           const ms = performance.now() - t;
           console.log(JSON.stringify({ ms, status }));
           await new Promise((r) => setTimeout(r, Math.max(0, 200 - ms)));
         }`,
      ],
      { env: { ...CHILD_ENV, HEALTH_URL: `${server.url}/api/health` }, stdio: ["ignore", "pipe", "ignore"] },
    ),
  );
  const samples = [];
  let sampleBuffer = "";
  sampler.stdout.setEncoding("utf8");
  sampler.stdout.on("data", (d) => {
    sampleBuffer += d;
    for (let nl = sampleBuffer.indexOf("\n"); nl >= 0; nl = sampleBuffer.indexOf("\n")) {
      const s = parseJson(sampleBuffer.slice(0, nl));
      sampleBuffer = sampleBuffer.slice(nl + 1);
      if (s) samples.push(s);
    }
  });
  // The event the path-traversal imports send is in the ledger already: they can add nothing.
  await send(server.url, {
    method: "POST",
    path: "/api/events",
    headers: { authorization: `Bearer ${base.tokens.editor.token}`, "content-type": "application/json" },
    body: JSON.stringify(meeting("an event already in the ledger")),
  });
  const all = await send(server.url, { path: "/api/events?limit=0" });
  const created = { allEvents: all.json?.total ?? Infinity };
  const ctx = { tokens: base.tokens, created };
  const list = hostileRequests(ctx).filter((r) => wanted(r.name));
  const raw = rawHostile(base.tokens.editor.token, base.tokens.admin.token).filter((r) => wanted(r.name));
  const slow =
    CASE && !wanted("slowloris")
      ? []
      : [
          ...Array.from({ length: 3 }, (_, i) => ({
            name: `slowloris: headers a byte a second (${i + 1})`,
            payload: "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            trickle: "X-Slow: ab\r\n".split(""),
          })),
          ...Array.from({ length: 3 }, (_, i) => ({
            name: `slowloris: a body a byte a second (${i + 1})`,
            payload: `POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${base.tokens.editor.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
            trickle: ["["],
          })),
          {
            name: "slowloris: an import body a byte a second",
            payload: `POST /api/imports?format=jsonl HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${base.tokens.editor.token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n`,
            trickle: ["{"],
          },
          { name: "slowloris: connected, nothing sent", payload: "", trickle: undefined },
        ];
  const quickList = QUICK ? list.filter((_, i) => i % 5 === 0 || list[i].cat === "heavy but legal") : list;
  log(
    `hostile: ${quickList.length} requests, ${raw.length} malformed HTTP, ${slow.length} slow clients against ${server.url} (--analysis-timeout 5 --request-timeout 5)`,
  );

  const results = [];
  const judge = (r, res) => {
    let problem = (r.check ?? refusal)(res);
    if (!problem && (STACK.test(res.text) || /"stack"\s*:/.test(res.text)))
      problem = "a stack trace in the answer";
    results.push({
      ...r,
      status: res.status,
      ms: res.ms,
      problem,
      answer: res.text.slice(0, 160).replace(/\s+/g, " "),
    });
  };
  const slowDone = inPool(slow, slow.length || 1, async (s) => {
    const res = await rawRequest(server.url, s.payload, { timeoutMs: 20_000, trickle: s.trickle });
    // Cut off near --request-timeout 5 (Node checks every half second): by 9 s at the latest.
    let problem;
    if (res.stillOpen) problem = "still open after 20 s";
    else if (res.closedAfterMs > 9000)
      problem = `cut off only after ${(res.closedAfterMs / 1000).toFixed(1)} s`;
    else if (res.status >= 200 && res.status < 300) problem = `accepted: ${res.status}`;
    results.push({
      cat: "slowloris",
      name: s.name,
      status: res.status,
      ms: res.closedAfterMs,
      problem,
      answer: res.text.slice(0, 80).replace(/\s+/g, " "),
    });
  });
  await inPool(quickList, 8, async (r) =>
    judge(r, await send(server.url, { ...r, timeoutMs: r.timeoutMs ?? 60_000 })),
  );
  for (const r of raw) {
    const res = await rawRequest(server.url, r.payload, { timeoutMs: 15_000 });
    let problem;
    if (res.stillOpen) problem = "no answer in 15 s";
    else if (res.status >= 200 && res.status < 300)
      problem = `accepted: ${res.status} ${res.text.split("\r\n\r\n")[1]?.slice(0, 100) ?? ""}`;
    else if (res.status >= 500) problem = `server error ${res.status}`;
    results.push({
      cat: "malformed HTTP",
      name: r.name,
      status: res.status,
      ms: res.closedAfterMs,
      problem,
      answer: res.text.split("\r\n")[0],
    });
  }
  await slowDone;
  await sleep(400);
  sampler.kill("SIGKILL");
  const crashed = server.exited();
  const after = withDb(db, (d) => d.prepare("SELECT count(*) FROM entries").pluck().get(), {
    readonly: true,
  });
  await server.stop();
  const verify = await run(["verify", "--db", db]);

  const cats = new Map();
  for (const r of results) {
    const c = cats.get(r.cat) ?? { cat: r.cat, requests: 0, accepted: 0, errors: 0, problems: 0 };
    cats.set(r.cat, c);
    c.requests++;
    if (!r.problem) continue;
    c.problems++;
    if (/^accepted|^added|matched all|written/.test(r.problem)) c.accepted++;
    else if (/server error|no answer|still open|cut off/.test(r.problem)) c.errors++;
  }
  // Failures grouped: one line per category and route/parameter, with the first request to reproduce.
  const groups = new Map();
  for (const r of results.filter((x) => x.problem)) {
    const key = `${r.cat} | ${r.cat === "numbers" ? r.name.replace(/=.*/, "") : r.name}`;
    const g = groups.get(key) ?? { r, names: [] };
    groups.set(key, g);
    g.names.push(r.cat === "numbers" ? r.name.replace(/^[^=]*=/, "") : "");
  }
  for (const [key, g] of groups) {
    const r = g.r;
    const curl = r.path
      ? `curl -si -X ${r.method ?? "GET"} ${sh(`http://127.0.0.1:PORT${r.path}`)}${Object.entries(
          r.headers ?? {},
        )
          .map(([k, v]) => ` -H ${sh(`${k}: ${String(v).length > 80 ? String(v).slice(0, 40) + "…" : v}`)}`)
          .join(
            "",
          )}${r.body !== undefined ? ` --data-binary ${r.body.length > 200 ? "@BODY" : sh(String(r.body))}` : ""}`
      : `node bench/campaign.mjs --only hostile --case ${sh(r.name)}`;
    const values = g.names.filter(Boolean);
    fail(
      section,
      `${key}${values.length ? ` — taken: ${values.join(" ")}` : ""}: ${r.problem}${r.answer && !r.problem.includes(r.answer.slice(0, 30)) ? ` (answer: ${r.answer.slice(0, 100)})` : ""}`,
      `lockstep serve --db DEMO --analysis-timeout 5 --request-timeout 5; ${curl}`,
    );
  }
  if (crashed)
    fail(
      section,
      `the server ended during the campaign (${crashed})`,
      "node bench/campaign.mjs --only hostile",
    );
  if (verify.code !== 0)
    fail(
      section,
      `the ledger does not verify after the hostile requests: ${verify.stderr.trim()}`,
      cli(["verify", "--db", rel(db)]),
    );
  if (server.errors.length)
    notes.push(
      `hostile: the server logged ${server.errors.length} error(s); first: ${server.errors[0].slice(0, 600)}`,
    );
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  const max = latencies.at(-1) ?? NaN;
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? NaN;
  const slowHealth = samples.filter((s) => s.ms >= 500).length;
  const healthErrors = samples.filter((s) => s.status !== 200).length;
  if (!(max < 500))
    fail(
      section,
      `/api/health took up to ${max.toFixed(0)} ms (${slowHealth} of ${samples.length} samples at 500 ms or more; load average ${loadavg()})`,
      "node bench/campaign.mjs --only hostile",
    );
  if (healthErrors)
    fail(
      section,
      `/api/health failed ${healthErrors} of ${samples.length} times`,
      "node bench/campaign.mjs --only hostile",
    );
  const cutOff = results.filter((r) => r.cat === "slowloris" && !r.problem).map((r) => r.ms / 1000);
  const accepted = results.filter(
    (r) => r.problem && /^accepted|^added|matched all|written/.test(r.problem),
  ).length;
  const errors = results.filter((r) => r.problem && /server error|no answer/.test(r.problem)).length;
  const other = results.filter((r) => r.problem).length - accepted - errors;
  figures.push({
    n: "4",
    campaign: "hostile requests",
    runs: String(results.length),
    figure: `accepted hostile requests ${accepted + errors}/${results.length} (2xx where a refusal was due ${accepted}, 5xx or no answer ${errors}); other problems ${other}; health max ${max.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms over ${samples.length} samples${cutOff.length ? `; slow clients cut off after ${Math.min(...cutOff).toFixed(1)}-${Math.max(...cutOff).toFixed(1)} s` : ""}; ledger entries ${before} -> ${after}`,
    failures: groups.size + (crashed ? 1 : 0) + (max < 500 ? 0 : 1) + (healthErrors ? 1 : 0),
  });
  return { cats: [...cats.values()] };
}

// ---------------------------------------------------------------------------------------------------------------
// 5. concurrent writers

async function writersCampaign(base) {
  const section = "writers";
  const dir = path.join(TMP, "writers");
  mkdirSync(dir);
  const seconds = QUICK ? 6 : 20;
  const db = copyLedger(base.db, path.join(dir, "ledger.db"));
  const server = await startServer(db);
  const token = base.tokens.editor.token;
  const deadline = performance.now() + seconds * 1000;
  /** Every operation: its writer, tag (events' subject prefix), how many events it sent, and how many it reported added. */
  const ops = [];
  const cliWriter = async (name) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const tag = `${name}-${i}`;
      // The first file of each is over 4 MiB: the large-import path (a second thread; bulk mode if alone).
      const n = i === 0 ? 26_000 : 1500;
      const file = path.join(dir, `${tag}.jsonl`);
      writeFileSync(file, statements(tag, n));
      const r = await run(["import", file, "--db", db], { timeoutMs: 300_000 });
      const added = r.code === 0 ? Number(/; (\d+) added/.exec(r.stdout)?.[1] ?? NaN) : 0;
      ops.push({
        writer: name,
        tag,
        sent: n,
        added,
        error: r.code === 0 ? undefined : (r.stderr || `exit ${r.signal ?? r.code}`).trim().split("\n")[0],
      });
      rmSync(file, { force: true });
    }
  };
  const apiRetry = async (request) => {
    for (let attempt = 0; ; attempt++) {
      const r = await request();
      if (r.status !== 503 || attempt > 200) return r;
      await sleep(200);
    }
  };
  const apiImport = async () => {
    for (let i = 0; performance.now() < deadline; i++) {
      const tag = `api-${i}`;
      const body = statements(tag, 1000);
      const r = await apiRetry(() =>
        send(server.url, {
          method: "POST",
          path: "/api/imports?format=jsonl",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
          body,
          timeoutMs: 120_000,
        }),
      );
      ops.push({
        writer: "API import",
        tag,
        sent: 1000,
        added: r.status === 201 ? r.json.added : 0,
        error: r.status === 201 ? undefined : `${r.status} ${r.error ?? r.text.slice(0, 120)}`,
      });
    }
  };
  const apiPosts = async () => {
    for (let i = 0; performance.now() < deadline; i++) {
      const tag = `post-${i}`;
      const n = 1 + (i % 5);
      const events = statements(tag, n)
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const r = await apiRetry(() =>
        send(server.url, {
          method: "POST",
          path: "/api/events",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(events),
          timeoutMs: 60_000,
        }),
      );
      ops.push({
        writer: "POST /api/events",
        tag,
        sent: n,
        added: r.status === 201 ? r.json.added : 0,
        error: r.status === 201 ? undefined : `${r.status} ${r.error ?? r.text.slice(0, 120)}`,
      });
    }
  };
  log(
    `writers: ${seconds} s of two CLI import loops, an API import loop and a POST /api/events loop on one ledger`,
  );
  await Promise.all([cliWriter("cli-a"), cliWriter("cli-b"), apiImport(), apiPosts()]);
  await server.stop();
  const v = await verifyJson(db);
  const inLedger = withDb(
    db,
    (d) =>
      new Map(
        d
          .prepare(
            "SELECT substr(s, 1, instr(s, ' ') - 1) AS tag, count(*) AS n FROM (SELECT json_extract(body, '$.attributes.subject') AS s FROM entries WHERE seq > ?) GROUP BY tag",
          )
          .all(base.entries)
          .map((r) => [r.tag, r.n]),
      ),
    { readonly: true },
  );
  let reported = 0;
  let lost = 0;
  let unreported = 0;
  const byWriter = new Map();
  for (const op of ops) {
    const held = inLedger.get(op.tag) ?? 0;
    inLedger.delete(op.tag);
    const w = byWriter.get(op.writer) ?? { writer: op.writer, operations: 0, failed: 0, sent: 0, added: 0 };
    byWriter.set(op.writer, w);
    w.operations++;
    w.sent += op.sent;
    w.added += Number.isFinite(op.added) ? op.added : 0;
    if (op.error) w.failed++;
    reported += Number.isFinite(op.added) ? op.added : 0;
    if (held < op.added) {
      lost += op.added - held;
      fail(
        section,
        `${op.writer} ${op.tag}: reported ${op.added} added, the ledger holds ${held}`,
        "node bench/campaign.mjs --only writers",
      );
    } else if (held > op.added) {
      unreported += held - op.added;
      fail(
        section,
        `${op.writer} ${op.tag}: reported ${op.added} added${op.error ? ` (${op.error})` : ""}, yet the ledger holds ${held}`,
        "node bench/campaign.mjs --only writers",
      );
    }
    if (held !== 0 && held !== op.sent)
      fail(
        section,
        `${op.writer} ${op.tag}: ${held} of its ${op.sent} events in the ledger: a partial write`,
        "node bench/campaign.mjs --only writers",
      );
  }
  for (const [tag, n] of inLedger)
    fail(
      section,
      `${n} events tagged ${tag} in the ledger that no writer sent`,
      "node bench/campaign.mjs --only writers",
    );
  const entries = v.report?.entries;
  if (!v.report?.ok)
    fail(
      section,
      `the ledger does not verify after the writers: ${v.stderr.trim() || v.stdout.slice(0, 300)}`,
      cli(["verify", "--db", rel(db)]),
    );
  if (entries !== base.entries + reported)
    fail(
      section,
      `the ledger holds ${entries} entries; ${base.entries} + ${reported} reported added = ${base.entries + reported}`,
      "node bench/campaign.mjs --only writers",
    );
  const writers = [...byWriter.values()];
  figures.push({
    n: "5",
    campaign: "concurrent writers",
    runs: `${seconds} s, 4 writers, ${ops.length} operations`,
    figure: `lost events ${lost} (reported added ${reported}, ledger holds ${entries - base.entries} new); unreported writes ${unreported}; ${writers.map((w) => `${w.writer}: ${w.operations} ops, ${w.added} added${w.failed ? `, ${w.failed} refused` : ""}`).join("; ")}`,
    failures: failures.filter((f) => f.section === section).length,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The run

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (cells) => cells.map((c, i) => String(c ?? "").padEnd(widths[i])).join(" | ");
  return [
    line(columns),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...rows.map((r) => line(columns.map((c) => r[c]))),
  ].join("\n");
}

let head = "?";
try {
  head = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: ROOT,
    timeout: 20_000,
    encoding: "utf8",
  }).trim();
} catch {
  // not a git checkout
}
console.log(
  `Lockstep fault and attack campaign (issue 11)${QUICK ? ", quick" : ""}: commit ${head} (dist/ built ${statSync(MAIN).mtime.toISOString()}), seed ${SEED}, sections ${[...ONLY].join(",")}`,
);
console.log(
  `machine: ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; load average at start ${loadavg()}`,
);
console.log(`temporary folder: ${TMP}${opts.keep ? " (kept)" : " (removed at the end)"}`);

const detail = {};
let base;
const needsBase = [...ONLY].some((s) => s !== "files");
try {
  if (needsBase) base = await buildBase();
} catch (err) {
  fail("setup", `the demo ledger could not be built: ${err.message}`, cli(["demo", "--db", "demo.db"]));
}
for (const [name, fn] of [
  ["kill", killCampaign],
  ["tamper", tamperCampaign],
  ["files", filesCampaign],
  ["hostile", hostileCampaign],
  ["writers", writersCampaign],
]) {
  if (!ONLY.has(name) || (name !== "files" && !base)) continue;
  const started = performance.now();
  log(`== ${name} (load average ${loadavg()})`);
  try {
    detail[name] = await fn(base);
  } catch (err) {
    fail(
      name,
      `the campaign's own run of this section stopped: ${err.stack ?? err}`,
      `node bench/campaign.mjs --only ${name}`,
    );
  }
  log(`== ${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
for (const c of live) c.kill("SIGKILL");

console.log("");
console.log(
  `Figures (load average at end ${loadavg()}; ${((performance.now() - T0) / 1000).toFixed(0)} s in all):`,
);
figures.push({
  n: "6",
  campaign: "load",
  runs: "-",
  figure: "run separately: node bench/server.mjs --route events --rate 200|1000 [--entries 1000000]",
  failures: "-",
});
console.log(
  table(
    figures.sort((a, b) => a.n.localeCompare(b.n)),
    ["n", "campaign", "runs", "figure", "failures"],
  ),
);
if (detail.tamper) {
  console.log("\nTamperings by kind (caught: by verify, or else by verify --against the checkpoint):");
  console.log(
    table(
      detail.tamper.kinds.map((k) => ({
        kind: k.kind,
        cases: k.cases,
        "verify alone": k.verify,
        caught: k.caught,
        "API refused": k.apiProbed ? `${k.api}/${k.apiProbed}` : "",
        "documented limits": k.limits || "",
        failures: k.failed,
      })),
      ["kind", "cases", "verify alone", "caught", "API refused", "documented limits", "failures"],
    ),
  );
  if (detail.tamper.notCaught.length)
    console.log(`Not caught by either (documented): ${detail.tamper.notCaught.join("; ")}`);
}
if (detail.files) {
  console.log("\nMalformed files by format (command line):");
  console.log(table(detail.files.kinds, ["kind", "total", "clear", "success", "failed"]));
}
if (detail.hostile) {
  console.log(
    "\nHostile requests by category (accepted: 2xx where a refusal was due; errors: 5xx, no answer, not cut off):",
  );
  console.log(table(detail.hostile.cats, ["cat", "requests", "accepted", "errors", "problems"]));
}
if (notes.length) {
  console.log("\nNotes:");
  for (const n of notes) console.log(`  - ${n}`);
}
console.log(`\nFailures: ${failures.length} ${failures.length ? keepHint() : ""}`);
failures.forEach((f, i) => {
  console.log(`${String(i + 1).padStart(3)}. [${f.section}] ${f.what}`);
  console.log(`     reproduce: ${f.repro}`);
});
console.log(`\nload average at end: ${loadavg()}`);
// Timers that lost their races (time limits) would keep the process alive for nothing.
process.exit(failures.length ? 1 : 0);
