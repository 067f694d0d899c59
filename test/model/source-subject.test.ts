import { describe, expect, it } from "vitest";
import { auditEvents, parseEvent, type LedgerEvent } from "../../src/model/index.js";
import { namingWords, speaksOf } from "../../src/model/source-subject.js";

function ev(input: Record<string, unknown>): LedgerEvent {
  const r = parseEvent({ sources: [{ title: "x" }], ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.event;
}

const hanoi = ev({
  type: "summit_or_meeting",
  date: "2019-02-27",
  actor: "USA+PRK",
  attributes: { name: "Hanoi summit", location: "Hanoi" },
});
const drill = ev({
  type: "military_exercise",
  date: "2017-03-01",
  actor: "USA+KOR",
  attributes: { name: "Foal Eagle 2017", status: "held" },
});
const launch = ev({
  type: "missile_launch",
  date: "1993-05-29",
  actor: "PRK",
  attributes: { class: "MRBM", missile: "Nodong" },
});

describe("speaksOf", () => {
  it("accepts a source that names the kind of happening or one of the event's names", () => {
    expect(speaksOf(hanoi, { title: "Trump and Kim meet again in Vietnam" })).toBe(true);
    expect(speaksOf(hanoi, { title: "What went wrong in Hanoi" })).toBe(true);
    expect(speaksOf(drill, { title: "Foal Eagle kicks off" })).toBe(true);
    // Words are matched at their start: "talks" is a meeting word, "stalks" is not.
    expect(speaksOf(hanoi, { title: "A fox stalks the city" })).toBe(false);
  });

  it("flags a source about something else", () => {
    expect(speaksOf(hanoi, { title: "Treasury sanctions two shipping companies" })).toBe(false);
    expect(speaksOf(drill, { title: "CSIS analysis: signals database on North Korean WMD actions" })).toBe(
      false,
    );
  });

  it("reads the quote as well as the title", () => {
    expect(speaksOf(drill, { title: "Agency bulletin no. 5", quote: "the annual drills began today" })).toBe(
      true,
    );
  });

  it("finds Korean, Japanese and Chinese words inside run-together text", () => {
    expect(speaksOf(launch, { title: "북한,동해상에서 미사일 발사시험 성공" })).toBe(true);
    expect(speaksOf(launch, { title: "「テポドン2号は完全な失敗」" })).toBe(true);
  });

  it("knows the meeting words of the languages leaders' meetings are reported in, at a word's start", () => {
    expect(speaksOf(hanoi, { title: "Переговоры Ху Цзиньтао с Владимиром Путиным в Москве" })).toBe(true);
    expect(speaksOf(hanoi, { title: "हू चिन थाओ ने पुतिन से भेंट की" })).toBe(true);
    expect(speaksOf(hanoi, { title: "شي وبوتين يجتمعان في جوهانسبرغ" })).toBe(true);
    expect(speaksOf(hanoi, { title: "Xi Jinping trifft Wladimir Putin beim Treffen in Ufa" })).toBe(true);
    expect(speaksOf(hanoi, { title: "胡锦涛会见俄罗斯总理普京" })).toBe(true);
    // "перевоз" (transport) is not "переговор"; a word inside another does not count.
    expect(speaksOf(hanoi, { title: "Грузовые перевозки выросли" })).toBe(false);
    expect(speaksOf(hanoi, { title: "Unterhaltungstreffen" })).toBe(false);
  });

  it("does not judge a title that says only who published it and when, nor a source with no words", () => {
    expect(speaksOf(drill, { title: "Yonhap report, 2018-08-21", publisher: "Yonhap" })).toBeUndefined();
    expect(
      speaksOf(drill, { title: "CRI (Turkish service) report", url: "http://turkish.cri.cn/281/1.htm" }),
    ).toBeUndefined();
    expect(speaksOf(drill, { title: "Page 57 - 2018 Defense White Paper (chronology)" })).toBeUndefined();
    expect(speaksOf(drill, { url: "https://example.org/x" })).toBeUndefined();
  });

  it("takes the event's names from its naming attributes, without years and common words", () => {
    expect(namingWords(drill)).toEqual(["foal", "eagle"]);
    expect(namingWords(hanoi)).toEqual(["hanoi", "summit"]);
  });
});

describe("the audit's subject check", () => {
  it("warns of a source that speaks of something else, naming it", () => {
    const e = ev({
      type: "summit_or_meeting",
      date: "2019-02-27",
      actor: "USA+PRK",
      attributes: { name: "Hanoi summit" },
      sources: [
        {
          url: "https://example.org/a",
          title: "Hanoi summit ends early",
          publisher: "p",
          date: "2019-02-28",
        },
        {
          url: "https://example.org/b",
          title: "Treasury sanctions shippers",
          publisher: "p",
          date: "2019-02-28",
        },
      ],
    });
    const off = auditEvents([e]).findings.filter((f) => f.rule === "source-off-subject");
    expect(off).toHaveLength(1);
    expect(off[0]!.severity).toBe("warning");
    expect(off[0]!.message).toContain("https://example.org/b");
  });
});
