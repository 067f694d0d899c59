import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_INTERVAL_PX, visibleSpan } from "../../web/src/timeline/intervals.js";
import { startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

interface Exercise {
  id: string;
  date: string;
  end?: string;
}

/** The held exercises of 2017–2022, as the ledger counts them. */
async function heldExercises(): Promise<Exercise[]> {
  const r = await fetch(
    `${dashboard!.server.url}/api/events?type=military_exercise&status=held&from=2017-01-01&to=2022-12-31&limit=1000`,
  );
  expect(r.status).toBe(200);
  const body = (await r.json()) as { total: number; events: Exercise[] };
  expect(body.events).toHaveLength(body.total);
  return body.events;
}

/** Once the chart draws the range its inputs show: the ids it draws and the width of each interval, in plot pixels. */
async function drawn(page: Page): Promise<{ ids: string[]; widths: Record<string, number> }> {
  await page.waitForSelector('#timeline-chart[aria-busy="false"] svg');
  return page.evaluate(() => {
    const chart = document.querySelector("#timeline-chart")!;
    const ids = [...chart.querySelectorAll("[data-event]")].map((e) => e.getAttribute("data-event")!);
    const widths: Record<string, number> = {};
    for (const rect of chart.querySelectorAll<SVGRectElement>(".timeline-interval rect[data-event]"))
      widths[rect.getAttribute("data-event")!] = Number(rect.getAttribute("width"));
    return { ids, widths };
  });
}

async function expectEveryExerciseDrawn(page: Page, exercises: Exercise[]) {
  const { ids, widths } = await drawn(page);
  const shown = new Set(ids);
  expect(exercises.filter((e) => !shown.has(e.id))).toEqual([]);
  const intervals = exercises.filter((e) => e.end);
  expect(intervals.filter((e) => widths[e.id] !== undefined)).toHaveLength(intervals.length);
  for (const e of intervals) expect(widths[e.id]).toBeGreaterThanOrEqual(MIN_INTERVAL_PX - 0.01);
}

describe("the timeline's intervals", () => {
  it("keep at least MIN_INTERVAL_PX, about their middle, and are unchanged when wider", () => {
    expect(visibleSpan(100, 200, 10)).toEqual([100, 200]);
    const [a, b] = visibleSpan(100, 110, 10);
    expect(b - a).toBe(MIN_INTERVAL_PX * 10);
    expect((a + b) / 2).toBe(105);
  });

  it("draw every held exercise of 2017–2022 in the default view and in the whole record", async () => {
    const exercises = await heldExercises();
    expect(exercises.length).toBeGreaterThan(10);
    expect(exercises.filter((e) => e.end).length).toBeGreaterThan(10);
    const page = await dashboard!.open("/#timeline");
    await page.waitForSelector("#timeline-list li");
    const from = await page.inputValue("#timeline-from");
    const to = await page.inputValue("#timeline-to");
    expect(from <= "2017-01-01" && to >= "2022-12-31").toBe(true);
    await expectEveryExerciseDrawn(page, exercises);

    await page.click("#timeline-reset");
    await page.waitForFunction(
      ([f, t]) => {
        const from = (document.querySelector("#timeline-from") as HTMLInputElement).value;
        const to = (document.querySelector("#timeline-to") as HTMLInputElement).value;
        return from !== f || to !== t || from < "1990-01-01";
      },
      [from, to],
    );
    expect(await page.inputValue("#timeline-from")).toMatch(/^19/);
    await page.waitForSelector('#timeline-chart[aria-busy="true"], #timeline-chart[aria-busy="false"]');
    await page.waitForFunction(() => {
      const h = document.querySelector("#timeline-list")?.previousElementSibling?.textContent ?? "";
      const from = (document.querySelector("#timeline-from") as HTMLInputElement).value;
      return h.includes(`from ${from}`) && !h.includes("reading");
    });
    await expectEveryExerciseDrawn(page, exercises);
    await page.close();
  });
});
