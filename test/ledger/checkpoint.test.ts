import { describe, expect, it } from "vitest";
import {
  formatCheckpoint,
  generateSigningKey,
  readCheckpoint,
  readSigningKey,
  readVerifierKey,
  signNote,
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

// The SQLite file rewritten with plain SQLite by the attacker of attacker.ts, checked with SQLite's own functions. The
// same attacks on both engines, and the rest of the checkpoint tests: test/store/checkpoint.test.ts.

const KEY = generateSigningKey("example.org/lockstep");
const signer = () => readSigningKey(KEY.privateKeyText, "key.pem");
const verifier = () => readVerifierKey(KEY.verifierKey, "key.pem.pub");

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
});
