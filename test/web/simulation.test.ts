import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulationOptions, SimulationResult } from "../../web/src/simulation/query.js";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

// The Simulation view in Chromium against a real server on the demo ledger: the request it sends is the form's, every
// number it shows is the API's for that request, a link opens with its choices, and it fits a phone's width.

let dashboard: Dashboard | undefined;
let options: SimulationOptions;

beforeAll(async () => {
  dashboard = await startDashboard();
  options = (await (await fetch(`${dashboard.server.url}/api/simulations`)).json()) as SimulationOptions;
});

afterAll(async () => {
  await dashboard?.close();
});

const RUN = ".sim-form button[type=submit]";
const READY = 'section[data-loading="false"] #sim-result';

/** The numbers as the view writes them (as `lockstep simulate` prints them). */
const pct = (x: number) => (100 * x).toFixed(1) + "%";
const interval = (i: [number, number]) => `${pct(i[0])}–${pct(i[1])}`;
const spread = (d: { p5: number; median: number; p95: number } | null) =>
  d ? `${Math.round(d.median)} (${Math.round(d.p5)}–${Math.round(d.p95)})` : "—";
const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? "";

async function api(body: unknown): Promise<SimulationResult> {
  const response = await fetch(`${dashboard!.server.url}/api/simulations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SimulationResult;
}

/** A link opened in a fresh tab, with the page's uncaught errors, console errors and failed requests. */
async function openLink(path: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await dashboard!.open("/api/health");
  await page.setViewportSize({ width, height: 900 });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) errors.push(m.text());
  });
  await page.goto(`${dashboard!.server.url}${path}`);
  return { page, errors };
}

/** The bodies of the simulations the page asks for from now on. */
function requests(page: Page): unknown[] {
  const sent: unknown[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/simulations" && r.method() === "POST")
      sent.push(JSON.parse(r.postData() ?? "null"));
  });
  return sent;
}

/** Every number the view shows is the API's answer's. */
async function expectShown(page: Page, r: SimulationResult) {
  expect(await text(page, "#sim-method")).toContain(
    `${r.runs.toLocaleString("en")} runs, seed ${r.seed}. Day 0 is ${r.effective}; a turn is ${r.tickDays} day(s), played to day ${r.horizonDays}.`,
  );
  expect(await text(page, "#sim-method")).toContain(
    `Strategies: ${r.strategies.map((s) => `${s.party} ${s.strategy}`).join(", ")}. Misperception ${r.misperception} a turn`,
  );
  for (const p of r.phases) {
    const row = `#sim-phases tr[data-phase="${p.id}"]`;
    expect(await text(page, `${row} .share`), p.id).toBe(pct(p.reached.probability));
    expect(await text(page, `${row} .interval`), p.id).toBe(interval(p.reached.interval));
    expect(await text(page, `${row} .days`), p.id).toBe(spread(p.days));
  }
  for (const s of r.steps) {
    const row = `#sim-steps tr[data-step="${s.id}"]`;
    expect(await text(page, `${row} .share`), s.id).toBe(pct(s.taken.probability));
    expect(await text(page, `${row} .interval`), s.id).toBe(interval(s.taken.interval));
  }
  const rows = page.locator("#sim-first-defection tbody tr");
  expect(await rows.count()).toBe(r.firstDefection.length + 1);
  for (const [i, f] of r.firstDefection.entries()) {
    const row = rows.nth(i);
    expect(await row.getAttribute("data-party")).toBe(f.party);
    expect(await row.getAttribute("data-cause")).toBe(f.cause);
    expect(await row.getAttribute("data-after")).toBe(f.afterStep ?? "");
    expect(await row.locator(".count").textContent()).toBe(String(f.count));
    expect(await row.locator(".share").textContent()).toBe(pct(f.probability));
    expect(await row.locator(".interval").textContent()).toBe(interval(f.interval));
    expect(await row.locator(".days").textContent()).toBe(spread(f.days));
  }
  // Carried out, and carried out with no breach: the API's numbers.
  const completed = await text(page, "#sim-completed");
  expect(completed).toContain(`${pct(r.completed.probability)} of runs (${interval(r.completed.interval)})`);
  expect(completed).toContain(`no breach by anyone: ${pct(r.completedWithoutBreach.probability)}`);
  expect(await text(page, "#sim-first-defection tr.nobody .count")).toBe(String(r.noDefection.count));
  expect(await text(page, "#sim-first-defection tr.nobody .share")).toBe(pct(r.noDefection.probability));
  for (const p of r.players) {
    const row = `#sim-players tr[data-party="${p.party}"]`;
    const first = r.firstDefector.find((f) => f.party === p.party);
    expect(await text(page, `${row} .share`)).toBe(pct(first?.probability ?? 0));
    expect(await text(page, `${row} .breaches`)).toBe(p.meanBreaches.toFixed(2));
    expect(await text(page, `${row} .payoff`)).toBe(p.meanPayoff.toFixed(2));
  }
  // The chart: a dot for each phase (or each step when there are none), labelled with the API's shares.
  const reach = r.phases.length
    ? r.phases.map((p) => [p.id, p.reached])
    : r.steps.map((s) => [s.id, s.taken]);
  const chart = page.locator("#sim-reach-chart");
  expect(await chart.getAttribute("data-rows")).toBe(String(reach.length));
  expect(await chart.getAttribute("aria-label")).toContain(
    reach
      .map(([id, share]) => `${id as string} ${pct((share as { probability: number }).probability)}`)
      .join(", "),
  );
  expect(await chart.locator("svg circle").count()).toBe(reach.length);
}

const DF = "double-freeze-2017";

describe("the Simulation view in Chromium", () => {
  it("is in the navigation; choosing strategies, runs, seed and noise sends that request and shows the API's numbers", async () => {
    const { page, errors } = await openLink("/#timeline");
    await page.click('nav a[href="#simulation"]');
    await page.waitForSelector(READY);
    // It opens on a game already played: the first agreement with phases, each player with the first strategy.
    const opened = options.agreements.find((a) => "phases" in a && a.phases > 0)!;
    expect(await page.inputValue("#sim-agreement")).toBe(opened.id);
    for (const p of opened.players)
      expect(await page.inputValue(`#sim-strategy-${p}`)).toBe(options.strategies[0]!.name);
    // The strategies offered are the API's.
    expect(await page.locator(`#sim-strategy-${opened.players[0]} option`).allTextContents()).toEqual(
      options.strategies.map((s) => s.name),
    );

    const sent = requests(page);
    await page.selectOption("#sim-agreement", DF);
    const df = options.agreements.find((a) => a.id === DF)!;
    expect(df.players).toEqual(["PRK", "USA", "KOR"]);
    await page.selectOption("#sim-strategy-PRK", "gtft");
    await page.selectOption("#sim-strategy-USA", "freeze-for-freeze");
    await page.selectOption("#sim-strategy-KOR", "grim");
    await page.fill("#sim-runs", "800");
    await page.fill("#sim-seed", "5");
    await page.fill("#sim-noise", "0.03");
    await page.click(RUN);
    await page.locator(`${READY} #sim-phases`).waitFor();
    const body = {
      agreement: DF,
      strategies: { PRK: "gtft", USA: "freeze-for-freeze", KOR: "grim" },
      runs: 800,
      seed: 5,
      noise: 0.03,
    };
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toEqual(body);
    await page.waitForFunction(
      (seed) => document.querySelector("#sim-method")?.textContent?.includes(seed),
      "seed 5",
    );
    const r = await api(body);
    expect(r.phases.length).toBeGreaterThan(0);
    expect(r.firstDefection.length).toBeGreaterThan(0);
    await expectShown(page, r);

    // The link is the request: the same members, a strategy per party as strategies.PARTY.
    const link = new URL(page.url()).hash;
    expect(link).toBe(
      `#/simulation?agreement=${DF}&strategies.PRK=gtft&strategies.USA=freeze-for-freeze&strategies.KOR=grim&runs=800&seed=5&noise=0.03`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a link opens with its choices and shows the API's answer for them; a refusal names the field", async () => {
    const body = {
      agreement: "agreed-framework-1994",
      strategies: { USA: "demand-first", PRK: "gtft:0.5" },
      runs: 600,
      seed: 3,
      noise: 0.05,
    };
    const link = new URLSearchParams({
      agreement: body.agreement,
      "strategies.USA": "demand-first",
      "strategies.PRK": "gtft:0.5",
      runs: "600",
      seed: "3",
      noise: "0.05",
    });
    const { page, errors } = await openLink(`/#/simulation?${link}`);
    await page.waitForSelector(READY);
    expect(await page.inputValue("#sim-agreement")).toBe(body.agreement);
    expect(await page.inputValue("#sim-strategy-USA")).toBe("demand-first");
    // A strategy with parameters, not in the list of names, is kept as the link gives it.
    expect(await page.inputValue("#sim-strategy-PRK")).toBe("gtft:0.5");
    expect(await page.inputValue("#sim-runs")).toBe("600");
    expect(await page.inputValue("#sim-seed")).toBe("3");
    expect(await page.inputValue("#sim-noise")).toBe("0.05");
    await expectShown(page, await api(body));
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "simulation.png"), fullPage: true });
    await page.close();

    // A link asking more runs than the server allows (the form's input would not take it): the API's message, and
    // the field it names marked.
    const game = options.agreements.find((a) => a.id === body.agreement)!;
    const most = "maxRuns" in game ? game.maxRuns : NaN;
    link.set("runs", String(most + 1));
    const refused = await openLink(`/#/simulation?${link}`);
    await refused.page.locator('#sim-runs[aria-invalid="true"]').waitFor();
    expect(await text(refused.page, '[role="alert"]')).toContain(`at most ${most.toLocaleString("en")} runs`);
    expect(await refused.page.getAttribute("#sim-runs", "max")).toBe(String(most));
    expect(await refused.page.locator("#sim-result").count()).toBe(0);
    // The refusal is the only thing that went wrong (Chromium logs the 400 to the console too).
    expect(refused.errors).toContain(`400 ${dashboard!.server.url}/api/simulations`);
    expect(refused.errors.filter((e) => !/400/.test(e))).toEqual([]);
    await refused.page.close();
  });

  it("at 390 px the view, its tables and its chart fit the screen's width", async () => {
    const link = new URLSearchParams({
      agreement: DF,
      "strategies.PRK": "freeze-for-freeze",
      "strategies.USA": "grit",
      "strategies.KOR": "reciprocal",
      runs: "500",
      noise: "0.02",
    });
    const { page, errors } = await openLink(`/#/simulation?${link}`, 390);
    await page.waitForSelector(`${READY} #sim-reach-chart svg`);
    await page.waitForTimeout(300);
    const { scrollWidth, innerWidth, svg, box } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      svg: document.querySelector("#sim-reach-chart svg")!.getBoundingClientRect().width,
      box: document.querySelector("#sim-reach-chart")!.clientWidth,
    }));
    await page.screenshot({ path: join(ARTIFACTS, "phone-simulation.png"), fullPage: true });
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(svg).toBeLessThanOrEqual(box);
    const nav = page.locator('nav[aria-label="Views"] a[href="#simulation"]');
    const navBox = (await nav.boundingBox())!;
    expect(navBox.x + navBox.width).toBeLessThanOrEqual(innerWidth);
    expect(errors).toEqual([]);
    await page.close();
  });
});
