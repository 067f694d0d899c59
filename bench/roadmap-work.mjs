// The work bound of POST /api/simulations (src/sim/roadmap/request.ts, MAX_WORK): what a turn-unit costs, and how long
// the largest request the bound allows takes, on every bundled agreement.
//
//   npm run build && node bench/roadmap-work.mjs
//
// A turn-unit is one turn of one run times (steps + restraints + phases + players²). For each bundled agreement and
// each strategy (every player the same), without noise and with noise 0.05 and 2 provocations a year, over a year of
// one-day turns: nanoseconds a turn-unit (500 runs after 50 to warm up). Then, for each agreement, the most runs the
// bound allows with the file's own tick and horizon, timed with the slowest strategy of the first part. Run it on a
// quiet machine (the load is printed).
import { loadavg } from "node:os";
import { loadCatalog } from "../dist/agreement/index.js";
import {
  MAX_WORK,
  planSimulation,
  playableAgreement,
  readSimulationRequest,
  runSimulation,
  unitsPerTurn,
  turnsOf,
} from "../dist/sim/roadmap/request.js";
import { buildRoadmap } from "../dist/sim/roadmap/model.js";
import { ROADMAP_STRATEGY_NAMES } from "../dist/sim/roadmap/strategies.js";

const catalog = loadCatalog();
const NOISES = [
  { noise: 0, provocations: 0 },
  { noise: 0.05, provocations: 2 },
];
const request = (id, players, strategy, extra) =>
  readSimulationRequest({
    agreement: id,
    strategies: Object.fromEntries(players.map((p) => [p, strategy])),
    ...extra,
  });

console.log(
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}; MAX_WORK ${MAX_WORK.toLocaleString("en")}`,
);
let worst = { ns: 0 };
const slowest = new Map();
for (const [id, { agreement }] of catalog) {
  const { players } = playableAgreement(agreement);
  for (const { noise, provocations } of NOISES)
    for (const strategy of ROADMAP_STRATEGY_NAMES) {
      const options = { noise, provocations, tick: 1, horizon: 365 };
      runSimulation(planSimulation(agreement, request(id, players, strategy, { ...options, runs: 50 })));
      const job = planSimulation(
        agreement,
        request(id, players, strategy, { ...options, runs: 500, seed: 2 }),
      );
      const map = buildRoadmap(job.agreement, job.overrides);
      const t0 = performance.now();
      runSimulation(job);
      const ms = performance.now() - t0;
      const ns = (ms * 1e6) / (500 * turnsOf(map) * unitsPerTurn(map));
      if (ns > worst.ns) worst = { ns, id, strategy, noise };
      if (ns > (slowest.get(id)?.ns ?? 0)) slowest.set(id, { ns, strategy, noise, provocations });
    }
}
console.log(
  `slowest turn-unit: ${worst.ns.toFixed(0)} ns (${worst.id}, ${worst.strategy}, noise ${worst.noise}); ` +
    `MAX_WORK at that rate: ${((worst.ns * MAX_WORK) / 1e9).toFixed(2)} s`,
);
console.log("agreement | most runs | strategy | noise | ms");
for (const [id, { agreement }] of catalog) {
  const p = playableAgreement(agreement);
  const s = slowest.get(id);
  const job = planSimulation(
    agreement,
    request(id, p.players, s.strategy, { runs: p.maxRuns, noise: s.noise, provocations: s.provocations }),
  );
  const t0 = performance.now();
  runSimulation(job);
  console.log(`${id} | ${p.maxRuns} | ${s.strategy} | ${s.noise} | ${(performance.now() - t0).toFixed(0)}`);
}
