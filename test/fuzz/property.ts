/**
 * The rule the fuzz cases are held to (issue 11), shared by the tests (which pass the sources' functions) and
 * bench/fuzz.mjs (which passes the built ones from dist/): nothing here imports src/ at run time.
 *
 * An import either succeeds, or fails with an InputError whose message names its place (the file; the line, record,
 * byte or field where there is one) — never another kind of error, never a hang, never a partial write: after a
 * failed import the ledger's entries, head hash, supersessions and import log are as they were. The agreement loader
 * returns issues that each name a file, line and column, and never throws.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { loadAgreement, parseAgreement } from "../../src/agreement/load.js";
import type { importFile } from "../../src/importers/import-file.js";
import type { canPrepareInWorker } from "../../src/importers/in-worker.js";
import type { Ledger } from "../../src/ledger/index.js";
import type { InputError } from "../../src/model/index.js";
import type { AgreementCase, ImportCase } from "./arbitraries.js";

export interface ImportApi {
  importFile: typeof importFile;
  InputError: typeof InputError;
  /** Whether importFile can prepare on a worker thread (the build can, the sources cannot): cases that ask do. */
  canPrepareInWorker: typeof canPrepareInWorker;
}

export interface AgreementApi {
  parseAgreement: typeof parseAgreement;
  loadAgreement: typeof loadAgreement;
}

/** A broken rule: what the fuzz looks for. */
export class FuzzFailure extends Error {
  override name = "FuzzFailure";
}

export interface Limits {
  /** A case that takes longer than this is a failure: input this small is read in milliseconds. */
  ms: number;
}
const DEFAULT_LIMITS: Limits = { ms: 5_000 };

export interface LedgerState {
  entries: number;
  head: string;
  supersessions: number;
  imports: number;
}

export function ledgerState(ledger: Ledger): LedgerState {
  const db = ledger.db;
  const count = (table: string) => (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) ?? 0;
  const head = db.prepare("SELECT seq || ':' || hash FROM entries ORDER BY seq DESC LIMIT 1").pluck().get();
  return {
    entries: count("entries"),
    head: typeof head === "string" ? head : "genesis",
    supersessions: count("supersessions"),
    imports: count("imports"),
  };
}

/** Error text that leaked out of the code rather than being written for a person. */
const INTERNAL =
  /\b(TypeError|RangeError|ReferenceError|EvalError|InternalError)\b|Cannot read propert|Cannot convert|is not a function|is not iterable|is not defined|Maximum call stack|\[object Object\]|(^|[^"])undefined is not|\n\s{1,8}at \S/;

function fail(message: string, dir?: string): never {
  throw new FuzzFailure(dir ? `${message}\n(the case's files are kept in ${dir})` : message);
}

let cases = 0;

/** Writes a case's files into a new folder under `root`. */
function writeCase(root: string, files: { name: string; bytes: Uint8Array }[]): string {
  const dir = path.join(root, `case-${process.pid}-${++cases}`);
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(path.join(dir, f.name), f.bytes);
  return dir;
}

/**
 * Where the first byte that is not UTF-8 can be: the bytes before it decode (a character may be left open), and
 * within the next four bytes (or by the end of the file) decoding fails.
 */
function isFirstInvalidByte(bytes: Uint8Array, offset: number): boolean {
  if (offset > bytes.length) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, offset), { stream: true });
  } catch {
    return false;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, offset + 4)));
    return false;
  } catch {
    return true;
  }
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The byte length of each line (its \r included, a byte order mark at the start not). */
function lineLengths(bytes: Uint8Array): number[] {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const lengths: number[] = [];
  let start = bom;
  for (let i = bom; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      lengths.push(i - start);
      start = i + 1;
    }
  }
  return lengths;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Holds a message that names a byte or a line to what the file holds there. */
function checkPlaces(message: string, c: ImportCase, dir: string): void {
  // A zip's offsets and lines are those of the text inside it, which the case does not keep.
  if (c.entry.endsWith(".zip")) return;
  for (const f of c.files) {
    const file = path.join(dir, f.name);
    // Each file's name spelled out: a pattern such as (\S+): would take quadratic time on a long message.
    if (!message.includes(file)) continue;
    const name = escape(file);
    for (const m of message.matchAll(
      new RegExp(`${name}: invalid UTF-8 at byte (\\d+)(?: \\(line (\\d+)\\))?`, "g"),
    )) {
      const offset = Number(m[1]);
      if (!isFirstInvalidByte(f.bytes, offset))
        fail(`names byte ${offset} as the first that is not UTF-8, which it is not: ${m[0]}`);
      if (m[2] !== undefined && Number(m[2]) !== lineOfByte(f.bytes, offset))
        fail(
          `names line ${m[2]} for byte ${offset}, which is on line ${lineOfByte(f.bytes, offset)}: ${m[0]}`,
        );
    }
    const long = new RegExp(`${name}:(\\d+): line (\\d+) is longer than (\\d+) bytes`).exec(message);
    if (long) {
      const [line, max] = [Number(long[1]), Number(long[3])];
      const lengths = lineLengths(f.bytes);
      if (!((lengths[line - 1] ?? 0) > max)) fail(`line ${line} is not longer than ${max} bytes: ${long[0]}`);
      const earlier = lengths.slice(0, line - 1).findIndex((n) => n > max);
      if (earlier >= 0)
        fail(`line ${earlier + 1} is longer than ${max} bytes too, and comes first: ${long[0]}`);
    }
  }
  if (/invalid UTF-8 at byte/.test(message) && !c.files.some((f) => message.includes(path.join(dir, f.name))))
    fail(`names no file of the case for its invalid UTF-8: ${message.slice(0, 300)}`);
}

/**
 * Imports a case into `ledger` and holds the outcome to the rule; returns "success" or "error" (a clear one), or
 * throws a FuzzFailure. The case is written into a folder under `root`, removed afterwards unless the rule broke.
 */
export async function checkImport(
  api: ImportApi,
  ledger: Ledger,
  root: string,
  c: ImportCase,
  limits: Limits = DEFAULT_LIMITS,
): Promise<"success" | "error"> {
  const dir = writeCase(root, c.files);
  const file = path.join(dir, c.entry);
  const before = ledgerState(ledger);
  const started = performance.now();
  let report: Awaited<ReturnType<typeof importFile>> | undefined;
  let error: unknown;
  try {
    const { onWorker, ...options } = c.options;
    const prepareOn = onWorker && api.canPrepareInWorker() ? "worker" : "this-thread";
    report = await api.importFile(ledger, file, { format: c.format, ...options, prepareOn });
  } catch (err) {
    error = err;
  }
  const ms = performance.now() - started;
  const after = ledgerState(ledger);
  if (ms > limits.ms) fail(`took ${Math.round(ms)} ms (the limit is ${limits.ms})`, dir);

  if (error !== undefined) {
    if (!(error instanceof api.InputError)) {
      const e = error as Error;
      fail(
        `failed with ${e?.name ?? typeof error}, not an InputError: ${e?.message}\n${e?.stack ?? ""}`,
        dir,
      );
    }
    if (JSON.stringify(after) !== JSON.stringify(before))
      fail(`a failed import changed the ledger: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`, dir);
    const message = error.message;
    if (!message.includes(file)) fail(`the message does not name the file ${file}: ${message}`, dir);
    if (INTERNAL.test(message)) fail(`the message shows an internal error: ${message}`, dir);
    checkPlaces(message, c, dir);
    for (const { issue, where } of error.issues) {
      const shown = JSON.stringify({ issue, where });
      if (!where || !where.file.startsWith(dir) || typeof where.record !== "string" || where.record === "")
        fail(`an issue without its place: ${shown}`, dir);
      if (/^\d+$/.test(where.record) && Number(where.record) < 1)
        fail(`an issue on line ${where.record}, which no file has: ${shown}`, dir);
      if (typeof issue.message !== "string" || issue.message.trim() === "")
        fail(`an issue without a message: ${shown}`, dir);
      if (INTERNAL.test(issue.message) || INTERNAL.test(issue.received ?? ""))
        fail(`an issue shows an internal error: ${shown}`, dir);
      checkPlaces(issue.message, c, dir);
    }
    rmSync(dir, { recursive: true, force: true });
    return "error";
  }

  const r = report!;
  const shown = JSON.stringify({ ...r, rejected: r.rejected.length });
  if (after.entries !== before.entries + r.added)
    fail(
      `reported ${r.added} added, but the ledger went from ${before.entries} to ${after.entries}: ${shown}`,
      dir,
    );
  if ((after.head !== before.head) !== r.added > 0)
    fail(`the chain's head ${r.added > 0 ? "did not move" : "moved"} with ${r.added} added: ${shown}`, dir);
  if (after.imports !== before.imports + 1) fail(`a successful import was not logged: ${shown}`, dir);
  if (!c.options.skipInvalid && r.rejected.length)
    fail(`an all-or-nothing import succeeded with records rejected: ${shown}`, dir);
  if (r.read !== r.added + r.duplicates + r.filtered + r.rejected.length)
    fail(
      `read ${r.read} records, but added + duplicates + filtered + rejected do not add up to that: ${shown}`,
      dir,
    );
  for (const { where, issues } of r.rejected)
    if (!where.file.startsWith(dir) || !where.record || !issues.length || issues.some((i) => !i.message))
      fail(`a rejected record without its place or reason: ${JSON.stringify({ where, issues })}`, dir);
  rmSync(dir, { recursive: true, force: true });
  return "success";
}

type LoadResult = ReturnType<typeof parseAgreement>;

function checkLoadResult(result: LoadResult, file: string, text: string | undefined): "success" | "error" {
  if (!result || !Array.isArray(result.issues)) fail(`no issues list: ${JSON.stringify(result)}`);
  const lines = text === undefined ? Infinity : text.split("\n").length + 1;
  for (const i of result.issues) {
    const shown = JSON.stringify(i);
    if (i.severity !== "error" && i.severity !== "warning") fail(`an issue of no severity: ${shown}`);
    if (i.file !== file) fail(`an issue that does not name the file ${file}: ${shown}`);
    if (!Number.isInteger(i.line) || i.line! < 1 || i.line! > lines)
      fail(`an issue without a line in the file: ${shown}`);
    if (!Number.isInteger(i.column) || i.column! < 1) fail(`an issue without a column: ${shown}`);
    if (!Array.isArray(i.at)) fail(`an issue without a path: ${shown}`);
    if (typeof i.message !== "string" || i.message.trim() === "")
      fail(`an issue without a message: ${shown}`);
    // YAML's own "Maximum call stack size exceeded" for nesting too deep is reported at its line; anything else is a leak.
    if (INTERNAL.test(i.message.replace("not valid YAML: Maximum call stack size exceeded", "")))
      fail(`an issue shows an internal error: ${shown}`);
  }
  const errors = result.issues.filter((i) => i.severity === "error").length;
  if (result.agreement && errors) fail(`an agreement returned with ${errors} error(s)`);
  if (!result.agreement && !errors) fail("no agreement and no error to say why");
  if (result.agreement && result.agreement.file !== file)
    fail(`the agreement does not name its file: ${result.agreement.file}`);
  return errors ? "error" : "success";
}

/**
 * Parses an agreement case (and, if it has bytes, loads them from a file under `root`) and holds the outcome to the
 * rule; returns "success" (an agreement) or "error" (issues that say why not), or throws a FuzzFailure.
 */
export function checkAgreement(
  api: AgreementApi,
  root: string,
  c: AgreementCase,
  limits: Limits = DEFAULT_LIMITS,
): "success" | "error" {
  const file = "fuzz.yaml";
  const started = performance.now();
  let result: LoadResult;
  try {
    result = api.parseAgreement(c.text, file);
  } catch (err) {
    const e = err as Error;
    fail(`parseAgreement threw ${e?.name}: ${e?.message}\n${e?.stack ?? ""}`);
  }
  const outcome = checkLoadResult(result, file, c.text);
  if (c.bytes) {
    const dir = writeCase(root, [{ name: file, bytes: c.bytes }]);
    const written = path.join(dir, file);
    let loaded: LoadResult;
    try {
      loaded = api.loadAgreement(written);
    } catch (err) {
      const e = err as Error;
      fail(`loadAgreement threw ${e?.name}: ${e?.message}\n${e?.stack ?? ""}`, dir);
    }
    checkLoadResult(loaded, written, undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  if (ms > limits.ms) fail(`took ${Math.round(ms)} ms (the limit is ${limits.ms})`);
  return outcome;
}
