import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
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

/** The ledger view with its "Add an event" form open. */
async function openEditor(): Promise<Page> {
  const page = await open("/#ledger");
  await page.waitForSelector("#chain.ok");
  await page.click("#ledger-edit summary");
  await page.waitForSelector("#add-event");
  return page;
}

async function fillLaunch(page: Page, summary: string, date = "2022-10-29") {
  await page.fill("#event-date", date);
  await page.fill("#event-actor", "PRK");
  await page.fill("#event-type", "missile_launch");
  await page.fill("#event-attributes", "class=SRBM\nmissile=KN-25");
  await page.fill("#event-summary", summary);
  await page.fill("#add-event .source-url", "https://example.org/reports/2022-10-29-launch");
  await page.fill("#add-event .source-title", "Example report of the launch");
  await page.selectOption("#event-confidence", "reported");
}

/** The events of one day with this summary, straight from the API. */
async function eventsWithSummary(page: Page, date: string, summary: string): Promise<{ id: string }[]> {
  return page.evaluate(
    async ([d, s]) => {
      const r = await fetch(`/api/events?from=${d}&to=${d}&limit=1000`);
      const body = (await r.json()) as { events: { id: string; summary?: string }[] };
      return body.events.filter((e) => e.summary === s);
    },
    [date, summary] as const,
  );
}

describe("dashboard editing in Chromium", () => {
  it("without a token: says 401 and writes nothing", async () => {
    const page = await openEditor();
    const summary = "Browser test: a launch sent without a token";
    expect(await page.inputValue("#api-token")).toBe("");
    await fillLaunch(page, summary);
    await page.click("#event-submit");
    const error = page.locator("#add-event-status .error");
    await error.waitFor();
    const text = await error.textContent();
    expect(text).toContain("401");
    expect(text).toMatch(/token/i);
    expect(await eventsWithSummary(page, "2022-10-29", summary)).toEqual([]);
    await page.locator("#ledger-edit").screenshot({ path: join(ARTIFACTS, "ledger-add-401.png") });
    await page.close();
  });

  it("shows the API's 400 issues next to the fields they name", async () => {
    const page = await openEditor();
    await page.fill("#api-token", dashboard!.tokens.editor);
    await fillLaunch(page, "Browser test: an invalid event");
    await page.fill("#event-date", "2022-13-01");
    await page.fill("#add-event .source-url", "not a url");
    await page.click("#event-submit");
    await page.locator("#add-event-status .error").waitFor();
    const dateField = page.locator(".field.invalid", { has: page.locator("#event-date") });
    expect(await dateField.locator(".field-issues").textContent()).toContain("YYYY-MM-DD");
    const urlField = page.locator(".field.invalid", { has: page.locator(".source-url") });
    expect(await urlField.locator(".field-issues").textContent()).toContain("URL");
    expect(await page.locator(".field.invalid", { has: page.locator("#event-summary") }).count()).toBe(0);
    await page.locator("#ledger-edit").screenshot({ path: join(ARTIFACTS, "ledger-add-400.png") });
    await page.close();
  });

  it("with an editor token: adds the event, says its id, and the timeline shows it", async () => {
    const page = await openEditor();
    const summary = "Browser test: SRBM launch added from the dashboard";
    await page.fill("#api-token", dashboard!.tokens.editor);
    await fillLaunch(page, summary);
    await page.click("#event-submit");
    const ok = page.locator("#add-event-status .ok");
    await ok.waitFor();
    const id = /Added (\S+)\./.exec((await ok.textContent()) ?? "")?.[1];
    expect(id).toBeTruthy();
    const stored = await eventsWithSummary(page, "2022-10-29", summary);
    expect(stored.map((e) => e.id)).toEqual([id]);
    // The token stays in this tab's sessionStorage, nowhere else.
    expect(await page.evaluate(() => sessionStorage.getItem("lockstep.token"))).toBe(
      dashboard!.tokens.editor,
    );
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(dashboard!.tokens.editor);
    // The ledger was refreshed: the new event is in the table.
    await page.fill("#ledger-search", "dashboard SRBM");
    await page.locator(`table.ledger tr[data-event="${id}"]`).waitFor();
    await page.locator("#ledger-edit").screenshot({ path: join(ARTIFACTS, "ledger-add-ok.png") });

    await page.click("nav a[href='#timeline']");
    await page.waitForSelector("#timeline-list li");
    await page.fill("#timeline-from", "2022-10-01");
    await page.fill("#timeline-to", "2022-10-31");
    const item = page.locator(`#timeline-list button[data-event="${id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain("2022-10-29 · missile launch");
    expect(await item.textContent()).toContain(summary);
    await item.click();
    const detail = page.locator("#timeline-detail");
    await detail.locator("a[href='https://example.org/reports/2022-10-29-launch']").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "timeline-added-event.png"), fullPage: true });
    await page.close();
  });

  it("imports a JSON-lines file with the token and reports what was added", async () => {
    const page = await openEditor();
    await page.fill("#api-token", dashboard!.tokens.editor);
    const event = {
      date: "2022-11-02",
      actor: "PRK",
      type: "missile_launch",
      attributes: { class: "SRBM" },
      summary: "Browser test: imported launch",
      sources: [{ url: "https://example.org/reports/2022-11-02", title: "Imported report" }],
    };
    await page.setInputFiles("#import-input", {
      name: "browser-import.jsonl",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from(JSON.stringify(event) + "\n"),
    });
    await page.selectOption("#import-format", "jsonl");
    await page.click("#import-file button[type=submit]");
    const outcome = page.locator("#import-status .ok, #import-status .error");
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain("1 added");
    expect(await eventsWithSummary(page, "2022-11-02", event.summary)).toHaveLength(1);
    await page.close();
  });

  it("action–reaction: the default inputs give a rate ratio, p-values and the event-study chart", async () => {
    const page = await open("/#react");
    expect(await page.inputValue("#react-cause")).toBe("actor=USA type=military_exercise status=held");
    expect(await page.inputValue("#react-effect")).toBe("actor=PRK type=missile_launch");
    expect(await page.inputValue("#react-permutations")).toBe("2000");
    const row = page.locator('#react-result tr[data-window="window"]');
    await row.waitFor();
    const ratio = (await row.locator(".rate-ratio strong").textContent()) ?? "";
    expect(Number(ratio)).toBeGreaterThan(0);
    for (const cell of [".p-one", ".p-two"]) {
      const p = Number((await row.locator(cell).textContent()) ?? "");
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(await page.locator('#react-result tr[data-window="pre"] .rate-ratio').count()).toBe(1);
    expect(await page.locator("#react-method").textContent()).toContain("circular-shift");
    // From and to left empty: the range is the common coverage of exercises and launches, and the page says so.
    const coverage = JSON.parse(readFileSync("scenarios/korea/coverage.json", "utf8")) as {
      series: { id: string; from: string; to: string }[];
    };
    const of = (id: string) => coverage.series.find((s) => s.id === id)!;
    const [exercises, launches] = [of("exercises"), of("dprk-launches")];
    const from = exercises.from > launches.from ? exercises.from : launches.from;
    const to = exercises.to < launches.to ? exercises.to : launches.to;
    expect(await page.locator("#react-method").textContent()).toContain(`(${from} to ${to})`);
    expect(await page.locator("#react-coverage").textContent()).toContain("clipped to the common coverage");
    expect(await page.locator("#react-method").textContent()).toContain("effect missiles (counts) over");
    // Counted in launch days instead: the page says so, and the address carries it.
    await page.selectOption("#react-unit", "days");
    await page.click(".react-form button[type=submit]");
    await page.locator("#react-method", { hasText: "effect days with an event over" }).waitFor();
    expect(page.url()).toContain("unit=days");
    expect(await page.locator("#event-study svg path").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "react-default.png"), fullPage: true });

    // A bad window is the API's 400, shown as an error.
    await page.fill("#react-window", "soon");
    await page.click(".react-form button[type=submit]");
    await page.locator("section .error", { hasText: "window" }).waitFor();
    await page.close();
  });
});
