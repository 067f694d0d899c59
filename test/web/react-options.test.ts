import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReactResult, RegressResult } from "../../web/src/api.js";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

const CAUSE = "actor=USA type=military_exercise status=held";
const EFFECT = "actor=PRK type=missile_launch";
const RUN = ".react-form button[type=submit]";

async function api<T>(path: string, query: URLSearchParams | Record<string, string>): Promise<T> {
  const response = await fetch(`${dashboard!.server.url}${path}?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The numbers as the view writes them. */
const fixed = (x: number | null) => (x === null ? "—" : x.toFixed(2));
const pText = (p: number | null) => (p === null ? "—" : p < 0.001 ? p.toExponential(1) : p.toFixed(3));
const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? "";

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
    // Chromium's own request for /favicon.ico on the JSON page the tab starts on is not the view's doing.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) errors.push(m.text());
  });
  await page.goto(`${dashboard!.server.url}${path}`);
  return { page, errors };
}

/** The analyses' requests the page makes from now on. */
function requests(page: Page, path: string): URL[] {
  const sent: URL[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === path) sent.push(url);
  });
  return sent;
}

/** The count model's term for the cause, as GET /api/analysis/regress gives it. */
function causeTerm(report: RegressResult) {
  const term = report.model.terms.find((t) => t.name === report.x[0]!.column);
  expect(term).toBeDefined();
  return term!;
}

/** The count model's line says what the API says of the cause's column. */
async function expectCountModel(page: Page, query: Record<string, string>) {
  const term = causeTerm(await api<RegressResult>("/api/analysis/regress", query));
  await page.locator('#react-count-model[data-state="done"]').waitFor();
  expect(await text(page, "#react-count-model .cm-ratio")).toBe(fixed(term.rateRatio));
  expect(await text(page, "#react-count-model .cm-interval")).toBe(
    `[${fixed(term.rateRatioInterval[0])}, ${fixed(term.rateRatioInterval[1])}]`,
  );
  expect(await text(page, "#react-count-model .cm-p")).toBe(pText(term.p));
  return term;
}

/** A link with the new options: what was known on 2019-06-30, every rotation once, each cause left out in turn. */
const KNOWN = new URLSearchParams({
  cause: CAUSE,
  effect: EFFECT,
  window: "0..14",
  knownAt: "2019-06-30",
  exact: "true",
  leaveOneOut: "true",
});

describe("action–reaction: the analysis options in Chromium", () => {
  it("the new controls change the query sent to the API and the link", async () => {
    const { page, errors } = await openLink("/#react");
    await page.waitForSelector('section[data-loading="false"] #react-result');
    expect(await page.getAttribute("#react-null", "data-null")).toBe("sampled");
    expect(await text(page, "#react-null")).toContain("2000 circular shifts");
    expect(await page.isDisabled("#react-jitter")).toBe(true);
    const react = requests(page, "/api/analysis/react");
    const regress = requests(page, "/api/analysis/regress");

    await page.fill("#react-known-at", "2019-06-30");
    await page.check("#react-exact");
    await page.check("#react-leave-one-out");
    expect(await page.isDisabled("#react-permutations")).toBe(true);
    await page.click(RUN);
    await page.locator("#react-leave-one-out-result").waitFor();
    await page.locator('#react-null[data-null="exact"]').waitFor();
    expect(react).toHaveLength(1);
    expect(Object.fromEntries(react[0]!.searchParams)).toEqual(Object.fromEntries(KNOWN));
    expect(Object.fromEntries(regress[0]!.searchParams)).toEqual({
      y: EFFECT,
      x: CAUSE,
      window: "0..14",
      to: "2019-06-30",
      fe: "month",
      robust: "true",
    });
    await page.waitForFunction((h) => window.location.hash === h, `#/react?${react[0]!.searchParams}`);

    // Jitter goes with seasonal: enabled by it, and sent with it.
    await page.check("#react-seasonal");
    expect(await page.isEnabled("#react-jitter")).toBe(true);
    await page.fill("#react-jitter", "3");
    await page.click(RUN);
    await page.locator('section[data-loading="false"] #react-null[data-null="seasonal-jitter"]').waitFor();
    const seasonal = react[1]!.searchParams;
    expect(seasonal.get("seasonal")).toBe("true");
    expect(seasonal.get("jitter")).toBe("3");
    const answer = await api<ReactResult>("/api/analysis/react", seasonal);
    expect(answer.windowTest.null).toBe("seasonal-jitter");
    expect(await page.getAttribute("#react-null", "data-alignments")).toBe(
      String(answer.windowTest.alignments),
    );
    expect(await text(page, "#react-null")).toContain(
      `up to 3 days either way, ${answer.windowTest.alignments} alignments`,
    );
    expect(page.url()).toContain("seasonal=true&jitter=3");

    // Unticked, seasonal takes the jitter with it; unticked, exact gives back the drawn permutations.
    await page.uncheck("#react-seasonal");
    await page.uncheck("#react-exact");
    expect(await page.isDisabled("#react-jitter")).toBe(true);
    await page.fill("#react-permutations", "300");
    await page.click(RUN);
    await page.locator('section[data-loading="false"] #react-null[data-null="sampled"]').waitFor();
    expect(react[2]!.searchParams.has("jitter")).toBe(false);
    expect(react[2]!.searchParams.get("permutations")).toBe("300");
    expect(await text(page, "#react-null")).toContain("300 circular shifts");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a link with knownAt, exact and leaveOneOut opens with them set, and shows the null used and the leave-one-out line", async () => {
    const expected = await api<ReactResult>("/api/analysis/react", KNOWN);
    // The options matter: without them the range, the null and the answer are others.
    const plain = new URLSearchParams(KNOWN);
    for (const key of ["knownAt", "exact", "leaveOneOut"]) plain.delete(key);
    const without = await api<ReactResult>("/api/analysis/react", plain);
    expect(without.to).not.toBe("2019-06-30");
    expect(without.windowTest.null).toBe("sampled");
    expect(without.leaveOneOut).toBeUndefined();
    expect(expected.to).toBe("2019-06-30");
    expect(expected.windowTest.null).toBe("exact");

    const { page, errors } = await openLink(`/#/react?${KNOWN}`);
    await page.waitForSelector('section[data-loading="false"] #react-leave-one-out-result');
    expect(await page.inputValue("#react-known-at")).toBe("2019-06-30");
    expect(await page.isChecked("#react-exact")).toBe(true);
    expect(await page.isChecked("#react-leave-one-out")).toBe(true);
    expect(await page.isChecked("#react-seasonal")).toBe(false);
    expect(await text(page, "#react-known-at-line")).toContain("As known on 2019-06-30");
    expect(await text(page, "#react-method")).toContain(`(${expected.from} to 2019-06-30)`);
    expect(await page.locator('tr[data-window="window"] td').first().textContent()).toBe(
      String(expected.windowTest.window.days),
    );

    const wt = expected.windowTest;
    expect(await page.getAttribute("#react-null", "data-null")).toBe("exact");
    expect(await text(page, "#react-null")).toContain(
      `every circular shift once, ${wt.alignments} alignments`,
    );

    const loo = expected.leaveOneOut!;
    const most = loo.mostInfluential!;
    const ratios = loo.withoutEach.map((c) => c.rateRatio).filter((r): r is number => r !== null);
    expect(ratios.length).toBeGreaterThan(1);
    const line = "#react-leave-one-out-result";
    expect(await text(page, line)).toContain(`without each of the ${loo.withoutEach.length} causes`);
    expect(await text(page, `${line} .loo-range`)).toBe(
      `${fixed(Math.min(...ratios))} to ${fixed(Math.max(...ratios))}`,
    );
    expect(await text(page, `${line} .loo-all`)).toBe(fixed(wt.window.rateRatio));
    expect(await page.getAttribute(`${line} .loo-cause`, "data-start")).toBe(most.start);
    expect(await text(page, `${line} .loo-ratio`)).toBe(fixed(most.rateRatio));
    expect(await text(page, `${line} .loo-p`)).toBe(pText(most.pOneSided));

    // The count model beside it is the same question as known on that day.
    await expectCountModel(page, {
      y: EFFECT,
      x: CAUSE,
      window: "0..14",
      to: "2019-06-30",
      fe: "month",
      robust: "true",
    });
    expect(page.url()).toContain(`#/react?${KNOWN}`);
    await page.screenshot({ path: join(ARTIFACTS, "react-known-at.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the count model's rate ratio, interval and p are the API's for the same parameters; a model it cannot fit shows its message", async () => {
    const { page } = await openLink(
      `/#/react?${new URLSearchParams({ cause: CAUSE, effect: EFFECT, window: "0..7", unit: "days" })}`,
    );
    const term = await expectCountModel(page, {
      y: EFFECT,
      x: CAUSE,
      window: "0..7",
      unit: "days",
      fe: "month",
      robust: "true",
    });
    expect(term.rateRatio).not.toBeNull();

    // No nuclear test falls on the day an exercise starts: the window test answers (0 observed), the model is a 422.
    const refused = {
      y: "actor=PRK type=nuclear_test",
      x: CAUSE,
      window: "0..0",
      fe: "month",
      robust: "true",
    };
    const response = await fetch(
      `${dashboard!.server.url}/api/analysis/regress?${new URLSearchParams(refused)}`,
    );
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: string };
    await page.fill("#react-effect", refused.y);
    await page.fill("#react-window", "0..0");
    await page.selectOption("#react-unit", "count");
    await page.click(RUN);
    await page.locator('#react-count-model[data-state="refused"]').waitFor();
    await page.waitForSelector('section[data-loading="false"] tr[data-window="window"]');
    expect(await text(page, 'tr[data-window="window"] .observed')).toBe("0");
    expect(await text(page, "#react-count-model")).toContain(`not estimated: ${error}`);
    await page.close();
  });

  it("at 390 px the view, with every line of the options, fits the screen's width", async () => {
    const link = new URLSearchParams(KNOWN);
    link.delete("exact");
    link.set("seasonal", "true");
    link.set("jitter", "3");
    const { page, errors } = await openLink(`/#/react?${link}`, 390);
    await page.waitForSelector('section[data-loading="false"] #react-leave-one-out-result');
    await page.locator('#react-count-model[data-state="done"]').waitFor();
    await page.locator("#event-study svg").waitFor();
    expect(await page.getAttribute("#react-null", "data-null")).toBe("seasonal-jitter");
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    await page.screenshot({ path: join(ARTIFACTS, "phone-react-options.png"), fullPage: true });
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(errors).toEqual([]);
    await page.close();
  });
});
