import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLedger, queryEvents } from "../../src/ledger/index.js";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

interface Sites {
  /** Missiles by the name of each site that has coordinates. */
  placed: Map<string, number>;
  /** Names of the sites without (or "no site named"). */
  unplaced: string[];
}

/** The launch sites of 2022 as the ledger holds them (its current view), read from the SQLite file itself. */
function sitesOf2022(db: string): Sites {
  const ledger = openLedger(db);
  try {
    const launches = queryEvents(ledger, { types: ["missile_launch"], from: "2022-01-01", to: "2022-12-31" });
    const placed = new Map<string, number>();
    const unplaced = new Set<string>();
    for (const e of launches) {
      const facility = e.attributes.facility as string | undefined;
      if (facility && e.attributes.facilityLocation)
        placed.set(facility, (placed.get(facility) ?? 0) + e.count);
      else unplaced.add(facility ?? "no site named");
    }
    return { placed, unplaced: [...unplaced] };
  } finally {
    ledger.close();
  }
}

/** Sets the timeline's range and waits until its events and the map are drawn for it. */
async function showRange(page: Page, from: string, to: string) {
  await page.waitForSelector("#timeline-covered");
  await page.fill("#timeline-from", from);
  await page.fill("#timeline-to", to);
  await page.waitForFunction(
    ([f, t]) => {
      const h = document.querySelector("#timeline-list")?.previousElementSibling?.textContent ?? "";
      return h.includes(`from ${f} to ${t}`) && !h.includes("reading");
    },
    [from, to],
  );
  await page.waitForSelector('#launch-map[aria-busy="false"] svg');
}

/** The dots the map draws: the site each stands for, and its missiles. */
const drawnDots = (page: Page) =>
  page
    .locator("#launch-map circle[data-facility]")
    .evaluateAll((dots) =>
      dots.map((d) => [d.getAttribute("data-facility")!, Number(d.getAttribute("data-missiles"))] as const),
    );

describe("the timeline's map of launch sites", () => {
  it("draws one dot per launch site of 2022, with the missiles the ledger counts there", async () => {
    const expected = sitesOf2022(dashboard!.db);
    expect(expected.placed.size).toBeGreaterThan(5);
    const page = await dashboard!.open("/#timeline");
    await showRange(page, "2022-01-01", "2022-12-31");
    await expect.poll(async () => (await drawnDots(page)).length).toBe(expected.placed.size);
    const dots = await drawnDots(page);
    expect(new Map(dots)).toEqual(expected.placed);
    expect(await page.getAttribute("#launch-map", "data-sites")).toBe(String(expected.placed.size));
    // A launch whose site has no coordinates is said under the map, by its site's name.
    if (expected.unplaced.length) {
      const note = await page.textContent("#launch-map-unplaced");
      for (const name of expected.unplaced) expect(note).toContain(name);
    } else expect(await page.locator("#launch-map-unplaced").count()).toBe(0);
    expect(await page.textContent("#launch-map-caption")).toContain("Natural Earth");
    // The outline is drawn beneath the dots: country shapes, from the bundle.
    expect(await page.locator("#launch-map svg path").count()).toBeGreaterThan(5);

    // Hovering a dot names its site and its missiles.
    const [name, missiles] = dots.at(-1)!;
    const dot = page.locator(`#launch-map circle[data-facility="${name}"]`);
    await dot.scrollIntoViewIfNeeded();
    const box = (await dot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator('#launch-map g[aria-label="tip"]');
    await expect.poll(() => tip.textContent()).toContain(name);
    expect(await tip.textContent()).toContain(`${missiles} missile`);
    await page.close();
  });

  it("draws the sites of the range shown: a narrower range, fewer sites", async () => {
    const page = await dashboard!.open("/#timeline");
    await showRange(page, "2022-01-01", "2022-01-31");
    const ledger = openLedger(dashboard!.db);
    const january = new Set(
      queryEvents(ledger, { types: ["missile_launch"], from: "2022-01-01", to: "2022-01-31" })
        .filter((e) => e.attributes.facilityLocation)
        .map((e) => e.attributes.facility as string),
    );
    ledger.close();
    expect(january.size).toBeGreaterThan(0);
    await expect.poll(async () => new Set((await drawnDots(page)).map(([name]) => name))).toEqual(january);
    await page.close();
  });

  it("fits a phone's width (390 px), the map drawn to its box", async () => {
    const page = await dashboard!.open("/");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${dashboard!.server.url}/#timeline`);
    await showRange(page, "2022-01-01", "2022-12-31");
    const sizes = await page.evaluate(() => {
      const box = document.querySelector("#launch-map")!;
      return {
        svg: box.querySelector("svg")!.getBoundingClientRect().width,
        box: box.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      };
    });
    await page.locator("#launch-map").screenshot({ path: join(ARTIFACTS, "phone-launch-map.png") });
    expect(sizes.svg).toBeLessThanOrEqual(sizes.box);
    expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
    await page.close();
  });
});
