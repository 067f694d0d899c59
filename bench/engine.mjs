// Engine throughput: `evaluate(agreement, events, asOf)` for an agreement of 50 obligations against synthetic
// ledgers of 125k, 250k, 500k and 1M events, and the JSON.stringify of the result that `lockstep check --format
// json` prints.
//
//   npm run build && node bench/engine.mjs [--events N] [--runs 3] [--order date|random] [--seed 20180612]
//                                           [--against DIR]
//
// `--against DIR` also times another build of the engine (DIR holds its dist/: e.g. a worktree of an earlier commit
// built with `npm run build`) on the same events, run for run alternately in this process, and prints the ratio.
//
// The target (from the issue): 50 obligations against one million events in under 2 s on a 2-core shared machine,
// and time growing linearly with the events. Events and the agreement are generated deterministically (a seeded
// PRNG), built directly in the ledger's LedgerEvent shape; a sample of 1,000 is checked with parseEvent so that the
// data stays realistic. Each size is generated afresh from the same seed, so the mix is the same at every size.
// By default the events are in date order, as `lockstep check` gets them from the ledger (queryEvents orders by
// date and decodes the rows in that order, so the array's order is also the order the objects sit in memory);
// `--order random` gives them in random date order, which the engine must accept too.
import os from "node:os";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseAgreement } from "../dist/agreement/index.js";
import { evaluate } from "../dist/engine/index.js";
import { canonicalJson, parseEvent } from "../dist/model/index.js";
import { CAMEO_SAMPLE } from "./cameo-sample.mjs";

const { values } = parseArgs({
  options: {
    events: { type: "string" },
    runs: { type: "string", default: "3" },
    order: { type: "string", default: "date" },
    seed: { type: "string", default: "20180612" },
    against: { type: "string" },
  },
});
const SIZES = values.events ? [Number(values.events)] : [125_000, 250_000, 500_000, 1_000_000];
for (const n of SIZES)
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--events must be a positive whole number, not ${values.events}`);
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`--runs must be a positive whole number, not ${values.runs}`);
if (values.order !== "date" && values.order !== "random")
  throw new Error(`--order must be date or random, not ${values.order}`);
const AS_OF = "2025-12-31";
const TARGET_MS = 2000;
const TARGET_EVENTS = 1_000_000;

// A full GC between runs, so that one run's garbage is not collected on the next one's clock.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness: mulberry32.

let state = Number(values.seed) >>> 0;
function rand32() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
const random = () => rand32() / 2 ** 32;
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
/** Picks from [[value, weight], ...]. */
function weighted(table) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table.at(-1)[0];
}
const hex = (n, digits) => n.toString(16).padStart(digits, "0");

// ---------------------------------------------------------------------------------------------------------------
// Synthetic events in the LedgerEvent shape.

const ALL_ACTORS = ["PRK", "KOR", "USA", "CHN", "RUS", "JPN", "UNSC", "OFAC"];
const STATES = ["PRK", "KOR", "USA", "CHN", "RUS", "JPN"];

/** Every day of 2000–2025. Events share these strings (decoded ledger rows would not); the engine only compares them. */
const DAYS = [];
for (let t = Date.UTC(2000, 0, 1); t <= Date.UTC(2025, 11, 31); t += 86_400_000)
  DAYS.push(new Date(t).toISOString().slice(0, 10));

const PUBLISHERS = [
  ["KCNA Watch", "https://kcnawatch.example.org/"],
  ["Yonhap", "https://en.yna.example.co.kr/"],
  ["Reuters", "https://www.reuters.example.com/world/asia-pacific/"],
  ["Japan Ministry of Defense", "https://www.mod.example.go.jp/en/"],
  ["US Treasury", "https://home.treasury.example.gov/news/press-releases/"],
  ["UN Security Council", "https://press.un.example.org/en/"],
  ["NK News", "https://www.nknews.example.org/"],
  ["GDELT 2.0", "https://news.example.org/gdelt/"],
];
/** A pool of source records, shared between events to keep a million of them in memory. */
const SOURCES = Array.from({ length: 64 }, (_, i) => {
  const [publisher, url] = PUBLISHERS[i % PUBLISHERS.length];
  return { url: `${url}story-${1000 + i}.html`, title: `${publisher} report ${i + 1}`, publisher };
});

const TYPES = [
  ["cameo_event", 40],
  ["missile_launch", 15],
  ["military_exercise", 15],
  ["summit_or_meeting", 12],
  ["sanctions_imposed", 10],
  ["nuclear_test", 8],
];
const CONFIDENCE = [
  ["confirmed", 35],
  ["reported", 45],
  ["unverified", 15],
  ["disputed", 5],
];
const CLASSES = [
  ["SRBM", 35],
  ["MRBM", 10],
  ["IRBM", 8],
  ["ICBM", 8],
  ["SLBM", 5],
  ["SLV", 3],
  ["cruise", 15],
  ["hypersonic", 6],
  ["unknown", 10],
];
const MISSILES = [
  "Hwasong-12",
  "Hwasong-14",
  "Hwasong-15",
  "Hwasong-17",
  "KN-23",
  "KN-25",
  "Pukguksong-3",
  "Unha-3",
];
const FACILITIES = ["Sohae", "Sunan", "Sinpo", "Kusong", "Wonsan", "Tongchang-ri"];
const OUTCOMES = [
  ["success", 70],
  ["failure", 15],
  ["partial", 5],
  ["unknown", 10],
];
const EXERCISES = [
  "Foal Eagle",
  "Key Resolve",
  "Ulchi Freedom Shield",
  "Vigilant Ace",
  "Max Thunder",
  "Freedom Edge",
  "Joint Sea",
  "Vostok",
  "Keen Sword",
];
const EXERCISE_ACTORS = [
  [["KOR", "USA"], 40],
  [["JPN", "USA"], 15],
  [["USA"], 15],
  [["KOR"], 10],
  [["PRK"], 10],
  [["CHN", "RUS"], 10],
];
const EXERCISE_STATUS = [
  ["held", 70],
  ["suspended", 10],
  ["postponed", 10],
  ["cancelled", 10],
];
const SCALES = ["large", "reduced", "command-post"];
const SANCTIONERS = [
  ["OFAC", 35],
  ["UNSC", 20],
  ["USA", 15],
  ["JPN", 10],
  ["KOR", 10],
  ["RUS", 5],
  ["CHN", 5],
];
const INSTRUMENTS = {
  OFAC: () => `SDN designation ${int(2000, 2025)}-${int(1, 99)}`,
  UNSC: () => `S/RES/${int(1695, 2397)} (${int(2006, 2017)})`,
  USA: () => `Executive Order ${pick(["13382", "13466", "13551", "13687", "13722", "13810"])}`,
  JPN: () => `Cabinet decision ${int(2006, 2025)}`,
  KOR: () => `May 24 measures, item ${int(1, 9)}`,
  RUS: () => `Presidential decree ${int(1, 999)}`,
  CHN: () => `MOFCOM announcement ${int(1, 99)}`,
};
const MEETINGS = [
  "Six-Party Talks",
  "Inter-Korean Summit",
  "Working-level talks",
  "Summit",
  "Foreign ministers' meeting",
];
const LOCATIONS = [
  "Singapore",
  "Hanoi",
  "Panmunjom",
  "Beijing",
  "Pyongyang",
  "Seoul",
  "Vladivostok",
  "Stockholm",
];

function date(day) {
  const r = random();
  if (r < 0.02) return day.slice(0, 7); // month precision
  if (r < 0.025) return day.slice(0, 4); // year precision
  return day;
}

function twoStates() {
  const a = pick(STATES);
  let b = pick(STATES);
  if (b === a) b = STATES[(STATES.indexOf(a) + 1) % STATES.length];
  return a < b ? [a, b] : [b, a];
}

function content(type) {
  switch (type) {
    case "missile_launch": {
      const actor = random() < 0.75 ? "PRK" : pick(["RUS", "CHN", "USA", "KOR", "JPN"]);
      const attributes = { class: weighted(CLASSES), outcome: weighted(OUTCOMES) };
      if (random() < 0.5) attributes.missile = pick(MISSILES);
      if (random() < 0.4) attributes.facility = pick(FACILITIES);
      if (random() < 0.6) {
        attributes.apogeeKm = int(20, 6000);
        attributes.distanceKm = int(50, 1500);
      }
      return { actors: [actor], count: random() < 0.85 ? 1 : int(2, 4), attributes };
    }
    case "military_exercise": {
      const attributes = { name: pick(EXERCISES), status: weighted(EXERCISE_STATUS) };
      if (random() < 0.7) attributes.scale = pick(SCALES);
      if (random() < 0.2) attributes.aircraft = int(10, 250);
      return { actors: weighted(EXERCISE_ACTORS), count: 1, attributes };
    }
    case "sanctions_imposed": {
      const actor = weighted(SANCTIONERS);
      const attributes = { authority: actor, instrument: INSTRUMENTS[actor]() };
      if (random() < 0.4) attributes.designations = { individuals: int(0, 30), entities: int(0, 20) };
      return { actors: [actor], targets: ["PRK"], count: 1, attributes };
    }
    case "nuclear_test": {
      const attributes = { site: random() < 0.9 ? "Punggye-ri" : "unknown site" };
      if (random() < 0.5) attributes.sequence = int(1, 6);
      if (random() < 0.5) attributes.yield = `~${int(1, 250)} kt`;
      return { actors: [random() < 0.95 ? "PRK" : pick(["USA", "RUS", "CHN"])], count: 1, attributes };
    }
    case "summit_or_meeting": {
      const attributes = { name: pick(MEETINGS) };
      if (random() < 0.7) attributes.location = pick(LOCATIONS);
      if (random() < 0.3) attributes.outcome = pick(["joint statement", "no agreement", "talks to continue"]);
      return { actors: twoStates(), count: 1, attributes };
    }
    case "cameo_event": {
      const [code, goldstein, quadClass] = pick(CAMEO_SAMPLE);
      const actor = pick(ALL_ACTORS);
      let target = random() < 0.8 ? pick(ALL_ACTORS) : undefined;
      if (target === actor) target = undefined;
      const attributes = {
        code,
        goldstein,
        quadClass,
        rootCode: code.slice(0, 2),
        numMentions: int(1, 40),
        numSources: int(1, 10),
        numArticles: int(1, 40),
        avgTone: Math.round((random() - 0.6) * 1200) / 100,
      };
      return { actors: [actor], ...(target ? { targets: [target] } : {}), count: 1, attributes };
    }
  }
  throw new Error(type);
}

function makeEvent(day) {
  const type = weighted(TYPES);
  const c = content(type);
  const id = "ev_" + hex(rand32(), 8) + hex(rand32(), 8) + hex(rand32() >>> 16, 4);
  const event = {
    id,
    type,
    date: date(day),
    actors: c.actors,
    ...(c.targets ? { targets: c.targets } : {}),
    count: c.count,
    attributes: c.attributes,
    sources: [pick(SOURCES)],
    confidence: weighted(CONFIDENCE),
  };
  if (random() < 0.3)
    event.summary = `${c.actors.join("+")}${c.targets ? ` → ${c.targets.join("+")}` : ""}: ${type.replaceAll("_", " ")}`;
  return event;
}

/**
 * Validates a spread sample with parseEvent: each must be accepted, and read back with the same content (parseEvent
 * derives the id from the content, so only the id differs).
 */
function validateSample(events, n) {
  const step = Math.max(1, Math.floor(events.length / n));
  let checked = 0;
  for (let i = 0; i < events.length && checked < n; i += step, checked++) {
    const { id: _id, ...input } = events[i];
    const r = parseEvent(input);
    if (!r.ok)
      throw new Error(
        `generated event ${i} is invalid: ${JSON.stringify(r.issues)}\n${JSON.stringify(input)}`,
      );
    const { id: _id2, ...back } = r.event;
    if (canonicalJson(back) !== canonicalJson(input))
      throw new Error(
        `generated event ${i} does not read back as written:\n${canonicalJson(input)}\n${canonicalJson(back)}`,
      );
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------------------------
// A synthetic agreement of 50 obligations, as YAML text.

/**
 * Obligation templates: kind, debtor, and three variants of what counts (text or a flow map), one per round of 17,
 * so that the 50 obligations have 50 different matchers over overlapping events, as a real agreement's would.
 */
const TEMPLATES = [
  // Restraints on launches and tests.
  {
    kind: "refrain",
    debtor: "PRK",
    title: "No ICBM launches",
    counts: [
      "actor=PRK type=missile_launch class=ICBM",
      "actor=PRK type=missile_launch class=ICBM outcome=success,partial",
      "{actor: PRK, type: missile_launch, class: ICBM, missile: [Hwasong-15, Hwasong-17]}",
    ],
  },
  {
    kind: "refrain",
    debtor: "PRK",
    title: "No nuclear tests",
    counts: [
      "actor=PRK type=nuclear_test",
      "actor=PRK type=nuclear_test site=Punggye-ri",
      "actor=PRK type=nuclear_test confidence=confirmed",
    ],
  },
  {
    kind: "refrain",
    debtor: "PRK",
    title: "No long-range launches",
    counts: [
      "{actor: PRK, type: missile_launch, class: [IRBM, ICBM, SLBM, hypersonic]}",
      "{actor: PRK, type: missile_launch, class: [IRBM, ICBM]}",
      "{actor: PRK, type: missile_launch, class: [SLBM, hypersonic], outcome: success}",
    ],
  },
  {
    kind: "refrain",
    debtor: "PRK",
    title: "No satellite launches",
    counts: [
      "{actor: PRK, type: missile_launch, class: SLV, facility: Sohae}",
      "{actor: PRK, type: missile_launch, class: SLV}",
      "{actor: PRK, type: missile_launch, class: SLV, facility: [Sohae, Tongchang-ri]}",
    ],
  },
  {
    kind: "refrain",
    debtor: "RUS",
    title: "No hypersonic tests",
    counts: [
      "actor=RUS type=missile_launch class=hypersonic",
      "actor=RUS type=missile_launch class=hypersonic,cruise",
      "actor=RUS type=missile_launch class=hypersonic confidence=confirmed",
    ],
  },
  // Restraints on exercises.
  {
    kind: "refrain",
    debtor: "USA",
    title: "No large combined exercises",
    counts: [
      "{actor: [USA, KOR], type: military_exercise, scale: large, status: held}",
      "{actor: [USA, KOR], type: military_exercise, scale: [large, reduced], status: held}",
      "{actor: [USA, JPN], type: military_exercise, scale: large, status: held}",
    ],
  },
  {
    kind: "refrain",
    debtor: "JPN",
    title: "No drills",
    counts: [
      "actor=JPN type=military_exercise status=held confidence=confirmed,reported",
      "actor=JPN type=military_exercise status=held scale=large",
      "actor=JPN type=military_exercise status=held,postponed",
    ],
  },
  {
    kind: "refrain",
    debtor: ["CHN", "RUS"],
    title: "No joint naval drills near the peninsula",
    counts: [
      "actor=CHN,RUS type=military_exercise status=held",
      "actor=CHN,RUS type=military_exercise status=held scale=large",
      "actor=CHN,RUS type=military_exercise status=held confidence=confirmed",
    ],
  },
  // Steps to perform.
  {
    kind: "perform",
    debtor: "USA",
    title: "Suspend a large exercise",
    counts: [
      "{actor: USA, type: military_exercise, status: [suspended, postponed]}",
      "{actor: USA, type: military_exercise, status: suspended, scale: large}",
      "{actor: USA, type: military_exercise, status: cancelled}",
    ],
  },
  {
    kind: "perform",
    debtor: ["PRK", "USA"],
    title: "Hold a leaders' summit",
    counts: [
      "{actor: [PRK, USA], type: summit_or_meeting, location: [Singapore, Hanoi]}",
      "{actor: [PRK, USA], type: summit_or_meeting, location: Panmunjom}",
      "{actor: [PRK, USA], type: summit_or_meeting, location: Stockholm, confidence: confirmed}",
    ],
  },
  {
    kind: "perform",
    debtor: "KOR",
    title: "Inter-Korean meeting",
    counts: [
      "actor=KOR type=summit_or_meeting location=Panmunjom",
      "actor=KOR type=summit_or_meeting location=Pyongyang",
      "actor=KOR type=summit_or_meeting location=Seoul confidence=confirmed",
    ],
  },
  {
    kind: "perform",
    debtor: "OFAC",
    title: "Designate sanctions evaders",
    counts: [
      "actor=OFAC type=sanctions_imposed target=PRK authority=OFAC",
      "actor=OFAC type=sanctions_imposed target=PRK confidence=confirmed",
      "actor=OFAC,USA type=sanctions_imposed authority=OFAC",
    ],
  },
  // Recurring steps.
  {
    kind: "maintain",
    debtor: ["PRK", "KOR"],
    title: "Meet regularly",
    counts: [
      "{actor: [PRK, KOR], type: summit_or_meeting, location: [Panmunjom, Seoul, Pyongyang]}",
      "{actor: [PRK, KOR], type: summit_or_meeting, location: [Panmunjom, Seoul]}",
      "{actor: [PRK, KOR], type: summit_or_meeting, location: [Pyongyang, Beijing]}",
    ],
    every: "P90D",
  },
  {
    kind: "maintain",
    debtor: "CHN",
    title: "Keep up consultations",
    counts: [
      "actor=CHN target=PRK type=cameo_event code=036,040,042,043",
      "actor=CHN target=PRK type=cameo_event code=036,040",
      "actor=CHN target=PRK type=cameo_event quadClass=1",
    ],
    every: "P60D",
  },
  // Restraints read from event data.
  {
    kind: "refrain",
    debtor: "PRK",
    title: "No use of force (CAMEO 19x)",
    counts: [
      "actor=PRK type=cameo_event code=190,195 confidence=confirmed,reported",
      "actor=PRK type=cameo_event code=190",
      "actor=PRK target=KOR type=cameo_event code=190,195",
    ],
  },
  {
    kind: "refrain",
    debtor: "USA",
    title: "No coercive acts against the DPRK",
    counts: [
      "actor=USA target=PRK type=cameo_event quadClass=4",
      "actor=USA target=PRK type=cameo_event quadClass=3,4",
      "actor=USA target=PRK type=cameo_event code=163",
    ],
  },
  {
    kind: "refrain",
    debtor: ["JPN", "KOR"],
    title: "No new unilateral sanctions",
    counts: [
      "actor=JPN,KOR type=sanctions_imposed target=PRK",
      "actor=JPN type=sanctions_imposed target=PRK",
      "actor=KOR type=sanctions_imposed target=PRK confidence=confirmed,reported",
    ],
  },
];
const WINDOWS = [
  null,
  "{for: P5Y}",
  "{until: 2012-12-31}",
  "{for: P2Y}",
  null,
  "{for: P10Y}",
  "{until: 2020-06-30}",
];
const PERFORM_WINDOWS = ["{for: P1Y}", "{for: P6M}", "{for: P2Y}", "{until: 2019-12-31}", "{for: P90D}"];

function agreementYaml() {
  const lines = [
    "# Synthetic agreement for bench/engine.mjs: 50 obligations, links, powers and phases.",
    "id: bench-framework",
    "title: Synthetic framework agreement (benchmark)",
    "status: in_force",
    "signed: 2000-06-01",
    "effective: 2000-06-15",
    "parties:",
    ...["PRK", "USA", "KOR", "JPN", "CHN", "RUS"].map((p) => `  - { id: ${p}, role: party }`),
    "  - { id: UNSC, role: verifier }",
    "  - { id: OFAC, role: implementer }",
    "documents:",
    "  - { id: framework, title: Framework document, url: https://example.org/framework, date: 2000-06-01 }",
    "obligations:",
  ];
  const ids = [];
  for (let i = 0; i < 50; i++) {
    const t = TEMPLATES[i % TEMPLATES.length];
    const round = Math.floor(i / TEMPLATES.length);
    const id = `o${String(i + 1).padStart(2, "0")}-${t.kind}`;
    ids.push(id);
    const debtor = Array.isArray(t.debtor) ? `[${t.debtor.join(", ")}]` : t.debtor;
    lines.push(`  - id: ${id}`, `    title: ${t.title} (${round + 1})`, `    debtor: ${debtor}`);
    if (t.debtor !== "PRK") lines.push("    creditor: [PRK]");
    else lines.push("    creditor: [USA, KOR]");
    lines.push(`    kind: ${t.kind}`, `    counts: ${t.counts[round]}`);
    // Starts: mostly the effective date; later rounds start on a date, on an event, or on another obligation.
    if (round === 1) lines.push(`    start: ${2003 + (i % 8)}-0${1 + (i % 9)}-15`);
    if (round === 2 && i % 3 === 0)
      lines.push("    start: { event: { actor: PRK, type: summit_or_meeting, location: Stockholm } }");
    if (round === 2 && i % 3 === 1) lines.push(`    start: { started: ${ids[i - 17]} }`);
    if (round === 2 && i % 3 === 2)
      lines.push(`    start: { any: [{ violated: ${ids[i - 17]} }, { date: 2015-01-01 }] }`);
    if (t.kind === "perform") lines.push(`    window: ${PERFORM_WINDOWS[i % PERFORM_WINDOWS.length]}`);
    else if (t.kind === "maintain")
      lines.push(`    window: ${round === 0 ? "{for: P10Y}" : "{until: 2024-12-31}"}`);
    else if (WINDOWS[i % WINDOWS.length]) lines.push(`    window: ${WINDOWS[i % WINDOWS.length]}`);
    if (t.every) lines.push(`    every: ${t.every}`);
    lines.push(`    source: { document: framework, article: art. ${i + 1} }`);
  }
  const at = (n) => ids[n - 1];
  lines.push(
    "links:",
    // Reciprocal steps: a restraint by one side answered by a step of the other.
    `  - { kind: in_return_for, from: ${at(1)}, to: ${at(9)}, held: P1Y }`,
    `  - { kind: in_return_for, from: ${at(2)}, to: ${at(10)}, held: P180D }`,
    `  - { kind: in_return_for, from: ${at(6)}, to: ${at(11)} }`,
    `  - { kind: in_return_for, from: ${at(3)}, to: ${at(12)}, held: P2Y }`,
    `  - { kind: in_return_for, from: ${at(15)}, to: ${at(28)} }`,
    // Sequencing: gates and unlocks, always from an earlier obligation to a later one, so there is no deadlock.
    `  - { kind: gates, from: ${at(9)}, to: ${at(26)} }`,
    `  - { kind: gates, from: ${at(10)}, to: ${at(27)} }`,
    `  - { kind: gates, from: ${at(11)}, to: ${at(43)} }`,
    `  - { kind: unlocks, from: ${at(1)}, to: ${at(19)}, on: held, held: P1Y }`,
    `  - { kind: unlocks, from: ${at(2)}, to: ${at(29)}, on: held, held: P6M }`,
    `  - { kind: unlocks, from: ${at(12)}, to: ${at(45)} }`,
    `  - { kind: unlocks, from: ${at(13)}, to: ${at(47)}, on: held, held: P2Y }`,
    // Steps that start together.
    `  - { kind: paired, from: ${at(20)}, to: ${at(21)} }`,
    `  - { kind: paired, from: ${at(23)}, to: ${at(24)} }`,
    `  - { kind: paired, from: ${at(38)}, to: ${at(39)} }`,
    // A breach gives the other side a remedy.
    `  - { kind: remedy, from: ${at(1)}, to: ${at(6)} }`,
    "powers:",
    "  - id: usa-may-suspend",
    "    holder: USA",
    "    action: suspend",
    `    obligations: [${at(23)}, ${at(40)}]`,
    `    available: { violated: ${at(2)} }`,
    "    exercised: { actor: USA, type: sanctions_imposed, target: PRK, confidence: confirmed }",
    "  - id: usa-may-resume",
    "    holder: USA",
    "    action: resume",
    `    obligations: [${at(23)}, ${at(40)}]`,
    "    exercised: { actor: [PRK, USA], type: summit_or_meeting, location: Singapore }",
    "phases:",
    `  - { id: freeze, title: Freeze, enters: { started: ${at(1)} } }`,
    `  - { id: talks, title: Talks, enters: { all: [{ held: ${at(2)}, for: P1Y }, { date: 2005-01-01 }] } }`,
    `  - { id: normalisation, title: Normalisation, enters: { any: [{ fulfilled: ${at(10)} }, { fulfilled: ${at(27)} }] } }`,
  );
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Timing.

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Wall time, and the process's CPU time (all threads, GC helpers included): on a shared machine the two differ. */
function timeOnce(fn) {
  gc();
  const cpu = process.cpuUsage();
  const start = now();
  const value = fn();
  const ms = now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/**
 * `n` events from the seed. In date order, the days are drawn first and sorted, then the events are built in that
 * order (a month or year date then sorts a little early, as its first day does in the ledger).
 */
function generate(n, order) {
  state = Number(values.seed) >>> 0;
  const days = new Int32Array(n);
  for (let i = 0; i < n; i++) days[i] = Math.floor(random() * DAYS.length);
  if (order === "date") days.sort();
  const events = new Array(n);
  for (let i = 0; i < n; i++) events[i] = makeEvent(DAYS[days[i]]);
  return events;
}

// ---------------------------------------------------------------------------------------------------------------

const loaded = parseAgreement(agreementYaml(), "bench-framework.yaml");
const errors = loaded.issues.filter((i) => i.severity === "error");
if (!loaded.agreement || errors.length)
  throw new Error(
    `the synthetic agreement does not load:\n${errors.map((i) => JSON.stringify(i)).join("\n")}`,
  );
const agreement = loaded.agreement;
/** The other build to time against, with the agreement as its own loader reads it. */
const other = values.against
  ? await (async () => {
      const dir = new URL(`file://${values.against.replace(/\/?$/, "/")}`);
      const a = await import(new URL("dist/agreement/index.js", dir).href);
      const e = await import(new URL("dist/engine/index.js", dir).href);
      const parsed = a.parseAgreement(agreementYaml(), "bench-framework.yaml");
      if (!parsed.agreement)
        throw new Error(`${values.against}: the synthetic agreement does not load there`);
      return { evaluate: e.evaluate, agreement: parsed.agreement };
    })()
  : undefined;
const warnings = loaded.issues.length - errors.length;
console.log(
  `agreement: ${agreement.obligations.length} obligations (${["perform", "refrain", "maintain"]
    .map((k) => `${agreement.obligations.filter((o) => o.kind === k).length} ${k}`)
    .join(", ")}), ${agreement.links.length} links, ${agreement.powers.length} powers (1 from a remedy), ` +
    `${agreement.phases.length} phases, ${new Set(agreement.obligations.map((o) => o.countsText)).size} distinct ` +
    `matchers; loaded with 0 errors, ${warnings} warnings`,
);

const checked = validateSample(generate(Math.min(...SIZES), values.order), 1000);
console.log(
  `validated a sample of ${fmt(checked)} generated events with parseEvent: all valid, all read back unchanged`,
);
console.log(
  `as of ${AS_OF}, events in ${values.order === "date" ? "date order (as the ledger returns them)" : "random date order"}, ` +
    `warm-up then median of ${RUNS} run(s); node ${process.version}, load average ` +
    `${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")} on ${os.availableParallelism()} CPUs\n`,
);

const rows = [];
for (const n of SIZES) {
  const start = now();
  const events = generate(n, values.order);
  console.log(`generated ${fmt(n)} events in ${fmt((now() - start) / 1000, 1)} s`);
  evaluate(agreement, events, AS_OF); // warm-up
  if (other) other.evaluate(other.agreement, events, AS_OF);
  const times = [];
  const cpuTimes = [];
  const otherTimes = [];
  let result;
  for (let r = 0; r < RUNS; r++) {
    result = undefined;
    const t = timeOnce(() => evaluate(agreement, events, AS_OF));
    times.push(t.ms);
    cpuTimes.push(t.cpuMs);
    result = t.value;
    if (other) otherTimes.push(timeOnce(() => other.evaluate(other.agreement, events, AS_OF)).ms);
  }
  if (other)
    console.log(
      `  against ${values.against}: ${fmt(median(otherTimes))} ms (runs ${otherTimes.map((t) => fmt(t)).join(", ")}); ` +
        `this build ${fmt(median(times))} ms = ${fmt(median(times) / median(otherTimes), 2)}x`,
    );
  const jsonTimes = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t = timeOnce(() => JSON.stringify(result, null, 2));
    jsonTimes.push(t.ms);
    bytes = t.value.length;
  }
  const statuses = {};
  for (const o of result.obligations) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  const evidence = result.obligations.reduce((s, o) => s + o.evidence.length, 0);
  rows.push({
    n,
    ms: median(times),
    times,
    cpuMs: median(cpuTimes),
    jsonMs: median(jsonTimes),
    bytes,
    statuses,
    evidence,
  });
}

const base = rows[0];
console.log(
  `\nevaluate() (load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on ${os.availableParallelism()} CPUs)`,
);
console.log(
  `    events |        ms | ms / 100k events | ${`ratio to ${fmt(base.n)}`.padStart(16)} |   cpu ms | runs (ms)`,
);
for (const r of rows)
  console.log(
    `${fmt(r.n).padStart(10)} | ${fmt(r.ms).padStart(9)} | ${fmt((r.ms / r.n) * 1e5, 1).padStart(16)} | ` +
      `${fmt(r.ms / base.ms, 2).padStart(16)} | ${fmt(r.cpuMs).padStart(8)} | ${r.times.map((t) => fmt(t)).join(", ")}`,
  );
console.log("\nJSON.stringify(result, null, 2), as `lockstep check --format json` prints it");
console.log("    events |        ms |      MB | evidence events | statuses");
for (const r of rows)
  console.log(
    `${fmt(r.n).padStart(10)} | ${fmt(r.jsonMs).padStart(9)} | ${fmt(r.bytes / 1e6, 1).padStart(7)} | ` +
      `${fmt(r.evidence).padStart(15)} | ${Object.entries(r.statuses)
        .map(([s, k]) => `${k} ${s}`)
        .join(", ")}`,
  );

console.log("");
const atTarget = rows.find((r) => r.n === TARGET_EVENTS);
if (atTarget)
  console.log(
    `target: 1M events in ${fmt(atTarget.ms)} ms -> ${atTarget.ms < TARGET_MS ? "OK, under" : "OVER"} ${fmt(TARGET_MS)} ms`,
  );
if (rows.length > 1) {
  // Linear: the time per event stays within ±30% of its median across the sizes. A least-squares line
  // ms = fixed + slope × events separates a fixed cost (the replay visits each day whatever the events) from the
  // cost per event; the exponent k of time ~ events^k, from the smallest to the largest size, says which way it bends.
  const perEvent = rows.map((r) => r.ms / r.n);
  const mid = median(perEvent);
  const worst = Math.max(...perEvent.map((p) => Math.abs(p / mid - 1)));
  const last = rows.at(-1);
  const exponent = Math.log(last.ms / base.ms) / Math.log(last.n / base.n);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mx = mean(rows.map((r) => r.n));
  const my = mean(rows.map((r) => r.ms));
  const slope =
    rows.reduce((s, r) => s + (r.n - mx) * (r.ms - my), 0) / rows.reduce((s, r) => s + (r.n - mx) ** 2, 0);
  const fixed = my - slope * mx;
  const verdict =
    worst <= 0.3
      ? "linear (within ±30%)"
      : exponent < 1
        ? "sublinear: a fixed cost weighs on the small sizes (not worse than linear)"
        : "NOT linear: grows faster than the events";
  console.log(
    `growth: time per event within ±${fmt(worst * 100)}% of its median across sizes, time ~ events^${fmt(exponent, 2)}, ` +
      `fit ms = ${fmt(fixed)} + ${fmt(slope * 1e5, 1)} per 100k events -> ${verdict}`,
  );
}
