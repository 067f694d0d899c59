import { afterEach, describe, expect, it, vi } from "vitest";
import { getEvents } from "../../web/src/api.js";
import { cappedNote, DRAWING_CAP } from "../../web/src/timeline/drawing-cap.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A server holding `total` matching events: it answers each page as GET /api/events would, and keeps the asks. */
function serverOf(total: number): URLSearchParams[] {
  const asked: URLSearchParams[] = [];
  vi.stubGlobal("fetch", async (path: string) => {
    const q = new URL(path, "http://dashboard").searchParams;
    asked.push(q);
    const [limit, offset] = [Number(q.get("limit")), Number(q.get("offset"))];
    const n = Math.max(0, Math.min(limit, total - offset));
    const events = Array.from({ length: n }, (_, i) => ({ id: `ev_${offset + i}`, date: "2022-10-28" }));
    return new Response(JSON.stringify({ total, limit, offset, events }));
  });
  return asked;
}

describe("the timeline's cap on the events it draws", () => {
  it("says nothing when every event of the range is drawn", () => {
    expect(cappedNote(0, 0)).toBeNull();
    expect(cappedNote(615, 615)).toBeNull();
  });

  it("says how many of how many are drawn, and to narrow the range, when the range holds more", () => {
    expect(cappedNote(DRAWING_CAP, 1_000_000)).toBe(
      "Drawing the first 20,000 of 1,000,000 events in this range: narrow the range to draw them all.",
    );
    expect(cappedNote(20_000, 20_001)).toContain("first 20,000 of 20,001 events");
  });

  it("reads a range of a million events as twenty pages of 1,000 and stops at the cap, knowing the total", async () => {
    const asked = serverOf(1_000_000);
    const read = await getEvents({ from: "2016-01-01", to: "2023-12-31" }, { count: DRAWING_CAP });
    expect(read.total).toBe(1_000_000);
    expect(read.events).toHaveLength(DRAWING_CAP);
    expect(new Set(read.events.map((e) => e.id)).size).toBe(DRAWING_CAP);
    expect(asked).toHaveLength(20);
    expect(asked.map((q) => Number(q.get("offset")))).toEqual(Array.from({ length: 20 }, (_, i) => i * 1000));
    expect(asked.every((q) => q.get("limit") === "1000" && q.get("from") === "2016-01-01")).toBe(true);
    expect(cappedNote(read.events.length, read.total)).toContain("first 20,000 of 1,000,000 events");
  });

  it("asks for no more than the range holds", async () => {
    const asked = serverOf(2_500);
    const read = await getEvents({ from: "2016-01-01", to: "2023-12-31" }, { count: DRAWING_CAP });
    expect(read.events).toHaveLength(2_500);
    expect(asked.map((q) => [q.get("offset"), q.get("limit")])).toEqual([
      ["0", "1000"],
      ["1000", "1000"],
      ["2000", "500"],
    ]);
    expect(cappedNote(read.events.length, read.total)).toBeNull();
  });
});
