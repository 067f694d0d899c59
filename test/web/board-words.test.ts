import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../src/engine/index.js";
import { byYear } from "../../web/src/board/evidence-years.js";
import { startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

const AS_OF = "2022-10-28";

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${dashboard!.server.url}${path}`);
  expect(r.status).toBe(200);
  return (await r.json()) as T;
}

/** The board of `agreement` as of AS_OF, loaded, every fold opened. */
async function board(page: Page, agreement: string): Promise<string> {
  await page.goto(`${dashboard!.server.url}/#/board?agreement=${agreement}&asOf=${AS_OF}`);
  await page.waitForSelector(`section[data-as-of="${AS_OF}"] #summary`);
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  return (await page.locator("section[data-as-of]").textContent()) ?? "";
}

/** What JSON looks like inside a sentence: an array or object of strings, a key. */
const JSON_FRAGMENT = /\[\s*"|"\s*\]|\{\s*"|"\s*:|\[\s*\]|\{\s*\}/;

describe("the agreement board, in words", () => {
  it("says its one-line answer first: moratorium-2018 as of 2022-10-28", async () => {
    const page = await dashboard!.open(`/#/board?agreement=moratorium-2018&asOf=${AS_OF}`);
    const summary = page.locator(`section[data-as-of="${AS_OF}"] #summary`);
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      "First breach: PRK no-icbm-launches (violated) on 2022-03-16",
    );
    const answer = (await summary.boundingBox())!;
    const strip = (await page.locator("h3", { hasText: "Status over time" }).boundingBox())!;
    expect(answer.y).toBeLessThan(strip.y);
    await page.close();
  });

  it("shows no raw JSON and no '(due)' on the board of any agreement", async () => {
    const { agreements } = await api<{ agreements: { id: string }[] }>("/api/agreements");
    expect(agreements.length).toBeGreaterThan(3);
    const page = await dashboard!.open("/#board");
    for (const { id } of agreements) {
      const text = await board(page, id);
      expect(text.match(JSON_FRAGMENT)?.[0], id).toBeUndefined();
      expect(text, id).not.toContain("(due)");
    }
    await page.close();
  });

  it("marks a step to perform without a deadline as one that can never be violated, not as a green 'active'", async () => {
    const ev = await api<Evaluation>(`/api/agreements/singapore-2018/evaluation?asOf=${AS_OF}`);
    const open = ev.obligations.filter(
      (o) => o.kind === "perform" && o.due === null && o.status === "active",
    );
    expect(open.length).toBeGreaterThan(0);
    const page = await dashboard!.open("/#board");
    await board(page, "singapore-2018");
    for (const o of open) {
      const cell = page.locator(`tr[data-obligation="${o.id}"] .status-cell`);
      expect(await cell.locator("[data-open-ended]").textContent()).toContain("can never be violated");
      expect(await cell.locator(".status-active").count()).toBe(0);
      expect(await page.locator(`tr[data-obligation="${o.id}"] td`).nth(2).textContent()).toBe("no deadline");
    }
    await page.close();
  });

  it("folds the evidence by year, each fold with its count", async () => {
    const { agreements } = await api<{ agreements: { id: string }[] }>("/api/agreements");
    let most: { agreement: string; id: string; dates: string[] } = { agreement: "", id: "", dates: [] };
    for (const { id } of agreements) {
      const ev = await api<Evaluation>(`/api/agreements/${id}/evaluation?asOf=${AS_OF}`);
      for (const o of ev.obligations)
        if (o.evidence.length > most.dates.length)
          most = { agreement: id, id: o.id, dates: o.evidence.map((e) => e.date) };
    }
    expect(most.dates.length).toBeGreaterThan(20);
    const page = await dashboard!.open("/#board");
    await page.goto(`${dashboard!.server.url}/#/board?agreement=${most.agreement}&asOf=${AS_OF}`);
    await page.waitForSelector(`section[data-as-of="${AS_OF}"] #summary`);
    const cell = page.locator(`tr[data-obligation="${most.id}"] .evidence`);
    const outer = (await cell.locator(":scope > details > summary").textContent()) ?? "";
    expect(outer).toMatch(new RegExp(`^${most.dates.length} events, \\d{4} to \\d{4}$`));
    const years = [...new Set(most.dates.map((d) => d.slice(0, 4)))];
    const folds = cell.locator("details.evidence-year");
    expect(await folds.count()).toBe(years.length);
    for (const [i, year] of years.entries()) {
      const n = most.dates.filter((d) => d.startsWith(year)).length;
      expect(await folds.nth(i).locator(":scope > summary").textContent()).toBe(
        `${year}: ${n} event${n === 1 ? "" : "s"}`,
      );
    }
    await page.close();
  });

  it("groups evidence by year in date order", () => {
    const e = (id: string, date: string) =>
      ({ id, date }) as Evaluation["obligations"][number]["evidence"][number];
    expect(byYear([e("a", "2017-01-02"), e("b", "2017-05-01"), e("c", "2019-01-01")])).toEqual([
      { year: "2017", events: [e("a", "2017-01-02"), e("b", "2017-05-01")] },
      { year: "2019", events: [e("c", "2019-01-01")] },
    ]);
  });
});
