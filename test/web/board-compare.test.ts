import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../src/engine/index.js";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

const AS_OF = "2022-10-28";
const FIRST = "moratorium-2018";
const SECOND = "singapore-2018";
const BOTH = `/#/board?agreement=${FIRST}&compare=${SECOND}&asOf=${AS_OF}`;

async function evaluation(agreement: string): Promise<Evaluation> {
  const r = await fetch(`${dashboard!.server.url}/api/agreements/${agreement}/evaluation?asOf=${AS_OF}`);
  expect(r.status).toBe(200);
  return (await r.json()) as Evaluation;
}

/** A column of the board, once its evaluation as of AS_OF is on the page. */
async function column(page: Page, agreement: string) {
  const c = page.locator(`article.board-column[data-agreement="${agreement}"][data-as-of="${AS_OF}"]`);
  await c.locator(".answer").waitFor();
  return c;
}

/** The page's address as a path to open: `/#/board?…`. */
const linkOf = (page: Page) => `/${new URL(page.url()).hash}`;

/** The obligations the engine says are owed with no deadline, still active: they can never be violated. */
const neverViolable = (ev: Evaluation) =>
  ev.obligations
    .filter((o) => o.kind === "perform" && o.due === null && o.status === "active")
    .map((o) => o.id);

/** The obligations whose strip rows (within `strip`) draw a segment with the never-violated mark. */
async function markedRows(page: Page, strip: string): Promise<string[]> {
  const ids = await page
    .locator(`${strip} g[data-obligation]:has(rect[data-mark="never_violated"])`)
    .evaluateAll((gs) => gs.map((g) => g.getAttribute("data-obligation")!));
  return [...new Set(ids)].sort();
}

describe("two agreements side by side", () => {
  it("shows both evaluations next to each other, each with its own one-line answer, ids unique", async () => {
    const [first, second] = await Promise.all([evaluation(FIRST), evaluation(SECOND)]);
    const page = await dashboard!.open(BOTH);
    const left = await column(page, FIRST);
    const right = await column(page, SECOND);
    expect(await left.locator("#summary").textContent()).toBe(first.summary.text);
    expect(await right.locator("#summary-beside").textContent()).toBe(second.summary.text);
    expect(first.summary.text).not.toBe(second.summary.text);
    // Two columns at 1280 px: the same top, the second to the right of the first.
    const [a, b] = [(await left.boundingBox())!, (await right.boundingBox())!];
    expect(Math.abs(a.y - b.y)).toBeLessThan(1);
    expect(b.x).toBeGreaterThanOrEqual(a.x + a.width);
    expect(await right.locator("h3.agreement-title").textContent()).toBe(
      (await page.locator(`#compare option[value="${SECOND}"]`).textContent()) ?? "",
    );
    const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "board-compare.png"), fullPage: true });
    await page.close();
  });

  it("puts the choice in the link, and the link opens the same two", async () => {
    const page = await dashboard!.open(`/#/board?agreement=${FIRST}&asOf=${AS_OF}`);
    await column(page, FIRST);
    expect(await page.locator("article.board-column").count()).toBe(1);
    // The first agreement is not offered beside itself.
    expect(await page.locator(`#compare option[value="${FIRST}"]`).count()).toBe(0);
    await page.selectOption("#compare", SECOND);
    await column(page, SECOND);
    await expect.poll(() => linkOf(page)).toBe(BOTH);
    const shared = await dashboard!.open(linkOf(page));
    await column(shared, FIRST);
    await column(shared, SECOND);
    expect(await shared.locator("#compare").inputValue()).toBe(SECOND);
    // Back to one: the link forgets the second.
    await shared.selectOption("#compare", "");
    await expect.poll(() => linkOf(shared)).toBe(`/#/board?agreement=${FIRST}&asOf=${AS_OF}`);
    expect(await shared.locator("article.board-column").count()).toBe(1);
    await page.close();
    await shared.close();
  });

  it("refuses a link's unknown second agreement by name, and shows the first alone", async () => {
    const page = await dashboard!.open(`/#/board?agreement=${FIRST}&compare=no-such-deal&asOf=${AS_OF}`);
    await column(page, FIRST);
    expect(await page.locator("#compare-problem").textContent()).toBe(
      'compare: no agreement "no-such-deal"; choose one from the list to set beside the first',
    );
    expect(await page.locator("article.board-column").count()).toBe(1);
    await page.close();
  });

  it("at 390×844 stacks the two, with no horizontal overflow and every chart within its box", async () => {
    const page = await dashboard!.open("/api/health");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${dashboard!.server.url}${BOTH}`);
    const left = await column(page, FIRST);
    const right = await column(page, SECOND);
    await page.waitForTimeout(300);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const [a, b] = [(await left.boundingBox())!, (await right.boundingBox())!];
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    expect(b.x + b.width).toBeLessThanOrEqual(innerWidth);
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll(".strip > svg, .sequence svg")]
        .map((svg) => [svg.getBoundingClientRect().right, svg.parentElement!.getBoundingClientRect().right])
        .filter(([svg, box]) => svg! > box! + 0.5),
    );
    expect(overflow).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "board-compare-390.png"), fullPage: true });
    await page.close();
  });
});

describe("the status strip and obligations that can never be violated", () => {
  it("draws them with their own mark and legend entry, as many as the evaluation has, in either column", async () => {
    const evs = { [FIRST]: await evaluation(FIRST), [SECOND]: await evaluation(SECOND) };
    expect(neverViolable(evs[SECOND]).length).toBeGreaterThan(0);
    const page = await dashboard!.open(`/#/board?agreement=${SECOND}&compare=${FIRST}&asOf=${AS_OF}`);
    await column(page, SECOND);
    await column(page, FIRST);
    for (const [agreement, strip] of [
      [SECOND, "#status-strip"],
      [FIRST, "#status-strip-beside"],
    ] as const) {
      const expected = neverViolable(evs[agreement]).sort();
      expect(await markedRows(page, strip), agreement).toEqual(expected);
      // Drawn outlined, never in the green of "active"; the segments are the active ones.
      const marks = page.locator(`${strip} rect[data-mark="never_violated"]`);
      for (const r of await marks.all()) {
        expect(await r.getAttribute("data-status")).toBe("active");
        expect(await r.getAttribute("fill")).toBe("#fff");
        expect(await r.getAttribute("stroke-dasharray")).toBe("3 2");
      }
      const active = page.locator(`${strip} rect[data-mark="active"]`);
      for (const r of await active.all()) expect(await r.getAttribute("fill")).not.toBe("#fff");
      // Each of them is marked in the list too.
      const legend = page.locator(`${strip} li[data-mark="never_violated"]`);
      expect(await legend.count(), agreement).toBe(expected.length ? 1 : 0);
      if (expected.length) {
        expect(await legend.textContent()).toBe("owed, no deadline: can never be violated");
        expect(await legend.locator(".swatch-never-violated").count()).toBe(1);
      }
    }
    for (const id of neverViolable(evs[SECOND]))
      expect(
        await page.locator(`#status-strip g[data-obligation="${id}"] title`).first().textContent(),
      ).toContain(id);
    await page
      .locator("#status-strip")
      .screenshot({ path: join(ARTIFACTS, "board-strip-never-violated.png") });
    await page.close();
  });
});
