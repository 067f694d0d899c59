import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/agreement/index.js";
import {
  evaluate,
  evaluateByQueries,
  evaluationMatchers,
  eventsForEvaluation,
} from "../../src/engine/index.js";
import { importKoreaScenario } from "../../src/scenario/build.js";
import { openStore, type LedgerStore } from "../../src/store/index.js";
import { newLocation, onPostgres } from "./engine.js";

// An evaluation reads only the events its agreement's matchers match (by SQL, on a large ledger), and for a matcher
// that matches nothing the events its diagnosis counts: it must give what the evaluation over the whole view gives,
// warnings included, for every bundled agreement and at dates across the record (early dates leave matchers empty).
const DATES = [
  "1995-06-30",
  "2003-01-10",
  "2018-06-12",
  "2019-02-28",
  "2022-10-28",
  "2024-06-30",
  "2026-04-19",
];

// The Korean record built on the engine under test, once for the file (newStore would close it after one test).
let store: LedgerStore;
beforeAll(async () => {
  store = await openStore(
    onPostgres
      ? await newLocation("korea")
      : join(mkdtempSync(join(tmpdir(), "lockstep-reads-")), "korea.db"),
  );
  await importKoreaScenario(store);
});
afterAll(() => store?.close());

describe("an evaluation over the events its matchers match", () => {
  const bundled = [...loadCatalog().values()].filter((e) => e.origin === "bundled").map((e) => e.agreement);

  it("covers the bundled agreements", () => expect(bundled.length).toBeGreaterThan(5));

  it.each(bundled.map((a) => [a.id, a] as const))(
    "%s: the same as over the whole view",
    async (_id, agreement) => {
      const whole = await store.queryEvents();
      const read = await eventsForEvaluation(agreement, (m) => store.queryEvents(m));
      // Fewer events read, none twice, and every one of them in the view.
      expect(read.length).toBeLessThan(whole.length);
      expect(new Set(read.map((e) => e.id)).size).toBe(read.length);
      const ids = new Set(whole.map((e) => e.id));
      for (const e of read) expect(ids.has(e.id)).toBe(true);
      for (const asOf of DATES) {
        const byQueries = await evaluateByQueries(agreement, asOf, (m) => store.queryEvents(m));
        expect(JSON.stringify(byQueries)).toBe(JSON.stringify(evaluate(agreement, whole, asOf)));
      }
    },
  );

  it("asks each matcher once", () => {
    for (const a of bundled) {
      const keys = evaluationMatchers(a).map((m) => JSON.stringify(m));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
