import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matches, type EventMatcher } from "../../src/model/index.js";
import { items, launch, RECORDED_AT } from "../ledger/helpers.js";
import { ENGINE, newStore } from "./engine.js";

// Attribute terms are tested in SQL against the body, loosely, and then by `matches` (query-sql.ts,
// attributeTerms): the SQL must never leave out an event `matches` would take. Values that JSON escapes or writes
// otherwise than as plain text are the ones to try: quotes, backslashes, control characters, other scripts,
// numbers in exponent form, lists, objects.
const TEXTS = [
  'a"b',
  "back\\slash",
  "tab\there",
  "line\nbreak",
  "é 北 🚀",
  "plain",
  "1e-7",
  "0.5",
  "[object Object]",
];
const NUMBERS = [1e-7, 0.5, 3, 240, 1e21];

const launchWith = fc.record(
  {
    missile: fc.constantFrom(...TEXTS.filter((t) => t.trim() === t)),
    apogeeKm: fc.constantFrom(...NUMBERS),
    outcomes: fc.constant({ success: 1 }),
  },
  { requiredKeys: [] },
);
const exerciseWith = fc.record(
  {
    participants: fc.subarray(["USA", "KOR", 'a"b', "é 北 🚀"], { minLength: 1 }),
    aircraft: fc.constantFrom(3, 240),
  },
  { requiredKeys: [] },
);
const event = fc.oneof(
  fc.tuple(launchWith, fc.integer({ min: 0, max: 3000 })).map(([attributes, day]) =>
    launch(new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10), {
      attributes: { class: "SRBM", ...attributes },
    }),
  ),
  fc.tuple(exerciseWith, fc.integer({ min: 0, max: 3000 })).map(([attributes, day]) => ({
    type: "military_exercise",
    date: new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
    actor: "USA+KOR",
    attributes: { name: "Drill", status: "held", ...attributes },
    sources: [{ title: "a report" }],
  })),
);
const wanted = fc.subarray([...TEXTS, ...NUMBERS.map(String), "USA", "1,2", "SRBM"], {
  minLength: 1,
  maxLength: 3,
});
const matcher: fc.Arbitrary<EventMatcher> = fc.record(
  {
    types: fc.constantFrom(["missile_launch"], ["military_exercise"]),
    attributes: fc.dictionary(
      fc.constantFrom("missile", "apogeeKm", "outcomes", "participants", "aircraft", "class", "absent"),
      wanted,
      { minKeys: 1, maxKeys: 2 },
    ),
  },
  { requiredKeys: ["attributes"] },
);

describe(`attribute filters on ${ENGINE}`, () => {
  it("pick exactly the events `matches` picks, for values JSON escapes, numbers, lists and objects", async () => {
    const store = await newStore();
    const inputs = fc.sample(event, { numRuns: 120, seed: 20221028 });
    const report = await store.appendEvents(items("events.jsonl", inputs), {
      importer: "jsonl",
      file: "events.jsonl",
      recordedAt: RECORDED_AT,
    });
    expect(report.rejected).toEqual([]);
    const all = await store.queryEvents({});
    await fc.assert(
      fc.asyncProperty(matcher, async (m) => {
        const expected = all.filter((e) => matches(m, e)).map((e) => e.id);
        expect((await store.queryEvents(m)).map((e) => e.id)).toEqual(expected);
        expect(await store.countEvents(m)).toBe(expected.length);
        const page = await store.queryEventPage(m, { limit: 5, offset: 0 });
        expect(page.total).toBe(expected.length);
        expect(page.events.map((e) => e.id)).toEqual(expected.slice(0, 5));
      }),
      { numRuns: 150, seed: 7 },
    );
    // Not vacuous: a filter of each kind matches something, and the store finds the same.
    const kinds: Record<string, string[]>[] = [
      { missile: ['a"b'] },
      { apogeeKm: ["1e-7"] },
      { participants: ["é 北 🚀"] },
      { outcomes: ["[object Object]"] },
    ];
    for (const attributes of kinds) {
      const expected = all.filter((e) => matches({ attributes }, e)).map((e) => e.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await store.queryEvents({ attributes })).map((e) => e.id)).toEqual(expected);
    }
  });
});
