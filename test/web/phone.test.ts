import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

/** Each view and what shows it has drawn. */
const VIEWS = [
  { hash: "#timeline", ready: "#timeline-chart svg" },
  { hash: "#board", ready: "section[data-as-of] #summary" },
  { hash: "#ledger", ready: "table.ledger tbody tr" },
  { hash: "#react", ready: "#react-from" },
  { hash: "#simulation", ready: "#sim-reach-chart svg" },
] as const;

describe("on a phone (390×844)", () => {
  for (const view of VIEWS)
    it(`${view.hash} fits the screen's width and its navigation is in sight`, async () => {
      const page = await dashboard!.open("/");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${dashboard!.server.url}/${view.hash}`);
      await page.waitForSelector(view.ready);
      await page.waitForTimeout(300);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      await page.screenshot({ path: join(ARTIFACTS, `phone-${view.hash.slice(1)}.png`), fullPage: true });
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      const links = page.locator('nav[aria-label="Views"] a');
      expect(await links.count()).toBe(VIEWS.length + 1); // and the API's documentation
      for (const link of await links.all()) {
        await expect.poll(() => link.isVisible()).toBe(true);
        const box = (await link.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(innerWidth);
      }
      await page.close();
    });

  it("#timeline draws its charts to their boxes, and over decades counts the missiles by year", async () => {
    const page = await dashboard!.open("/");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${dashboard!.server.url}/#timeline`);
    await page.waitForSelector("#timeline-covered");
    await page.waitForSelector('#timeline-chart[aria-busy="false"] svg');
    const drawnWidths: number[] = [];
    for (const chart of ["#timeline-chart", "#timeline-monthly"]) {
      const { svg, box } = await page.evaluate((selector) => {
        const div = document.querySelector(selector)!;
        const svg = [...div.querySelectorAll("svg")].at(-1)!;
        return { svg: svg.getBoundingClientRect().width, box: div.clientWidth };
      }, chart);
      expect(svg, chart).toBeLessThanOrEqual(box);
      drawnWidths.push(svg);
    }
    // The strip's months line up with the lanes' dates: the two are drawn at the same width and scale.
    expect(Math.abs(drawnWidths[0]! - drawnWidths[1]!)).toBeLessThan(1);
    const strip = page.locator('#timeline-monthly[data-bin="year"]');
    await strip.waitFor();
    const widths = await strip
      .locator("svg rect")
      .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("width"))).filter((w) => w > 0));
    expect(widths.length).toBeGreaterThan(10);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
