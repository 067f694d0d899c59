import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

/**
 * A link opened in a fresh tab (a full load, as when a colleague pastes it). `errors` collects the page's uncaught
 * errors, console errors and failed requests (a 404 for an unknown agreement would be one).
 */
async function openLink(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await dashboard!.open("/api/health");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    // The dashboard has no icon: Chromium's own request for /favicon.ico is not the page's doing.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico"))
      errors.push(`${m.text()} ${m.location().url}`);
  });
  await page.goto(`${dashboard!.server.url}${path}`);
  return { page, errors };
}

/** Following a link inside the open tab: a hashchange, not a new load. */
const follow = (page: Page, hash: string) =>
  page.evaluate((h) => {
    window.location.hash = h;
  }, hash);

const waitForHash = (page: Page, hash: string) =>
  page
    .waitForFunction((h) => window.location.hash === h, hash)
    .catch(async (err: Error) => {
      throw new Error(
        `location.hash is ${await page.evaluate(() => window.location.hash)}, not ${hash}: ${err.message}`,
      );
    });

const statusOf = (page: Page, obligation: string) =>
  page
    .locator(`tr[data-obligation="${obligation}"] .status-cell > [data-status]`)
    .getAttribute("data-status");

describe("dashboard links in Chromium", () => {
  it("board: a link opens moratorium-2018 as of 2022-04-01 (no-icbm-launches violated); following one to 2022-01-01 shows it active", async () => {
    const { page, errors } = await openLink("/#/board?agreement=moratorium-2018&asOf=2022-04-01");
    await page.waitForSelector('section[data-as-of="2022-04-01"]');
    expect(await page.inputValue("#agreement")).toBe("moratorium-2018");
    expect(await page.inputValue("#as-of")).toBe("2022-04-01");
    const row = page.locator('tr[data-obligation="no-icbm-launches"]');
    expect(await statusOf(page, "no-icbm-launches")).toBe("violated");
    expect((await row.locator("td").nth(1).textContent())?.trim()).toBe("2022-03-16");
    expect(await row.locator(".evidence").textContent()).toContain("2022-03-24");
    await page.screenshot({ path: join(ARTIFACTS, "board-link-moratorium-2022-04-01.png"), fullPage: true });

    await follow(page, "#/board?agreement=moratorium-2018&asOf=2022-01-01");
    await page.waitForSelector('section[data-as-of="2022-01-01"]');
    expect(await page.inputValue("#as-of")).toBe("2022-01-01");
    expect(await statusOf(page, "no-icbm-launches")).toBe("active");
    expect(await row.locator(".evidence").textContent()).toContain("none");

    // Another agreement from a link, in the old form of the hash (no slash) too.
    await follow(page, "#board?agreement=singapore-2018&asOf=2019-01-01");
    await page.waitForSelector('section[data-as-of="2019-01-01"]');
    expect(await page.inputValue("#agreement")).toBe("singapore-2018");
    expect(await statusOf(page, "remains-repatriation")).toBe("fulfilled");
    expect(await page.locator('tr[data-obligation="no-icbm-launches"]').count()).toBe(0);
    await waitForHash(page, "#/board?agreement=singapore-2018&asOf=2019-01-01");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("board: the picker, the date input and the slider put agreement and asOf in the address, without new history entries", async () => {
    const { page, errors } = await openLink("/#/board");
    await page.waitForSelector('tr[data-obligation="no-icbm-launches"]');
    const today = (await page.getAttribute("#as-of", "max"))!;
    await waitForHash(page, `#/board?agreement=moratorium-2018&asOf=${today}`);
    const entries = await page.evaluate(() => history.length);

    await page.selectOption("#agreement", "singapore-2018");
    await waitForHash(page, `#/board?agreement=singapore-2018&asOf=${today}`);
    await page.fill("#as-of", "2018-07-01");
    await waitForHash(page, "#/board?agreement=singapore-2018&asOf=2018-07-01");
    await page.waitForSelector('section[data-as-of="2018-07-01"]');
    expect(await statusOf(page, "remains-repatriation")).toBe("active");

    // Thirty slider steps: the address follows once the slider rests.
    await page.focus("#as-of-slider");
    for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
    await waitForHash(page, "#/board?agreement=singapore-2018&asOf=2018-07-31");
    await page.waitForSelector('section[data-as-of="2018-07-31"]');
    expect(await statusOf(page, "remains-repatriation")).toBe("fulfilled");
    expect(await page.evaluate(() => history.length)).toBe(entries);

    // Switching views still works, and Back returns to the board as it was left.
    await page.click("nav a:text('Ledger')");
    await page.waitForSelector("#chain.ok");
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#\/?ledger$/);
    await page.goBack();
    await page.waitForSelector('section[data-as-of="2018-07-31"]');
    expect(await page.inputValue("#agreement")).toBe("singapore-2018");
    expect(await statusOf(page, "remains-repatriation")).toBe("fulfilled");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("board: a link with an unknown agreement or a date that is not one falls back to moratorium-2018 as of today", async () => {
    const { page, errors } = await openLink("/#/board?agreement=no-such-agreement&asOf=2022-02-30");
    await page.waitForSelector('tr[data-obligation="no-icbm-launches"]');
    const today = (await page.getAttribute("#as-of", "max"))!;
    await page.waitForSelector(`section[data-as-of="${today}"]`);
    expect(await page.inputValue("#agreement")).toBe("moratorium-2018");
    expect(await page.inputValue("#as-of")).toBe(today);
    expect(await page.locator(".error").count()).toBe(0);
    // The address is corrected to what is shown.
    await waitForHash(page, `#/board?agreement=moratorium-2018&asOf=${today}`);

    // A known agreement keeps its place when only the date is bad; so does one after today.
    for (const asOf of ["yesterday", "2999-01-01"]) {
      await follow(page, `#/board?agreement=singapore-2018&asOf=${asOf}`);
      await waitForHash(page, `#/board?agreement=singapore-2018&asOf=${today}`);
      await page.waitForSelector('tr[data-obligation="exercise-halt"]');
      expect(await page.inputValue("#agreement")).toBe("singapore-2018");
      expect(await page.inputValue("#as-of")).toBe(today);
    }
    expect(await page.locator(".error").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("action–reaction: a link's cause, effect, window, range and permutations are run, and Run puts the new ones in the address", async () => {
    const asked = new URLSearchParams({
      cause: "actor=USA type=military_exercise status=held",
      effect: "actor=PRK type=missile_launch",
      window: "0..7",
      from: "2016-01-01",
      to: "2019-12-31",
      permutations: "500",
    });
    type Answer = {
      from: string;
      to: string;
      windowTest: { causes: number; window: { days: number; observed: number } };
    };
    const api = async (q: URLSearchParams) =>
      (await (await fetch(`${dashboard!.server.url}/api/analysis/react?${q}`)).json()) as Answer;
    const expected = await api(asked);
    // The link matters: the default form gives other numbers.
    const byDefault = await api(
      new URLSearchParams({
        cause: asked.get("cause")!,
        effect: asked.get("effect")!,
        window: "0..14",
        permutations: "2000",
      }),
    );
    expect(expected.windowTest.window.observed).not.toBe(byDefault.windowTest.window.observed);
    expect(expected.windowTest.window.days).not.toBe(byDefault.windowTest.window.days);

    const { page, errors } = await openLink(`/#/react?${asked}`);
    await page.waitForSelector('section[data-loading="false"] #react-result');
    expect(await page.inputValue("#react-cause")).toBe(asked.get("cause"));
    expect(await page.inputValue("#react-effect")).toBe(asked.get("effect"));
    expect(await page.inputValue("#react-window")).toBe("0..7");
    expect(await page.inputValue("#react-from")).toBe("2016-01-01");
    expect(await page.inputValue("#react-to")).toBe("2019-12-31");
    expect(await page.inputValue("#react-permutations")).toBe("500");
    const method = await page.locator("#react-method").textContent();
    expect(method).toContain("(2016-01-01 to 2019-12-31)");
    expect(method).toContain("500 circular shifts");
    expect(method).toContain(`${expected.windowTest.causes} causes`);
    const windowRow = page.locator('tr[data-window="window"]');
    expect(await windowRow.locator("td").first().textContent()).toBe(String(expected.windowTest.window.days));
    expect(await windowRow.locator(".observed").textContent()).toBe(
      String(expected.windowTest.window.observed),
    );
    await page.screenshot({ path: join(ARTIFACTS, "react-link.png"), fullPage: true });

    const entries = await page.evaluate(() => history.length);
    await page.fill("#react-window", "0..3");
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/react?${asked}`); // not before Run
    await page.click(".react-form button[type=submit]");
    const rerun = new URLSearchParams(asked);
    rerun.set("window", "0..3");
    await waitForHash(page, `#/react?${rerun}`);
    const shorter = (await api(rerun)).windowTest.window;
    expect(shorter.days).not.toBe(expected.windowTest.window.days);
    await page.waitForFunction(
      (days) =>
        document.querySelector('section[data-loading="false"] tr[data-window="window"] td')?.textContent ===
        days,
      String(shorter.days),
    );
    expect(await windowRow.locator(".observed").textContent()).toBe(String(shorter.observed));
    expect(await page.evaluate(() => history.length)).toBe(entries);
    expect(errors).toEqual([]);
    await page.close();
  });
});
