// Start-up time of the command line: each command run as a user runs it (a new Node process), timed from spawn to
// exit, against bare `node -e 0` on the same machine in the same run.
//
//   npm run build && node bench/startup.mjs [--runs 10]
//
// Targets (issue 12): `lockstep --version` within 3× of bare node; `events …` and `check …` on the demo ledger
// within 6×. The figure is the median of the runs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10" } } });
const RUNS = Number(values.runs);
const main = new URL("../dist/cli/main.js", import.meta.url).pathname;
const dir = mkdtempSync(join(os.tmpdir(), "lockstep-bench-startup-"));
const db = join(dir, "korea.db");

function run(args) {
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, LOCKSTEP_DB: db } });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
}

function median(args) {
  run(args); // warm the file cache
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run(args);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const CASES = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "lockstep --version", args: [main, "--version"], target: 3 },
  {
    name: "lockstep events type=missile_launch --from 2022-10-01 --to 2022-10-31",
    args: [main, "events", "type=missile_launch", "--from", "2022-10-01", "--to", "2022-10-31"],
    target: 6,
  },
  {
    name: "lockstep check moratorium-2018 --as-of 2022-10-28",
    args: [main, "check", "moratorium-2018", "--as-of", "2022-10-28"],
    target: 6,
  },
];

try {
  run([main, "demo", "--db", db]);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const rows = [];
  let bare;
  for (const c of CASES) {
    const ms = median(c.args);
    bare ??= ms;
    const ratio = ms / bare;
    rows.push({
      command: c.name,
      "median ms": Math.round(ms),
      "× node": ratio.toFixed(2),
      target: c.target ? `≤ ${c.target}×` : "",
      met: c.target ? (ratio <= c.target ? "yes" : "NO") : "",
    });
  }
  console.log(
    `start-up, median of ${RUNS} runs; load ${load} → ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${os.cpus().length} CPU(s), Node ${process.version}`,
  );
  console.table(rows);
  if (rows.some((r) => r.met === "NO")) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
