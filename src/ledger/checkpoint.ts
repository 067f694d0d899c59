import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { GENESIS } from "./chain.js";
import type { VerifyReport } from "./verify.js";

/**
 * Signed checkpoints: the count and head of the ledger's chain, of the token log and of the import log, signed with
 * Ed25519 as a C2SP signed note (https://c2sp.org/signed-note). Alone, the chain cannot show entries cut from its
 * end or a ledger rewritten with every later hash recomputed; a checkpoint published earlier can: the ledger must
 * still hold, at the checkpoint's count, exactly the head it signed. Verifying needs only the public key.
 *
 * This module is engine-free: each store reads its ledger in one snapshot (checkpoint, verifyAgainst in
 * src/store/*) and hands the reading to checkpointFromReport and extensionOf, so both engines word it alike.
 *
 *     lockstep.example/korea.db          origin: names the ledger
 *     2150                               entries
 *     9f2c…                              head: the hash of entry 2150, in hex as `lockstep verify` prints it
 *     time 2025-01-31T12:00:00.000Z      when it was made
 *     tokens 4 5be0…                     the token log's record count and head (hex)
 *     imports 31 07aa…                   the import log's
 *
 *     — example.org/lockstep BASE64(key id (4 bytes) || Ed25519 signature of the lines above)
 */
export interface Checkpoint {
  origin: string;
  entries: ChainHead;
  time: string;
  tokens: ChainHead;
  imports: ChainHead;
}

export interface ChainHead {
  count: number;
  /** The hash of record `count` (64 zeros for none), hex. */
  head: string;
}

/** A checkpoint, key or note that cannot be used; the message names the file and what is wrong. */
export class CheckpointError extends Error {
  override name = "CheckpointError";
}

/** The signature type byte of Ed25519 in signed notes. */
const ED25519 = 0x01;
const HEX64 = /^[0-9a-f]{64}$/;

// ---- keys ----

export interface SigningKey {
  name: string;
  keyId: Buffer;
  privateKey: KeyObject;
  /** The matching verifier key, NAME+KEYID+BASE64KEY. */
  verifierKey: string;
}

export interface VerifierKey {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

/** Key names appear in signature lines: not empty, no spaces, no `+` (it separates a verifier key's parts). */
export function checkKeyName(name: string, where = "key name"): void {
  if (!/^[^\s+\p{Cc}]+$/u.test(name))
    throw new CheckpointError(
      `${where}: "${name}" cannot name a key: it must be non-empty, without spaces or "+" (a URL-like name such as example.org/lockstep is recommended)`,
    );
}

/** SHA-256(name || 0x0A || 0x01 || public key)[:4], as the signed-note spec recommends. */
export function keyIdOf(name: string, rawPublicKey: Buffer): Buffer {
  const h = createHash("sha256");
  h.update(name, "utf8");
  h.update(Buffer.from([0x0a, ED25519]));
  h.update(rawPublicKey);
  return h.digest().subarray(0, 4);
}

const rawOf = (publicKey: KeyObject) => Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");

function verifierKeyOf(name: string, publicKey: KeyObject): string {
  const raw = rawOf(publicKey);
  const key = Buffer.concat([Buffer.from([ED25519]), raw]).toString("base64");
  return `${name}+${keyIdOf(name, raw).toString("hex")}+${key}`;
}

/** A new key pair: the private key file's text (a PKCS#8 PEM after its name) and the verifier key. */
export function generateSigningKey(name: string): { privateKeyText: string; verifierKey: string } {
  checkKeyName(name, "--name");
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const verifierKey = verifierKeyOf(name, publicKey);
  const privateKeyText =
    "Lockstep checkpoint signing key: keep it secret (lockstep checkpoint --key FILE signs with it).\n" +
    `Key name: ${name}\n` +
    `Verifier key: ${verifierKey}\n` +
    (privateKey.export({ format: "pem", type: "pkcs8" }) as string);
  return { privateKeyText, verifierKey };
}

/** A signing key file as `lockstep checkpoint keygen` writes it: a `Key name:` line and a private key PEM. */
export function readSigningKey(text: string, file: string): SigningKey {
  const pem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(text)?.[0];
  if (!pem)
    throw new CheckpointError(
      `${file}: no private key in it (a "-----BEGIN PRIVATE KEY-----" block); make one with lockstep checkpoint keygen --out FILE`,
    );
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (err) {
    throw new CheckpointError(`${file}: the private key cannot be read (${(err as Error).message})`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new CheckpointError(`${file}: the key is ${privateKey.asymmetricKeyType}, not Ed25519`);
  const name = /^Key name: *(.*?) *$/m.exec(text)?.[1];
  if (name === undefined)
    throw new CheckpointError(
      `${file}: no "Key name: NAME" line before the key: signatures carry the key's name`,
    );
  checkKeyName(name, `${file}: Key name`);
  const publicKey = createPublicKey(privateKey);
  return {
    name,
    keyId: keyIdOf(name, rawOf(publicKey)),
    privateKey,
    verifierKey: verifierKeyOf(name, publicKey),
  };
}

/** A verifier key, NAME+KEYID+BASE64(0x01 || 32-byte Ed25519 public key), as keygen writes to FILE.pub. */
export function readVerifierKey(text: string, source: string): VerifierKey {
  if (text.includes("PRIVATE KEY"))
    throw new CheckpointError(
      `${source}: this is a signing key, which stays with its owner; verifying needs its verifier key (FILE.pub)`,
    );
  // One line; the name and id hold no "+", the base64 key may.
  const [, name, id, key] = /^([^+\n]*)\+([^+\n]*)\+([^\n]*)$/.exec(text.trim()) ?? [];
  if (!name || !id || !key)
    throw new CheckpointError(
      `${source}: not a verifier key NAME+KEYID+KEY (lockstep checkpoint keygen writes one to FILE.pub)`,
    );
  checkKeyName(name, `${source}: key name`);
  if (!/^[0-9a-f]{8}$/.test(id))
    throw new CheckpointError(`${source}: the key id "${id}" is not 8 hex digits`);
  const bytes = Buffer.from(key, "base64");
  if (bytes.toString("base64") !== key || bytes.length !== 33 || bytes[0] !== ED25519)
    throw new CheckpointError(
      `${source}: the key is not an Ed25519 verifier key (base64 of 33 bytes, the first 0x01)`,
    );
  const raw = bytes.subarray(1);
  if (keyIdOf(name, raw).toString("hex") !== id)
    throw new CheckpointError(
      `${source}: the key id ${id} is not that of this name and key: the key was altered`,
    );
  const publicKey = createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
    format: "jwk",
  });
  return { name, keyId: Buffer.from(id, "hex"), publicKey };
}

// ---- signed notes ----

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

/** A note's bytes as text: UTF-8, nothing else. */
export function decodeNote(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CheckpointError(`${source}: not a signed note: it is not valid UTF-8`);
  }
}

export function signNote(text: string, key: SigningKey): string {
  const signature = sign(null, Buffer.from(text, "utf8"), key.privateKey);
  return `${text}\n— ${key.name} ${Buffer.concat([key.keyId, signature]).toString("base64")}\n`;
}

/** A note's text (ending in a newline) and its signature lines, unverified. */
export function splitNote(note: string, source: string): { text: string; signatures: NoteSignature[] } {
  const control = /[\p{Cc}]/u.exec(note.replaceAll("\n", ""));
  if (control)
    throw new CheckpointError(
      `${source}: not a signed note: it holds the control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}${control[0] === "\r" ? " (Windows line ends? they must be \\n alone)" : ""}`,
    );
  const cut = note.lastIndexOf("\n\n");
  if (!note.endsWith("\n") || cut < 0)
    throw new CheckpointError(`${source}: not a signed note: no blank line between its text and a signature`);
  const lines = note.slice(cut + 2, -1).split("\n");
  const signatures = lines.map((line, i) => {
    const m = /^— (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    const bytes = m ? Buffer.from(m[2]!, "base64") : Buffer.alloc(0);
    if (!m || bytes.length < 5)
      throw new CheckpointError(
        `${source}: signature line ${i + 1} is not "— NAME BASE64(key id || signature)": "${line}"`,
      );
    return { name: m[1]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
  });
  return { text: note.slice(0, cut + 1), signatures };
}

/** The note's text, once a signature by `key` is found and verified; a bad signature is an error of its own. */
export function openNote(note: string, key: VerifierKey, source: string): string {
  const { text, signatures } = splitNote(note, source);
  const by = signatures.filter((s) => s.name === key.name && s.keyId.equals(key.keyId));
  if (!by.length)
    throw new CheckpointError(
      `${source}: not signed by the key given (${key.name}, id ${key.keyId.toString("hex")}); its signatures are by ${signatures.map((s) => `${s.name} (id ${s.keyId.toString("hex")})`).join(", ")}`,
    );
  for (const s of by)
    if (!verify(null, Buffer.from(text, "utf8"), key.publicKey, s.signature))
      throw new CheckpointError(
        `${source}: BAD SIGNATURE by ${key.name}: the checkpoint was changed after it was signed, or not signed by this key; do not trust it`,
      );
  return text;
}

// ---- checkpoint text ----

function checkOrigin(origin: string): void {
  if (!origin || /[\p{Cc}]/u.test(origin))
    throw new CheckpointError(`origin: "${origin}" must be one line of text, not empty`);
}

export function formatCheckpoint(cp: Checkpoint): string {
  checkOrigin(cp.origin);
  return [
    cp.origin,
    String(cp.entries.count),
    cp.entries.head,
    `time ${cp.time}`,
    `tokens ${cp.tokens.count} ${cp.tokens.head}`,
    `imports ${cp.imports.count} ${cp.imports.head}`,
    "",
  ].join("\n");
}

const COUNT = /^(0|[1-9][0-9]{0,14})$/;
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** A checkpoint's text (a note's text, signed or not yet checked); every line is named when wrong. */
export function parseCheckpoint(text: string, source: string): Checkpoint {
  const lines = text.replace(/\n$/, "").split("\n");
  const bad = (n: number, what: string) =>
    new CheckpointError(`${source}: line ${n} must be ${what}, not "${lines[n - 1] ?? ""}"`);
  const [origin, count, head] = lines;
  if (!origin) throw bad(1, "the origin, naming the ledger");
  if (!count || !COUNT.test(count)) throw bad(2, "the number of entries");
  if (!head || !HEX64.test(head)) throw bad(3, "the head: the last entry's hash, 64 hex digits");
  const labelled = new Map<string, { n: number; value: string }>();
  lines.slice(3).forEach((line, i) => {
    const [label, ...rest] = line.split(" ");
    if (!["time", "tokens", "imports"].includes(label!) || labelled.has(label!))
      throw bad(i + 4, "one of time, tokens, imports, each once");
    labelled.set(label!, { n: i + 4, value: rest.join(" ") });
  });
  const line = (label: string) => {
    const l = labelled.get(label);
    if (!l) throw new CheckpointError(`${source}: no "${label}" line`);
    return l;
  };
  const time = line("time");
  if (!TIME.test(time.value)) throw bad(time.n, "time, then an ISO 8601 UTC instant");
  const chainHead = (label: string): ChainHead => {
    const l = line(label);
    const [n, h] = l.value.split(" ");
    if (!n || !COUNT.test(n) || !h || !HEX64.test(h) || l.value.split(" ").length !== 2)
      throw bad(l.n, `${label}, its record count and head (64 hex digits)`);
    return { count: Number(n), head: h };
  };
  return {
    origin,
    entries: { count: Number(count), head },
    time: time.value,
    tokens: chainHead("tokens"),
    imports: chainHead("imports"),
  };
}

/** A checkpoint file whose signature by `key` verifies. */
export function readCheckpoint(bytes: Uint8Array, key: VerifierKey, source: string): Checkpoint {
  return parseCheckpoint(openNote(decodeNote(bytes, source), key, source), source);
}

// ---- the ledger against a checkpoint ----

/**
 * The checkpoint of a ledger from its full verify report (the token and import logs included), read in one
 * snapshot; refused when it does not verify, since the checkpoint would vouch for the damage.
 */
export function checkpointFromReport(
  location: string,
  report: VerifyReport,
  origin: string,
  now = new Date(),
): Checkpoint {
  checkOrigin(origin);
  if (!report.ok || !report.tokens || !report.imports)
    throw new CheckpointError(
      `${location}: the ledger does not verify, and a checkpoint would vouch for it as it is: see lockstep verify`,
    );
  return {
    origin,
    entries: { count: report.entries, head: report.head },
    time: now.toISOString(),
    tokens: { count: report.tokens.records, head: report.tokens.head },
    imports: { count: report.imports.records, head: report.imports.head },
  };
}

export interface ExtensionReport {
  /** The ledger holds the checkpoint's entries and records unchanged; later ones are fine. */
  ok: boolean;
  /** What is wrong, in words; empty when ok. */
  problems: string[];
}

/** The three chains a checkpoint signs: the entries by seq, the token log by seq, the import log by id. */
export type ChainName = "entries" | "tokens" | "imports";

/** One chain as stored: its record count, and the hash of its record at the checkpoint's count (if any). */
export interface StoredHead {
  count: number;
  /** The hash of record n, n the checkpoint's count for this chain (counting from 1); undefined if none. */
  hashAt: string | undefined;
}

/** Each of the three chains must hold, at the checkpoint's count, the head it signed. */
export function extensionOf(cp: Checkpoint, stored: Record<ChainName, StoredHead>): ExtensionReport {
  const problems = [
    extensionProblem(cp.entries, stored.entries, {
      chain: "the ledger",
      records: "entries",
      record: "entry",
    }),
    extensionProblem(cp.tokens, stored.tokens, {
      chain: "the token log",
      records: "records",
      record: "token log record",
    }),
    extensionProblem(cp.imports, stored.imports, {
      chain: "the import log",
      records: "imports",
      record: "import",
    }),
  ].filter((p): p is string => p !== undefined);
  return { ok: problems.length === 0, problems };
}

function extensionProblem(
  signed: ChainHead,
  stored: StoredHead,
  words: { chain: string; records: string; record: string },
): string | undefined {
  if (stored.count < signed.count)
    return `${words.chain} has ${stored.count} ${words.records}, fewer than the ${signed.count} of the checkpoint: ${words.records} were cut from its end`;
  const hash = signed.count === 0 ? GENESIS : stored.hashAt;
  if (hash !== signed.head)
    return `${words.record} ${signed.count} has hash ${hash ?? "(none)"}, not the checkpoint's ${signed.head}: ${words.chain} was rewritten at or before ${words.record} ${signed.count}`;
  return undefined;
}
