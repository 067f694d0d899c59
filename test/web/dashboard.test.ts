import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;
const open = (path: string) => dashboard!.open(path);

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

describe("dashboard in Chromium", () => {
  it("serves the dashboard at / and keeps the API under /api", async () => {
    const page = await open("/");
    await page.waitForSelector("h1:text('Lockstep')");
    const health = await page.evaluate(async () => (await fetch("/api/health")).json());
    expect(health).toMatchObject({ ok: true });
    await page.close();
  });

  it("timeline: shows the 2022-10-28 launches, with their sources on click", async () => {
    const page = await open("/#timeline");
    await page.waitForSelector("#timeline-list li");
    await page.fill("#timeline-from", "2022-10-01");
    await page.fill("#timeline-to", "2022-11-30");
    const launch = page.locator("#timeline-list button", { hasText: "2022-10-28 · missile launch ×2" });
    await launch.waitFor();
    expect(await launch.textContent()).toContain("SRBM");
    // The chart draws the events of the range: marks by missile class for launches, bars for exercises.
    expect(await page.locator('.chart svg [aria-label="dot"] > *').count()).toBeGreaterThan(0);
    expect(await page.locator("#timeline-marks").textContent()).toContain("▲ ICBM");
    await launch.focus();
    await page.keyboard.press("Enter");
    const detail = page.locator("#timeline-detail");
    await detail.locator("h3", { hasText: "2022-10-28" }).waitFor();
    expect(await detail.locator("a[href*='nti.org']").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "timeline-2022-10.png"), fullPage: true });
    await page.close();
  });

  it("timeline: the steps of phased deals have marks of their own (a freeze, inspectors, fuel, a withdrawal)", async () => {
    const page = await open("/#timeline");
    await page.waitForSelector("#timeline-list li");
    await page.fill("#timeline-from", "2002-11-01");
    await page.fill("#timeline-to", "2003-01-31");
    await page.locator("#timeline-list button", { hasText: "2003-01-10 · withdrawal" }).waitFor();
    const marks = (await page.locator("#timeline-marks").textContent()) ?? "";
    for (const m of ["□ facility", "◇ inspectors", "+ aid or fuel", "✚ withdrawal"])
      expect(marks).toContain(m);
    for (const label of [
      "2002-12-21 · facility status",
      "2002-12-27 · inspection",
      "2002-11-18 · aid delivered",
    ])
      expect(await page.locator("#timeline-list button", { hasText: label }).count()).toBe(1);
    await page.close();
  });

  it("board: moratorium-2018's no-icbm-launches flips from active to violated by the March 2022 ICBMs", async () => {
    const page = await open("/#board");
    await page.waitForSelector("#agreement");
    await page.selectOption("#agreement", "moratorium-2018");
    const row = page.locator('tr[data-obligation="no-icbm-launches"]');

    await page.fill("#as-of", "2022-01-01");
    await page.waitForSelector('section[data-as-of="2022-01-01"]');
    expect(await row.locator(".status-cell > [data-status]").getAttribute("data-status")).toBe("active");
    expect(await row.locator(".evidence").textContent()).toContain("none");
    await page.screenshot({ path: join(ARTIFACTS, "board-moratorium-2022-01-01.png"), fullPage: true });

    await page.fill("#as-of", "2022-04-01");
    await page.waitForSelector('section[data-as-of="2022-04-01"]');
    expect(await row.locator(".status-cell > [data-status]").getAttribute("data-status")).toBe("violated");
    expect((await row.locator("td").nth(1).textContent())?.trim()).toBe("2022-03-16");
    await row.locator(".evidence > details > summary").click();
    const evidence = await row.locator(".evidence").textContent();
    expect(evidence).toContain("2022-03-16");
    expect(evidence).toContain("2022-03-24");
    expect(evidence).toContain("ICBM");
    expect(await row.locator(".evidence a[href*='nti.org']").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "board-moratorium-2022-04-01.png"), fullPage: true });
    await page.close();
  });

  it("ledger: searches the events and shows the chain intact", async () => {
    const page = await open("/#ledger");
    await page.waitForSelector("#chain.ok");
    await page.fill("#ledger-search", "ICBM 2022-03");
    await page.waitForSelector("table.ledger tbody tr");
    const rows = await page.locator("table.ledger tbody tr").allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes("2022-03") && r.includes("ICBM"))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "ledger-search.png"), fullPage: true });
    await page.close();
  });

  it("ledger: shows the coverage of each family of events, as the API gives it", async () => {
    const page = await open("/#ledger");
    await page.click("#coverage summary");
    const launches = page.locator('#coverage tr[data-coverage="dprk-launches"]');
    await launches.waitFor();
    const api = (await (await fetch(`${dashboard!.server.url}/api/coverage`)).json()) as {
      id: string;
      from: string;
      to: string;
    }[];
    expect(await page.locator("#coverage tbody tr").count()).toBe(api.length);
    const entry = api.find((e) => e.id === "dprk-launches")!;
    const text = (await launches.textContent()) ?? "";
    expect(text).toContain(entry.from);
    expect(text).toContain(entry.to);
    await page.close();
  });

  it("runs under its Content-Security-Policy: the pages above broke none of it", async () => {
    const r = await fetch(`${dashboard!.server.url}/`);
    const csp = r.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(dashboard!.cspViolations).toEqual([]);
  });
});
