/**
 * Hostile but plausible input for every importer and for the agreement loader (issue 11): valid records first, then
 * mutated the ways real files go wrong — cut short, invalid UTF-8, a byte order mark, CRLF, NUL bytes, huge numbers,
 * "0x10" and "1e2" where a number belongs, `__proto__` keys and columns, deep nesting, very long fields (bounded),
 * wrong column counts, duplicate headers, unbalanced quotes, damaged zips; for agreements the bundled YAML mutated,
 * anchors and aliases (a bounded billion laughs) and values of the wrong type.
 *
 * Shared by test/importers/fuzz.test.ts, test/agreement/fuzz.test.ts (run from the sources by vitest) and
 * bench/fuzz.mjs (which transpiles this file and imports the built code from dist/). So it imports nothing of src/
 * at run time: only fast-check, node: modules and the zip fixture.
 */
import fc from "fast-check";
import { zipOneFile } from "../importers/zip-fixture.js";

export type ImportFormat = "jsonl" | "csv" | "gdelt" | "cns";

export interface FuzzFile {
  /** Relative to the case's folder. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportCaseOptions {
  skipInvalid?: boolean;
  actors?: string[];
  maxLineBytes?: number;
  /** Read and validate on importFile's worker thread (where the code under test has one: the build does). */
  onWorker?: boolean;
}

/** One import to try: the files to write into a fresh folder, what to import from it, and how. */
export interface ImportCase {
  format: ImportFormat;
  files: FuzzFile[];
  /** The file to import, relative to the folder; "." for the folder itself (CNS). */
  entry: string;
  options: ImportCaseOptions;
  /** What was done to the valid input, in words, for the report. */
  mutations: string[];
}

export interface AgreementCase {
  text: string;
  /** Also written as these bytes (the text as UTF-8, mutated) and read with loadAgreement. */
  bytes?: Uint8Array;
  mutations: string[];
}

// ------------------------------------------------------------------------------------------------------------------
// Small pieces

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "utf8"));

/** Picks a position in 0..length from a generated natural number, so arbitraries need not know lengths. */
const at = (n: number, length: number): number => (length <= 0 ? 0 : n % (length + 1));

/** A printable summary for fast-check's reports instead of every byte of every file. */
function preview(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, 160)).toString("latin1");
  return JSON.stringify(text) + (bytes.length > 160 ? `…(${bytes.length} bytes)` : "");
}

function withToString<T extends object>(value: T, show: (v: T) => string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => show(value), enumerable: false });
  return value;
}

function describeImportCase(c: ImportCase): string {
  const files = c.files.map((f) => `${f.name}=${preview(f.bytes)}`).join(", ");
  return `{format: ${c.format}, entry: ${c.entry}, options: ${JSON.stringify(c.options)}, mutations: ${JSON.stringify(c.mutations)}, files: ${files}}`;
}

/** Byte sequences that are not UTF-8: stray and overlong forms, surrogates, beyond U+10FFFF, cut short. */
export const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xfe],
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0xc3],
];
const BOM = [0xef, 0xbb, 0xbf];

/** Bytes that mean something to some parser: line ends, quotes, separators, brackets, NUL. */
const SPECIAL_BYTES: readonly (readonly number[])[] = [
  [0x00],
  [0x0d],
  [0x0a],
  [0x0d, 0x0a],
  [0x22],
  [0x27],
  [0x09],
  [0x2c],
  [0x3b],
  [0x7b],
  [0x7d],
  [0x5b],
  [0x5d],
  [0x5c],
  [0x3a],
  [0x23],
  [0x26],
  [0x2a],
  BOM,
];

/** Text where a value belongs: numbers that are not quite decimal, reserved names, dates that are not, injections. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\t",
  "\u0000",
  "0x10",
  "1e2",
  "1E400",
  "-0",
  "00",
  "+1",
  ".5",
  "1.",
  "1,5",
  "Infinity",
  "-Infinity",
  "NaN",
  "99999999999999999999",
  "1000000001",
  "9007199254740993",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "\ud800",
  "\udfff",
  "\ufeff",
  "\u2028",
  "'=1+2",
  '=HYPERLINK("http://x")',
  "@SUM(A1)",
  "-2+3",
  "''=x",
  "2022-02-30",
  "2022-13-01",
  "0000-01-01",
  "9999-12-31",
  "10000-01-01",
  "2022-10-28T25:00:00Z",
  "2022-10-28T02:00:00+09:00",
  "PRK+USA",
  "PRK++USA",
  "+",
  "prk",
  "P R K",
  "https://",
  "http://[::1",
  "javascript:alert(1)",
  "ev_00000000000000000000",
  "ev_zz",
  '"',
  "\\",
  "\r\n",
  "null",
  "true",
  "[]",
  "{}",
  "unknown",
  "na",
];

/** Numbers as raw JSON text: some out of every range, some not JSON at all. */
const RAW_NUMBERS: readonly string[] = [
  "1e999",
  "-1e999",
  "1E400",
  "1e-400",
  "-0",
  "0.0",
  "99999999999999999999999",
  "1000000001",
  "1e9",
  "2e9",
  "9007199254740993",
  "5e-324",
  "1.7976931348623157e308",
  "00",
  "01",
  "0x10",
  "1e2",
  "+1",
  ".5",
  "1.",
  "NaN",
  "Infinity",
  "-Infinity",
];

/** A piece of JSON text put in as it is, not as a string (numbers beyond doubles, nesting deeper than stringify). */
class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify, with RawJson values written as their text. */
export function jsonText(value: unknown, indent?: string): string {
  const raws: string[] = [];
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof RawJson) {
        raws.push(v.text);
        return `\u0001raw${raws.length - 1}\u0001`;
      }
      return v;
    },
    indent,
  );
  if (text === undefined) return "null";
  return raws.length ? text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!) : text;
}

/** Sets a member as an own property, even `__proto__` (assignment would set the prototype instead). */
function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Arrays or objects nested `depth` deep, as raw JSON text (deeper than JSON.stringify would go). */
const deepJson = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1000, max: 100_000 })),
    kind: fc.constantFrom("array", "object", "mixed"),
  })
  .map(({ depth, kind }) => {
    const open: string[] = [];
    const close: string[] = [];
    for (let i = 0; i < depth; i++) {
      const array = kind === "array" || (kind === "mixed" && i % 2 === 0);
      open.push(array ? "[" : '{"a":');
      close.push(array ? "]" : "}");
    }
    return new RawJson(open.join("") + "1" + close.reverse().join(""));
  });

/** A long string, bounded: now and then past the 1 MiB line limit. */
const longString = fc
  .record({
    length: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1_000, max: 70_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 1_100_000 }) },
    ),
    unit: fc.constantFrom("a", "한", "😀", "\\", '"', " "),
  })
  .map(({ length, unit }) => unit.repeat(Math.ceil(length / unit.length)));

/** A JSON value where another was expected. */
const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1,
      1.5,
      1e308,
      -1e308,
      2 ** 53,
      1e9,
      1e9 + 1,
    ),
  },
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: "binary" }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((t) => new RawJson(t)) },
  { weight: 1, arbitrary: deepJson },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [null], [[]], { __proto__: null }) },
  {
    weight: 1,
    arbitrary: fc.constant(null).map(() => {
      const o: Record<string, unknown> = {};
      define(o, "__proto__", { polluted: true });
      return o;
    }),
  },
);

/** Text cells (CSV, GDELT) where another was expected. */
const hostileCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...RAW_NUMBERS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: "binary" }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: deepJson.map((r) => r.text.slice(0, 2_000_000)) },
);

// ------------------------------------------------------------------------------------------------------------------
// Byte mutations, for every format

type ByteMutation =
  | { op: "truncate"; at: number }
  | { op: "insert"; at: number; bytes: readonly number[]; what: string }
  | { op: "flip"; at: number; mask: number }
  | { op: "delete"; at: number; length: number }
  | { op: "duplicate"; at: number; length: number }
  | { op: "bom" }
  | { op: "crlf" }
  | { op: "chunk-edge"; bytes: readonly number[]; shift: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("insert" as const),
      at: fc.nat(),
      bytes: fc.constantFrom(...INVALID_UTF8),
      what: fc.constant("invalid UTF-8"),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("insert" as const),
      at: fc.nat(),
      bytes: fc.constantFrom(...SPECIAL_BYTES),
      what: fc.constant("special byte"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("insert" as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => [...b]),
      what: fc.constant("random bytes"),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("flip" as const),
      at: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("delete" as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 16 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("duplicate" as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ op: "bom" as const }) },
  { weight: 2, arbitrary: fc.constant({ op: "crlf" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("chunk-edge" as const),
      shift: fc.integer({ min: 0, max: 3 }),
      bytes: fc.constantFrom(...INVALID_UTF8, ...SPECIAL_BYTES, [0xed, 0x95, 0x9c] /* 한 */),
    }),
  },
);

/** Where streams cut files into chunks (fs.createReadStream's 64 KiB): a character split there must still be read. */
const CHUNK = 64 * 1024;

function applyByteMutation(input: Uint8Array, m: ByteMutation): { bytes: Uint8Array; label: string } {
  const b = Buffer.from(input);
  switch (m.op) {
    case "truncate": {
      const i = at(m.at, b.length);
      return { bytes: b.subarray(0, i), label: `truncated at byte ${i}` };
    }
    case "insert": {
      const i = at(m.at, b.length);
      const label = `${m.what} [${m.bytes.map((x) => x.toString(16)).join(" ")}] inserted at byte ${i}`;
      return { bytes: Buffer.concat([b.subarray(0, i), Buffer.from(m.bytes), b.subarray(i)]), label };
    }
    case "flip": {
      if (!b.length) return { bytes: b, label: "flip (empty file)" };
      const i = m.at % b.length;
      b[i] = b[i]! ^ m.mask;
      return { bytes: b, label: `byte ${i} xor ${m.mask.toString(16)}` };
    }
    case "delete": {
      const i = at(m.at, b.length);
      return {
        bytes: Buffer.concat([b.subarray(0, i), b.subarray(i + m.length)]),
        label: `${m.length} bytes deleted at ${i}`,
      };
    }
    case "duplicate": {
      const i = at(m.at, b.length);
      const piece = b.subarray(i, i + m.length);
      return {
        bytes: Buffer.concat([b.subarray(0, i), piece, b.subarray(i)]),
        label: `bytes ${i}+${m.length} repeated`,
      };
    }
    case "bom":
      return { bytes: Buffer.concat([Buffer.from(BOM), b]), label: "byte order mark" };
    case "crlf": {
      const text = b.toString("latin1").replace(/\r?\n/g, "\r\n");
      return { bytes: Buffer.from(text, "latin1"), label: "CRLF line ends" };
    }
    case "chunk-edge": {
      // The bytes put where fs.createReadStream cuts the file (64 KiB), `shift` of them before the cut; a shorter file
      // is padded (a JSON-neutral run of spaces on a line of its own) to reach it.
      const cut = CHUNK - m.shift;
      const pad = Buffer.alloc(Math.max(0, cut - b.length), 0x20);
      if (pad.length) pad[pad.length - 1] = 0x0a;
      const i = Math.min(cut, b.length);
      return {
        bytes: Buffer.concat([b.subarray(0, i), pad, Buffer.from(m.bytes), b.subarray(i)]),
        label: `[${m.bytes.map((x) => x.toString(16)).join(" ")}] at byte ${i + pad.length}, across the 64 KiB chunk edge`,
      };
    }
  }
}

/** No byte mutation most of the time (so that valid files reach the deeper checks), else one to three. */
const byteMutations = fc.oneof(
  { weight: 3, arbitrary: fc.constant<ByteMutation[]>([]) },
  { weight: 2, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 3 }) },
);

function mutateBytes(bytes: Uint8Array, ms: ByteMutation[], labels: string[]): Uint8Array {
  let out = bytes;
  for (const m of ms) {
    const r = applyByteMutation(out, m);
    out = r.bytes;
    labels.push(r.label);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------------------
// Valid events, the start of the JSON Lines and CSV inputs

const year = fc.integer({ min: 1950, max: 2030 });
const day = fc
  .record({ y: year, m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const partialDate = fc.oneof(
  { weight: 6, arbitrary: day },
  { weight: 1, arbitrary: day.map((d) => d.slice(0, 7)) },
  {
    weight: 1,
    arbitrary: day.map((d) => d.slice(0, 4)),
  },
);
const words = fc.string({ minLength: 1, maxLength: 30, unit: "grapheme" }).filter((s) => s.trim() !== "");
const source = fc.oneof(
  fc.record({ url: fc.nat(99_999).map((n) => `https://example.org/news/${n}`) }),
  fc.record({ title: words }, { requiredKeys: ["title"] }),
  fc.record(
    {
      url: fc.nat(99_999).map((n) => `https://www.nti.org/a/${n}`),
      title: words,
      publisher: words,
      date: partialDate,
      quote: words,
    },
    { requiredKeys: ["url"] },
  ),
);
const sources = fc.array(source, { minLength: 1, maxLength: 2 });

type Event = Record<string, unknown>;

const validEvent: fc.Arbitrary<Event> = fc.oneof(
  fc.record(
    {
      type: fc.constant("missile_launch"),
      date: partialDate,
      actor: fc.constant("PRK"),
      count: fc.integer({ min: 1, max: 8 }),
      attributes: fc.record(
        {
          class: fc.constantFrom("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "cruise", "unknown"),
          outcome: fc.constantFrom("success", "failure", "unknown"),
          apogeeKm: fc.integer({ min: 0, max: 6000 }),
        },
        { requiredKeys: ["class"] },
      ),
      summary: words,
      sources,
      confidence: fc.constantFrom("confirmed", "reported", "unverified", "disputed"),
    },
    { requiredKeys: ["type", "date", "actor", "attributes", "sources"] },
  ),
  fc.record({
    type: fc.constant("nuclear_test"),
    date: day,
    actor: fc.constant("PRK"),
    attributes: fc.record({ sequence: fc.integer({ min: 1, max: 9 }) }),
    sources,
  }),
  fc.record(
    {
      type: fc.constant("military_exercise"),
      date: day,
      end: fc.constant("2031-01-01"),
      actor: fc.constantFrom("USA+KOR", "USA", "KOR"),
      target: fc.constant("PRK"),
      attributes: fc.record({ name: words, status: fc.constantFrom("held", "suspended", "postponed") }),
      sources,
    },
    { requiredKeys: ["type", "date", "actor", "attributes", "sources"] },
  ),
  fc.record({
    type: fc.constant("sanctions_imposed"),
    date: day,
    actor: fc.constantFrom("UNSC", "OFAC"),
    target: fc.constant("PRK"),
    attributes: fc.record({ authority: fc.constantFrom("UNSC", "OFAC"), instrument: words }),
    sources,
  }),
  fc.record(
    {
      type: fc.constant("statement"),
      date: partialDate,
      actors: fc.constantFrom(["PRK"], ["USA", "KOR"], ["CHN"]),
      attributes: fc.record({ subject: words }),
      note: words,
      sources,
    },
    { requiredKeys: ["type", "date", "actors", "attributes", "sources"] },
  ),
  fc.record({
    type: fc.constant("cameo_event"),
    date: day,
    actor: fc.constant("USA"),
    target: fc.constant("PRK"),
    attributes: fc.record({
      code: fc.constantFrom("163", "0874", "20"),
      goldstein: fc.double({ min: -10, max: 10, noNaN: true }),
    }),
    sources,
  }),
);

/** A top-level member, an attribute or a member of the first source: where a mutation of an event lands. */
const EVENT_KEYS = [
  "type",
  "date",
  "time",
  "end",
  "actor",
  "actors",
  "target",
  "count",
  "amount",
  "attributes",
  "summary",
  "note",
  "sources",
  "confidence",
  "supersedes",
  "id",
  "provenance",
  "__proto__",
  "constructor",
  "unknown_member",
];
const ATTRIBUTE_KEYS = [
  "class",
  "outcome",
  "apogeeKm",
  "name",
  "status",
  "subject",
  "code",
  "goldstein",
  "__proto__",
  "constructor",
  "toString",
  "",
];
const SOURCE_KEYS = ["url", "title", "publisher", "date", "quote", "__proto__", "extra"];

type EventMutation =
  | { op: "set"; where: "top" | "attributes" | "source"; key: string; value: unknown }
  | { op: "delete"; where: "top" | "attributes"; key: string };

const eventMutation: fc.Arbitrary<EventMutation> = fc.oneof(
  fc.record({
    op: fc.constant("set" as const),
    where: fc.constant("top" as const),
    key: fc.constantFrom(...EVENT_KEYS),
    value: hostileJsonValue,
  }),
  fc.record({
    op: fc.constant("set" as const),
    where: fc.constant("attributes" as const),
    key: fc.constantFrom(...ATTRIBUTE_KEYS),
    value: hostileJsonValue,
  }),
  fc.record({
    op: fc.constant("set" as const),
    where: fc.constant("source" as const),
    key: fc.constantFrom(...SOURCE_KEYS),
    value: hostileJsonValue,
  }),
  fc.record({
    op: fc.constant("delete" as const),
    where: fc.constantFrom("top" as const, "attributes" as const),
    key: fc.constantFrom(...EVENT_KEYS, ...ATTRIBUTE_KEYS),
  }),
);

function mutateEvent(event: Event, m: EventMutation, labels: string[]): Event {
  // A copy, with its members in their order: the mutations below change it in place.
  const e: Event = { ...event };
  const attributes: Record<string, unknown> =
    typeof e.attributes === "object" && e.attributes !== null ? { ...(e.attributes as object) } : {};
  if (typeof e.attributes === "object" && e.attributes !== null) e.attributes = attributes;
  const show = (v: unknown) => (v instanceof RawJson ? v.text.slice(0, 40) : JSON.stringify(v)?.slice(0, 40));
  if (m.op === "delete") {
    delete (m.where === "top" ? e : attributes)[m.key];
    labels.push(`${m.where === "top" ? "" : "attributes."}${m.key} deleted`);
  } else if (m.where === "top") {
    define(e, m.key, m.value);
    labels.push(`${m.key} = ${show(m.value)}`);
  } else if (m.where === "attributes") {
    define(attributes, m.key, m.value);
    e.attributes = attributes;
    labels.push(`attributes.${m.key} = ${show(m.value)}`);
  } else {
    const list = Array.isArray(e.sources) ? [...(e.sources as unknown[])] : [{}];
    const first: Record<string, unknown> =
      typeof list[0] === "object" && list[0] !== null ? { ...(list[0] as object) } : {};
    define(first, m.key, m.value);
    list[0] = first;
    e.sources = list;
    labels.push(`sources[0].${m.key} = ${show(m.value)}`);
  }
  return e;
}

const mutatedEvent = fc
  .record({ event: validEvent, mutations: fc.array(eventMutation, { minLength: 1, maxLength: 2 }) })
  .map(({ event, mutations }) => {
    const labels: string[] = [];
    let e = event;
    for (const m of mutations) e = mutateEvent(e, m, labels);
    return { event: e, labels };
  });

/** Events mutated now and then: most records of a file valid, some not. */
const fileEvents = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: validEvent.map((event) => ({ event, labels: [] as string[] })) },
      { weight: 2, arbitrary: mutatedEvent },
    ),
    {
      minLength: 0,
      maxLength: 6,
    },
  )
  .map((list) => ({
    events: list.map((x) => x.event),
    labels: list.flatMap((x, i) => x.labels.map((l) => `record ${i + 1}: ${l}`)),
  }));

/** A line-based option set: all-or-nothing mostly, sometimes --skip-invalid, --actors, a small line limit. */
const importOptions = (lineBased: boolean): fc.Arbitrary<ImportCaseOptions> =>
  fc
    .record({
      skip: fc.integer({ min: 0, max: 4 }),
      // Rarely: starting the thread costs more than most cases, and the path is the same whatever the input.
      worker: fc.integer({ min: 0, max: 49 }),
      actors: fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom<string[]>(["PRK"], ["USA", "KOR"], ["XXX"], ["prk"], [""]) },
      ),
      maxLineBytes: fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        { weight: lineBased ? 1 : 0, arbitrary: fc.integer({ min: 1, max: 4096 }) },
      ),
    })
    .map(({ skip, worker, actors, maxLineBytes }) => ({
      ...(skip === 0 ? { skipInvalid: true } : {}),
      ...(worker === 0 ? { onWorker: true } : {}),
      ...(actors ? { actors } : {}),
      ...(maxLineBytes ? { maxLineBytes } : {}),
    }));

// ------------------------------------------------------------------------------------------------------------------
// JSON Lines

type LineMutation =
  | { op: "truncate-line"; line: number; at: number }
  | { op: "duplicate-key"; line: number; key: string }
  | { op: "blank"; line: number; text: string }
  | { op: "duplicate-line"; line: number }
  | { op: "swap"; line: number }
  | { op: "replace-line"; line: number; text: string };

const lineMutation = (replacements: fc.Arbitrary<string>): fc.Arbitrary<LineMutation> =>
  fc.oneof(
    fc.record({ op: fc.constant("truncate-line" as const), line: fc.nat(), at: fc.nat() }),
    fc.record({
      op: fc.constant("duplicate-key" as const),
      line: fc.nat(),
      key: fc.constantFrom('"type":"statement"', '"date":"x"', '"__proto__":{"a":1}', '"count":2'),
    }),
    fc.record({
      op: fc.constant("blank" as const),
      line: fc.nat(),
      text: fc.constantFrom("", " ", "\t", "\r", "\u00a0", "\ufeff"),
    }),
    fc.record({ op: fc.constant("duplicate-line" as const), line: fc.nat() }),
    fc.record({ op: fc.constant("swap" as const), line: fc.nat() }),
    fc.record({ op: fc.constant("replace-line" as const), line: fc.nat(), text: replacements }),
  );

function mutateLines(lines: string[], m: LineMutation, labels: string[]): string[] {
  const out = [...lines];
  const i = out.length ? m.line % out.length : 0;
  switch (m.op) {
    case "truncate-line":
      if (!out.length) return out;
      out[i] = out[i]!.slice(0, at(m.at, out[i]!.length));
      labels.push(`line ${i + 1} cut at ${at(m.at, lines[i]!.length)}`);
      return out;
    case "duplicate-key":
      if (!out.length) return out;
      out[i] = out[i]!.replace(/^\{/, `{${m.key},`);
      labels.push(`line ${i + 1}: duplicate key ${m.key}`);
      return out;
    case "blank":
      out.splice(i, 0, m.text);
      labels.push(`blank line ${JSON.stringify(m.text)} before line ${i + 1}`);
      return out;
    case "duplicate-line":
      if (!out.length) return out;
      out.splice(i, 0, out[i]!);
      labels.push(`line ${i + 1} repeated`);
      return out;
    case "swap":
      if (out.length < 2) return out;
      [out[i], out[(i + 1) % out.length]] = [out[(i + 1) % out.length]!, out[i]!];
      labels.push(`lines ${i + 1} and ${((i + 1) % out.length) + 1} swapped`);
      return out;
    case "replace-line":
      if (!out.length) out.push("");
      out[i] = m.text;
      labels.push(`line ${i + 1} = ${JSON.stringify(m.text.slice(0, 40))}`);
      return out;
  }
}

const jsonLineReplacement = fc.oneof(
  fc.constantFrom(
    "{}",
    "[]",
    "null",
    "1",
    '"text"',
    "{",
    '{"type":',
    "{}{}",
    "[1,]",
    '{"a":1,}',
    "\u0000",
    "{'type':'statement'}",
  ),
  deepJson.map((r) => r.text),
  hostileJsonValue.map((v) => jsonText(v)),
);

const lineEnd = fc.constantFrom("\n", "\r\n");

export const jsonlCase: fc.Arbitrary<ImportCase> = fc
  .record({
    file: fileEvents,
    lineMutations: fc.array(lineMutation(jsonLineReplacement), { maxLength: 2 }),
    bytes: byteMutations,
    end: lineEnd,
    finalNewline: fc.boolean(),
    options: importOptions(true),
  })
  .map(({ file, lineMutations, bytes, end, finalNewline, options }) => {
    const labels = [...file.labels];
    let lines = file.events.map((e) => jsonText(e));
    for (const m of lineMutations) lines = mutateLines(lines, m, labels);
    const text = lines.join(end) + (finalNewline && lines.length ? end : "");
    const content = mutateBytes(utf8(text), bytes, labels);
    return withToString<ImportCase>(
      {
        format: "jsonl",
        files: [{ name: "events.jsonl", bytes: content }],
        entry: "events.jsonl",
        options,
        mutations: labels,
      },
      describeImportCase,
    );
  });

// ------------------------------------------------------------------------------------------------------------------
// CSV

/** One cell as a CSV writer would quote it. */
function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The event as CSV cells: the export's columns (attributes and sources as JSON), or the hand-written ones. */
function eventCells(e: Event, handWritten: boolean): Record<string, string> {
  const cells: Record<string, string> = {};
  const text = (v: unknown): string =>
    v === undefined
      ? ""
      : typeof v === "string"
        ? v
        : Array.isArray(v) && v.every((x) => typeof x === "string")
          ? v.join("+")
          : jsonText(v);
  for (const key of Object.keys(e)) {
    const v = e[key];
    if (key === "attributes" && handWritten && typeof v === "object" && v !== null) {
      for (const [name, value] of Object.entries(v)) define(cells, `attr.${name}`, text(value));
    } else if (
      key === "sources" &&
      handWritten &&
      Array.isArray(v) &&
      typeof v[0] === "object" &&
      v[0] !== null
    ) {
      for (const [name, value] of Object.entries(v[0] as object))
        define(cells, `source_${name}`, text(value));
    } else if (key === "attributes" || key === "sources") {
      define(cells, key, jsonText(v));
    } else if (key === "actors") {
      define(cells, "actor", text(v));
    } else {
      define(cells, key, key === "supersedes" && Array.isArray(v) ? v.join(";") : text(v));
    }
  }
  return cells;
}

type CsvMutation =
  | { op: "cell"; row: number; column: number; value: string }
  | { op: "drop-cell"; row: number }
  | { op: "extra-cell"; row: number; value: string }
  | { op: "duplicate-header"; column: number }
  | { op: "rename-header"; column: number; name: string }
  | { op: "drop-header" }
  | { op: "newline-in-cell"; row: number; column: number }
  | { op: "no-header" };

const HOSTILE_COLUMNS = [
  "__proto__",
  "attr.__proto__",
  "attr.constructor",
  "attr.prototype",
  "attr.",
  "attr.toString",
  "",
  " date",
  "Date",
  "source_",
  "source_extra",
  "constructor",
  "toString",
  "hasOwnProperty",
  "id",
  "amount",
  "amount_unit",
  "supersedes",
  "time",
];

const csvMutation: fc.Arbitrary<CsvMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("cell" as const),
      row: fc.nat(),
      column: fc.nat(),
      value: hostileCell,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("drop-cell" as const), row: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("extra-cell" as const), row: fc.nat(), value: hostileCell }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("duplicate-header" as const), column: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("rename-header" as const),
      column: fc.nat(),
      name: fc.constantFrom(...HOSTILE_COLUMNS),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "drop-header" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("newline-in-cell" as const), row: fc.nat(), column: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "no-header" as const }) },
);

export const csvCase: fc.Arbitrary<ImportCase> = fc
  .record({
    file: fileEvents,
    handWritten: fc.boolean(),
    csvMutations: fc.array(csvMutation, { maxLength: 3 }),
    bytes: byteMutations,
    end: lineEnd,
    finalNewline: fc.boolean(),
    options: importOptions(false),
  })
  .map(({ file, handWritten, csvMutations, bytes, end, finalNewline, options }) => {
    const labels = [...file.labels];
    const rows = file.events.map((e) => eventCells(e, handWritten));
    let header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    if (!header.length) header = ["date", "type", "actor"];
    let table = rows.map((r) => header.map((h) => (Object.hasOwn(r, h) ? r[h]! : "")));
    let withHeader = true;
    for (const m of csvMutations) {
      const r = table.length && "row" in m ? m.row % table.length : 0;
      switch (m.op) {
        case "cell":
          if (!table.length) break;
          table[r]![m.column % header.length] = m.value;
          labels.push(
            `row ${r + 1} column ${header[m.column % header.length]} = ${JSON.stringify(m.value.slice(0, 40))}`,
          );
          break;
        case "drop-cell":
          if (!table.length) break;
          table[r] = table[r]!.slice(0, -1);
          labels.push(`row ${r + 1} one cell short`);
          break;
        case "extra-cell":
          if (!table.length) break;
          table[r] = [...table[r]!, m.value];
          labels.push(`row ${r + 1} one cell over`);
          break;
        case "duplicate-header": {
          const c = m.column % header.length;
          header = [...header, header[c]!];
          table = table.map((row) => [...row, row[c] ?? ""]);
          labels.push(`column ${header[c]} twice`);
          break;
        }
        case "rename-header": {
          const c = m.column % header.length;
          labels.push(`column ${header[c]} renamed ${JSON.stringify(m.name)}`);
          header = header.map((h, i) => (i === c ? m.name : h));
          break;
        }
        case "drop-header":
          labels.push(`header one name short`);
          header = header.slice(0, -1);
          break;
        case "newline-in-cell":
          if (!table.length) break;
          table[r]![m.column % header.length] += "\nsecond line";
          labels.push(`row ${r + 1}: a line break in a cell`);
          break;
        case "no-header":
          withHeader = false;
          labels.push("no header row");
          break;
      }
    }
    const lines = [...(withHeader ? [header] : []), ...table].map((cells) => cells.map(csvCell).join(","));
    const text = lines.join(end) + (finalNewline ? end : "");
    const content = mutateBytes(utf8(text), bytes, labels);
    return withToString<ImportCase>(
      {
        format: "csv",
        files: [{ name: "events.csv", bytes: content }],
        entry: "events.csv",
        options,
        mutations: labels,
      },
      describeImportCase,
    );
  });

// ------------------------------------------------------------------------------------------------------------------
// GDELT

/** The columns a row sets (0-based, GDELT 2.0); 1.0 drops the three ADM2 codes, the backfile SOURCEURL too. */
const ADM2 = [39, 47, 55];
const GDELT_READ_COLUMNS = [0, 1, 5, 6, 7, 8, 15, 16, 17, 18, 25, 26, 28, 29, 30, 31, 32, 33, 34, 59, 60];

const gdeltRow = fc
  .record({
    id: fc.nat(),
    date: day.map((d) => d.replaceAll("-", "")),
    actor1: fc.constantFrom("USA", "PRK", "KOR", "CHN", ""),
    actor2: fc.constantFrom("USA", "PRK", "KOR", "JPN", ""),
    group1: fc.constantFrom("", "UNO", "NGO"),
    code: fc.constantFrom("163", "0874", "20", "190", "042"),
    goldstein: fc.integer({ min: -100, max: 100 }).map((n) => (n / 10).toFixed(1)),
    quad: fc.integer({ min: 1, max: 4 }),
    mentions: fc.nat(1000),
    tone: fc.double({ min: -100, max: 100, noNaN: true }).map((n) => n.toFixed(4)),
    root: fc.constantFrom("1", "0", ""),
    url: fc.oneof(
      fc.nat(99_999).map((n) => `https://example.org/news/${n}`),
      fc.constantFrom("", "not a url", "http://[::1"),
    ),
  })
  .map((r) => {
    const f = Array<string>(61).fill("");
    Object.assign(f, {
      0: String(r.id),
      1: r.date,
      2: r.date.slice(0, 6),
      3: r.date.slice(0, 4),
      5: r.actor1 ? `${r.actor1}GOV` : "",
      6: r.actor1,
      7: r.actor1,
      8: r.group1,
      15: r.actor2,
      16: r.actor2,
      17: r.actor2,
      25: r.root,
      26: r.code,
      27: r.code.slice(0, 3),
      28: r.code.slice(0, 2),
      29: String(r.quad),
      30: r.goldstein,
      31: String(r.mentions),
      32: String(Math.min(r.mentions, 3)),
      33: String(r.mentions),
      34: r.tone,
      59: `${r.date}120000`,
      60: r.url,
    });
    return f;
  });

type GdeltMutation =
  | { op: "cell"; row: number; column: number; value: string }
  | { op: "drop-field"; row: number }
  | { op: "extra-field"; row: number }
  | { op: "layout"; row: number; layout: 58 | 57 };

const gdeltMutation: fc.Arbitrary<GdeltMutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("cell" as const),
      row: fc.nat(),
      column: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...GDELT_READ_COLUMNS) },
        { weight: 1, arbitrary: fc.nat(60) },
      ),
      value: fc.oneof(
        hostileCell,
        fc.constantFrom(
          "20180230",
          "00000101",
          "99991231",
          "2018061",
          "201806120",
          "1",
          "12345",
          "-8",
          "11",
          "-10.5",
          "4",
          "5",
          "0",
          " 4",
          "4 ",
        ),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("drop-field" as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("extra-field" as const), row: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("layout" as const),
      row: fc.nat(),
      layout: fc.constantFrom(58 as const, 57 as const),
    }),
  },
);

/** The text of a GDELT export, in one layout (2.0, 1.0 or the backfile's), some rows mutated. */
const gdeltText = fc
  .record({
    rows: fc.array(gdeltRow, { minLength: 0, maxLength: 8 }),
    layout: fc.constantFrom(61, 58, 57),
    mutations: fc.array(gdeltMutation, { maxLength: 3 }),
    finalNewline: fc.boolean(),
  })
  .map(({ rows, layout, mutations, finalNewline }) => {
    const labels: string[] = [];
    const shape = (f: string[], n: number) =>
      n === 61
        ? f
        : n === 58
          ? f.filter((_, i) => !ADM2.includes(i))
          : f.filter((_, i) => !ADM2.includes(i)).slice(0, 57);
    const table = rows.map((f) => shape(f, layout));
    for (const m of mutations) {
      if (!table.length) break;
      const r = m.row % table.length;
      const row = [...table[r]!];
      if (m.op === "cell") {
        // The column as GDELT 2.0 numbers it, wherever that column sits in this layout.
        const c =
          layout === 61
            ? m.column
            : Math.min(row.length - 1, m.column - ADM2.filter((a) => a < m.column).length);
        row[c] = m.value;
        labels.push(`row ${r + 1} column ${m.column} = ${JSON.stringify(m.value.slice(0, 40))}`);
      } else if (m.op === "drop-field") {
        row.pop();
        labels.push(`row ${r + 1} one field short`);
      } else if (m.op === "extra-field") {
        row.push("extra");
        labels.push(`row ${r + 1} one field over`);
      } else {
        table[r] = shape(rows[r]!, m.layout);
        labels.push(`row ${r + 1} in the ${m.layout}-column layout`);
        continue;
      }
      table[r] = row;
    }
    const lines = table.map((f) => f.join("\t"));
    return { text: lines.join("\n") + (finalNewline && lines.length ? "\n" : ""), labels };
  });

export const gdeltCase: fc.Arbitrary<ImportCase> = fc
  .record({ file: gdeltText, bytes: byteMutations, options: importOptions(true) })
  .map(({ file, bytes, options }) => {
    const labels = [...file.labels];
    const content = mutateBytes(utf8(file.text), bytes, labels);
    const name = "20180612120000.export.CSV";
    return withToString<ImportCase>(
      { format: "gdelt", files: [{ name, bytes: content }], entry: name, options, mutations: labels },
      describeImportCase,
    );
  });

type ZipMutation =
  | { op: "none" }
  | { op: "truncate"; at: number }
  | { op: "flip"; at: number; mask: number }
  | { op: "flip-data"; at: number; mask: number }
  | {
      op: "size";
      field: "local-compressed" | "local-uncompressed" | "central-compressed" | "central-uncompressed";
      value: number;
    }
  | { op: "garbage"; where: "before" | "after"; bytes: Uint8Array }
  | { op: "directory" }
  | { op: "not-a-zip" }
  | { op: "bomb" };

const zipMutation: fc.Arbitrary<ZipMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ op: "none" as const }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("flip" as const),
      at: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("flip-data" as const),
      at: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("size" as const),
      field: fc.constantFrom(
        "local-compressed" as const,
        "local-uncompressed" as const,
        "central-compressed" as const,
        "central-uncompressed" as const,
      ),
      value: fc.oneof(
        fc.integer({ min: 0, max: 4096 }),
        fc.constantFrom(0xffffffff, 0x7fffffff, 2 ** 31 + 1, 9 * 1024 ** 2),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("garbage" as const),
      where: fc.constantFrom("before" as const, "after" as const),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "directory" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "not-a-zip" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "bomb" as const }) },
);

/** The zip's one entry is named like GDELT's, and its local header is 30 bytes plus the name. */
const ZIP_ENTRY = "20180612120000.export.CSV";

function damageZip(text: Uint8Array, m: ZipMutation, labels: string[]): Uint8Array {
  if (m.op === "directory") {
    labels.push("zip holding only a folder");
    return zipOneFile("folder/", Buffer.alloc(0));
  }
  if (m.op === "not-a-zip") {
    labels.push("not a zip");
    return text;
  }
  if (m.op === "bomb") {
    labels.push("zip bomb (2 MiB of one byte)");
    return zipOneFile(ZIP_ENTRY, Buffer.alloc(2 * 1024 * 1024 + 1, 0x61));
  }
  const zip = zipOneFile(ZIP_ENTRY, Buffer.from(text));
  const nameLength = Buffer.byteLength(ZIP_ENTRY);
  const dataStart = 30 + nameLength;
  const dataLength = zip.readUInt32LE(18);
  const central = dataStart + dataLength;
  switch (m.op) {
    case "none":
      return zip;
    case "truncate": {
      const i = at(m.at, zip.length - 1);
      labels.push(`zip truncated at byte ${i} of ${zip.length}`);
      return zip.subarray(0, i);
    }
    case "flip": {
      const i = m.at % zip.length;
      zip[i] = zip[i]! ^ m.mask;
      labels.push(`zip byte ${i} of ${zip.length} xor ${m.mask.toString(16)}`);
      return zip;
    }
    case "flip-data": {
      if (!dataLength) return zip;
      const i = dataStart + (m.at % dataLength);
      zip[i] = zip[i]! ^ m.mask;
      labels.push(`zip's deflated data, byte ${i} xor ${m.mask.toString(16)}`);
      return zip;
    }
    case "size": {
      const offset = {
        "local-compressed": 18,
        "local-uncompressed": 22,
        "central-compressed": central + 20,
        "central-uncompressed": central + 24,
      }[m.field];
      zip.writeUInt32LE(m.value >>> 0, offset);
      labels.push(`zip's ${m.field} size set to ${m.value}`);
      return zip;
    }
    case "garbage":
      labels.push(`${m.bytes.length} bytes of garbage ${m.where} the zip`);
      return m.where === "before" ? Buffer.concat([m.bytes, zip]) : Buffer.concat([zip, m.bytes]);
  }
}

export const gdeltZipCase: fc.Arbitrary<ImportCase> = fc
  .record({ file: gdeltText, bytes: byteMutations, zip: zipMutation, options: importOptions(true) })
  .map(({ file, bytes, zip, options }) => {
    const labels = [...file.labels];
    const text = mutateBytes(utf8(file.text), bytes, labels);
    const name = `${ZIP_ENTRY}.zip`;
    return withToString<ImportCase>(
      {
        format: "gdelt",
        files: [{ name, bytes: damageZip(text, zip, labels) }],
        entry: name,
        options,
        mutations: labels,
      },
      describeImportCase,
    );
  });

// ------------------------------------------------------------------------------------------------------------------
// CNS

const CNS_MISSILES: Record<string, { name: string; type: string }> = {
  "scud-b": { name: "Scud-B", type: "SRBM" },
  "hwasong-12": { name: "Hwasong-12", type: "IRBM" },
  "hwasong-15": { name: "Hwasong-15", type: "ICBM" },
  "pukguksong-1": { name: "Pukguksong-1", type: "SLBM" },
  "unha-3": { name: "Unha-3", type: "SLV" },
  "hwasong-8": { name: "Hwasong-8", type: "HGV" },
  oddity: { name: "Oddity", type: "SRCM" },
  unknown: { name: "Unknown", type: "Unknown" },
};
const CNS_FACILITIES = {
  facilities: {
    tonghae: { name: "Tonghae Satellite Launching Ground", lat: 40.85, lon: 129.67 },
    sohae: { name: "Sohae Satellite Launching Station", lat: 39.66, lon: 124.7 },
    unknown: { name: "Unknown", lat: 39.2, lon: 125.67 },
  },
};

const cnsRecord = fc.record(
  {
    date: fc.oneof(
      { weight: 5, arbitrary: day.filter((d) => d >= "1984") },
      { weight: 1, arbitrary: day.map((d) => d.slice(0, 7)) },
    ),
    time: fc.oneof(
      fc.constant("unknown"),
      fc
        .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) })
        .map(({ h, m }) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")} (UTC)`),
    ),
    series: fc.integer({ min: 1, max: 5 }),
    missile: fc.constantFrom(...Object.keys(CNS_MISSILES)),
    facility: fc.constantFrom(...Object.keys(CNS_FACILITIES.facilities)),
    landing: fc.constantFrom("sea-of-japan", "unknown", "na", "yellow-sea"),
    apogee: fc.oneof(fc.integer({ min: 0, max: 6000 }), fc.constantFrom("unknown", "na", "70", "12.5")),
    distance: fc.oneof(fc.integer({ min: 0, max: 6000 }), fc.constantFrom("unknown", "na", "950")),
    bearing: fc.integer({ min: 0, max: 359 }),
    outcome: fc.constantFrom("success", "failure", "unknown"),
    description: fc.oneof(
      fc.constantFrom("", "1 of 2.", "2 of 2 tests"),
      words,
      longString.map((s) => s.slice(0, 5000)),
    ),
  },
  { requiredKeys: ["date", "time", "missile", "facility", "outcome"] },
);

const CNS_FIELDS = [
  "date",
  "time",
  "missile",
  "facility",
  "outcome",
  "apogee",
  "distance",
  "landing",
  "description",
  "__proto__",
  "series",
];

type CnsMutation =
  | { op: "field"; bin: number; record: number; key: string; value: unknown }
  | { op: "delete-field"; bin: number; record: number; key: string }
  | { op: "record"; bin: number; record: number; value: unknown }
  | { op: "data"; bin: number; value: unknown }
  | { op: "time-bins"; value: unknown }
  | { op: "top"; value: unknown }
  | { op: "missile-table"; key: string; value: unknown }
  | { op: "facility-table"; key: string; value: unknown }
  | { op: "proto-missile" }
  | { op: "repeat-record"; bin: number; record: number };

const cnsMutation: fc.Arbitrary<CnsMutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("field" as const),
      bin: fc.nat(),
      record: fc.nat(),
      key: fc.constantFrom(...CNS_FIELDS),
      value: fc.oneof(
        hostileJsonValue,
        fc.constantFrom(
          "scud-b",
          "constructor",
          "toString",
          "24:00 (UTC)",
          "23:59 (UTC)",
          "12:60 (UTC)",
          "12:00",
          "9999-12-31",
          "0001-01-01",
          "1e2",
          "mixed",
        ),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("delete-field" as const),
      bin: fc.nat(),
      record: fc.nat(),
      key: fc.constantFrom(...CNS_FIELDS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("record" as const),
      bin: fc.nat(),
      record: fc.nat(),
      value: hostileJsonValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("data" as const), bin: fc.nat(), value: hostileJsonValue }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("time-bins" as const), value: hostileJsonValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("top" as const), value: hostileJsonValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("missile-table" as const),
      key: fc.constantFrom("scud-b", "unknown", "__proto__", "oddity"),
      value: fc.oneof(
        hostileJsonValue,
        fc.constant({ name: "X", type: "ICBM" }),
        fc.constant({ name: 1, type: "SRBM" }),
        fc.constant({ type: "SRBM" }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("facility-table" as const),
      key: fc.constantFrom("tonghae", "unknown", "__proto__"),
      value: fc.oneof(hostileJsonValue, fc.constant({ lat: 1 })),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "proto-missile" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("repeat-record" as const), bin: fc.nat(), record: fc.nat() }),
  },
);

/** A corrections.csv beside the data: some rows valid, some not. */
const correctionsCsv = fc
  .array(
    fc.record({
      record: fc.oneof(
        fc.record({ i: fc.nat(2), j: fc.nat(4) }).map(({ i, j }) => `timeBins[${i}].data[${j}]`),
        hostileCell,
      ),
      localDate: fc.oneof(day, fc.constant(""), hostileCell),
      cls: fc.constantFrom("", "SRBM", "guided_weapon", "artillery_rocket", "ICBM", "bogus"),
      url: fc.constantFrom("", "https://example.org/c"),
      quote: fc.constantFrom("", "the record's own words"),
    }),
    { maxLength: 4 },
  )
  .map(
    (rows) =>
      [
        "record,local_date,class,source_url,source_title,source_publisher,source_date,quote,note",
        ...rows.map((r) =>
          [r.record, r.localDate, r.cls, r.url, "", "", "", r.quote, ""].map(csvCell).join(","),
        ),
      ].join("\n") + "\n",
  );

export const cnsCase: fc.Arbitrary<ImportCase> = fc
  .record({
    bins: fc.array(fc.array(cnsRecord, { minLength: 0, maxLength: 5 }), { minLength: 0, maxLength: 3 }),
    mutations: fc.array(cnsMutation, { maxLength: 3 }),
    tabs: fc.boolean(),
    corrections: fc.option(correctionsCsv, { freq: 4 }),
    damaged: fc.constantFrom("test.en.json", "missile.en.json", "facility.en.json", "corrections.csv"),
    bytes: byteMutations,
    folder: fc.boolean(),
    options: importOptions(false),
  })
  .map(({ bins, mutations, tabs, corrections, damaged, bytes, folder, options }) => {
    const labels: string[] = [];
    const missiles: Record<string, unknown> = { ...CNS_MISSILES };
    const facilityTable: Record<string, unknown> = { ...CNS_FACILITIES.facilities };
    const facilities: Record<string, unknown> = { facilities: facilityTable };
    const timeBins: unknown[] = bins.map((data) => ({ data: data.map((r) => ({ ...r })) }));
    let top: unknown = { timeBins };
    const recordAt = (bin: number, record: number): Record<string, unknown> | undefined => {
      const b = timeBins.length ? (timeBins[bin % timeBins.length] as { data?: unknown }) : undefined;
      const data = b && Array.isArray(b.data) ? (b.data as unknown[]) : undefined;
      const r = data?.length ? data[record % data.length] : undefined;
      return typeof r === "object" && r !== null && !Array.isArray(r)
        ? (r as Record<string, unknown>)
        : undefined;
    };
    for (const m of mutations) {
      switch (m.op) {
        case "field": {
          const r = recordAt(m.bin, m.record);
          if (r) {
            define(r, m.key, m.value);
            labels.push(`a record's ${m.key} = ${jsonText(m.value).slice(0, 40)}`);
          }
          break;
        }
        case "delete-field": {
          const r = recordAt(m.bin, m.record);
          if (r) {
            delete r[m.key];
            labels.push(`a record without ${m.key}`);
          }
          break;
        }
        case "record": {
          const b = timeBins.length ? (timeBins[m.bin % timeBins.length] as { data: unknown[] }) : undefined;
          if (b && Array.isArray(b.data) && b.data.length) {
            b.data[m.record % b.data.length] = m.value;
            labels.push(`a record = ${jsonText(m.value).slice(0, 40)}`);
          }
          break;
        }
        case "data":
          if (timeBins.length) {
            timeBins[m.bin % timeBins.length] = { data: m.value };
            labels.push(`a bin's data = ${jsonText(m.value).slice(0, 40)}`);
          }
          break;
        case "time-bins":
          top = { timeBins: m.value };
          labels.push(`timeBins = ${jsonText(m.value).slice(0, 40)}`);
          break;
        case "top":
          top = m.value;
          labels.push(`test.en.json = ${jsonText(m.value).slice(0, 40)}`);
          break;
        case "missile-table":
          define(missiles, m.key, m.value);
          labels.push(`missile.en.json ${m.key} = ${jsonText(m.value).slice(0, 40)}`);
          break;
        case "facility-table":
          define(facilityTable, m.key, m.value);
          labels.push(`facility.en.json ${m.key} = ${jsonText(m.value).slice(0, 40)}`);
          break;
        case "proto-missile": {
          define(missiles, "__proto__", { name: "Proto", type: "ICBM" });
          const r = recordAt(0, 0);
          if (r) r.missile = "__proto__";
          labels.push(`a missile named __proto__`);
          break;
        }
        case "repeat-record": {
          const b = timeBins.length ? (timeBins[m.bin % timeBins.length] as { data: unknown[] }) : undefined;
          if (b && Array.isArray(b.data) && b.data.length) {
            b.data.push(b.data[m.record % b.data.length]);
            labels.push(`a record repeated`);
          }
          break;
        }
      }
    }
    const indent = tabs ? "\t" : undefined;
    const files: FuzzFile[] = [
      { name: "test.en.json", bytes: utf8(jsonText(top, indent)) },
      { name: "missile.en.json", bytes: utf8(jsonText(missiles, indent)) },
      { name: "facility.en.json", bytes: utf8(jsonText(facilities, indent)) },
      ...(corrections !== null ? [{ name: "corrections.csv", bytes: utf8(corrections) }] : []),
    ];
    const target = files.find((f) => f.name === damaged);
    if (target && bytes.length) {
      labels.push(`in ${target.name}:`);
      target.bytes = mutateBytes(target.bytes, bytes, labels);
    }
    return withToString<ImportCase>(
      { format: "cns", files, entry: folder ? "." : "test.en.json", options, mutations: labels },
      describeImportCase,
    );
  });

// ------------------------------------------------------------------------------------------------------------------
// Agreements

/** Scalars and flows where an agreement expects something else, YAML's odd corners included. */
const HOSTILE_YAML_VALUES: readonly string[] = [
  "0x10",
  "1e2",
  "0o17",
  ".inf",
  "-.inf",
  ".nan",
  "~",
  "null",
  "[]",
  "{}",
  "''",
  '""',
  "__proto__",
  "constructor",
  "2018-02-30",
  "2018-13-01",
  "2018-06-12T10:00:00Z",
  "P-1D",
  "P0D",
  "P",
  "P1.5D",
  "PT1H",
  "99999999999999999999999999",
  "-1",
  "1.5",
  "true",
  "yes",
  "no",
  "on",
  "{a: 1}",
  "[a, [b, [c]]]",
  "[PRK, USA, PRK]",
  "{each: []}",
  "{jointly: [PRK], shares: {PRK: 2}}",
  "{until: 2019-01-01, for: P1D}",
  "actor=PRK type=",
  "actor= type=nuclear_test",
  "type=missile_launch class=ICBM,,",
  "{actor: [], type: {}}",
  "*undefined_anchor",
  "!!binary aGVsbG8=",
  "!!str 1",
  "!!int x",
  "!!float x",
  "!!map {}",
  "!!seq []",
  "!!set {a}",
  "!!omap [a: 1]",
  "!!timestamp 2001-12-14",
  "!custom x",
  "&anchor x",
  "'it''s'",
  '"\\ud800"',
  '"\\u0000"',
  "|\n  block\n",
  ">-\n  folded\n",
  "- a\n- b",
  "a: b: c",
  "'unclosed",
  '"unclosed',
  "[unclosed",
  "{unclosed: 1",
  "@reserved",
  "`reserved",
  "%directive",
];

const HOSTILE_YAML_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "<<",
  "? [a, b]",
  '"id"',
  "id ",
  "",
  "1",
  "null",
  "~",
  "*alias",
];

type AgreementMutation =
  | { op: "value"; line: number; value: string }
  | { op: "key"; line: number; key: string }
  | { op: "delete"; line: number }
  | { op: "duplicate"; line: number }
  | { op: "swap"; line: number }
  | { op: "indent"; line: number; by: number }
  | { op: "insert"; line: number; text: string }
  | { op: "truncate"; at: number }
  | { op: "tabs" }
  | { op: "crlf" }
  | { op: "bom" }
  | { op: "char"; at: number; char: string }
  | { op: "alias"; from: number; to: number }
  | { op: "laughs"; levels: number; fanOut: number; use: boolean }
  | { op: "deep"; line: number; depth: number; block: boolean }
  | { op: "long"; line: number; length: number };

const agreementMutation: fc.Arbitrary<AgreementMutation> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant("value" as const),
      line: fc.nat(),
      value: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_YAML_VALUES) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("key" as const),
      line: fc.nat(),
      key: fc.constantFrom(...HOSTILE_YAML_KEYS),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("delete" as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("duplicate" as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("swap" as const), line: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("indent" as const),
      line: fc.nat(),
      by: fc.integer({ min: -4, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("insert" as const),
      line: fc.nat(),
      text: fc.constantFrom(
        "id: *nope",
        "x: &a [1, 2]",
        "y: *a",
        "<<: {id: merged}",
        "? [a, b]\n: c",
        "\t- tab",
        "---",
        "...",
        "%YAML 1.1",
        "!!map",
        "x: !!binary aGk=",
        "- orphan",
        "key: [",
        "}",
        "&a",
        "*a",
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: "tabs" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "crlf" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "bom" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("char" as const),
      at: fc.nat(),
      char: fc.constantFrom(
        "\u0000",
        "\ud800",
        "\udc00",
        "\ufeff",
        "\u2028",
        "\u0085",
        "\r",
        "\t",
        '"',
        "'",
        "{",
        "[",
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "#",
        ":",
        "-",
        "?",
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("alias" as const), from: fc.nat(), to: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("laughs" as const),
      levels: fc.integer({ min: 1, max: 10 }),
      fanOut: fc.integer({ min: 2, max: 10 }),
      use: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("deep" as const),
      line: fc.nat(),
      depth: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 500, max: 5000 })),
      block: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("long" as const),
      line: fc.nat(),
      length: fc.integer({ min: 1000, max: 200_000 }),
    }),
  },
);

/** `  - key: value` or `key: value`: the indent (with any list dash), the key and the value. */
const KEY_VALUE = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?):(?:\s+(.*))?$/;

function mutateAgreement(text: string, m: AgreementMutation, labels: string[]): string {
  const lines = text.split("\n");
  const i = lines.length ? ("line" in m ? m.line % lines.length : 0) : 0;
  const keyValueLines = () => lines.flatMap((l, n) => (KEY_VALUE.test(l) ? [n] : []));
  switch (m.op) {
    case "value": {
      const candidates = keyValueLines();
      if (!candidates.length) return text;
      const n = candidates[m.line % candidates.length]!;
      const [, indent, key] = KEY_VALUE.exec(lines[n]!)!;
      const value = m.value.includes("\n")
        ? m.value.replace(/\n/g, `\n${indent!.replace(/-/, " ")}  `)
        : m.value;
      lines[n] = `${indent}${key}: ${value}`;
      labels.push(`line ${n + 1}: ${key} = ${JSON.stringify(m.value)}`);
      return lines.join("\n");
    }
    case "key": {
      const candidates = keyValueLines();
      if (!candidates.length) return text;
      const n = candidates[m.line % candidates.length]!;
      const [, indent, key, value] = KEY_VALUE.exec(lines[n]!)!;
      lines[n] = `${indent}${m.key}:${value !== undefined ? ` ${value}` : ""}`;
      labels.push(`line ${n + 1}: key ${key} renamed ${JSON.stringify(m.key)}`);
      return lines.join("\n");
    }
    case "delete":
      labels.push(`line ${i + 1} deleted`);
      lines.splice(i, 1);
      return lines.join("\n");
    case "duplicate":
      labels.push(`line ${i + 1} repeated`);
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("\n");
    case "swap": {
      const j = (i + 1) % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      labels.push(`lines ${i + 1} and ${j + 1} swapped`);
      return lines.join("\n");
    }
    case "indent":
      lines[i] =
        m.by >= 0 ? " ".repeat(m.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-m.by}}`), "");
      labels.push(`line ${i + 1} indented by ${m.by}`);
      return lines.join("\n");
    case "insert":
      lines.splice(i, 0, m.text);
      labels.push(`${JSON.stringify(m.text)} inserted at line ${i + 1}`);
      return lines.join("\n");
    case "truncate": {
      const n = at(m.at, text.length);
      labels.push(`cut at character ${n}`);
      return text.slice(0, n);
    }
    case "tabs":
      labels.push("indents as tabs");
      return text.replace(/^( {2})+/gm, (s) => "\t".repeat(s.length / 2));
    case "crlf":
      labels.push("CRLF line ends");
      return text.replace(/\r?\n/g, "\r\n");
    case "bom":
      labels.push("byte order mark");
      return "\ufeff" + text;
    case "char": {
      const n = at(m.at, text.length);
      labels.push(`${JSON.stringify(m.char)} inserted at character ${n}`);
      return text.slice(0, n) + m.char + text.slice(n);
    }
    case "alias": {
      // An anchor on one value, an alias to it in place of another (before it, too: an alias to an anchor not yet set).
      const candidates = lines.flatMap((l, n) => {
        const kv = KEY_VALUE.exec(l);
        return kv &&
          kv[3] !== undefined &&
          !kv[3].startsWith("&") &&
          !kv[3].startsWith("|") &&
          !kv[3].startsWith(">")
          ? [n]
          : [];
      });
      if (candidates.length < 2) return text;
      const from = candidates[m.from % candidates.length]!;
      const to = candidates[m.to % candidates.length]!;
      if (from === to) return text;
      const [, fi, fk, fv] = KEY_VALUE.exec(lines[from]!)!;
      const [, ti, tk] = KEY_VALUE.exec(lines[to]!)!;
      lines[from] = `${fi}${fk}: &fuzz ${fv}`;
      lines[to] = `${ti}${tk}: *fuzz`;
      labels.push(`line ${to + 1} (${tk}) an alias of line ${from + 1} (${fk})`);
      return lines.join("\n");
    }
    case "laughs": {
      // A bounded billion laughs: each level lists the one before fanOut times (fanOut^levels strings in all).
      const head = [`lol0: &lol0 "lol"`];
      for (let l = 1; l <= m.levels; l++)
        head.push(
          `lol${l}: &lol${l} [${Array(m.fanOut)
            .fill(`*lol${l - 1}`)
            .join(", ")}]`,
        );
      labels.push(`billion laughs: ${m.fanOut}^${m.levels}${m.use ? ", used as a value" : ""}`);
      let body = text;
      if (m.use) {
        const candidates = keyValueLines();
        if (candidates.length) {
          const n = candidates[i % candidates.length]!;
          const [, indent, key] = KEY_VALUE.exec(lines[n]!)!;
          lines[n] = `${indent}${key}: *lol${m.levels}`;
          body = lines.join("\n");
        }
      }
      return head.join("\n") + "\n" + body;
    }
    case "deep": {
      const candidates = keyValueLines();
      if (!candidates.length) return text;
      const n = candidates[m.line % candidates.length]!;
      const [, indent, key] = KEY_VALUE.exec(lines[n]!)!;
      // Block sequences in their compact form (`- - - x`), which nests as deep in a line as flow brackets do.
      const value = m.block
        ? `\n${" ".repeat(indent!.length + 2)}${"- ".repeat(m.depth)}x`
        : "[".repeat(m.depth) + "]".repeat(m.depth);
      lines[n] = `${indent}${key}: ${value}`;
      labels.push(`line ${n + 1}: ${key} nested ${m.depth} deep (${m.block ? "block" : "flow"})`);
      return lines.join("\n");
    }
    case "long": {
      const candidates = keyValueLines();
      if (!candidates.length) return text;
      const n = candidates[m.line % candidates.length]!;
      const [, indent, key] = KEY_VALUE.exec(lines[n]!)!;
      lines[n] = `${indent}${key}: ${"x".repeat(m.length)}`;
      labels.push(`line ${n + 1}: ${key} ${m.length} characters long`);
      return lines.join("\n");
    }
  }
}

/**
 * The bundled agreements (their texts, given by the caller, which knows where they are), mutated: none to five
 * mutations; now and then random text, and now and then as bytes with byte mutations for loadAgreement.
 */
export function agreementCase(seeds: readonly string[]): fc.Arbitrary<AgreementCase> {
  const mutated = fc
    .record({
      seed: fc.constantFrom(...seeds),
      mutations: fc.array(agreementMutation, { maxLength: 5 }),
      bytes: fc.option(fc.array(byteMutation, { minLength: 1, maxLength: 3 }), { freq: 8 }),
    })
    .map(({ seed, mutations, bytes }) => {
      const labels: string[] = [];
      let text = seed;
      for (const m of mutations) text = mutateAgreement(text, m, labels);
      const c: AgreementCase = { text, mutations: labels };
      if (bytes) {
        const byteLabels: string[] = [];
        c.bytes = mutateBytes(utf8(text), bytes, byteLabels);
        labels.push(...byteLabels.map((l) => `as bytes: ${l}`));
      }
      return c;
    });
  const random = fc
    .string({ maxLength: 200, unit: "binary" })
    .map((text) => ({ text, mutations: ["random text"] }));
  return fc
    .oneof({ weight: 19, arbitrary: mutated }, { weight: 1, arbitrary: random })
    .map((c) =>
      withToString<AgreementCase>(
        c,
        (x) =>
          `{mutations: ${JSON.stringify(x.mutations)}, text: ${JSON.stringify(x.text.length > 2000 ? x.text.slice(0, 2000) + "…" : x.text)}${x.bytes ? `, bytes: ${preview(x.bytes)}` : ""}}`,
      ),
    );
}

/** Every import arbitrary by the name the test and the bench report it under. */
export const IMPORT_CASES: Readonly<Record<string, fc.Arbitrary<ImportCase>>> = {
  jsonl: jsonlCase,
  csv: csvCase,
  gdelt: gdeltCase,
  "gdelt-zip": gdeltZipCase,
  cns: cnsCase,
};
