import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFIDENCE_LEVELS,
  MISSILE_CLASSES,
  canonicalJson,
  contentOf,
  eventId,
  parseEvent,
  type LedgerEvent,
} from "../../src/model/index.js";

function parsed(input: unknown, provenance?: Parameters<typeof parseEvent>[1]): LedgerEvent {
  const r = parseEvent(input, provenance);
  if (!r.ok) throw new Error(`expected a valid event, got ${JSON.stringify(r.issues)}`);
  return r.event;
}

/** The same object with its keys inserted in reverse order, at every depth. */
function reversedKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(reversedKeys);
  if (x !== null && typeof x === "object")
    return Object.fromEntries(
      Object.entries(x)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  return x;
}

const dayDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const launchInput = fc.record(
  {
    type: fc.constant("missile_launch"),
    date: dayDate,
    actor: fc.subarray(["PRK", "KOR", "USA", "JPN", "UNSC"], { minLength: 1 }),
    targets: fc.subarray(["KOR", "JPN", "USA"], { minLength: 1 }),
    count: fc.integer({ min: 1, max: 30 }),
    attributes: fc.record(
      {
        class: fc.constantFrom(...MISSILE_CLASSES),
        apogeeKm: fc.integer({ min: 1, max: 6000 }),
        outcome: fc.constantFrom("success", "failure", "unknown"),
      },
      { requiredKeys: ["class"] },
    ),
    summary: fc.lorem({ maxCount: 6 }).filter((s) => s.trim().length > 0),
    sources: fc.array(
      fc.record({
        url: fc.nat(99999).map((n) => `https://www.38north.org/reports/${n}/`),
        publisher: fc.constantFrom("38 North", "Yonhap", "KCNA"),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    confidence: fc.constantFrom(...CONFIDENCE_LEVELS),
  },
  { requiredKeys: ["type", "date", "actor", "attributes", "sources"] },
);

/** The example of the issue that introduced event ids. */
const EXAMPLE = {
  date: "2022-10-28",
  actor: "PRK",
  type: "missile_launch",
  count: 2,
  attributes: { class: "SRBM" },
  sources: [{ url: "https://en.yna.co.kr/view/AEN20221028001751325" }],
};

describe("eventId", () => {
  it("is the same for the same content, whatever the order of keys", () => {
    fc.assert(
      fc.property(launchInput, (input) => {
        expect(parsed(reversedKeys(input)).id).toBe(parsed(input).id);
      }),
    );
  });

  it('is the same whether actors are written "USA+KOR" or ["USA", "KOR"], or as `actor` or `actors`', () => {
    const base = {
      ...EXAMPLE,
      type: "military_exercise",
      attributes: { name: "Ulchi Freedom Shield", status: "held" },
    };
    const ids = [
      parsed({ ...base, actor: "USA+KOR" }).id,
      parsed({ ...base, actor: "USA + KOR" }).id,
      parsed({ ...base, actor: ["USA", "KOR"] }).id,
      parsed({ ...base, actor: undefined, actors: "USA+KOR" }).id,
      parsed({ ...base, actor: "USA+KOR+USA" }).id,
    ];
    expect(new Set(ids).size).toBe(1);
  });

  it("is the same for `target` and `targets`", () => {
    expect(parsed({ ...EXAMPLE, target: "KOR+JPN" }).id).toBe(
      parsed({ ...EXAMPLE, targets: ["KOR", "JPN"] }).id,
    );
  });

  it("does not depend on provenance: where a record was imported from is not part of what it says", () => {
    fc.assert(
      fc.property(launchInput, fc.string(), fc.string(), (input, file, record) => {
        const plain = parsed(input);
        const imported = parsed(input, { importer: "json", file, record });
        expect(imported.id).toBe(plain.id);
        expect(imported.provenance).toEqual({ importer: "json", file, record });
        expect(parsed({ ...input, provenance: { file: "elsewhere.csv" } }).id).toBe(plain.id);
      }),
    );
  });

  it("is the hash of the canonical content: two events share an id exactly when their content is the same", () => {
    fc.assert(
      fc.property(launchInput, launchInput, (a, b) => {
        const ea = parsed(a);
        const eb = parsed(b);
        const sameContent = canonicalJson(contentOf(ea)) === canonicalJson(contentOf(eb));
        expect(ea.id === eb.id).toBe(sameContent);
      }),
    );
  });

  it("equals eventId of the event's content", () => {
    fc.assert(
      fc.property(launchInput, (input) => {
        const e = parsed(input);
        expect(eventId(contentOf(e))).toBe(e.id);
        expect(e.id).toMatch(/^ev_[0-9a-f]{20}$/);
      }),
    );
  });

  const changes: [string, Record<string, unknown>][] = [
    ["type", { type: "nuclear_test", attributes: {} }],
    ["date", { date: "2022-10-29" }],
    ["date precision", { date: "2022-10" }],
    ["time", { time: "2022-10-28T02:00:00Z" }],
    ["end", { end: "2022-10-29" }],
    ["actor", { actor: "KOR" }],
    ["a second actor", { actor: "PRK+RUS" }],
    ["targets", { target: "JPN" }],
    ["count", { count: 3 }],
    ["an attribute", { attributes: { class: "MRBM" } }],
    ["an added attribute", { attributes: { class: "SRBM", apogeeKm: 50 } }],
    ["summary", { summary: "Two SRBMs from Pyongyang" }],
    ["a source's url", { sources: [{ url: "https://en.yna.co.kr/view/AEN20221028001751326" }] }],
    ["an added source detail", { sources: [{ ...EXAMPLE.sources[0], publisher: "Yonhap" }] }],
    ["a second source", { sources: [...EXAMPLE.sources, { title: "JCS press release" }] }],
    ["confidence", { confidence: "confirmed" }],
    ["supersedes", { supersedes: ["ev_0123456789abcdef0123"] }],
    ["note", { note: "KCNA did not report it" }],
  ];

  it.each(changes)("changes when %s changes", (_what, change) => {
    expect(parsed({ ...EXAMPLE, ...change }).id).not.toBe(parsed(EXAMPLE).id);
  });

  it("gives every one of those changes a different id", () => {
    const ids = changes.map(([, change]) => parsed({ ...EXAMPLE, ...change }).id);
    expect(new Set([parsed(EXAMPLE).id, ...ids]).size).toBe(changes.length + 1);
  });

  it("changes when any generated content changes", () => {
    fc.assert(
      fc.property(launchInput, fc.integer({ min: 1, max: 1000 }), (input, extra) => {
        const e = parsed(input);
        expect(parsed({ ...input, count: (input.count ?? 1) + extra }).id).not.toBe(e.id);
        expect(parsed({ ...input, date: input.date.slice(0, 7) }).id).not.toBe(e.id);
      }),
    );
  });

  it("does not change with defaults written out or with whitespace around text", () => {
    const base = parsed(EXAMPLE).id;
    expect(parsed({ ...EXAMPLE, confidence: "reported" }).id).toBe(base);
    expect(parsed({ ...EXAMPLE, attributes: { class: "SRBM", missile: undefined } }).id).toBe(base);
    expect(parsed({ ...EXAMPLE, summary: "  Two SRBMs " }).id).toBe(
      parsed({ ...EXAMPLE, summary: "Two SRBMs" }).id,
    );
    expect(parsed({ ...EXAMPLE, count: undefined }).id).toBe(parsed({ ...EXAMPLE, count: 1 }).id);
  });

  it("does not depend on the order in which superseded ids are listed", () => {
    const a = "ev_0123456789abcdef0123";
    const b = "ev_fedcba9876543210fedc";
    expect(parsed({ ...EXAMPLE, supersedes: [a, b] }).id).toBe(
      parsed({ ...EXAMPLE, supersedes: [b, a, b] }).id,
    );
  });

  it("of a fixed example is a fixed string", () => {
    // Regression anchor. This id must NEVER change: ledgers store ids, supersessions and imports refer to them,
    // and a re-import recognises duplicates by them. A change to canonical JSON, to the hash or to how parseEvent
    // normalises content that alters this value breaks every existing ledger.
    expect(parsed(EXAMPLE).id).toBe("ev_66d2a5ace12132600bc6");
  });

  it("is the first 20 hex digits of the SHA-256 of the canonical content, which any JCS implementation reproduces", () => {
    const content =
      '{"actors":["PRK"],"attributes":{"class":"SRBM"},"confidence":"reported","count":2,"date":"2022-10-28",' +
      '"sources":[{"url":"https://en.yna.co.kr/view/AEN20221028001751325"}],"type":"missile_launch"}';
    expect(canonicalJson(contentOf(parsed(EXAMPLE)))).toBe(content);
    expect("ev_" + createHash("sha256").update(content).digest("hex").slice(0, 20)).toBe(
      "ev_66d2a5ace12132600bc6",
    );
  });
});

describe("the stored body", () => {
  function body(input: unknown, provenance?: Parameters<typeof parseEvent>[1]) {
    const r = parseEvent(input, provenance);
    if (!r.ok) throw new Error(`expected a valid event, got ${JSON.stringify(r.issues)}`);
    return r;
  }

  // Every optional member, so that `id` and `provenance` must land between others.
  const FULL = {
    ...EXAMPLE,
    time: "2022-10-28T02:00:00Z",
    end: "2022-10-29",
    target: "JPN+KOR",
    summary: "Two SRBMs",
    note: "KCNA did not report it",
    supersedes: ["ev_0123456789abcdef0123"],
    confidence: "confirmed",
    sources: [{ url: "https://example.org/a", title: "A", publisher: "P", date: "2022-10", quote: "q" }],
  };

  it.each<[string, unknown]>([
    ["the example", EXAMPLE],
    ["every optional member", FULL],
    [
      "nested attributes given out of key order",
      {
        date: "2017-09-11",
        actor: "UNSC",
        type: "sanctions_imposed",
        attributes: {
          instrument: "S/RES/2375",
          authority: "UNSC",
          designations: { vessels: 1, entities: 3 },
        },
        sources: [{ url: "https://example.org/2375" }],
      },
    ],
  ])("is the canonical JSON of the event with its id and provenance: %s", (_what, input) => {
    const provenance = { importer: "jsonl", file: "a.jsonl", record: "7" };
    const r = body(input, provenance);
    expect(r.body).toBe(canonicalJson({ ...r.event }));
    expect(body(input).body).toBe(canonicalJson({ ...body(input).event }));
  });

  it("is the canonical JSON of the event for any generated launch", () => {
    fc.assert(
      fc.property(launchInput, fc.string(), (input, record) => {
        const r = body(input, { importer: "csv", file: "x.csv", record });
        expect(r.body).toBe(canonicalJson({ ...r.event }));
        expect(r.event.id).toBe(eventId(contentOf(r.event)));
      }),
    );
  });
});
