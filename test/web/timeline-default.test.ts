import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoverageEntry, EventFacets } from "../../web/src/api.js";
import { coveredRange } from "../../web/src/timeline/covered-range.js";
import { startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;
const api = async <T>(path: string): Promise<T> =>
  (await fetch(`${dashboard!.server.url}${path}`)).json() as T;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

const entry = (from: string, to: string) => ({ from, to }) as CoverageEntry;
const facets = (first: string | null, last: string | null): EventFacets => ({
  events: 1,
  first,
  last,
  types: [],
});

describe("the range the timeline opens on", () => {
  it("spans the coverage periods, within the days the events reach; the whole record without coverage", () => {
    const periods = [entry("2006-01-01", "2025-12-31"), entry("1984-01-01", "2020-01-01")];
    expect(coveredRange(periods, facets("1990-05-01", "2026-04-19"))).toEqual({
      from: "1990-05-01",
      to: "2025-12-31",
    });
    expect(coveredRange([], facets("1990-05-01", "2026-04-19"))).toEqual({
      from: "1990-05-01",
      to: "2026-04-19",
    });
    expect(coveredRange(periods, facets(null, null))).toBeNull();
    expect(coveredRange([entry("1950-01-01", "1960-01-01")], facets("1990-05-01", "2026-04-19"))).toEqual({
      from: "1990-05-01",
      to: "2026-04-19",
    });
  });

  it("is the ledger's coverage, as GET /api/coverage and the facets give it, and says so", async () => {
    const expected = coveredRange(
      await api<CoverageEntry[]>("/api/coverage"),
      await api<EventFacets>("/api/events/facets"),
    )!;
    const page = await dashboard!.open("/#timeline");
    await page.waitForSelector("#timeline-covered");
    expect(await page.inputValue("#timeline-from")).toBe(expected.from);
    expect(await page.inputValue("#timeline-to")).toBe(expected.to);
    expect(await page.textContent("#timeline-covered")).toContain(`${expected.from} to ${expected.to}`);
    await page.waitForFunction(
      (from) =>
        document
          .querySelector("#timeline-list")
          ?.previousElementSibling?.textContent?.includes(`from ${from}`),
      expected.from,
    );
    await page.close();
  });
});

describe("the count of missiles per month, by class", () => {
  it("sums the launches of the range shown, above the lanes, with a legend of the classes", async () => {
    const launches = await api<{ total: number; events: { count?: number }[] }>(
      "/api/events?type=missile_launch&from=2022-01-01&to=2022-12-31&limit=1000",
    );
    const missiles = launches.events.reduce((n, e) => n + (e.count ?? 1), 0);
    expect(missiles).toBeGreaterThan(launches.total - 1);
    const page = await dashboard!.open("/#timeline");
    await page.waitForSelector("#timeline-covered");
    await page.fill("#timeline-from", "2022-01-01");
    await page.fill("#timeline-to", "2022-12-31");
    const strip = page.locator(`#timeline-monthly[data-missiles="${missiles}"]`);
    await strip.waitFor();
    expect(await strip.getAttribute("aria-label")).toContain(`${missiles} missiles`);
    expect(await strip.locator("svg rect").count()).toBeGreaterThan(5);
    expect(await strip.textContent()).toContain("ICBM");
    // Above the lanes.
    const stripBox = (await strip.boundingBox())!;
    const chartBox = (await page.locator("#timeline-chart").boundingBox())!;
    expect(stripBox.y + stripBox.height).toBeLessThanOrEqual(chartBox.y + 1);
    await page.close();
  });
});
