import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { baseSchema } from "../../src/model/event-schema.js";
import { wellFormedBase } from "../../src/model/well-formed.js";

/** Values a member might be given, right or wrong, as JSON or a careless caller would give them. */
const anything = fc.oneof(
  fc.constantFrom(undefined, null, true, 0, 1, 2.5, -1, Number.NaN, Infinity, "", " ", "x", [], {}),
  fc.string({ maxLength: 6 }),
  fc.integer(),
);
const dates = fc.constantFrom(
  "2022-10-28",
  "2022-10",
  "2022",
  "2022-02-30",
  "2022-13",
  "22-10-28",
  " 2022-10-28",
);
const codes = fc.constantFrom("PRK", "USA", "KOR", "UNSC", "prk", "P", "PRK ", "ABCDEFGHIJKLM", "U1");
const actorValues = fc.oneof(
  codes,
  fc.array(codes, { maxLength: 3 }),
  fc.array(codes, { minLength: 1, maxLength: 3 }).map((c) => c.join("+")),
  fc.array(codes, { minLength: 1, maxLength: 3 }).map((c) => c.join(" + ")),
  anything,
);
const texts = fc.oneof(fc.constantFrom("A report", "  padded  ", "", "   ", "\n"), anything);
const urls = fc.constantFrom(
  "https://example.org/a",
  "http://x.y",
  "not a url",
  "https://",
  "mailto:someone@example.org",
  "",
);
const source = fc.oneof(
  fc.record(
    {
      url: fc.oneof(urls, anything),
      title: texts,
      publisher: texts,
      date: fc.oneof(dates, anything),
      quote: texts,
      extra: anything,
    },
    { requiredKeys: [] },
  ),
  anything,
);
const wild = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom("cameo_event", "missile_launch", "statement", "nope", "Statement"),
      anything,
    ),
    date: fc.oneof(dates, anything),
    end: fc.oneof(dates, anything),
    time: fc.constantFrom("2022-10-28T02:00:00Z", "later"),
    id: fc.constantFrom("ev_0123456789abcdef0123"),
    actor: actorValues,
    actors: actorValues,
    target: actorValues,
    targets: actorValues,
    count: fc.oneof(fc.integer({ min: -2, max: 5 }), anything),
    attributes: fc.oneof(fc.constant({ code: "190", goldstein: -10 }), anything),
    summary: texts,
    note: texts,
    sources: fc.oneof(fc.array(source, { maxLength: 3 }), anything),
    confidence: fc.oneof(
      fc.constantFrom("confirmed", "reported", "unverified", "disputed", "sure"),
      anything,
    ),
    supersedes: fc.constant(["ev_0123456789abcdef0123"]),
    provenance: anything,
    unknownMember: anything,
  },
  { requiredKeys: [] },
);

/** Mostly a valid value, now and then one at or over the edge. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: edge, weight: 1 });

/** Events that mostly pass, so that the fast path is taken often; each then perhaps broken in one member. */
const goodCodes = fc.constantFrom("PRK", "USA", "KOR", "UNSC");
const goodActors = fc.oneof(
  goodCodes,
  mostly(fc.array(goodCodes, { minLength: 1, maxLength: 3 }), fc.constant([])),
  fc.array(goodCodes, { minLength: 1, maxLength: 3 }).map((c) => c.join(" + ")),
);
const goodDates = mostly(fc.constantFrom("2022-10-28", "2022-10", "2022"), dates);
const goodText = mostly(fc.constantFrom("A report", "  padded  ", "KCNA\nstatement"), texts);
const goodSource = fc.oneof(
  fc.record(
    {
      url: mostly(fc.constantFrom("https://example.org/a", "http://x.y"), urls),
      title: goodText,
      publisher: goodText,
      date: goodDates,
      quote: goodText,
    },
    { requiredKeys: ["url"] },
  ),
  fc.record({ title: goodText, publisher: goodText, date: goodDates }, { requiredKeys: ["title"] }),
);
const good = fc
  .record(
    {
      type: fc.constantFrom("cameo_event", "missile_launch", "statement"),
      date: goodDates,
      end: goodDates,
      actor: goodActors,
      targets: goodActors,
      count: mostly(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, -1, 1.5)),
      attributes: fc.constant({ class: "SRBM" }),
      summary: goodText,
      note: goodText,
      sources: mostly(fc.array(goodSource, { minLength: 1, maxLength: 3 }), fc.constant([])),
      confidence: fc.constantFrom("confirmed", "reported", "unverified", "disputed"),
      provenance: fc.constantFrom({ file: "a.jsonl" }, "elsewhere"),
    },
    { requiredKeys: ["type", "date", "actor", "sources"] },
  )
  .chain((e) =>
    fc.oneof(
      { arbitrary: fc.constant(e), weight: 2 },
      fc
        .tuple(fc.constantFrom(...Object.keys(e), "actors", "extra"), anything)
        .map(([k, x]) => ({ ...e, [k]: x })),
    ),
  );
const input = fc.oneof(good, wild, anything);

/** A GDELT row as the importer hands it over: the shape a bulk import repeats a million times. */
const GDELT_ROW = {
  type: "cameo_event",
  date: "2019-10-24",
  actors: ["USA"],
  targets: ["PRK"],
  attributes: { code: "036", goldstein: 4, quadClass: 1 },
  summary: "USA → PRK: CAMEO 036 (Goldstein 4.0)",
  sources: [{ url: "https://news.example.org/a.html" }],
  confidence: "unverified",
};

describe("wellFormedBase", () => {
  it("gives exactly what the schema gives, whenever it gives anything", () => {
    let taken = 0;
    fc.assert(
      fc.property(input, (x) => {
        const quick = wellFormedBase(x);
        if (quick === undefined) return;
        taken++;
        const checked = v.safeParse(baseSchema, x);
        expect(checked.issues).toBeUndefined();
        expect(quick).toEqual(checked.output);
      }),
      { numRuns: 5000 },
    );
    // Not vacuous: the generator reaches the fast path often enough.
    expect(taken).toBeGreaterThan(200);
  });

  it("takes the common shapes of imported events", () => {
    expect(wellFormedBase(GDELT_ROW)).toEqual(v.parse(baseSchema, GDELT_ROW));
    const launch = {
      type: "missile_launch",
      date: "2022-10-28",
      actor: "PRK",
      count: 2,
      attributes: { class: "SRBM" },
      sources: [{ url: "https://en.yna.co.kr/x", title: " Yonhap ", date: "2022-10-28" }],
      note: " two from Tongchon ",
    };
    expect(wellFormedBase(launch)).toEqual(v.parse(baseSchema, launch));
    expect(wellFormedBase({ ...launch, actor: "USA + KOR" })).toMatchObject({ actor: ["USA", "KOR"] });
  });

  it.each<[string, unknown]>([
    ["an id", { ...GDELT_ROW, id: "ev_0123456789abcdef0123" }],
    ["a time", { ...GDELT_ROW, time: "2019-10-24T10:00:00Z" }],
    ["supersedes", { ...GDELT_ROW, supersedes: ["ev_0123456789abcdef0123"] }],
    ["a member set to undefined", { ...GDELT_ROW, summary: undefined }],
    ["an unknown member", { ...GDELT_ROW, actorz: ["USA"] }],
    ["a source that is not plain", { ...GDELT_ROW, sources: [new URL("https://example.org")] }],
    ["an object that is not plain", new Date(0)],
  ])("leaves the schema to decide on %s", (_what, x) => {
    expect(wellFormedBase(x)).toBeUndefined();
  });
});
