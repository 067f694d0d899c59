import { describe, expect, it } from "vitest";
import { formatIssue, parseEvent, type Issue, type LedgerEvent } from "../../src/model/index.js";

const URL = "https://en.yna.co.kr/view/AEN20221028001751325";

/** The example of the issue that introduced the event model. */
const EXAMPLE = {
  date: "2022-10-28",
  actor: "PRK",
  type: "missile_launch",
  count: 2,
  attributes: { class: "SRBM" },
  sources: [{ url: URL }],
};

function ok(input: unknown): LedgerEvent {
  const r = parseEvent(input);
  if (!r.ok) throw new Error(`expected a valid event, got ${JSON.stringify(r.issues)}`);
  return r.event;
}

function issues(input: unknown): Issue[] {
  const r = parseEvent(input);
  if (r.ok) throw new Error(`expected issues, got ${JSON.stringify(r.event)}`);
  return r.issues;
}

function paths(input: unknown): string[] {
  return issues(input).map((i) => i.path ?? "");
}

describe("parseEvent", () => {
  it("parses the example of the issue", () => {
    expect(ok(EXAMPLE)).toEqual({
      id: expect.stringMatching(/^ev_[0-9a-f]{20}$/),
      type: "missile_launch",
      date: "2022-10-28",
      actors: ["PRK"],
      count: 2,
      attributes: { class: "SRBM" },
      sources: [{ url: URL }],
      confidence: "reported",
    });
  });

  it("keeps the provenance it is given beside the content", () => {
    const provenance = { importer: "json", file: "launches.json", record: "3" };
    const r = parseEvent(EXAMPLE, provenance);
    expect(r.ok && r.event.provenance).toEqual(provenance);
  });

  it("fills defaults: count 1, confidence reported, no attributes", () => {
    const e = ok({ type: "nuclear_test", date: "2006-10-09", actor: "PRK", sources: [{ title: "KCNA" }] });
    expect(e).toMatchObject({ count: 1, confidence: "reported", attributes: {} });
  });

  it("writes actors and targets as sorted lists without repeats, so USA+KOR and KOR+USA are one event", () => {
    const e = ok({ ...EXAMPLE, actor: "PRK+PRK", target: "KOR+JPN+KOR" });
    expect(e.actors).toEqual(["PRK"]);
    expect(e.targets).toEqual(["JPN", "KOR"]);
    expect(ok({ ...EXAMPLE, actor: "USA+KOR" }).id).toBe(ok({ ...EXAMPLE, actor: "KOR+USA" }).id);
  });

  it("sorts superseded ids and drops repeats", () => {
    const a = "ev_aaaaaaaaaaaaaaaaaaaa";
    const b = "ev_bbbbbbbbbbbbbbbbbbbb";
    expect(ok({ ...EXAMPLE, supersedes: [b, a, b] }).supersedes).toEqual([a, b]);
    expect(ok({ ...EXAMPLE, supersedes: [] })).not.toHaveProperty("supersedes");
  });

  it("trims text and drops members given as undefined", () => {
    const e = ok({
      ...EXAMPLE,
      summary: "  two SRBMs ",
      sources: [{ url: URL, title: undefined, publisher: " Yonhap" }],
    });
    expect(e.summary).toBe("two SRBMs");
    expect(e.sources).toEqual([{ url: URL, publisher: "Yonhap" }]);
  });

  describe("names the field path of every error", () => {
    it("attributes.class, with the expected values", () => {
      const [issue, ...rest] = issues({ ...EXAMPLE, attributes: { class: "ABM" } });
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ path: "attributes.class", received: '"ABM"' });
      for (const c of ["SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "SLV", "cruise", "hypersonic", "unknown"])
        expect(issue!.expected).toContain(`"${c}"`);
      expect(formatIssue(issue!, { file: "launches.json", record: "7" })).toMatch(
        /^launches\.json:7: field `attributes\.class`: .*"ICBM".* but received "ABM"$/,
      );
    });

    it("a missing required attribute", () => {
      expect(paths({ ...EXAMPLE, attributes: {} })).toEqual(["attributes.class"]);
      expect(paths({ ...EXAMPLE, attributes: undefined })).toEqual(["attributes.class"]);
    });

    it("an unknown attribute, which the strict attribute schema rejects", () => {
      const [issue] = issues({ ...EXAMPLE, attributes: { class: "SRBM", range: 300 } });
      expect(issue).toMatchObject({ path: "attributes.range", received: '"range"' });
    });

    it("a nested attribute", () => {
      expect(paths({ ...EXAMPLE, attributes: { class: "SRBM", outcomes: { success: -1 } } })).toEqual([
        "attributes.outcomes.success",
      ]);
    });

    it("sources.0.url", () => {
      expect(issues({ ...EXAMPLE, sources: [{ url: "not a url" }] })).toEqual([
        expect.objectContaining({ path: "sources.0.url", message: "must be a URL" }),
      ]);
      expect(paths({ ...EXAMPLE, sources: [{ url: URL }, { url: "yna.co.kr" }] })).toEqual(["sources.1.url"]);
    });

    it("missing sources", () => {
      expect(paths({ ...EXAMPLE, sources: undefined })).toEqual(["sources"]);
      expect(issues({ ...EXAMPLE, sources: [] })).toEqual([
        expect.objectContaining({ path: "sources", message: "every event needs at least one source" }),
      ]);
    });

    it("a source with neither url nor title", () => {
      expect(issues({ ...EXAMPLE, sources: [{ publisher: "Yonhap" }] })).toEqual([
        expect.objectContaining({ path: "sources.0", message: "a source needs a url or a title" }),
      ]);
    });

    it("date", () => {
      expect(issues({ ...EXAMPLE, date: "28/10/2022" })).toEqual([
        expect.objectContaining({ path: "date", message: "must be a date YYYY-MM-DD, YYYY-MM or YYYY" }),
      ]);
      expect(paths({ ...EXAMPLE, date: undefined })).toEqual(["date"]);
      expect(paths({ ...EXAMPLE, date: 20221028 })).toEqual(["date"]);
    });

    it("end before date", () => {
      expect(issues({ ...EXAMPLE, end: "2022-10-27" })).toEqual([
        expect.objectContaining({ path: "end", message: "ends (2022-10-27) before it starts (2022-10-28)" }),
      ]);
      expect(paths({ ...EXAMPLE, date: "2022-11-01", end: "2022-10" })).toEqual(["end"]);
    });

    it("unknown type", () => {
      const [issue] = issues({ ...EXAMPLE, type: "missile" });
      expect(issue).toMatchObject({ path: "type", received: '"missile"' });
      expect(issue!.message).toContain("missile_launch");
    });

    it("count 0, or a count that is not a whole number", () => {
      expect(paths({ ...EXAMPLE, count: 0 })).toEqual(["count"]);
      expect(paths({ ...EXAMPLE, count: 1.5 })).toEqual(["count"]);
      expect(paths({ ...EXAMPLE, count: "2" })).toEqual(["count"]);
    });

    it("both actor and actors", () => {
      expect(issues({ ...EXAMPLE, actors: ["PRK"] })).toEqual([
        expect.objectContaining({ path: "actor", message: "give `actor` or `actors`, not both" }),
      ]);
    });

    it("both target and targets", () => {
      expect(paths({ ...EXAMPLE, target: "KOR", targets: ["KOR"] })).toEqual(["target"]);
    });

    it("no actor", () => {
      expect(paths({ ...EXAMPLE, actor: undefined })).toEqual(["actor"]);
      expect(paths({ ...EXAMPLE, actor: [] })).toEqual(["actor"]);
    });

    it("an actor that is not a code", () => {
      expect(paths({ ...EXAMPLE, actor: "prk" })).toEqual(["actor.0"]);
      expect(paths({ ...EXAMPLE, actor: ["PRK", "North Korea"] })).toEqual(["actor.1"]);
      expect(paths({ ...EXAMPLE, actor: "USA+" })).toEqual(["actor.1"]);
    });

    it("a retraction without supersedes", () => {
      const retraction = {
        ...EXAMPLE,
        type: "retraction",
        count: undefined,
        attributes: { reason: "misreported" },
      };
      expect(issues(retraction)).toEqual([
        expect.objectContaining({
          path: "supersedes",
          message: "a retraction must name the event(s) it retracts",
        }),
      ]);
      expect(ok({ ...retraction, supersedes: ["ev_aaaaaaaaaaaaaaaaaaaa"] }).type).toBe("retraction");
    });

    it("a superseded id that is not an event id", () => {
      expect(paths({ ...EXAMPLE, supersedes: ["ev_aaaaaaaaaaaaaaaaaaaa", "ev_1"] })).toEqual([
        "supersedes.1",
      ]);
    });

    it("a wrong id, giving the right one", () => {
      const right = ok(EXAMPLE).id;
      expect(issues({ ...EXAMPLE, id: "ev_0123456789abcdef0123" })).toEqual([
        expect.objectContaining({ path: "id", expected: right, received: "ev_0123456789abcdef0123" }),
      ]);
      expect(ok({ ...EXAMPLE, id: right }).id).toBe(right);
    });

    it("an unknown field", () => {
      expect(paths({ ...EXAMPLE, colour: "red" })).toEqual(["colour"]);
    });

    it("an unknown confidence", () => {
      expect(paths({ ...EXAMPLE, confidence: "certain" })).toEqual(["confidence"]);
    });

    it("every problem of the record at once", () => {
      expect(paths({ ...EXAMPLE, date: "x", count: 0, sources: [{ url: "y" }] })).toEqual([
        "date",
        "count",
        "sources.0.url",
      ]);
    });

    it("no path for input that is not an object", () => {
      for (const input of [null, "event", 3]) expect(paths(input)).toEqual([""]);
    });
  });

  describe("dates", () => {
    it.each(["2021-11", "2006", "2020-02-29", "2000-02-29", "2022-12-31", "2021-01-01"])(
      "accepts %s",
      (date) => {
        expect(ok({ ...EXAMPLE, date }).date).toBe(date);
      },
    );

    it.each([
      "2021-02-29",
      "1900-02-29",
      "2020-13",
      "2020-00",
      "2021-04-31",
      "2021-11-00",
      "2021-1",
      "21-11-01",
      "",
    ])("rejects %j", (date) => {
      expect(paths({ ...EXAMPLE, date })).toEqual(["date"]);
    });

    it("rejects a date with a time or a zone: the time goes in `time`", () => {
      expect(paths({ ...EXAMPLE, date: "2022-10-28T02:00:00Z" })).toEqual(["date"]);
    });

    it("accepts an end of any precision that does not end before the start", () => {
      expect(ok({ ...EXAMPLE, end: "2022-10-28" }).end).toBe("2022-10-28");
      expect(ok({ ...EXAMPLE, date: "2022-10-28", end: "2022-10" }).end).toBe("2022-10");
      expect(ok({ ...EXAMPLE, date: "2022-10", end: "2022-10-01" }).end).toBe("2022-10-01");
      expect(ok({ ...EXAMPLE, date: "2022", end: "2023-03" }).end).toBe("2023-03");
    });

    it("accepts a source date of any precision and rejects an impossible one", () => {
      expect(ok({ ...EXAMPLE, sources: [{ url: URL, date: "2022-10" }] }).sources[0]!.date).toBe("2022-10");
      expect(paths({ ...EXAMPLE, sources: [{ url: URL, date: "2022-10-32" }] })).toEqual(["sources.0.date"]);
    });
  });

  describe("time", () => {
    it("is normalised to seconds with Z", () => {
      expect(ok({ ...EXAMPLE, time: "2022-10-28T02:00Z" }).time).toBe("2022-10-28T02:00:00Z");
      expect(ok({ ...EXAMPLE, time: "2022-10-28T02:00:00Z" }).time).toBe("2022-10-28T02:00:00Z");
      expect(ok({ ...EXAMPLE, time: "2022-10-28T02:00:00.000Z" }).time).toBe("2022-10-28T02:00:00Z");
    });

    it("keeps a fraction of a second as milliseconds", () => {
      expect(ok({ ...EXAMPLE, time: "2022-10-28T02:00:00.5Z" }).time).toBe("2022-10-28T02:00:00.500Z");
    });

    it("gives the same id however the same instant is written", () => {
      const ids = ["2022-10-28T02:00Z", "2022-10-28T02:00:00Z", "2022-10-28T02:00:00.000Z"].map(
        (time) => ok({ ...EXAMPLE, time }).id,
      );
      expect(new Set(ids).size).toBe(1);
    });

    it.each([
      "2022-10-28T11:00:00+09:00",
      "2022-10-28 02:00:00Z",
      "2022-10-28T02:00:00",
      "2022-10-28",
      "2022-02-30T01:00:00Z",
      "2021-02-29T01:00:00Z",
      "2022-10-27T24:00:00Z",
      "2022-10-28T23:60Z",
      "2022-10-28T23:59:60Z",
    ])("rejects %s", (time) => {
      expect(paths({ ...EXAMPLE, time })).toEqual(["time"]);
    });
  });

  describe("attributes of each type", () => {
    it("parses a suspended exercise", () => {
      const e = ok({
        type: "military_exercise",
        date: "2018-08",
        actor: "USA+KOR",
        attributes: { name: "Ulchi Freedom Guardian", status: "suspended", decisionDate: "2018-06-18" },
        sources: [{ title: "Pentagon statement" }],
      });
      expect(e.actors).toEqual(["KOR", "USA"]);
    });

    it("checks dates inside attributes", () => {
      expect(
        paths({
          type: "declaration",
          date: "2018-04-20",
          actor: "PRK",
          attributes: { subject: "moratorium", effect: "announced", effectiveFrom: "21 April" },
          sources: [{ title: "KCNA" }],
        }),
      ).toEqual(["attributes.effectiveFrom"]);
    });

    it("keeps a CAMEO-coded record's code and weight", () => {
      const e = ok({
        type: "cameo_event",
        date: "2019-02-28",
        actor: "USA",
        target: "PRK",
        attributes: { code: "036", goldstein: 4, quadClass: 1 },
        sources: [{ url: "https://www.gdeltproject.org/" }],
      });
      expect(e.attributes).toEqual({ code: "036", goldstein: 4, quadClass: 1 });
      expect(
        paths({
          ...e,
          id: undefined,
          actors: undefined,
          actor: "USA",
          attributes: { code: "3a", goldstein: 4 },
        }),
      ).toEqual(["attributes.code"]);
    });
  });
});

describe("numbers JSON can write but no ledger can hold", () => {
  it("rejects 1e999 (Infinity once parsed) as an attribute, naming the field", () => {
    const input = JSON.parse(
      '{"date":"2022-10-28","actor":"PRK","type":"missile_launch","attributes":{"class":"SRBM","apogeeKm":1e999},"sources":[{"url":"https://example.org/a"}]}',
    ) as unknown;
    const r = parseEvent(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([
      expect.objectContaining({ path: "attributes.apogeeKm", message: "must be a finite number" }),
    ]);
  });
});

describe("amounts", () => {
  const DELIVERY = {
    type: "aid_delivered",
    date: "1995-01-20",
    actor: "USA",
    target: "PRK",
    attributes: { goods: "heavy_fuel_oil" },
    amount: { value: 50000, unit: "t" },
    sources: [{ title: "a report" }],
  };

  it("keeps an event's amount, in the canonical body between actors and attributes", () => {
    const r = parseEvent(DELIVERY);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.event.amount).toEqual({ value: 50000, unit: "t" });
    expect(r.body).toContain('"actors":["USA"],"amount":{"unit":"t","value":50000},"attributes"');
  });

  it("gives another id for another amount, and the same id however the amount's members are ordered", () => {
    const a = ok(DELIVERY);
    const b = ok({ ...DELIVERY, amount: { value: 45000, unit: "t" } });
    const c = ok({ ...DELIVERY, amount: { unit: "t", value: 50000 } });
    expect(b.id).not.toBe(a.id);
    expect(c.id).toBe(a.id);
  });

  it("leaves events without an amount as they were (their ids do not move)", () => {
    const { amount: _, ...plain } = DELIVERY;
    expect(ok(plain).amount).toBeUndefined();
    expect(JSON.stringify(ok(plain))).not.toContain("amount");
  });

  it.each([
    [{ value: 5, unit: "tonnes" }, "amount.unit"],
    [{ value: -5, unit: "t" }, "amount.value"],
    [{ value: "5", unit: "t" }, "amount.value"],
    [{ value: 5 }, "amount.unit"],
    [{ value: 5, unit: "t", note: "x" }, "amount.note"],
  ])("refuses %j, naming %s", (amount, path) => {
    expect(paths({ ...DELIVERY, amount })).toContain(path);
  });

  it("names the units it knows when the unit is unknown", () => {
    const i = issues({ ...DELIVERY, amount: { value: 5, unit: "barrels" } });
    expect(i[0]!.message).toMatch(/t, kg, USD/);
  });
});
