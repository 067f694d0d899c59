import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  formatCheckpoint,
  generateSigningKey,
  openNote,
  parseCheckpoint,
  readCheckpoint,
  readSigningKey,
  readVerifierKey,
  signNote,
  splitNote,
  type Checkpoint,
} from "../../src/ledger/checkpoint.js";
import { checkpointOf, verifyAgainst } from "../../src/store/sqlite/checkpoint.js";
import {
  appendEvents,
  createToken,
  findToken,
  openLedger,
  verifyLedger,
  type Ledger,
} from "../../src/ledger/index.js";
import { cutEntries, promoteWithLog, rewriteEntry } from "./attacker.js";
import { RECORDED_AT, items, launch, tempLedger } from "./helpers.js";

const KEY = generateSigningKey("example.org/lockstep");
const signer = () => readSigningKey(KEY.privateKeyText, "key.pem");
const verifier = () => readVerifierKey(KEY.verifierKey, "key.pem.pub");
/** NAME, KEYID and KEY of a verifier key: the base64 key may hold "+" too. */
const partsOf = (verifierKey: string) => /^([^+]+)\+([^+]+)\+(.+)$/.exec(verifierKey)!.slice(1);

async function addLaunches(ledger: Ledger, dates: string[]): Promise<void> {
  await appendEvents(
    ledger,
    items(
      "launches.json",
      dates.map((d) => launch(d)),
    ),
    { importer: "json", file: "launches.json", recordedAt: RECORDED_AT },
  );
}

/** A ledger of four launches and an editor token, with a signed checkpoint of it; the ledger closed. */
async function checkpointed(): Promise<{
  file: string;
  note: string;
  cp: Checkpoint;
  editor: { id: string; token: string };
}> {
  const ledger = tempLedger();
  await addLaunches(ledger, ["2022-10-28", "2022-11-02", "2022-11-03", "2022-11-18"]);
  const editor = createToken(ledger, "editor");
  const cp = checkpointOf(ledger, "example.org/lockstep/test.db", new Date("2025-01-31T12:00:00Z"));
  ledger.close();
  return { file: ledger.file, note: signNote(formatCheckpoint(cp), signer()), cp, editor };
}

function against(file: string, note: string) {
  const ledger = openLedger(file, { mustExist: true });
  try {
    return verifyAgainst(ledger, readCheckpoint(Buffer.from(note), verifier(), "cp.txt"));
  } finally {
    ledger.close();
  }
}

describe("signed checkpoints", () => {
  it("round trip: a C2SP signed note whose signature the verifier key checks", async () => {
    const { note, cp } = await checkpointed();
    const lines = note.split("\n");
    expect(lines.slice(0, 3)).toEqual(["example.org/lockstep/test.db", "4", cp.entries.head]);
    expect(lines[3]).toBe("time 2025-01-31T12:00:00.000Z");
    expect(lines[4]).toMatch(/^tokens 1 [0-9a-f]{64}$/);
    expect(lines[5]).toMatch(/^imports 1 [0-9a-f]{64}$/);
    expect(lines[6]).toBe("");
    expect(lines[7]).toMatch(/^— example\.org\/lockstep [A-Za-z0-9+/]+=*$/);
    expect(lines[8]).toBe("");
    // The signature: key id (4 bytes) then 64 bytes of Ed25519; the id is SHA-256(name \n 0x01 key)[:4].
    const sig = Buffer.from(lines[7]!.split(" ")[2]!, "base64");
    expect(sig).toHaveLength(68);
    const [name, id, key] = partsOf(KEY.verifierKey);
    expect(name).toBe("example.org/lockstep");
    const raw = Buffer.from(key!, "base64");
    expect(raw[0]).toBe(1);
    const expectedId = createHash("sha256")
      .update(Buffer.concat([Buffer.from(`${name}\n`), raw]))
      .digest()
      .subarray(0, 4);
    expect(sig.subarray(0, 4).toString("hex")).toBe(id);
    expect(expectedId.toString("hex")).toBe(id);
    expect(parseCheckpoint(openNote(note, verifier(), "cp.txt"), "cp.txt")).toEqual(cp);
    expect(signer().verifierKey).toBe(KEY.verifierKey);
    // Keys whose base64 holds "+" (most of twenty do) read as well: only the first two "+" separate.
    for (let i = 0; i < 20; i++) {
      const k = generateSigningKey("n");
      expect(readVerifierKey(k.verifierKey, "k.pub").keyId.toString("hex")).toBe(partsOf(k.verifierKey)[1]);
    }
  });

  it("an untouched ledger extends its checkpoint, and still does after appends and a new token", async () => {
    const { file, note, cp } = await checkpointed();
    expect(against(file, note).extension).toEqual({ ok: true, problems: [] });
    const ledger = openLedger(file, { mustExist: true });
    await addLaunches(ledger, ["2023-01-01", "2023-02-18"]);
    createToken(ledger, "admin");
    ledger.close();
    const { report, extension } = against(file, note);
    expect(extension).toEqual({ ok: true, problems: [] });
    expect(report).toMatchObject({ ok: true, entries: 6, tokens: { records: 2 }, imports: { records: 2 } });
    expect(report.head).not.toBe(cp.entries.head);
  });

  it("catches entries cut from the end, which the chain alone cannot see", async () => {
    const { file, note } = await checkpointed();
    cutEntries(file, 1);
    const { report, extension } = against(file, note);
    expect(report.ok).toBe(true); // a whole chain, with another head
    expect(extension.ok).toBe(false);
    expect(extension.problems).toEqual([
      "the ledger has 3 entries, fewer than the 4 of the checkpoint: entries were cut from its end",
    ]);
  });

  it("catches an entry rewritten with every later hash recomputed", async () => {
    const { file, note, cp } = await checkpointed();
    rewriteEntry(file, 2, (e) => {
      e.date = "2022-11-01";
    });
    const { report, extension } = against(file, note);
    expect(report.ok).toBe(true); // the attacker's chain verifies on its own
    expect(extension.ok).toBe(false);
    expect(extension.problems).toHaveLength(1);
    expect(extension.problems[0]).toMatch(
      new RegExp(
        `^entry 4 has hash [0-9a-f]{64}, not the checkpoint's ${cp.entries.head}: the ledger was rewritten at or before entry 4$`,
      ),
    );
  });

  it("catches tokens and their log rewritten together, consistently (what the token log alone cannot)", async () => {
    const { file, note, editor } = await checkpointed();
    promoteWithLog(file, editor.id);
    const ledger = openLedger(file, { mustExist: true });
    expect(findToken(ledger, editor.token)?.role).toBe("admin"); // the forgery works…
    expect(verifyLedger(ledger).ok).toBe(true); // …and verify alone cannot tell
    ledger.close();
    const { extension } = against(file, note);
    expect(extension.ok).toBe(false);
    expect(extension.problems[0]).toMatch(
      /^token log record 1 has hash .*: the token log was rewritten at or before/,
    );
  });

  it("refuses a checkpoint signed by another key, even of the same name", () => {
    const other = generateSigningKey("example.org/lockstep");
    const note = signNote(
      "example.org/lockstep/x\n0\n" + "0".repeat(64) + "\n",
      readSigningKey(other.privateKeyText, "other.pem"),
    );
    expect(() => openNote(note, verifier(), "cp.txt")).toThrow(
      /^cp\.txt: not signed by the key given \(example\.org\/lockstep, id [0-9a-f]{8}\); its signatures are by example\.org\/lockstep \(id [0-9a-f]{8}\)$/,
    );
  });

  it("refuses a checkpoint whose text was changed after signing: a bad signature", async () => {
    const { note } = await checkpointed();
    const tampered = note.replace(/^4$/m, "3");
    expect(tampered).not.toBe(note);
    expect(() => openNote(tampered, verifier(), "cp.txt")).toThrow(
      "cp.txt: BAD SIGNATURE by example.org/lockstep: the checkpoint was changed after it was signed, or not signed by this key; do not trust it",
    );
    // A signature altered in one byte, likewise.
    const sigLine = note.split("\n")[7]!;
    const bytes = Buffer.from(sigLine.split(" ")[2]!, "base64");
    bytes[10] = bytes[10]! ^ 1;
    const forged = note.replace(sigLine, `— example.org/lockstep ${bytes.toString("base64")}`);
    expect(() => openNote(forged, verifier(), "cp.txt")).toThrow(/BAD SIGNATURE/);
  });

  it("names what is wrong in a malformed note, checkpoint or key", async () => {
    const { note } = await checkpointed();
    expect(() => splitNote(note.replaceAll("\n", "\r\n"), "cp.txt")).toThrow(/U\+000D \(Windows line ends/);
    expect(() => splitNote("just text\n", "cp.txt")).toThrow(
      /no blank line between its text and a signature/,
    );
    expect(() => splitNote("a\n\nnot a signature\n", "cp.txt")).toThrow(/signature line 1 is not/);
    const text = splitNote(note, "cp.txt").text;
    expect(() => parseCheckpoint(text.replace(/^4$/m, "four"), "cp.txt")).toThrow(
      'cp.txt: line 2 must be the number of entries, not "four"',
    );
    expect(() => parseCheckpoint(text.replace(/^tokens .*$/m, "tokens 1"), "cp.txt")).toThrow(
      /line 5 must be tokens, its record count and head/,
    );
    expect(() => parseCheckpoint(text.replace(/^time .*\n/m, ""), "cp.txt")).toThrow(
      'cp.txt: no "time" line',
    );
    expect(() => readVerifierKey("example.org/lockstep+00000000+AQ==", "k.pub")).toThrow(
      /not 8 hex digits|not an Ed25519/,
    );
    const [name, , key] = partsOf(KEY.verifierKey);
    expect(() => readVerifierKey(`${name}+deadbeef+${key}`, "k.pub")).toThrow(
      "k.pub: the key id deadbeef is not that of this name and key: the key was altered",
    );
    expect(() => readSigningKey("nothing here", "k.pem")).toThrow(/k\.pem: no private key in it/);
    expect(() => generateSigningKey("has space")).toThrow(/cannot name a key/);
    expect(() => generateSigningKey("a+b")).toThrow(/cannot name a key/);
  });

  it("will not sign a ledger that does not verify", async () => {
    const { file } = await checkpointed();
    const ledger = openLedger(file, { mustExist: true });
    ledger.db.prepare("UPDATE tokens SET role = 'admin'").run();
    expect(() => checkpointOf(ledger, "x")).toThrow(/the ledger does not verify/);
    ledger.close();
  });
});
