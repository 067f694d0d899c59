import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexColumns } from "../../src/ledger/chain.js";
import { type QueryOptions, type StoredEvent } from "../../src/ledger/index.js";
import {
  canonicalJson,
  CONFIDENCE_LEVELS,
  type EventMatcher,
  type LedgerEvent,
} from "../../src/model/index.js";
import { importKoreaScenario } from "../../src/scenario/build.js";
import { openStore, type LedgerStore } from "../../src/store/index.js";
import { newLocation, onPostgres } from "./engine.js";
import { koreaMatcher, koreaQueryOptions } from "./korea-filters.js";

// A page read by SQL must be exactly that slice of the whole list, for any filter: the SQL terms must mean what
// `matches` means, or the API would page a different list than the command line prints.
// One Korean record for the whole file, on the engine under test (newStore would close it when the first test ends).
let store: LedgerStore;
beforeAll(async () => {
  store = await openStore(
    onPostgres ? await newLocation("page") : join(mkdtempSync(join(tmpdir(), "lockstep-page-")), "l.db"),
  );
  await importKoreaScenario(store);
});
afterAll(() => store?.close());

const matcher = koreaMatcher;
const options = koreaQueryOptions;

/** The stored record of an event, as the words are looked for in it. */
function record(e: StoredEvent): string {
  const { seq: _seq, recordedAt: _at, supersededBy: _by, ...event } = e;
  return canonicalJson(event as LedgerEvent);
}

const COLUMN = {
  date: "date_first",
  actors: "actors",
  type: "type",
  count: "count",
  confidence: "confidence",
} as const;

/** What the SQL must give, computed here from the events in date order: the words, then the order, ties by seq. */
async function reference(m: EventMatcher, o: QueryOptions): Promise<StoredEvent[]> {
  const words = (o.words ?? []).map((w) => w.toLowerCase());
  const found = (await store.queryEvents(m, { history: o.history ?? false })).filter((e) =>
    words.every((w) => record(e).toLowerCase().includes(w)),
  );
  const by = COLUMN[o.order?.by ?? "date"];
  const sign = o.order?.descending ? -1 : 1;
  const value = (e: StoredEvent) =>
    by === "confidence" ? CONFIDENCE_LEVELS.indexOf(e.confidence) : indexColumns(e)[by];
  return found.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    return x < y ? -sign : x > y ? sign : sign * (a.seq - b.seq);
  });
}

describe("queryEventPage with words and an order", () => {
  it("gives the slice of the reference: every word in the record, in the order asked, ties in ledger order (reversed when descending)", async () => {
    await fc.assert(
      fc.asyncProperty(
        matcher,
        options,
        fc.nat(30),
        fc.integer({ min: 0, max: 40 }),
        async (m, o, offset, limit) => {
          const all = await reference(m, o);
          const page = await store.queryEventPage(m, { ...o, offset, limit });
          expect(page.total).toBe(all.length);
          expect(page.events.map((e) => e.id)).toEqual(all.slice(offset, offset + limit).map((e) => e.id));
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  });

  it("walks the whole list by its cursors, page after page, for any filter, words and order", async () => {
    await fc.assert(
      fc.asyncProperty(matcher, options, fc.integer({ min: 1, max: 25 }), async (m, o, limit) => {
        const all = await reference(m, o);
        const seen: string[] = [];
        let page = await store.queryEventPage(m, { ...o, offset: 0, limit });
        for (let guard = 0; ; guard++) {
          expect(page.total).toBe(all.length);
          seen.push(...page.events.map((e) => e.id));
          if (!page.next || guard > all.length) break;
          page = await store.queryEventPage(m, { ...o, offset: 0, limit, after: page.next });
        }
        expect(seen).toEqual(all.map((e) => e.id));
      }),
      { numRuns: 80, seed: 13 },
    );
  });

  it("finds the words in any case", async () => {
    const lower = await store.queryEventPage({}, { words: ["hwasong-17"], limit: 1000, offset: 0 });
    const upper = await store.queryEventPage({}, { words: ["HWASONG-17"], limit: 1000, offset: 0 });
    expect(lower.total).toBeGreaterThan(3);
    expect(upper.events.map((e) => e.id)).toEqual(lower.events.map((e) => e.id));
  });
});

describe("eventFacets", () => {
  it("counts each type and spans the days as the events themselves do", async () => {
    const all = await store.queryEvents();
    const facets = await store.eventFacets();
    expect(facets.events).toBe(all.length);
    const byType = new Map<string, StoredEvent[]>();
    for (const e of all) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
    expect(facets.types.map((t) => [t.type, t.events])).toEqual(
      [...byType].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, es]) => [t, es.length]),
    );
    const firsts = all.map((e) => indexColumns(e).date_first).sort();
    const lasts = all.map((e) => indexColumns(e).date_last).sort();
    expect([facets.first, facets.last]).toEqual([firsts[0], lasts[lasts.length - 1]]);
  });
});

describe("queryEventPage", () => {
  it("gives the slice of queryEvents and its length as the total, for any filter, page and history", async () => {
    await fc.assert(
      fc.asyncProperty(
        matcher,
        fc.boolean(),
        fc.nat(40),
        fc.integer({ min: 0, max: 60 }),
        async (m, history, offset, limit) => {
          const all = await store.queryEvents(m, { history });
          const page = await store.queryEventPage(m, { history, offset, limit });
          expect(page.total).toBe(all.length);
          expect(await store.countEvents(m, { history })).toBe(all.length);
          expect(page.events).toEqual(all.slice(offset, offset + limit));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it("pages through the whole ledger in order, every event once", async () => {
    const all = await store.queryEvents();
    const seen = [];
    for (let offset = 0; offset < all.length; offset += 100)
      seen.push(...(await store.queryEventPage({}, { offset, limit: 100 })).events);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(all.length).toBeGreaterThan(500);
  });
});
