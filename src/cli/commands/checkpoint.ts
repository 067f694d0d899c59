import type { Command } from "commander";
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import {
  formatCheckpoint,
  generateSigningKey,
  readSigningKey,
  signNote,
  type Checkpoint,
} from "../../ledger/checkpoint.js";
import { resolveLedgerPath } from "../../ledger/index.js";
import { isPostgresUrl } from "../../store/index.js";
import { dbOption, useStore } from "../ledger-options.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";

interface CheckpointFlags extends CommonOptions {
  key?: string;
  out?: string;
  origin?: string;
}

interface KeygenFlags extends CommonOptions {
  out?: string;
  name?: string;
  force?: boolean;
  key?: string;
  origin?: string;
}

/** A file the user named, read whole; a missing one is named as such. */
export function readUserFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`${what} ${file} does not exist`);
    if (code === "EISDIR") throw new UsageError(`${what} ${file} is a folder, not a file`);
    throw new UsageError(`${what} ${file} cannot be read: ${(err as Error).message}`);
  }
}

/** Written beside, then renamed over: a server re-reading the file never sees half of it. */
function replaceFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

const describeCheckpoint = (cp: Checkpoint) =>
  `${cp.entries.count} entries, head ${cp.entries.head}; ${cp.tokens.count} token log record(s); ${cp.imports.count} import(s)`;

/** A ledger's name in the default origin: the file's, or the database's (never the URL, which may hold a password). */
function ledgerName(location: string): string {
  if (!isPostgresUrl(location)) return basename(location);
  return decodeURIComponent(new URL(location).pathname.split("/").pop() ?? "");
}

async function signCheckpoint(flags: CheckpointFlags): Promise<void> {
  if (!flags.key)
    throw new UsageError(
      "--key FILE is required: the signing key (make one with lockstep checkpoint keygen --out FILE)",
    );
  const key = readSigningKey(readUserFile(flags.key, "signing key").toString("utf8"), flags.key);
  if (statSync(flags.key).mode & 0o077)
    process.stderr.write(`lockstep: warning: ${flags.key} can be read by others; chmod 600 it\n`);
  const location = resolveLedgerPath(flags.db);
  // Opened to write so that an older ledger is migrated first (its token and import logs backfilled).
  const { db, cp } = await useStore(flags, async (store) => ({
    db: store.location,
    cp: await store.checkpoint(flags.origin ?? `${key.name}/${ledgerName(location)}`),
  }));
  const note = signNote(formatCheckpoint(cp), key);
  if (flags.out) replaceFile(flags.out, note);
  if (flags.json) printJson({ ...(flags.out ? { file: flags.out } : {}), checkpoint: cp, note });
  else if (flags.out)
    process.stdout.write(
      `Checkpoint of ${db} signed by ${key.name} written to ${flags.out}: ${describeCheckpoint(cp)}\n`,
    );
  else process.stdout.write(note);
}

function keygen(flags: KeygenFlags): void {
  // `checkpoint` has --key and --origin of its own: commander hands them over here when given after `keygen`.
  if (flags.key || flags.origin)
    throw new UsageError("checkpoint keygen takes --out, --name and --force only");
  if (!flags.out) throw new UsageError("checkpoint keygen needs --out FILE: where to write the signing key");
  const pub = `${flags.out}.pub`;
  for (const file of [flags.out, pub])
    if (!flags.force && existsSync(file))
      throw new UsageError(
        `${file} exists; use --force to replace it (checkpoints signed with the old key then no longer verify with the new one)`,
      );
  const name = flags.name ?? "lockstep";
  const key = generateSigningKey(name);
  writeFileSync(flags.out, key.privateKeyText, { mode: 0o600 });
  chmodSync(flags.out, 0o600); // a file replaced with --force keeps its old mode otherwise
  writeFileSync(pub, key.verifierKey + "\n");
  if (flags.json)
    printJson({ name, signingKeyFile: flags.out, verifierKeyFile: pub, verifierKey: key.verifierKey });
  else
    process.stdout.write(
      `Signing key written to ${flags.out} (mode 0600): keep it secret; lockstep checkpoint --key ${flags.out} signs with it.\n` +
        `Verifier key, also in ${pub}: publish it where readers can trust it (lockstep verify --against CHECKPOINT --key ${pub}):\n` +
        `${key.verifierKey}\n`,
    );
}

export function registerCheckpoint(program: Command): void {
  const checkpoint = program
    .command("checkpoint")
    .description(
      "sign a checkpoint of the ledger (the count and head of its chain, token log and import log) as a C2SP signed note; lockstep verify --against proves a ledger extends it",
    )
    .option("--key <file>", "the signing key (lockstep checkpoint keygen --out FILE)")
    .addOption(dbOption(true))
    .option("--out <file>", "write the checkpoint to FILE (replaced whole) instead of printing it")
    .option("--origin <name>", "the first line, naming the ledger (default: KEYNAME/LEDGERFILE)")
    .option("--json", "print {file?, checkpoint, note}")
    .action(action((flags: CheckpointFlags) => signCheckpoint(flags)));

  checkpoint
    .command("keygen")
    .description(
      "make an Ed25519 signing key (FILE, mode 0600) and its verifier key (FILE.pub, NAME+KEYID+KEY, printed too)",
    )
    .option("--out <file>", "where to write the signing key; the verifier key goes to FILE.pub")
    .option(
      "--name <name>",
      "the key's name in signatures: no spaces or +; a URL-like name such as example.org/lockstep is recommended (default: lockstep)",
    )
    .option("--force", "replace existing key files")
    .option("--json", "print {name, signingKeyFile, verifierKeyFile, verifierKey}")
    // `checkpoint` declares --out and --json too and takes them even after `keygen`: read both commands' options.
    .action((_flags: KeygenFlags, cmd: Command) => action(keygen)(cmd.optsWithGlobals<KeygenFlags>()));
}
