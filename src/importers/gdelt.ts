import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import type { ImportItem } from "../ledger/index.js";
import {
  InputError,
  parsePartialDate,
  type Issue,
  type RecordLocation,
  type Source,
} from "../model/index.js";
import type { ImportOptions, Importer } from "./importer.js";
import { lineBatches } from "./lines.js";
import { progressCounter } from "./progress.js";

/**
 * GDELT event exports: tab-separated, no header, one CAMEO-coded event a line. GDELT 2.0 (15-minute files, since
 * 2015-02-19) has 61 columns. GDELT 1.0 has no ADM2 codes: its daily files (since 2013-04-01) have 58 columns, the
 * historical backfile (1979 to 2013-03-31) 57, without SOURCEURL.
 */
// prettier-ignore
const V2_COLUMNS = [
  "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
  "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
  "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
  "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
  "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
  "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
  "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
  ...["Actor1Geo", "Actor2Geo", "ActionGeo"].flatMap((g) =>
    ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"].map((f) => `${g}_${f}`),
  ),
  "DATEADDED", "SOURCEURL",
];
const V1_COLUMNS = V2_COLUMNS.filter((c) => !c.endsWith("_ADM2Code"));

interface Layout {
  version: "1.0" | "2.0";
  columns: string[];
  dateAdded: number;
  /** -1 in the backfile, which has no SOURCEURL. */
  sourceUrl: number;
}

function layout(version: Layout["version"], columns: string[]): Layout {
  return {
    version,
    columns,
    dateAdded: columns.indexOf("DATEADDED"),
    sourceUrl: columns.indexOf("SOURCEURL"),
  };
}

const LAYOUTS = new Map<number, Layout>([
  [61, layout("2.0", V2_COLUMNS)],
  [58, layout("1.0", V1_COLUMNS)],
  [57, layout("1.0", V1_COLUMNS.slice(0, -1))],
]);

/** Columns before the geography, at the same place in every layout. */
const Col = {
  Id: 0,
  SqlDate: 1,
  Actor1Code: 5,
  Actor1Name: 6,
  Actor1Country: 7,
  Actor1Group: 8,
  Actor2Code: 15,
  Actor2Name: 16,
  Actor2Country: 17,
  Actor2Group: 18,
  IsRootEvent: 25,
  EventCode: 26,
  EventRootCode: 28,
  QuadClass: 29,
  Goldstein: 30,
  NumMentions: 31,
  NumSources: 32,
  NumArticles: 33,
  AvgTone: 34,
} as const;
type Col = (typeof Col)[keyof typeof Col];

/** Optional attributes of a `cameo_event`, from the columns that give them. */
/** GDELT's numeric columns with the range its codebook gives each (a count is a whole number). */
interface NumberRule {
  min: number;
  max: number;
  whole?: boolean;
}
const GOLDSTEIN: NumberRule = { min: -10, max: 10 };
const COUNT: NumberRule = { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true };
const NUMBER_ATTRIBUTES: [string, Col, NumberRule][] = [
  ["quadClass", Col.QuadClass, { min: 1, max: 4, whole: true }],
  ["numMentions", Col.NumMentions, COUNT],
  ["numSources", Col.NumSources, COUNT],
  ["numArticles", Col.NumArticles, COUNT],
  ["avgTone", Col.AvgTone, { min: -100, max: 100 }],
];
const TEXT_ATTRIBUTES: [string, Col][] = [
  ["rootCode", Col.EventRootCode],
  ["globalEventId", Col.Id],
  ["actor1Name", Col.Actor1Name],
  ["actor2Name", Col.Actor2Name],
  ["actor1Code", Col.Actor1Code],
  ["actor2Code", Col.Actor2Code],
];

const PROGRESS_STEP = 64 * 1024;

/**
 * The columns an event is made from, in any layout (DATEADDED and SOURCEURL sit at 56/57 or 59/60): only these are
 * cut out of a line, not all 61, which at millions of rows is most of the reading.
 */
const READ_COLUMNS = (() => {
  const read = new Uint8Array(61);
  for (const col of Object.values(Col)) read[col] = 1;
  for (const lay of LAYOUTS.values()) {
    read[lay.dateAdded] = 1;
    if (lay.sourceUrl >= 0) read[lay.sourceUrl] = 1;
  }
  return read;
})();

/** Cuts the columns in READ_COLUMNS out of a tab-separated line (the others stay empty); returns the column count. */
function cutColumns(line: string, fields: string[]): number {
  let start = 0;
  for (let col = 0; ; col++) {
    const tab = line.indexOf("\t", start);
    if (READ_COLUMNS[col]) fields[col] = line.slice(start, tab < 0 ? line.length : tab);
    if (tab < 0) return col + 1;
    start = tab + 1;
  }
}

function formatIssue(column: string, message: string, expected: string, received: string): Issue {
  return { kind: "format", path: column, message, expected, received };
}

/**
 * Reads a numeric column: decimal notation only (no "0x10", "1e2" or "Infinity", which `Number` would take) and within
 * its rule's range; empty gives undefined, anything else an issue.
 */
function numberAt(
  fields: string[],
  col: Col,
  rule: NumberRule,
  issues: Issue[],
  required = false,
): number | undefined {
  const text = fields[col]!;
  if (text === "" && !required) return undefined;
  const decimal = rule.whole ? /^\d+$/ : /^-?\d+(\.\d+)?$/;
  const n = Number(text);
  const expected = `${rule.whole ? "a whole number" : "a decimal number"} from ${rule.min} to ${rule.max === Number.MAX_SAFE_INTEGER ? "2^53-1" : rule.max}`;
  if (!decimal.test(text) || n < rule.min || n > rule.max) {
    issues.push(formatIssue(V2_COLUMNS[col]!, `must be ${expected}`, expected, JSON.stringify(text)));
    return undefined;
  }
  return n;
}

function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text);
}

/** One row as an event for the ledger, or the issues that stop it from being one. */
function toItem(
  fields: string[],
  lay: Layout,
  actor: string,
  target: string,
  where: RecordLocation,
): ImportItem {
  const issues: Issue[] = [];
  const sqlDate = fields[Col.SqlDate]!;
  const date = `${sqlDate.slice(0, 4)}-${sqlDate.slice(4, 6)}-${sqlDate.slice(6, 8)}`;
  if (!/^\d{8}$/.test(sqlDate) || parsePartialDate(date) === undefined) {
    issues.push(formatIssue("SQLDATE", "must be a date YYYYMMDD", "YYYYMMDD", JSON.stringify(sqlDate)));
  }
  const code = fields[Col.EventCode]!;
  if (!/^\d{2,4}$/.test(code)) {
    issues.push(
      formatIssue("EventCode", "must be a CAMEO event code", "2 to 4 digits", JSON.stringify(code)),
    );
  }
  const goldstein = numberAt(fields, Col.Goldstein, GOLDSTEIN, issues, true);
  const attributes: Record<string, unknown> = { code, goldstein };
  for (const [name, col, rule] of NUMBER_ATTRIBUTES) {
    const n = numberAt(fields, col, rule, issues);
    if (n !== undefined) attributes[name] = n;
  }
  if (issues.length) return { where, issues };

  for (const [name, col] of TEXT_ATTRIBUTES) if (fields[col] !== "") attributes[name] = fields[col];
  if (fields[lay.dateAdded] !== "") attributes.dateAdded = fields[lay.dateAdded];
  const root = fields[Col.IsRootEvent];
  if (root === "1" || root === "0") attributes.isRootEvent = root === "1";

  const url = lay.sourceUrl >= 0 ? fields[lay.sourceUrl]!.trim() : "";
  const source: Source = isUrl(url)
    ? { url }
    : { title: url || `GDELT ${lay.version} event ${fields[Col.Id]}` };
  return {
    where,
    input: {
      type: "cameo_event",
      date,
      actors: [actor],
      ...(target ? { targets: [target] } : {}),
      attributes,
      summary: `${actor}${target ? ` → ${target}` : ""}: CAMEO ${code} (Goldstein ${fields[Col.Goldstein]})`,
      sources: [source],
      confidence: "unverified",
    },
  };
}

/**
 * Bounds on a zipped export, checked against the sizes the zip declares before anything is inflated (yauzl then holds
 * the stream to the declared size). GDELT's largest files, the yearly backfile, expand to about 1.5 GB at a ratio near
 * 8; a zip bomb expands a thousandfold.
 */
export const ZIP_MAX_EXPANDED_BYTES = 8 * 1024 ** 3;
export const ZIP_MAX_RATIO = 100;
const ZIP_RATIO_FROM_BYTES = 1024 ** 2;

const isZip = (file: string): boolean => /\.zip$/i.test(file);

/** The text stream of the file, or of the single file inside a zip, and the byte count progress is measured in. */
async function openText(file: string): Promise<{ stream: Readable; totalBytes: number; close(): void }> {
  if (!isZip(file)) {
    const { size } = await stat(file);
    return { stream: createReadStream(file, { highWaterMark: PROGRESS_STEP }), totalBytes: size, close() {} };
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new InputError(`${file}: not a readable zip (${(err as Error).message})`);
  }
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      checkZipEntry(file, entry);
      // Progress counts uncompressed bytes, against the entry's uncompressed size.
      const stream = await zip.openReadStreamPromise(entry);
      return { stream, totalBytes: entry.uncompressedSize, close: () => zip.close() };
    }
  } catch (err) {
    zip.close();
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read the zip (${(err as Error).message})`);
  }
  zip.close();
  throw new InputError(`${file}: the zip holds no file`);
}

function checkZipEntry(file: string, entry: yauzl.Entry): void {
  const where = `${file}: ${entry.fileName}`;
  if (entry.uncompressedSize > ZIP_MAX_EXPANDED_BYTES)
    throw new InputError(
      `${where} expands to ${entry.uncompressedSize} bytes, over the limit of ${ZIP_MAX_EXPANDED_BYTES}; nothing was imported`,
    );
  // Small entries are let through whatever their ratio: a few repeated rows compress far, and harm nobody.
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > ZIP_RATIO_FROM_BYTES && ratio > ZIP_MAX_RATIO)
    throw new InputError(
      `${where} expands ${Math.round(ratio)}-fold (${entry.compressedSize} to ${entry.uncompressedSize} bytes), over the limit of ${ZIP_MAX_RATIO}: not an export but a zip bomb or padding; nothing was imported`,
    );
}

async function* readGdelt(file: string, options: ImportOptions): AsyncGenerator<ImportItem> {
  const wanted = options.actors?.length ? new Set(options.actors.map((a) => a.toUpperCase())) : undefined;
  const { stream, totalBytes, close } = await openText(file);
  const onProgress = options.onProgress;
  const onBytes = progressCounter(totalBytes, onProgress, PROGRESS_STEP);
  let lay: Layout | undefined;
  let lineNumber = 0;
  try {
    for await (const lines of lineBatches(stream, {
      onBytes,
      file,
      ...(options.maxLineBytes ? { maxLineBytes: options.maxLineBytes } : {}),
    })) {
      for (const line of lines) {
        lineNumber++;
        if (line === "") continue;
        const where = { file, record: String(lineNumber) };
        const fields: string[] = [];
        const count = cutColumns(line, fields);
        // The first well-formed row fixes the layout of the file.
        lay ??= LAYOUTS.get(count);
        if (count !== lay?.columns.length) {
          const expected = lay
            ? `${lay.columns.length} fields (GDELT ${lay.version})`
            : "57, 58 or 61 fields";
          const message = `has ${count} tab-separated fields; expected ${expected}`;
          yield {
            where,
            issues: [{ kind: "format", message, expected, received: `${count} fields` }],
          };
          continue;
        }
        const actor = fields[Col.Actor1Country] || fields[Col.Actor1Group]!;
        const target = fields[Col.Actor2Country] || fields[Col.Actor2Group]!;
        if (!actor || (wanted && !wanted.has(actor) && !wanted.has(target))) {
          yield { where, filtered: true };
          continue;
        }
        yield toItem(fields, lay, actor, target, where);
      }
    }
    onProgress?.(totalBytes, totalBytes);
  } catch (err) {
    // A damaged zip fails only as it is inflated (zlib's "invalid block type", yauzl's "too many bytes in the
    // stream"): the file's fault, named as such.
    if (isZip(file) && !(err instanceof InputError))
      throw new InputError(`${file}: cannot read the zip (${(err as Error).message}); nothing was imported`);
    throw err;
  } finally {
    stream.destroy();
    close();
  }
}

export const gdeltImporter: Importer = {
  format: "gdelt",
  description: "GDELT event exports: 2.0 (61 columns) and 1.0 (58, or 57 in the backfile), as TSV or zipped",
  detect(file: string, head: Buffer): boolean {
    const name = basename(file);
    if (/\.zip$/i.test(name)) return name.includes(".export.") || name.includes(".CSV");
    const firstLine = head.toString("utf8").split(/\r?\n/, 1)[0]!;
    const fields = firstLine.split("\t");
    return LAYOUTS.has(fields.length) && /^\d+$/.test(fields[0]!);
  },
  read: readGdelt,
};
