import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;
const open = (path: string) => dashboard!.open(path);
const DAY = 86_400_000;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

describe("dashboard navigation in Chromium", () => {
  it("timeline: + narrows the From/To range around its centre, the keyboard, wheel and drag zoom and pan, and 'Whole record' resets", async () => {
    const page = await open("/#timeline");
    await page.waitForSelector("#timeline-list li");
    const from0 = await page.inputValue("#timeline-from");
    const to0 = await page.inputValue("#timeline-to");
    await page.click("#timeline-zoom-in");
    await page.waitForFunction(
      (f) => (document.querySelector("#timeline-from") as HTMLInputElement).value !== f,
      from0,
    );
    const from1 = await page.inputValue("#timeline-from");
    const to1 = await page.inputValue("#timeline-to");
    expect(from1 > from0).toBe(true);
    expect(to1 < to0).toBe(true);
    expect(days(from1, to1)).toBeLessThan(days(from0, to0) * 0.75);
    // The chart follows: its heading says the new range.
    await page.locator("h3", { hasText: `from ${from1} to ${to1}` }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "timeline-zoomed.png"), fullPage: true });

    // ← on the focused chart moves both ends earlier by the same amount.
    await page.focus("#timeline-chart");
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(
      (f) => (document.querySelector("#timeline-from") as HTMLInputElement).value < f,
      from1,
    );
    const from2 = await page.inputValue("#timeline-from");
    const to2 = await page.inputValue("#timeline-to");
    expect(days(from2, to2)).toBe(days(from1, to1));

    // The wheel zooms around the pointer; a drag to the right moves the range earlier.
    // The box that holds the chart (the chart itself is drawn anew as data arrive, and may be gone a moment).
    const box = (await page.locator("#timeline-chart").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    await page.mouse.wheel(0, -200);
    await page.waitForFunction(
      (f) => (document.querySelector("#timeline-from") as HTMLInputElement).value > f,
      from2,
    );
    const from3 = await page.inputValue("#timeline-from");
    const to3 = await page.inputValue("#timeline-to");
    expect(days(from3, to3)).toBeLessThan(days(from2, to2));
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + 60, { steps: 5 });
    await page.mouse.up();
    expect(await page.inputValue("#timeline-from")).not.toBe(from3);
    expect((await page.inputValue("#timeline-from")) < from3).toBe(true);

    // The whole record: from the first event's day; at least the range opened on (the record's coverage).
    const first = await page.evaluate(
      async () => ((await (await fetch("/api/events/facets")).json()) as { first: string }).first,
    );
    await page.click("#timeline-reset");
    await page.waitForFunction(
      (f) => (document.querySelector("#timeline-from") as HTMLInputElement).value === f,
      first,
    );
    expect(
      days(await page.inputValue("#timeline-from"), await page.inputValue("#timeline-to")),
    ).toBeGreaterThanOrEqual(days(from0, to0));
    await page.close();
  });

  it("timeline: 'Show agreement…' draws moratorium-2018's two obligations as labelled bands", async () => {
    const page = await open("/#timeline");
    await page.waitForSelector("#timeline-list li");
    await page.waitForSelector("#timeline-agreement option[value='moratorium-2018']", { state: "attached" });
    await page.selectOption("#timeline-agreement", "moratorium-2018");
    const labels = page.locator(".chart svg .agreement-label text");
    await labels.first().waitFor();
    const texts = await labels.allTextContents();
    expect(texts).toHaveLength(2);
    expect(texts.some((t) => t.startsWith("No nuclear tests"))).toBe(true);
    expect(texts.some((t) => t.startsWith("No ICBM test-fires"))).toBe(true);
    // As of the end of the default range (the end of the coverage), the ICBM moratorium has been violated.
    expect(texts.find((t) => t.startsWith("No ICBM test-fires"))).toContain("violated");
    expect(await page.locator(".chart svg .agreement-band rect").count()).toBe(2);
    expect(await page.locator("#timeline-obligations li").count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, "timeline-agreement-moratorium.png"), fullPage: true });
    await page.close();
  });

  it("ledger: sorting by date descending puts the latest event first, with aria-sort", async () => {
    const page = await open("/#ledger");
    await page.waitForSelector("table.ledger tbody tr");
    const dates = await page.evaluate(async () => {
      const all: string[] = [];
      for (;;) {
        const r = (await (await fetch(`/api/events?limit=1000&offset=${all.length}`)).json()) as {
          total: number;
          events: { date: string }[];
        };
        all.push(...r.events.map((e) => e.date));
        if (!r.events.length || all.length >= r.total) return all;
      }
    });
    const latest = [...dates].sort().at(-1)!;
    const header = page.locator('th[data-sort="date"]');
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    await header.locator("button").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector('th[data-sort="date"][aria-sort="descending"]');
    expect(await page.locator("table.ledger tbody tr").first().locator("time").getAttribute("datetime")).toBe(
      latest,
    );
    const shown = await page
      .locator("table.ledger tbody tr td:first-child time")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime") ?? ""));
    expect(shown).toEqual([...shown].sort().reverse());
    await page.screenshot({ path: join(ARTIFACTS, "ledger-sorted-date-desc.png"), fullPage: true });

    await page.click('th[data-sort="count"] button');
    await page.waitForSelector('th[data-sort="count"][aria-sort="ascending"]');
    expect(await header.getAttribute("aria-sort")).toBe("none");
    await page.close();
  });
});
