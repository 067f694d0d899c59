import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gdeltImporter } from "../../src/importers/gdelt.js";
import { InputError } from "../../src/model/index.js";
import { hasSample, readAll, SAMPLE, sampleTitle, tally } from "../importers/gdelt-fixture.js";
import { ENGINE, newStore } from "./engine.js";

// Importing the real GDELT sample into a ledger, on the engine under test (engine.ts). The importer's reading of the
// sample, without a ledger, is tested in test/importers/gdelt.test.ts.

const tmp = mkdtempSync(path.join(tmpdir(), "lockstep-gdelt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe.skipIf(!hasSample)(sampleTitle(`importing the real GDELT sample into a ledger on ${ENGINE}`), () => {
  const importer = "gdelt";

  it("imports every attributed row, and a second import adds nothing", async () => {
    const store = await newStore();
    const first = await store.appendEvents(gdeltImporter.read(SAMPLE, {}), { importer, file: SAMPLE });
    const events = tally(await readAll(SAMPLE)).events;
    expect(first).toMatchObject({
      read: 2111,
      added: events,
      duplicates: 0,
      filtered: 2111 - events,
      rejected: [],
    });
    expect(await store.countEntries()).toBe(events);
    const again = await store.appendEvents(gdeltImporter.read(SAMPLE, {}), { importer, file: SAMPLE });
    expect(again).toMatchObject({ added: 0, duplicates: events });
    expect(await store.countEntries()).toBe(events);
  });

  it("writes nothing when one line in the middle is broken", async () => {
    const lines = readFileSync(SAMPLE, "utf8").split("\n");
    lines[1000] = lines[1000]!.split("\t").slice(0, 59).join("\t");
    const file = write("broken.export.CSV", lines.join("\n"));
    const store = await newStore();
    const attempt = store.appendEvents(gdeltImporter.read(file, {}), { importer, file });
    await expect(attempt).rejects.toThrow(InputError);
    await attempt.catch((err: InputError) => {
      expect(err.issues).toEqual([expect.objectContaining({ where: { file, record: "1001" } })]);
    });
    expect(await store.countEntries()).toBe(0);
  });
});
