import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ImportItem } from "../ledger/index.js";
import {
  InputError,
  localDateOf,
  type Coordinates,
  parsePartialDate,
  type Issue,
  type MISSILE_CLASSES,
  type RecordLocation,
} from "../model/index.js";
import { CORRECTIONS_FILE, readCorrections, type CnsCorrection } from "./cns-corrections.js";
import type { Importer, ImportOptions } from "./importer.js";
import { decodeUtf8 } from "./utf8.js";

/**
 * The CNS North Korea Missile Test Database, as published in JSON by nagix/nk-missile-tests: test.en.json holds one
 * record per missile, keyed into missile.en.json and facility.en.json beside it. Records are grouped into one
 * ledger event per (local date in Korea, missile, facility), with `count` the number of missiles.
 */

const TEST_FILE = "test.en.json";
const MISSILE_FILE = "missile.en.json";
const FACILITY_FILE = "facility.en.json";
const TIME_ZONE = "Asia/Pyongyang";
const MAX_QUOTE = 500;

const CNS_SOURCE = {
  url: "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/",
  title: "CNS North Korea Missile Test Database",
  publisher: "James Martin Center for Nonproliferation Studies (CNS) / Nuclear Threat Initiative",
};
const NAGIX_SOURCE = {
  url: "https://github.com/nagix/nk-missile-tests",
  title: "nk-missile-tests (data/, Apache-2.0)",
  publisher: "nagix",
};

type MissileClass = (typeof MISSILE_CLASSES)[number];
const CLASS_OF_TYPE: Readonly<Record<string, MissileClass>> = {
  SRBM: "SRBM",
  MRBM: "MRBM",
  IRBM: "IRBM",
  ICBM: "ICBM",
  SLBM: "SLBM",
  SLV: "SLV",
  HGV: "hypersonic",
  Unknown: "unknown",
};

const OUTCOMES = ["success", "failure", "unknown"] as const;
type Outcome = (typeof OUTCOMES)[number];

/** What CNS writes where it has no value. */
const ABSENT = new Set(["unknown", "na", ""]);
const TRIVIAL_DESCRIPTION = /^(\d+ of \d+( tests)?\.?)?$/i;

type Json = Record<string, unknown>;

/** One missile record, checked. */
interface Shot {
  where: RecordLocation;
  localDate: string;
  /** UTC instant, when CNS gives a time. */
  instant?: string;
  missile: { key: string; name: string; type: string };
  facility: { key: string; name: string; location?: Coordinates };
  outcome: Outcome;
  apogeeKm?: number;
  distanceKm?: number;
  landing?: string;
  description: string;
  /** A correction of this record's date or class, with its source (corrections.csv beside the data). */
  correction?: CnsCorrection;
}

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function show(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    // JSON.parse reads any depth; JSON.stringify overflows the stack on a value nested some thousands deep.
    return Array.isArray(x) ? "an array nested too deeply to show" : "an object nested too deeply to show";
  }
}

function wholeFile(file: string, message: string): ImportItem {
  return { where: { file, record: "whole file" }, issues: [{ kind: "format", message }] };
}

async function loadJson(file: string): Promise<{ json: unknown; bytes: number } | { item: ImportItem }> {
  let text: string;
  try {
    text = decodeUtf8(await readFile(file), file);
  } catch (err) {
    if (err instanceof InputError) return { item: wholeFile(file, err.message) };
    return { item: wholeFile(file, `cannot read ${file}: ${(err as Error).message}`) };
  }
  try {
    return { json: JSON.parse(text), bytes: Buffer.byteLength(text) };
  } catch (err) {
    return { item: wholeFile(file, `${path.basename(file)} is not valid JSON: ${(err as Error).message}`) };
  }
}

function isDirectory(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** A distance in km: a number, a number in a string ("70"), or absent ("unknown", "na"). */
function parseKm(value: unknown, field: string, issues: Issue[]): number | undefined {
  if (value === undefined || (typeof value === "string" && ABSENT.has(value.trim().toLowerCase())))
    return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  issues.push({
    kind: "format",
    path: field,
    message: 'must be a number of km, "unknown" or "na"',
    expected: "number",
    received: show(value),
  });
  return undefined;
}

/** "sea-of-japan" -> "Sea of Japan". */
function readableLanding(key: string): string {
  return key
    .split("-")
    .map((w) => (w === "of" ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

/** Checks a record's date and time; returns the local date and instant, or undefined after adding issues. */
function placeInTime(r: Json, issues: Issue[]): { localDate: string; instant?: string } | undefined {
  const { date, time } = r;
  const span = typeof date === "string" ? parsePartialDate(date) : undefined;
  if (!span) {
    issues.push({
      kind: "format",
      path: "date",
      message: "must be a UTC date YYYY-MM-DD (or YYYY-MM)",
      expected: "YYYY-MM-DD",
      received: show(date),
    });
  }
  const hm = typeof time === "string" ? /^(\d{2}):(\d{2}) \(UTC\)$/.exec(time) : null;
  if (time !== "unknown" && !(hm && Number(hm[1]) < 24 && Number(hm[2]) < 60)) {
    issues.push({
      kind: "format",
      path: "time",
      message: 'must be "HH:MM (UTC)" or "unknown"',
      expected: "HH:MM (UTC)",
      received: show(time),
    });
    return undefined;
  }
  if (!span) return undefined;
  if (!hm) return { localDate: date as string };
  if (span.precision !== "day") {
    issues.push({
      kind: "validation",
      path: "date",
      message: "a launch time needs a full date",
      expected: "YYYY-MM-DD",
      received: show(date),
    });
    return undefined;
  }
  const instant = `${span.first}T${hm[1]}:${hm[2]}:00Z`;
  return { localDate: localDateOf(instant, TIME_ZONE), instant };
}

/** Looks a key up in missile.en.json or facility.en.json, adding an issue when it is not there or unusable. */
function lookUp(
  table: Json,
  key: unknown,
  field: "missile" | "facility",
  issues: Issue[],
): { key: string; entry: Json } | undefined {
  const file = field === "missile" ? MISSILE_FILE : FACILITY_FILE;
  const entry = typeof key === "string" && Object.hasOwn(table, key) ? table[key] : undefined;
  const needs = field === "missile" ? ["name", "type"] : ["name"];
  if (isObject(entry) && needs.every((k) => typeof entry[k] === "string"))
    return { key: key as string, entry };
  issues.push({
    kind: "validation",
    path: field,
    message:
      entry === undefined
        ? `no such ${field} in ${file}`
        : `the entry in ${file} lacks a ${needs.join(" or ")}`,
    expected: `a key of ${file}`,
    received: show(key),
  });
  return undefined;
}

/**
 * Where facility.en.json puts a facility: its lat and lon, or nothing when it gives neither. The CNS key "unknown"
 * has coordinates (Pyongyang's airport) that stand for no site, and gets none. The ranges are the event schema's
 * (attributes.facilityLocation), checked when the event is parsed.
 */
function locationOf(facility: { key: string; entry: Json }, issues: Issue[]): Coordinates | undefined {
  const { lat, lon } = facility.entry;
  if (facility.key === "unknown" || (lat === undefined && lon === undefined)) return undefined;
  if (typeof lat === "number" && typeof lon === "number") return { lat, lon };
  issues.push({
    kind: "validation",
    path: "facility",
    message: `the entry in ${FACILITY_FILE} needs both lat and lon as numbers (or neither)`,
    expected: "{ lat: number, lon: number }",
    received: show({ lat, lon }),
  });
  return undefined;
}

function parseRecord(
  r: unknown,
  where: RecordLocation,
  missiles: Json,
  facilities: Json,
  correction?: CnsCorrection,
): { shot?: Shot; issues: Issue[]; key?: string } {
  const issues: Issue[] = [];
  if (!isObject(r)) {
    return {
      issues: [{ kind: "schema", message: "must be an object", expected: "object", received: show(r) }],
    };
  }
  const placed = placeInTime(r, issues);
  // A sourced correction of the local date wins over CNS's date and over a conversion of its time.
  const when = placed && correction?.localDate ? { ...placed, localDate: correction.localDate } : placed;
  const missile = lookUp(missiles, r.missile, "missile", issues);
  const facility = lookUp(facilities, r.facility, "facility", issues);
  const location = facility && locationOf(facility, issues);
  const outcome = OUTCOMES.find((o) => o === r.outcome);
  if (!outcome) {
    issues.push({
      kind: "validation",
      path: "outcome",
      message: `must be one of: ${OUTCOMES.join(", ")}`,
      expected: OUTCOMES.join(" | "),
      received: show(r.outcome),
    });
  }
  const apogeeKm = parseKm(r.apogee, "apogee", issues);
  const distanceKm = parseKm(r.distance, "distance", issues);
  if (r.landing !== undefined && typeof r.landing !== "string") {
    issues.push({
      kind: "format",
      path: "landing",
      message: "must be text",
      expected: "string",
      received: show(r.landing),
    });
  }
  const landing =
    typeof r.landing === "string" && !ABSENT.has(r.landing.trim().toLowerCase())
      ? r.landing.trim()
      : undefined;
  // A broken record that can still be placed in a salvo keeps the rest of that salvo out (see read).
  const key = when && groupKey(when.localDate, r.missile, r.facility);
  if (issues.length || !when || !missile || !facility || !outcome) return { issues, key };
  return {
    issues,
    key,
    shot: {
      where,
      localDate: when.localDate,
      ...(when.instant ? { instant: when.instant } : {}),
      missile: { key: missile.key, name: missile.entry.name as string, type: missile.entry.type as string },
      facility: { key: facility.key, name: facility.entry.name as string, ...(location ? { location } : {}) },
      outcome,
      ...(apogeeKm !== undefined ? { apogeeKm } : {}),
      ...(distanceKm !== undefined ? { distanceKm } : {}),
      ...(landing ? { landing: readableLanding(landing) } : {}),
      description: typeof r.description === "string" ? r.description : "",
      ...(correction ? { correction } : {}),
    },
  };
}

function groupKey(localDate: string, missile: unknown, facility: unknown): string {
  // Through show: a missile or facility of a broken record may be nested too deep for JSON.stringify.
  return JSON.stringify([localDate, show(missile), show(facility)]);
}

/** The value every record gives, if they all give the same one. */
function shared<T>(values: (T | undefined)[]): T | undefined {
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : undefined;
}

function quoteOf(description: string): string | undefined {
  const text = description.replace(/\s+/g, " ").trim();
  if (TRIVIAL_DESCRIPTION.test(text)) return undefined;
  if (text.length <= MAX_QUOTE) return text;
  const cut = text.slice(0, MAX_QUOTE);
  return `${cut.slice(0, cut.lastIndexOf(" "))} …`;
}

/** "2 × SRBM Hwasong-11D (KN-35) from Sinpo Shipyard (outcome unknown)". */
function summaryOf(
  shots: Shot[],
  cls: MissileClass,
  outcome: string,
  outcomes: Record<Outcome, number>,
): string {
  const [{ missile, facility }] = shots as [Shot];
  const count = shots.length > 1 ? `${shots.length} × ` : "";
  const what = [cls === "unknown" ? "" : cls, missile.key === "unknown" ? "unknown missile" : missile.name]
    .filter(Boolean)
    .join(" ");
  const from = facility.key === "unknown" ? "from an unknown site" : `from ${facility.name}`;
  let result: string = outcome;
  if (outcome === "unknown") result = "outcome unknown";
  if (outcome === "mixed") {
    result = OUTCOMES.filter((o) => outcomes[o] > 0)
      .map((o) => `${outcomes[o]} ${o}`)
      .join(", ");
  }
  return `${count}${what} ${from} (${result})`;
}

/** The ledger event for one salvo: the records of one missile type from one site on one local day. */
function toEvent(shots: Shot[], cls: MissileClass): Json {
  const [first] = shots as [Shot];
  const count = shots.length;
  const outcomes = { success: 0, failure: 0, unknown: 0 };
  for (const s of shots) outcomes[s.outcome]++;
  const outcome = shared(shots.map((s) => s.outcome)) ?? "mixed";
  const apogeeKm = shared(shots.map((s) => s.apogeeKm));
  const distanceKm = shared(shots.map((s) => s.distanceKm));
  const landing = shared(shots.map((s) => s.landing));
  const instants = shots.flatMap((s) => (s.instant ? [s.instant] : [])).sort();
  const untimed = shots.filter((s) => !s.instant && !s.correction?.localDate).length;
  const corrected = shots.filter((s) => s.correction);
  const notes = [
    untimed === 0
      ? undefined
      : untimed === count
        ? "The date is the UTC date as CNS gives it; the launch time is unknown."
        : `The time is the earliest CNS gives; the launch time of ${untimed} of ${count} missiles is unknown, and CNS dates those by the UTC date.`,
    ...corrected.map((s) => correctionNote(s)),
  ].filter(Boolean);
  const note = notes.length ? notes.join(" ") : undefined;
  const extraSources = [
    ...new Map(
      corrected.flatMap((s) =>
        s.correction!.source ? [[JSON.stringify(s.correction!.source), s.correction!.source]] : [],
      ),
    ).values(),
  ];
  const quote = quoteOf(first.description);
  return {
    type: "missile_launch",
    date: first.localDate,
    ...(instants.length ? { time: instants[0] } : {}),
    actor: "PRK",
    count,
    attributes: {
      class: cls,
      ...(first.missile.key !== "unknown" ? { missile: first.missile.name } : {}),
      ...(first.facility.key !== "unknown" ? { facility: first.facility.name } : {}),
      // On the event, not in a table of places beside the ledger: it reaches GET /api/events and the map with no
      // new table or route, is checked by the event schema, and travels with the launch into every correction
      // that copies it (launch-reports.jsonl). Ids derive from content, so adding it gave every CNS launch a new
      // id; the scenario files that supersede them were rewritten to the new ids, and an import refuses a
      // `supersedes` naming an id the ledger lacks, so a stale reference cannot pass unseen.
      ...(first.facility.location ? { facilityLocation: first.facility.location } : {}),
      outcome,
      ...(outcome === "mixed" ? { outcomes } : {}),
      ...(apogeeKm !== undefined ? { apogeeKm } : {}),
      ...(distanceKm !== undefined ? { distanceKm } : {}),
      ...(landing ? { landing } : {}),
    },
    summary: summaryOf(shots, cls, outcome, outcomes),
    sources: [{ ...CNS_SOURCE, ...(quote ? { quote } : {}) }, NAGIX_SOURCE, ...extraSources],
    confidence: "confirmed",
    ...(note ? { note } : {}),
  };
}

/** What a correction changed, in words: the record, CNS's own date or class, and why. */
function correctionNote(s: Shot): string {
  const c = s.correction!;
  const what = [
    c.localDate ? `local date ${c.localDate}` : undefined,
    c.class ? `class ${c.class}` : undefined,
  ].filter(Boolean);
  return `Corrected (${s.where.record}, ${what.join(", ")}): ${c.note ?? "see the source"}`;
}

interface Tables {
  testFile: string;
  bytes: number;
  bins: unknown[];
  missiles: Json;
  facilities: Json;
}

/** Reads the three files, or says what is wrong with the first that cannot be used. */
async function loadTables(file: string): Promise<Tables | ImportItem> {
  const dir = isDirectory(file) ? file : path.dirname(file);
  const testFile = isDirectory(file) ? path.join(file, TEST_FILE) : file;
  const missileFile = path.join(dir, MISSILE_FILE);
  const facilityFile = path.join(dir, FACILITY_FILE);
  const tests = await loadJson(testFile);
  if ("item" in tests) return tests.item;
  const missiles = await loadJson(missileFile);
  if ("item" in missiles) return missiles.item;
  const facilities = await loadJson(facilityFile);
  if ("item" in facilities) return facilities.item;

  const bins = isObject(tests.json) ? tests.json.timeBins : undefined;
  if (!Array.isArray(bins)) return wholeFile(testFile, `${TEST_FILE} has no timeBins array`);
  if (!isObject(missiles.json))
    return wholeFile(missileFile, `${MISSILE_FILE} must be an object of missiles`);
  const facilityTable = isObject(facilities.json) ? facilities.json.facilities : undefined;
  if (!isObject(facilityTable)) return wholeFile(facilityFile, `${FACILITY_FILE} has no facilities object`);
  return { testFile, bytes: tests.bytes, bins, missiles: missiles.json, facilities: facilityTable };
}

async function* read(file: string, options: ImportOptions): AsyncGenerator<ImportItem> {
  const tables = await loadTables(file);
  if ("where" in tables) {
    yield tables;
    return;
  }
  const { testFile, bins, missiles, facilities } = tables;
  options.onProgress?.(tables.bytes, tables.bytes);
  const { corrections, problems } = readCorrections(path.join(path.dirname(testFile), CORRECTIONS_FILE));
  // A correction file that cannot be read stops the import: importing uncorrected dates would be silently wrong.
  if (problems.length) {
    yield* problems;
    return;
  }

  // Salvos in order of their first record, so that the same file gives the same events in the same order.
  const salvos = new Map<string, { shots: Shot[]; broken: string[] }>();
  for (const [i, bin] of bins.entries()) {
    const data = isObject(bin) ? bin.data : undefined;
    if (!Array.isArray(data)) {
      const received = show(isObject(bin) ? bin.data : bin);
      yield {
        where: { file: testFile, record: `timeBins[${i}]` },
        issues: [
          {
            kind: "schema",
            path: "data",
            message: "must be an array of records",
            expected: "array",
            received,
          },
        ],
      };
      continue;
    }
    for (const [j, r] of data.entries()) {
      const where = { file: testFile, record: `timeBins[${i}].data[${j}]` };
      const { shot, issues, key } = parseRecord(
        r,
        where,
        missiles,
        facilities,
        corrections.get(where.record),
      );
      if (issues.length) yield { where, issues };
      if (key === undefined) continue;
      const salvo = salvos.get(key) ?? { shots: [], broken: [] };
      salvos.set(key, salvo);
      if (shot) salvo.shots.push(shot);
      else salvo.broken.push(where.record);
    }
  }

  const keepPrk = !options.actors?.length || options.actors.includes("PRK");
  for (const { shots, broken } of salvos.values()) {
    const [first] = shots;
    if (!first) continue; // every record of it was broken, and reported
    const records = shots.map((s) => s.where.record).join(", ");
    if (!keepPrk) {
      yield { where: first.where, filtered: true };
    } else if (broken.length) {
      // Importing the readable part of a salvo would undercount it; leave it all out until the data is fixed.
      yield {
        where: first.where,
        issues: [
          {
            kind: "validation",
            message: `left out: this salvo (${records}) also has unreadable record(s) ${broken.join(", ")}`,
          },
        ],
      };
    } else {
      const cls = first.correction?.class ?? CLASS_OF_TYPE[first.missile.type];
      if (cls) {
        yield { where: first.where, input: toEvent(shots, cls) };
      } else {
        yield {
          where: first.where,
          issues: [
            {
              kind: "validation",
              path: "missile",
              message: `${MISSILE_FILE} gives "${first.missile.key}" the type "${first.missile.type}", which maps to no missile class (records ${records})`,
              expected: Object.keys(CLASS_OF_TYPE).join(" | "),
              received: first.missile.type,
            },
          ],
        };
      }
    }
  }
}

export const cnsImporter: Importer = {
  format: "cns",
  description:
    "CNS North Korea Missile Test Database (nagix/nk-missile-tests JSON: test.en.json with missile.en.json and facility.en.json beside it)",
  detect(file: string, head: Buffer): boolean {
    if (isDirectory(file))
      return statSync(path.join(file, TEST_FILE), { throwIfNoEntry: false })?.isFile() ?? false;
    return /^\s*\{/.test(head.toString("utf8")) && head.includes('"timeBins"');
  },
  read,
};
