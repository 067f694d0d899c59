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
import { openStore } from "../../src/store/open.js";
import type { LedgerStore } from "../../src/store/store.js";
import { RECORDED_AT, items, launch } from "../ledger/helpers.js";
import { cutEntries, promoteWithLog, rewriteEntry } from "./attacker.js";
import { newStore, rawSql } from "./engine.js";

const KEY = generateSigningKey("example.org/lockstep");
const signer = () => readSigningKey(KEY.privateKeyText, "key.pem");
const verifier = () => readVerifierKey(KEY.verifierKey, "key.pem.pub");
/** NAME, KEYID and KEY of a verifier key: the base64 key may hold "+" too. */
const partsOf = (verifierKey: string) => /^([^+]+)\+([^+]+)\+(.+)$/.exec(verifierKey)!.slice(1);

async function addLaunches(store: LedgerStore, dates: string[]): Promise<void> {
  await store.appendEvents(
    items(
      "launches.json",
      dates.map((d) => launch(d)),
    ),
    { importer: "json", file: "launches.json", recordedAt: RECORDED_AT },
  );
}

/** A ledger of four launches and an editor token, with a signed checkpoint of it. */
async function checkpointed(): Promise<{
  location: string;
  note: string;
  cp: Checkpoint;
  editor: { id: string; token: string };
}> {
  const store = await newStore();
  await addLaunches(store, ["2022-10-28", "2022-11-02", "2022-11-03", "2022-11-18"]);
  const editor = await store.createToken("editor");
  const cp = await store.checkpoint("example.org/lockstep/test.db", new Date("2025-01-31T12:00:00Z"));
  return { location: store.location, note: signNote(formatCheckpoint(cp), signer()), cp, editor };
}

/** Runs `use` on the ledger opened anew, and closes it. */
async function reopened<T>(location: string, use: (store: LedgerStore) => Promise<T>): Promise<T> {
  const store = await openStore(location, { mustExist: true });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

function against(location: string, note: string) {
  return reopened(location, (store) =>
    store.verifyAgainst(readCheckpoint(Buffer.from(note), verifier(), "cp.txt")),
  );
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
    const { location, note, cp } = await checkpointed();
    expect((await against(location, note)).extension).toEqual({ ok: true, problems: [] });
    await reopened(location, async (store) => {
      await addLaunches(store, ["2023-01-01", "2023-02-18"]);
      await store.createToken("admin");
    });
    const { report, extension } = await against(location, note);
    expect(extension).toEqual({ ok: true, problems: [] });
    expect(report).toMatchObject({ ok: true, entries: 6, tokens: { records: 2 }, imports: { records: 2 } });
    expect(report.head).not.toBe(cp.entries.head);
  });

  it("catches entries cut from the end, which the chain alone cannot see", async () => {
    const { location, note } = await checkpointed();
    await cutEntries(location, 1);
    const { report, extension } = await against(location, note);
    expect(report.ok).toBe(true); // a whole chain, with another head
    expect(extension.ok).toBe(false);
    expect(extension.problems).toEqual([
      "the ledger has 3 entries, fewer than the 4 of the checkpoint: entries were cut from its end",
    ]);
  });

  it("catches an entry rewritten with every later hash recomputed", async () => {
    const { location, note, cp } = await checkpointed();
    await rewriteEntry(location, 2, (e) => {
      e.date = "2022-11-01";
    });
    const { report, extension } = await against(location, note);
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
    const { location, note, editor } = await checkpointed();
    await promoteWithLog(location, editor.id);
    await reopened(location, async (store) => {
      expect(await store.lookupToken(editor.token)).toMatchObject({ token: { role: "admin" } }); // the forgery works…
      expect((await store.verify()).ok).toBe(true); // …and verify alone cannot tell
    });
    const { extension } = await against(location, note);
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
    const { location } = await checkpointed();
    await rawSql(location, "UPDATE tokens SET role = 'admin'");
    await reopened(location, async (store) => {
      await expect(store.checkpoint("x")).rejects.toThrow(/the ledger does not verify/);
    });
  });
});
