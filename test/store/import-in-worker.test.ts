// The worker thread only exists in the compiled build (dist/), which `npm test` builds before running the tests:
// these tests import the build, as `lockstep import` runs it. The ledgers are the engine's under test (engine.ts).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Importers from "../../src/importers/index.js";
import type { InputError } from "../../src/model/index.js";
import type { LedgerStore } from "../../src/store/store.js";
import { gdeltRows } from "../importers/gdelt-fixture.js";
import { zipOneFile } from "../importers/zip-fixture.js";
import { ENGINE, newStore, rawSql } from "./engine.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WORKER = path.join(repoRoot, "dist/importers/prepare-worker.js");
const built = existsSync(WORKER);
const CNS = path.join(repoRoot, "scenarios/korea/cns");

let importers: typeof Importers;
const tmp = mkdtempSync(path.join(tmpdir(), "lockstep-worker-"));
beforeAll(async () => {
  if (!built) return;
  importers = (await import(path.join(repoRoot, "dist/importers/index.js"))) as typeof Importers;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** GDELT 2.0 rows (gdelt-fixture.ts) written to a file in the temporary folder. */
function gdeltFile(name: string, rows: number, broken: number[] = []): string {
  const file = path.join(tmp, name);
  writeFileSync(file, gdeltRows(rows, broken));
  return file;
}

/** What an entry says and where it sits, without the clock-dependent recorded_at and links. */
function entries(store: LedgerStore): Promise<unknown[]> {
  return rawSql(
    store.location,
    "SELECT seq, id, body, type, date_first, date_last, actors, targets, count, confidence FROM entries ORDER BY seq",
  );
}

async function bothWays(file: string, options: Importers.ImportFileOptions = {}) {
  const a = await newStore();
  const b = await newStore();
  const onWorker = await importers.importFile(a, file, { ...options, prepareOn: "worker" });
  const here = await importers.importFile(b, file, { ...options, prepareOn: "this-thread" });
  return { onWorker, here, a: await entries(a), b: await entries(b), verified: (await a.verify()).ok };
}

describe.skipIf(!built)(
  built
    ? `imports prepared on a worker thread, into a ledger on ${ENGINE}`
    : `worker imports: SKIPPED, no build at ${WORKER}`,
  () => {
    it("write the same ledger as imports prepared on the calling thread, and it verifies", async () => {
      const file = gdeltFile("same.export.CSV", 5000);
      const r = await bothWays(file);
      expect(r.onWorker.added).toBe(5000);
      expect(r.onWorker).toEqual(r.here);
      expect(r.a).toEqual(r.b);
      expect(r.verified).toBe(true);
    });

    it("keep each record's own file in its provenance (a CNS import reads several files)", async () => {
      const r = await bothWays(CNS, { format: "cns" });
      expect(r.onWorker.added).toBeGreaterThan(100);
      expect(r.a).toEqual(r.b);
      const files = new Set((r.a as { body: string }[]).map((e) => JSON.parse(e.body).provenance.file));
      expect(files).toEqual(new Set([path.join(CNS, "test.en.json")]));
    });

    it("carry supersessions: the bundled merge of the 2022-10-28 reports", async () => {
      const files = ["cns", "events.jsonl", "merges.jsonl"].map((f) =>
        path.join(repoRoot, "scenarios/korea", f),
      );
      const [a, b] = [await newStore(), await newStore()];
      for (const file of files) {
        await importers.importFile(a, file, { prepareOn: "worker" });
        await importers.importFile(b, file, { prepareOn: "this-thread" });
      }
      const merged = "SELECT old_id, new_seq FROM supersessions ORDER BY old_id";
      expect(await rawSql(a.location, merged)).toEqual(await rawSql(b.location, merged));
      expect((await rawSql(a.location, merged)).length).toBeGreaterThan(0);
      expect(await entries(a)).toEqual(await entries(b));
    });

    it("write nothing when a record is invalid, naming its line, as InputError", async () => {
      const file = gdeltFile("broken.export.CSV", 3000, [2500]);
      const store = await newStore();
      const err = await importers.importFile(store, file, { prepareOn: "worker" }).then(
        () => undefined,
        (e: unknown) => e as InputError,
      );
      expect(err?.name).toBe("InputError");
      expect(err?.issues).toEqual([
        expect.objectContaining({
          where: { file, record: "2500" },
          issue: expect.objectContaining({ path: "SQLDATE" }),
        }),
      ]);
      expect(await store.countEntries()).toBe(0);
    });

    it("with skipInvalid, write the valid records and report the others", async () => {
      const file = gdeltFile("skip.export.CSV", 3000, [10, 2999]);
      const r = await bothWays(file, { skipInvalid: true });
      expect(r.onWorker.added).toBe(2998);
      expect(r.onWorker.rejected.map((x) => x.where.record)).toEqual(["10", "2999"]);
      expect(r.a).toEqual(r.b);
    });

    it("filter by actor and relabel the provenance as asked", async () => {
      const file = gdeltFile("filter.export.CSV", 300);
      const r = await bothWays(file, { actors: ["KOR"], label: "upload.csv" });
      expect(r.onWorker.added).toBe(100);
      expect(r.onWorker.filtered).toBe(200); // USA → PRK
      const r2 = await bothWays(file, { actors: ["PRK"] });
      expect(r2.onWorker.added).toBe(300);
      expect(JSON.parse((r.a[0] as { body: string }).body).provenance.file).toBe("upload.csv");
      expect(r.a).toEqual(r.b);
    });

    it("report progress from the worker thread, up to the whole file", async () => {
      const file = gdeltFile("progress.export.CSV", 2000);
      const store = await newStore();
      const seen: [number, number][] = [];
      await importers.importFile(store, file, {
        prepareOn: "worker",
        onProgress: (d, t) => seen.push([d, t]),
      });
      expect(seen.length).toBeGreaterThan(1);
      const [done, total] = seen.at(-1)!;
      expect(done).toBe(total);
    });

    it("pass on an error the importer throws on the worker thread", async () => {
      const empty = path.join(tmp, "empty.export.CSV.zip");
      writeFileSync(empty, zipOneFile("dir/", Buffer.alloc(0)));
      const store = await newStore();
      await expect(
        importers.importFile(store, empty, { format: "gdelt", prepareOn: "worker" }),
      ).rejects.toThrow(/the zip holds no file/);
    });
  },
);
