import { describe, expect, it } from "vitest";
import { auditEvents, classifySource, parseEvent, type LedgerEvent } from "../../src/model/index.js";

function ev(input: Record<string, unknown>): LedgerEvent {
  const r = parseEvent({
    type: "statement",
    date: "2020-05-01",
    actor: "PRK",
    attributes: { subject: "x" },
    ...input,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.event;
}
const src = (url: string, more: Record<string, string> = {}) => ({
  url,
  title: "t",
  publisher: "p",
  date: "2020-05-02",
  ...more,
});

describe("classifySource", () => {
  it.each([
    ["https://press.un.org/en/2017/sc13141.doc.htm", "primary"],
    ["https://home.treasury.gov/news/press-releases/sm924", "primary"],
    ["https://www.mnd.go.kr/x", "primary"],
    ["https://en.yna.co.kr/view/AEN20221028001751325", "wire"],
    ["https://apnews.com/article/x", "wire"],
    ["https://www.koreaherald.com/view.php?ud=1", "press"],
    ["http://world.kbs.co.kr/service/news_view.htm", "press"],
    ["https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/", "reference"],
    ["https://en.wikipedia.org/wiki/X", "aggregator"],
    ["https://jurisdictions148.rssing.com/x", "aggregator"],
    ["https://derechos.org./peace/china/doc/prk77.html", "aggregator"],
    ["https://geneva.usmission.gov/2013/01/24/x/", "primary"],
    ["https://www.aa.com.tr/en/asia-pacific/x", "wire"],
    ["https://m.nocutnews.co.kr/news/4568252", "press"],
    ["http://www.dw.de/x/a-16822417", "press"],
    ["https://www.securitycouncilreport.org/whatsinblue/x", "reference"],
    ["https://ca.news.yahoo.com/x.html", "aggregator"],
    ["https://socialnews.xyz/2016/03/24/x/amp", "aggregator"],
    ["https://example.org/x", "unclassified"],
  ])("%s is %s", (url, cls) => {
    expect(classifySource({ url })).toBe(cls);
  });
});

describe("auditEvents", () => {
  it("an event resting only on aggregators is an error; a better source beside one is not", () => {
    const weak = ev({ sources: [src("https://en.wikipedia.org/wiki/X")] });
    const fine = ev({
      attributes: { subject: "y" },
      sources: [src("https://en.wikipedia.org/wiki/X"), src("https://apnews.com/a")],
    });
    const r = auditEvents([weak, fine]);
    expect(r.findings.filter((f) => f.rule === "aggregator-only").map((f) => f.event)).toEqual([weak.id]);
    expect(r.byClass).toMatchObject({ aggregator: 1, wire: 1 });
    expect(r.errors).toBe(1);
  });

  it("no URL at all is an error; a title-only source beside a URL is a warning", () => {
    const none = ev({ sources: [{ title: "a commentary" }] });
    const mixed = ev({ summary: "m", sources: [{ title: "a commentary" }, src("https://apnews.com/a")] });
    const r = auditEvents([none, mixed]);
    expect(r.findings.map((f) => [f.rule, f.event])).toEqual(
      expect.arrayContaining([
        ["no-url", none.id],
        ["source-without-url", mixed.id],
      ]),
    );
  });

  it("only sources dated before the event is an error; an announcement beside a later report is a warning", () => {
    const early = ev({ date: "2020-05-10", sources: [src("https://apnews.com/a", { date: "2020-05-09" })] });
    const month = ev({
      date: "2020-05-10",
      summary: "m",
      sources: [src("https://apnews.com/b", { date: "2020-05" })],
    });
    const announced = ev({
      date: "2020-05-10",
      summary: "a",
      sources: [
        src("https://apnews.com/c", { date: "2020-05-01" }),
        src("https://apnews.com/d", { date: "2020-05-10" }),
      ],
    });
    const r = auditEvents([early, month, announced]);
    const of = (rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => [f.event, f.severity]);
    expect(of("announced-only")).toEqual([[early.id, "error"]]);
    expect(of("source-before-event")).toEqual([[announced.id, "warning"]]);
  });

  it("the same happening twice is an error; two facilities frozen the same day are not", () => {
    const a = ev({
      type: "military_exercise",
      attributes: { name: "KR", status: "held" },
      actor: "USA+KOR",
      sources: [src("https://apnews.com/a")],
    });
    const b = ev({
      type: "military_exercise",
      attributes: { name: "KR", status: "held", scale: "large" },
      actor: "KOR+USA",
      sources: [src("https://apnews.com/b")],
    });
    const f1 = ev({
      type: "facility_status",
      attributes: { facility: "reactor", status: "frozen" },
      sources: [src("https://apnews.com/c")],
    });
    const f2 = ev({
      type: "facility_status",
      attributes: { facility: "plant", status: "frozen" },
      sources: [src("https://apnews.com/c")],
    });
    const r = auditEvents([a, b, f1, f2]);
    expect(r.findings.filter((f) => f.rule === "possible-duplicate").map((f) => f.event)).toEqual([b.id]);
  });

  it("an exception written down with its reason turns an error into an excepted finding", () => {
    const weak = ev({ sources: [src("https://en.wikipedia.org/wiki/X")] });
    const r = auditEvents(
      [weak],
      [{ event: weak.id, rule: "aggregator-only", reason: "no other source found" }],
    );
    expect(r.errors).toBe(0);
    expect(r.excepted).toBe(1);
    expect(r.findings[0]).toMatchObject({ rule: "aggregator-only", excepted: "no other source found" });
  });

  it("incomplete sources and unknown publishers are warnings", () => {
    const e = ev({ sources: [{ url: "https://example.org/x" }] });
    const r = auditEvents([e]);
    expect(r.findings.map((f) => f.rule).sort()).toEqual(["source-incomplete", "unclassified-source"]);
    expect(r.errors).toBe(0);
    expect(r.warnings).toBe(2);
  });
});
