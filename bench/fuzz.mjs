// Fuzz campaign (issue 11): the properties of test/importers/fuzz.test.ts and test/agreement/fuzz.test.ts at 10^5
// cases a format, against the BUILT code in dist/.
//
//   npm run build && node bench/fuzz.mjs [--runs 100000] [--formats jsonl,csv,gdelt,gdelt-zip,cns,agreement]
//                                        [--seed N] [--jobs N] [--time-limit MS] [--keep]
//   node bench/fuzz.mjs --formats csv --replay SEED:PATH   replays one case a campaign reported, and prints it
//
// The arbitraries and the rule are shared with the tests, not copied: test/fuzz/arbitraries.ts and
// test/fuzz/property.ts import nothing of src/ at run time (the functions under test are passed in), so this script
// transpiles them (and test/importers/zip-fixture.ts) with TypeScript's transpileModule into
// node_modules/.cache/lockstep-fuzz/run-PID/ and imports them from there. Type checking stays with `tsc -p .`. The
// build is tested as it was at the start: dist/ is copied there too, so that a rebuild meanwhile (a shared working
// tree) does not swap modules under a running campaign. The copy is removed at the end (kept with --keep).
//
// Prints per format: cases, successes, clear errors (InputError naming its place, ledger unchanged), and each kind of
// failure with how often it came, and fast-check's seed and path of its first case, to replay it here (--replay) or in
// the test (FUZZ_SEED and FUZZ_PATH), as printed.
// Formats run in parallel child processes (--jobs, default: the cores), each with its own ledger in a temp folder.
import { fork } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FORMATS = ["jsonl", "csv", "gdelt", "gdelt-zip", "cns", "agreement"];
const SHARED = ["test/fuzz/arbitraries.ts", "test/fuzz/property.ts", "test/importers/zip-fixture.ts"];
/** This run's copy of the shared modules and the build: its own, as several runs may share the tree. */
const CACHE =
  process.env.LOCKSTEP_FUZZ_CACHE ?? path.join(ROOT, `node_modules/.cache/lockstep-fuzz/run-${process.pid}`);

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    formats: { type: "string", default: FORMATS.join(",") },
    seed: { type: "string", default: "1100000" },
    replay: { type: "string" },
    jobs: { type: "string", default: String(availableParallelism()) },
    "time-limit": { type: "string", default: "5000" },
    keep: { type: "boolean", default: false },
    worker: { type: "string" },
  },
});
const RUNS = Number(values.runs);
const SEED = Number(values.seed);
const LIMITS = { ms: Number(values["time-limit"]) };
const formats = values.formats.split(",").filter(Boolean);
for (const f of formats)
  if (!FORMATS.includes(f)) throw new Error(`--formats: no format "${f}" (${FORMATS.join(", ")})`);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`--runs must be a positive whole number, not ${values.runs}`);
if (!Number.isInteger(SEED)) throw new Error(`--seed must be a whole number, not ${values.seed}`);

/** Each format's seed: the base seed plus its place in FORMATS, so that one format can be rerun alone. */
const seedOf = (format) => SEED + FORMATS.indexOf(format);

/** The shared modules as JavaScript, and a copy of the build, beside node_modules so that packages resolve. */
async function prepare() {
  for (const entry of readdirSync(path.join(ROOT, "dist")))
    if (!["web", "src", "test"].includes(entry))
      cpSync(path.join(ROOT, "dist", entry), path.join(CACHE, "dist", entry), { recursive: true });
  const { default: ts } = await import("typescript");
  for (const file of SHARED) {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    });
    const out = path.join(CACHE, file.replace(/\.ts$/, ".js"));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
}

const shared = async (file) => import(pathToFileURL(path.join(CACHE, file.replace(/\.ts$/, ".js"))).href);

/** A failure's kind: its first line with paths, numbers and quoted text taken out. */
function signature(message) {
  return message
    .split("\n", 1)[0]
    .replace(/\/\S*case-\d+-\d+\S*/g, "<file>")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, "N")
    .slice(0, 160);
}

async function runFormat(format) {
  const { default: fc } = await import("fast-check");
  const { IMPORT_CASES, agreementCase } = await shared("test/fuzz/arbitraries.ts");
  const { checkImport, checkAgreement } = await shared("test/fuzz/property.ts");
  const root = mkdtempSync(path.join(tmpdir(), `lockstep-fuzz-${format}-`));
  const tally = { format, cases: 0, success: 0, error: 0, failed: 0, kinds: {}, warnings: 0, ms: 0 };
  // Node's warnings (the YAML library's among them) would fill the terminal at 10^5 cases: counted instead.
  process.removeAllListeners("warning");
  process.on("warning", () => tally.warnings++);

  let property;
  let arbitrary;
  let close = () => {};
  if (format === "agreement") {
    const api = await import(pathToFileURL(path.join(CACHE, "dist/agreement/load.js")).href);
    const dir = path.join(ROOT, "scenarios/korea/agreements");
    const seeds = readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => readFileSync(path.join(dir, f), "utf8"));
    arbitrary = agreementCase(seeds);
    property = fc.property(arbitrary, (c) => {
      tally.cases++;
      tally[checkAgreement(api, root, c, LIMITS)]++;
    });
  } else {
    const { importFile } = await import(
      pathToFileURL(path.join(CACHE, "dist/importers/import-file.js")).href
    );
    const { openLedger, verifyLedger } = await import(
      pathToFileURL(path.join(CACHE, "dist/ledger/index.js")).href
    );
    const { InputError } = await import(pathToFileURL(path.join(CACHE, "dist/model/index.js")).href);
    const { canPrepareInWorker } = await import(
      pathToFileURL(path.join(CACHE, "dist/importers/in-worker.js")).href
    );
    const ledger = openLedger(path.join(root, "ledger.db"));
    arbitrary = IMPORT_CASES[format];
    property = fc.asyncProperty(arbitrary, async (c) => {
      tally.cases++;
      tally[await checkImport({ importFile, InputError, canPrepareInWorker }, ledger, root, c, LIMITS)]++;
    });
    close = () => {
      const verified = verifyLedger(ledger, { quick: true });
      tally.ledger = { entries: verified.entries, chainOk: verified.ok };
      ledger.close();
    };
  }

  const note = (seed, details) => {
    tally.failed++;
    const message = String(details.errorInstance?.message ?? details.error ?? "unknown failure");
    const kind = (tally.kinds[signature(message)] ??= {
      count: 0,
      seed,
      path: details.counterexamplePath,
      message,
    });
    kind.count++;
    if (kind.count === 1) kind.example = fc.stringify(details.counterexample).slice(0, 1200);
  };

  // An error thrown outside the property (a stream's error event nobody listens to) is a failure too.
  const uncaught = (err) =>
    note(NaN, {
      errorInstance: new Error(`uncaught, outside any import: ${err?.stack ?? err}`),
      counterexamplePath: "-",
    });
  process.on("uncaughtException", uncaught);
  process.on("unhandledRejection", uncaught);

  // A failure ends fast-check's run (no shrinking: --replay gives the case again); the campaign goes on with the next
  // seed until the count is reached.
  const started = performance.now();
  let lastReport = started;
  const onProgress = setInterval(() => {
    const now = performance.now();
    if (now - lastReport > 30_000) {
      process.stderr.write(
        `${format}: ${tally.cases}/${values.replay ? 1 : RUNS} cases, ${tally.failed} failed\n`,
      );
      lastReport = now;
    }
  }, 5_000);
  try {
    if (values.replay) {
      const [seed, ...path] = values.replay.split(":");
      const replay = { seed: Number(seed), path: path.join(":"), numRuns: 1 };
      const details = await fc.check(property, { ...replay, endOnFailure: true });
      if (details.failed) note(replay.seed, details);
      else tally.replayed = fc.stringify(fc.sample(arbitrary, replay)[0]).slice(0, 4000);
    } else {
      for (let round = 0; tally.cases < RUNS; round++) {
        const seed = seedOf(format) + round * FORMATS.length;
        const before = tally.cases;
        const details = await fc.check(property, { seed, numRuns: RUNS - tally.cases, endOnFailure: true });
        if (details.failed) note(seed, details);
        if (tally.cases === before) break; // nothing ran: do not spin
      }
    }
  } finally {
    clearInterval(onProgress);
    close();
  }
  tally.ms = performance.now() - started;
  if (!values.keep) rmSync(root, { recursive: true, force: true });
  else tally.kept = root;
  return tally;
}

function print(t) {
  const rate = t.cases / (t.ms / 1000);
  const line = [
    `${t.format.padEnd(10)} cases ${String(t.cases).padStart(7)}`,
    `successes ${String(t.success).padStart(7)}`,
    `clear errors ${String(t.error).padStart(7)}`,
    `failures ${String(t.failed).padStart(5)}`,
    `${(t.ms / 1000).toFixed(0)} s (${rate.toFixed(0)} cases/s)`,
    ...(t.ledger ? [`ledger ${t.ledger.entries} entries, chain ${t.ledger.chainOk ? "ok" : "BROKEN"}`] : []),
    ...(t.warnings ? [`${t.warnings} node warnings`] : []),
  ].join("  ");
  console.log(line);
  for (const [sig, k] of Object.entries(t.kinds).sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  FAILURE x${k.count}: ${sig}`);
    const test =
      t.format === "agreement"
        ? "test/agreement/fuzz.test.ts"
        : `test/importers/fuzz.test.ts -t "${t.format}:"`;
    console.log(`    replay: node bench/fuzz.mjs --formats ${t.format} --replay ${k.seed}:${k.path}`);
    console.log(`        or: FUZZ_SEED=${k.seed} FUZZ_PATH=${k.path} npx vitest run ${test}`);
    console.log(`    ${k.message.split("\n").slice(0, 3).join("\n    ")}`);
    if (k.example) console.log(`    case: ${k.example}`);
  }
  if (t.replayed) console.log(`  the case (it passes): ${t.replayed}`);
  if (t.kept) console.log(`  kept: ${t.kept}`);
}

if (values.worker) {
  const t = await runFormat(values.worker);
  process.send?.(t);
  process.exit(0);
} else {
  if (!existsSync(path.join(ROOT, "dist/importers/import-file.js")))
    throw new Error("no dist/: run `npm run build` first (the campaign tests the built code)");
  await prepare();
  if (values.replay && (formats.length !== 1 || !/^\d+:\d[\d:]*$/.test(values.replay)))
    throw new Error("--replay SEED:PATH replays one case: give it as printed, with one format in --formats");
  console.log(
    `Fuzz campaign: ${values.replay ? `replay of ${values.replay}` : `${RUNS} cases a format`}, seed ${SEED}, formats ${formats.join(", ")}, limit ${LIMITS.ms} ms a case`,
  );
  const jobs = Math.max(1, Math.min(Number(values.jobs) || 1, formats.length));
  const queue = [...formats];
  const results = [];
  const args = process.argv.slice(2).filter((a, i, all) => a !== "--worker" && all[i - 1] !== "--worker");
  const worker = async () => {
    for (let format = queue.shift(); format; format = queue.shift()) {
      const child = fork(fileURLToPath(import.meta.url), [...args, "--worker", format], {
        env: { ...process.env, LOCKSTEP_FUZZ_CACHE: CACHE },
        execArgv: ["--max-old-space-size=4096"],
      });
      const result = await new Promise((resolve) => {
        let got;
        child.on("message", (m) => (got = m));
        child.on("exit", (code, signal) =>
          resolve(
            got ?? {
              format,
              cases: 0,
              success: 0,
              error: 0,
              failed: 1,
              ms: 1,
              kinds: {
                crash: { count: 1, path: "-", message: `the worker died (${signal ?? `exit ${code}`})` },
              },
            },
          ),
        );
      });
      print(result);
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const total = results.reduce(
    (s, t) => ({
      cases: s.cases + t.cases,
      success: s.success + t.success,
      error: s.error + t.error,
      failed: s.failed + t.failed,
    }),
    { cases: 0, success: 0, error: 0, failed: 0 },
  );
  console.log(
    `total      cases ${total.cases}, successes ${total.success}, clear errors ${total.error}, failures ${total.failed}`,
  );
  if (!values.keep) rmSync(CACHE, { recursive: true, force: true });
  process.exitCode = total.failed ? 1 : 0;
}
