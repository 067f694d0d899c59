import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countEvents, openLedger, queryEventPage, queryEvents, type Ledger } from "../../src/ledger/index.js";
import type { EventMatcher } from "../../src/model/index.js";
import { importKoreaScenario } from "../../src/scenario/build.js";

// A page read by SQL must be exactly that slice of the whole list, for any filter: the SQL terms must mean what
// `matches` means, or the API would page a different list than the command line prints.
let ledger: Ledger;
beforeAll(async () => {
  ledger = openLedger(join(mkdtempSync(join(tmpdir(), "lockstep-page-")), "l.db"));
  await importKoreaScenario(ledger);
});
afterAll(() => ledger.close());

const matcher: fc.Arbitrary<EventMatcher> = fc.record(
  {
    types: fc.subarray(["missile_launch", "military_exercise", "sanction", "statement", "nuclear_test"], {
      minLength: 1,
    }),
    actors: fc.subarray(["PRK", "USA", "KOR", "UN", "CHN", "JPN"], { minLength: 1 }),
    targets: fc.subarray(["PRK", "USA", "KOR"], { minLength: 1 }),
    confidence: fc.subarray(["confirmed", "reported", "claimed", "unverified"], { minLength: 1 }),
    from: fc.constantFrom("1990-01-01", "2017-06-15", "2022-10-28"),
    to: fc.constantFrom("2006-10-09", "2019-12-31", "2026-12-31"),
    attributes: fc.constantFrom({ class: ["ICBM", "SRBM"] }, { scale: ["large"] }, { status: ["held"] }),
  },
  { requiredKeys: [] },
);

describe("queryEventPage", () => {
  it("gives the slice of queryEvents and its length as the total, for any filter, page and history", () => {
    fc.assert(
      fc.property(
        matcher,
        fc.boolean(),
        fc.nat(40),
        fc.integer({ min: 0, max: 60 }),
        (m, history, offset, limit) => {
          const all = queryEvents(ledger, m, { history });
          const page = queryEventPage(ledger, m, { history, offset, limit });
          expect(page.total).toBe(all.length);
          expect(countEvents(ledger, m, { history })).toBe(all.length);
          expect(page.events).toEqual(all.slice(offset, offset + limit));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it("pages through the whole ledger in order, every event once", () => {
    const all = queryEvents(ledger);
    const seen = [];
    for (let offset = 0; offset < all.length; offset += 100)
      seen.push(...queryEventPage(ledger, {}, { offset, limit: 100 }).events);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(all.length).toBeGreaterThan(500);
  });
});
