import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  formatCheckpoint,
  generateSigningKey,
  readCheckpoint,
  readSigningKey,
  readVerifierKey,
  signNote,
} from "../../src/ledger/checkpoint.js";
import { checkpointOf } from "../../src/store/sqlite/checkpoint.js";
import { appendEvents, openLedger } from "../../src/ledger/index.js";
import { expectError, request, startServer, tempDir, type Running } from "./helpers.js";

const KEY = generateSigningKey("example.org/lockstep");
let server: Running | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const launch = (date: string) => ({
  where: { file: "a.json", record: date },
  input: {
    type: "missile_launch",
    date,
    actor: "PRK",
    attributes: { class: "SRBM" },
    sources: [{ url: `https://example.org/${date}` }],
  },
});

/** A small ledger with `dates` launched, and a signed checkpoint of it written (whole, by rename) to `file`. */
async function ledgerWithCheckpoint(dir: string, dates: string[], file = join(dir, "checkpoint.txt")) {
  const db = join(dir, "l.db");
  const ledger = openLedger(db);
  await appendEvents(ledger, dates.map(launch), { importer: "json", file: "a.json" });
  const note = signNote(
    formatCheckpoint(checkpointOf(ledger, "example.org/lockstep/l.db")),
    readSigningKey(KEY.privateKeyText, "key"),
  );
  ledger.close();
  writeFileSync(`${file}.tmp`, note);
  renameSync(`${file}.tmp`, file);
  return { db, file, note };
}

describe("GET /api/checkpoint", () => {
  it("404 with what to do when the server was given none", async () => {
    const { db } = await ledgerWithCheckpoint(tempDir(), ["2022-10-28"]);
    server = await startServer({ db });
    const r = expectError(await request(`${server.url}/api/checkpoint`), 404);
    expect(r.error).toMatch(/publishes no checkpoint: start it with lockstep serve --checkpoint FILE/);
  });

  it("publishes the file as given, which checks with the verifier key, and the newer one once replaced", async () => {
    const dir = tempDir();
    const first = await ledgerWithCheckpoint(dir, ["2022-10-28"]);
    server = await startServer({ db: first.db, checkpoint: first.file });
    const r = await request(`${server.url}/api/checkpoint`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.text).toBe(first.note);
    const cp = readCheckpoint(Buffer.from(r.text), readVerifierKey(KEY.verifierKey, "pub"), "api");
    expect(cp.entries.count).toBe(1);

    const second = await ledgerWithCheckpoint(dir, ["2022-11-02"], first.file);
    expect(second.note).not.toBe(first.note);
    expect((await request(`${server.url}/api/checkpoint`)).text).toBe(second.note);

    // A file that no longer reads as a checkpoint leaves the last good one published.
    writeFileSync(`${first.file}.tmp`, "not a checkpoint\n");
    renameSync(`${first.file}.tmp`, first.file);
    expect((await request(`${server.url}/api/checkpoint`)).text).toBe(second.note);

    const doc = await request<{ paths: Record<string, unknown> }>(`${server.url}/api/openapi.json`);
    expect(doc.body.paths["/api/checkpoint"]).toBeDefined();
  });

  it("will not start with a checkpoint file that is missing or is not a checkpoint", async () => {
    const dir = tempDir();
    const { db } = await ledgerWithCheckpoint(dir, ["2022-10-28"]);
    const missing = join(dir, "none.txt");
    await expect(startServer({ db, checkpoint: missing })).rejects.toThrow(
      `--checkpoint: ${missing} cannot be read (ENOENT)`,
    );
    const wrong = join(dir, "wrong.txt");
    writeFileSync(wrong, "hello\n\n— someone AAAAAAAAAA==\n");
    await expect(startServer({ db, checkpoint: wrong })).rejects.toThrow(
      `--checkpoint: ${wrong}: line 2 must be the number of entries`,
    );
  });
});
