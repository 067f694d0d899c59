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

interface Asked {
  /** GET /api/events, each as its query parameters, in the order asked. */
  events: URLSearchParams[];
  facets: number;
}

/** A fresh tab at `path`, with every request it makes for events recorded from its first. */
async function openRecording(path: string): Promise<{ page: Page; asked: Asked }> {
  const page = await dashboard!.open("/api/health");
  const asked: Asked = { events: [], facets: 0 };
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/events" && r.method() === "GET") asked.events.push(url.searchParams);
    if (url.pathname === "/api/events/facets") asked.facets++;
  });
  await page.goto(`${dashboard!.server.url}${path}`);
  return { page, asked };
}

const api = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${dashboard!.server.url}${path}`)).json()) as T;

/** Waits for the next GET /api/events whose parameters pass `test`. */
const nextEventsRequest = (page: Page, test: (q: URLSearchParams) => boolean) =>
  page.waitForRequest((r) => {
    const url = new URL(r.url());
    return url.pathname === "/api/events" && test(url.searchParams);
  });

/** No page asks for more than the API's 1,000, and every one says how many it wants. */
function expectPaged(asked: URLSearchParams[]) {
  for (const q of asked) {
    expect(q.get("limit"), q.toString()).toMatch(/^\d+$/);
    expect(Number(q.get("limit")), q.toString()).toBeLessThanOrEqual(1000);
  }
}

describe("the dashboard asks for the range it draws", () => {
  it("timeline: every request for events names a range (from and to), and none asks for more than 1,000", async () => {
    const { page, asked } = await openRecording("/#timeline");
    await page.waitForSelector("#timeline-list li");
    const [from0, to0] = [await page.inputValue("#timeline-from"), await page.inputValue("#timeline-to")];
    expect(asked.events.some((q) => q.get("from") === from0 && q.get("to") === to0)).toBe(true);
    // The type select and "Whole record" come from the facets, not from reading every event.
    expect(asked.facets).toBeGreaterThan(0);
    const facets = await api<{ types: { type: string }[] }>("/api/events/facets");
    const options = await page
      .locator("#timeline-type option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options).toEqual(facets.types.map((t) => t.type));

    // Six quick zoom steps ask once the range has settled, not six times.
    const before = asked.events.length;
    await page.focus("#timeline-chart");
    for (let i = 0; i < 6; i++) await page.keyboard.press("+");
    const [from1, to1] = [await page.inputValue("#timeline-from"), await page.inputValue("#timeline-to")];
    await page.locator("h3", { hasText: `from ${from1} to ${to1}` }).waitFor();
    expect(asked.events.length - before).toBeGreaterThan(0);
    expect(asked.events.length - before).toBeLessThan(6);
    expect(asked.events.at(-1)!.get("from")).toBe(from1);
    expect(asked.events.at(-1)!.get("to")).toBe(to1);

    // A type, the wheel, a drag and the whole record: each a range asked for.
    const typed = nextEventsRequest(page, (q) => q.get("type") === "missile_launch");
    await page.selectOption("#timeline-type", "missile_launch");
    await typed;
    // The box that holds the chart (the chart itself is drawn anew as data arrive, and may be gone a moment).
    const box = (await page.locator("#timeline-chart").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    await page.mouse.wheel(0, 400);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + 60, { steps: 5 });
    await page.mouse.up();
    await page.click("#timeline-reset");
    const [from2, to2] = [await page.inputValue("#timeline-from"), await page.inputValue("#timeline-to")];
    await page.locator("h3", { hasText: `from ${from2} to ${to2}` }).waitFor();

    expect(asked.events.length).toBeGreaterThan(0);
    const unranged = asked.events.filter((q) => !q.get("from") || !q.get("to")).map(String);
    expect(unranged).toEqual([]);
    expectPaged(asked.events);
    // Each range of the demo ledger fits in one page: one request a range, none for pages past it.
    expect(asked.events.every((q) => q.get("offset") === "0")).toBe(true);
    await page.close();
  });

  it("ledger: the search, the type, the order and 'Show more' are requests to the server, 100 rows at a time", async () => {
    const { page, asked } = await openRecording("/#ledger");
    await page.waitForSelector("table.ledger tbody tr");
    const facets = await api<{ events: number }>("/api/events/facets");
    await page.locator("#ledger-count", { hasText: `${facets.events} of ${facets.events} events` }).waitFor();
    expect(await page.locator("table.ledger tbody tr").count()).toBe(100);
    expect(asked.events.map(String)).toEqual(["sort=date&limit=100&offset=0"]);

    const searched = nextEventsRequest(page, (q) => q.get("q") === "ICBM 2022");
    await page.locator("#ledger-search").pressSequentially("ICBM 2022");
    await searched;
    const { total } = await api<{ total: number }>("/api/events?q=ICBM%202022&limit=0");
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(facets.events);
    await page.locator("#ledger-count", { hasText: `${total} of ${facets.events} events` }).waitFor();
    // Typing is sent when it rests, not a request per key.
    const searches = asked.events.filter((q) => q.has("q")).map((q) => q.get("q"));
    expect(searches.length).toBeLessThan("ICBM 2022".length);
    expect(searches.at(-1)).toBe("ICBM 2022");

    const filtered = nextEventsRequest(page, (q) => q.get("type") === "missile_launch" && q.has("q"));
    await page.selectOption("#ledger-type", "missile_launch");
    await filtered;
    const sorted = nextEventsRequest(page, (q) => q.get("sort") === "-date");
    await page.click('th[data-sort="date"] button');
    await sorted;
    await page.waitForSelector('th[data-sort="date"][aria-sort="descending"]');
    const dates = await page
      .locator("table.ledger tbody tr td:first-child time")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime") ?? ""));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates).toEqual([...dates].sort().reverse());
    await page.screenshot({ path: join(ARTIFACTS, "ledger-server-search.png"), fullPage: true });

    // Back to everything: 'Show 100 more' asks for the next hundred.
    await page.fill("#ledger-search", "");
    await page.selectOption("#ledger-type", "");
    const more = page.locator("button", { hasText: "Show 100 more" });
    await more.waitFor();
    const next = nextEventsRequest(page, (q) => q.get("offset") === "100" && q.get("limit") === "100");
    await more.click();
    await next;
    await page.waitForFunction(() => document.querySelectorAll("table.ledger tbody tr").length === 200);
    expectPaged(asked.events);
    await page.close();
  });
});
