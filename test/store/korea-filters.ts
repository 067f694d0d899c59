import fc from "fast-check";
import { EVENT_ORDERS, type QueryOptions } from "../../src/ledger/index.js";
import type { EventMatcher } from "../../src/model/index.js";

/**
 * Filters and query options over the Korean record, for the property tests that compare the events a filter picks
 * (on both engines, and through pages): each term drawn from values the record has, so that most filters match
 * something, and a few it has not.
 */
export const koreaMatcher: fc.Arbitrary<EventMatcher> = fc.record(
  {
    types: fc.subarray(
      [
        "missile_launch",
        "military_exercise",
        "sanctions_imposed",
        "statement",
        "nuclear_test",
        "summit_or_meeting",
      ],
      { minLength: 1 },
    ),
    actors: fc.subarray(["PRK", "USA", "KOR", "UN", "CHN", "JPN"], { minLength: 1 }),
    with: fc.subarray(["PRK", "USA", "KOR", "CHN"], { minLength: 1 }),
    targets: fc.subarray(["PRK", "USA", "KOR"], { minLength: 1 }),
    confidence: fc.subarray(["confirmed", "reported", "claimed", "unverified"], { minLength: 1 }),
    from: fc.constantFrom("1990-01-01", "2017-06-15", "2022-10-28"),
    to: fc.constantFrom("2006-10-09", "2019-12-31", "2026-12-31"),
    attributes: fc.constantFrom<Record<string, string[]>>(
      { class: ["ICBM", "SRBM"] },
      { scale: ["large"] },
      { status: ["held"] },
    ),
  },
  { requiredKeys: [] },
);

export const koreaQueryOptions: fc.Arbitrary<QueryOptions> = fc.record(
  {
    history: fc.boolean(),
    words: fc.subarray(["icbm", "KCNA", "2022", "Hwasong", "exercise", "ev_", "https", "é"], {
      minLength: 1,
      maxLength: 2,
    }),
    order: fc.record({ by: fc.constantFrom(...EVENT_ORDERS), descending: fc.boolean() }),
  },
  { requiredKeys: [] },
);
