import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cnsImporter } from "../../src/importers/cns.js";
import type { ImportItem } from "../../src/ledger/index.js";
import { ENGINE, newStore } from "./engine.js";

// Importing the real CNS files into a ledger, on the engine under test (engine.ts). The importer's reading of them,
// without a ledger, is tested in test/importers/cns.test.ts.

const repoRoot = path.resolve(fileURLToPath(import.meta.url), "../../..");
const dataDir = path.resolve(repoRoot, "../shared/data/cns-missile-tests");
const haveData = existsSync(path.join(dataDir, "test.en.json"));
if (!haveData) console.warn(`CNS data not found at ${dataDir}: the tests on the real file are skipped`);

const sumCounts = (events: { count: number }[]) => events.reduce((n, e) => n + e.count, 0);

const realTitle = haveData
  ? `cns importer on the real CNS files, into a ledger on ${ENGINE}`
  : `cns importer on the real CNS files, into a ledger on ${ENGINE} (skipped: no data at ${dataDir})`;
describe.skipIf(!haveData)(realTitle, () => {
  it("imports into a ledger once: the second import adds nothing", async () => {
    const store = await newStore();
    const run = (items: AsyncIterable<ImportItem>) =>
      store.appendEvents(items, { importer: "cns", file: dataDir });
    const first = await run(cnsImporter.read(dataDir, {}));
    expect(first).toMatchObject({ added: 182, duplicates: 0, rejected: [] });
    const second = await run(cnsImporter.read(path.join(dataDir, "test.en.json"), {}));
    expect(second).toMatchObject({ added: 0, duplicates: 182, rejected: [] });
    const stored = await store.queryEvents({ types: ["missile_launch"] });
    expect(stored).toHaveLength(182);
    expect(sumCounts(stored)).toBe(339);
  });
});
