// The tables of docs/simulation.md's "Sequencing compared": the three bundled sequencing files played as roadmap games
// against the same strategies and the same world, and one assumption at a time changed from a base case. Shared by
// scripts/update-simulation-doc.mjs (which writes them) and test/docs/simulation.test.ts (which recomputes them).
// Every cell is a `lockstep simulate` run; the commands are printed beside the tables. Run after `npm run build`.
import { findAgreement, parseDuration } from "../dist/agreement/index.js";
import { calibrateFromLedger } from "../dist/cli/calibration.js";
import { buildRoadmap, parseStrategyAssignments, simulateRoadmap } from "../dist/sim/index.js";

export const RUNS = 1000;
export const SEED = 1;

/** The sequences the seed argues about, each a bundled file. */
export const SEQUENCES = [
  { name: "freeze for freeze", id: "double-freeze-2017" },
  { name: "step by step", id: "russia-china-roadmap-2017" },
  { name: "denuclearization first", id: "denuclearization-first" },
];

/** Strategy profiles: the DPRK's, and everyone else's (the US, the ROK, the Security Council). */
export const PROFILES = [
  { name: "all reciprocal", prk: "reciprocal", others: "reciprocal" },
  { name: "all generous (gtft)", prk: "gtft", others: "gtft" },
  { name: "all grim", prk: "grim", others: "grim" },
  { name: "DPRK GRIT, others reciprocal", prk: "grit", others: "reciprocal" },
  { name: "DPRK reciprocal, others demand-first", prk: "reciprocal", others: "demand-first" },
  { name: "all freeze-for-freeze", prk: "freeze-for-freeze", others: "freeze-for-freeze" },
];

/** Worlds: without noise; with the record's provocations and answer delays (--calibrate); and misperception too. */
export const WORLDS = [
  { name: "no noise", calibrate: false, flags: "" },
  { name: "the record's provocations and delays", calibrate: true, flags: " --calibrate" },
  {
    name: "the same, and misperception 0.02",
    calibrate: true,
    noise: 0.02,
    flags: " --calibrate --noise 0.02",
  },
];

/** One assumption at a time, from the base case (all generous, the record's world, misperception 0.02). */
export const BASE = { profile: PROFILES[1], world: WORLDS[2] };
export const VARIANTS = [
  { name: "base case", change: {} },
  { name: "verified dismantlement costs 3, not 10", change: { cost: { "verified-dismantlement": 3 } } },
  { name: "verified dismantlement costs 1, as a meeting", change: { cost: { "verified-dismantlement": 1 } } },
  {
    name: "verified dismantlement takes 6 months, not 2 years",
    change: { takes: { "verified-dismantlement": 182 } },
  },
  { name: "the DPRK goes 10 steps ahead (gtft:0.33:10)", change: { prkStrategy: "gtft:0.33:10" } },
  { name: "everyone goes 3 steps ahead (gtft:0.33:3)", change: { strategy: "gtft:0.33:3" } },
  { name: "no misperception", change: { noise: 0 } },
  { name: "misperception 0.05", change: { noise: 0.05 } },
  { name: "half the record's provocations", change: { provocationsScale: 0.5 } },
  { name: "no provocations", change: { provocationsScale: 0 } },
  { name: "no provocations and no misperception", change: { provocationsScale: 0, noise: 0 } },
  { name: "no answer delays", change: { noDelays: true } },
  { name: "a horizon of 10 years", change: { horizonDays: 3652 } },
];

const pct = (x) => `${(100 * x).toFixed(1)}%`;

function strategiesFor(players, prk, others) {
  return parseStrategyAssignments(players.map((p) => `${p}=${p === "PRK" ? prk : others}`).join(","));
}

/** The agreement with some steps' cost or time changed (the simulation section's terms, in memory). */
function withTerms(agreement, change) {
  const steps = { ...(agreement.simulation?.steps ?? {}) };
  for (const [id, cost] of Object.entries(change.cost ?? {}))
    if (steps[id] || agreement.obligations.some((o) => o.id === id)) steps[id] = { ...steps[id], cost };
  for (const [id, days] of Object.entries(change.takes ?? {}))
    if (steps[id]) steps[id] = { ...steps[id], takes: parseDuration(`P${days}D`) };
  return { ...agreement, simulation: { ...(agreement.simulation ?? {}), steps } };
}

function scaled(rates, k) {
  return Object.fromEntries(
    Object.entries(rates ?? {}).map(([p, r]) => [p, Array.isArray(r) ? r.map((x) => x * k) : r * k]),
  );
}

/** Calibrates each file once on the ledger. */
async function calibrations(ledger) {
  const out = new Map();
  for (const s of SEQUENCES) {
    const agreement = findAgreement(s.id);
    const { players } = buildRoadmap(agreement);
    const { overrides } = await calibrateFromLedger({ db: ledger }, agreement, players);
    out.set(s.id, overrides);
  }
  return out;
}

function play(sequence, profile, world, calibrated, change = {}) {
  const agreement = withTerms(findAgreement(sequence.id), change);
  let overrides = {};
  if (world.calibrate) {
    const c = calibrated.get(sequence.id);
    overrides = { ...c, provocationRates: scaled(c.provocationRates, change.provocationsScale ?? 1) };
    if (change.noDelays) delete overrides.answerDelays;
  }
  const noise = change.noise ?? world.noise;
  if (noise !== undefined) overrides.misperception = noise;
  if (change.horizonDays) overrides.horizonDays = change.horizonDays;
  const map = buildRoadmap(agreement, overrides);
  const prk = change.prkStrategy ?? change.strategy ?? profile.prk;
  const others = change.strategy ?? profile.others;
  return simulateRoadmap(map, strategiesFor(map.players, prk, others), { runs: RUNS, seed: SEED });
}

/** Carried out (every step performed by the horizon), the median day the last was, and carried out and kept. */
const cell = (r) =>
  `${pct(r.completed.probability)}${r.completed.days ? ` (day ${r.completed.days.median})` : ""} · ` +
  pct(r.completedWithoutBreach.probability);

/** The sequences in order of a measure, ties marked "=". */
function ranking(results, measure) {
  return SEQUENCES.map((s, i) => ({ s, p: measure(results[i]) }))
    .sort((a, b) => b.p - a.p)
    .map(({ s, p }, i, all) => (i === 0 ? "" : all[i - 1].p === p ? " = " : " > ") + s.name)
    .join("");
}

/** The two tables, as markdown, computed on the ledger at `ledger`. */
export async function comparisonTables(ledger) {
  const calibrated = await calibrations(ledger);
  const grid = [
    `| strategies | world | ${SEQUENCES.map((s) => s.name).join(" | ")} |`,
    `| --- | --- | ${SEQUENCES.map(() => "---").join(" | ")} |`,
  ];
  for (const profile of PROFILES)
    for (const world of WORLDS)
      grid.push(
        `| ${profile.name} | ${world.name} | ${SEQUENCES.map((s) => cell(play(s, profile, world, calibrated))).join(" | ")} |`,
      );
  const sensitivity = [
    `| assumption changed | ${SEQUENCES.map((s) => s.name).join(" | ")} | order, carried out |`,
    `| --- | ${SEQUENCES.map(() => "---").join(" | ")} | --- |`,
  ];
  for (const v of VARIANTS) {
    const results = SEQUENCES.map((s) => play(s, BASE.profile, BASE.world, calibrated, v.change));
    const order = ranking(results, (r) => r.completed.probability);
    sensitivity.push(`| ${v.name} | ${results.map(cell).join(" | ")} | ${order} |`);
  }
  return { grid: grid.join("\n"), sensitivity: sensitivity.join("\n") };
}

/** The document with its two marked tables replaced. */
export function refresh(doc, tables) {
  let out = doc;
  for (const [name, table] of Object.entries(tables)) {
    const open = `<!-- simulation:${name} -->`;
    const close = `<!-- /simulation:${name} -->`;
    const a = out.indexOf(open);
    const b = out.indexOf(close);
    if (a < 0 || b < a) throw new Error(`docs/simulation.md has no ${open} … ${close} block`);
    out = out.slice(0, a + open.length) + "\n\n" + table + "\n\n" + out.slice(b);
  }
  return out;
}
