import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../src/engine/index.js";
import { repoRoot } from "../cli/run-cli.js";
import { ARTIFACTS, startDashboard, type Dashboard } from "./browser.js";

/** A made-up deal with what the bundled agreements lack (late, overdue, reversed, each debtor, a quantity). */
const FIXTURES = join(repoRoot, "test", "web", "fixtures");

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard({ agreements: [FIXTURES] });
  // The fixture's events, added as an editor would add them.
  const events = readFileSync(join(FIXTURES, "phased-deal-events.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
  const r = await fetch(`${dashboard.server.url}/api/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${dashboard.tokens.editor}`, "content-type": "application/json" },
    body: JSON.stringify(events),
  });
  expect(r.status).toBe(201);
});

afterAll(async () => {
  await dashboard?.close();
});

const DAY = 86_400_000;
const dayOf = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

async function evaluation(agreement: string, asOf: string): Promise<Evaluation> {
  const r = await fetch(`${dashboard!.server.url}/api/agreements/${agreement}/evaluation?asOf=${asOf}`);
  expect(r.status).toBe(200);
  return (await r.json()) as Evaluation;
}

/** The board of `agreement` as of `asOf`, loaded. */
async function board(agreement: string, asOf: string, page?: Page): Promise<Page> {
  const path = `/#/board?agreement=${agreement}&asOf=${asOf}`;
  if (page) await page.goto(`${dashboard!.server.url}${path}`);
  const p = page ?? (await dashboard!.open(path));
  await p.waitForSelector(`section[data-as-of="${asOf}"] #summary`);
  return p;
}

interface Segment {
  status: string;
  from: string;
  to: string;
  x: number;
  width: number;
  title: string;
}

/** A strip row's segments, left to right: an obligation's row, or one debtor's. */
function segments(page: Page, obligation: string, party?: string): Promise<Segment[]> {
  const row = party
    ? `#status-strip g[data-obligation="${obligation}"][data-party="${party}"]`
    : `#status-strip g[data-obligation="${obligation}"]:not([data-party])`;
  return page.locator(`${row} rect[data-status]`).evaluateAll((rects) =>
    rects.map((r) => ({
      status: r.getAttribute("data-status") ?? "",
      from: r.getAttribute("data-from") ?? "",
      to: r.getAttribute("data-to") ?? "",
      x: Number(r.getAttribute("x")),
      width: Number(r.getAttribute("width")),
      title: r.querySelector("title")?.textContent ?? "",
    })),
  );
}

const statuses = (s: Segment[]) => s.map((x) => [x.status, x.from, x.to]);

/** The row's segments tile the days from the first to the as-of date, at the pixels those days are drawn. */
function expectContiguous(s: Segment[], start: string, asOf: string) {
  expect(s[0]!.from).toBe(start);
  expect(s.at(-1)!.to).toBe(asOf);
  const left = s[0]!.x;
  const right = s.at(-1)!.x + s.at(-1)!.width;
  for (const [i, seg] of s.entries()) {
    if (i > 0) expect(seg.from).toBe(nextDay(s[i - 1]!.to));
    const at = left + ((dayOf(seg.from) - dayOf(start)) / (dayOf(asOf) + 1 - dayOf(start))) * (right - left);
    expect(Math.abs(seg.x - at)).toBeLessThan(1);
  }
}

const tableStatus = (page: Page, obligation: string) =>
  page
    .locator(`tr[data-obligation="${obligation}"] .status-cell > [data-status]`)
    .getAttribute("data-status");

describe("agreement board in Chromium", () => {
  it("unsc-resolutions as of 2022-10-28: the short answer first, the warning, a strip row per obligation cut at each transition", async () => {
    const ev = await evaluation("unsc-resolutions", "2022-10-28");
    const page = await board("unsc-resolutions", "2022-10-28");
    const summary = (await page.locator("#summary").textContent()) ?? "";
    expect(summary).toContain("First breach: PRK no-ballistic-launches");
    expect(summary).toBe(ev.summary.text);
    // The short answer comes before the chart and the table.
    expect(
      await page.evaluate(() => {
        const s = document.querySelector("#summary")!;
        const t = document.querySelector("table.obligations")!;
        return Boolean(s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);
    expect(await page.locator("#warnings").textContent()).toContain(
      "obligations.relief-for-compliance.counts",
    );

    const rows = await page
      .locator("#status-strip g[data-obligation]:not([data-party])")
      .evaluateAll((gs) => gs.map((g) => g.getAttribute("data-obligation")));
    expect(rows).toEqual(ev.obligations.map((o) => o.id));
    const all = (await Promise.all(rows.map((o) => segments(page, o!)))).flat();
    expect(all.map((s) => s.status)).toContain("violated");

    // relief-for-compliance: owed from 2019-04-21 (the restraints held a year), lapsed on 2022-03-16.
    const relief = await segments(page, "relief-for-compliance");
    expect(statuses(relief)).toEqual([
      ["dormant", "2006-10-14", "2019-04-20"],
      ["active", "2019-04-21", "2022-03-15"],
      ["discharged", "2022-03-16", "2022-10-28"],
    ]);
    expect(relief[2]!.title).toContain("discharged");
    expect(relief[2]!.title).toContain("2022-03-16 to 2022-10-28");
    expect(relief[2]!.title).toContain("lapsed");
    expect(await tableStatus(page, "relief-for-compliance")).toBe("discharged");

    // Every row: a boundary at each day of its history and nowhere else, the status after it that day's last.
    for (const o of ev.obligations) {
      const s = await segments(page, o.id);
      expectContiguous(s, "2006-10-14", "2022-10-28");
      const days = [...new Set(o.history.map((h) => h.date))].filter((d) => d > "2006-10-14");
      expect(s.slice(1).map((x) => x.from)).toEqual(days);
      for (const seg of s.slice(1))
        expect(seg.status).toBe(o.history.filter((h) => h.date === seg.from).at(-1)!.to);
      expect(s.at(-1)!.status).toBe(o.status);
    }
    // The ICBM launch of 2022-03-16 breaks the restraint; its evidence date is in the hover text.
    const icbm = await segments(page, "restraint-icbm");
    expect(icbm.at(-1)).toMatchObject({ status: "violated", from: "2022-03-16" });
    expect(icbm.at(-1)!.title).toContain("evidence: 2022-03-16");
    await page.locator("#status-strip").screenshot({ path: join(ARTIFACTS, "board-strip-unsc.png") });
    await page.close();
  });

  it("unsc-resolutions: restraint-nuclear → relief-for-compliance is drawn unanswered (a dashed arrow) and told in words", async () => {
    const page = await board("unsc-resolutions", "2022-10-28");
    const link = page.locator('#sequence [data-link="restraint-nuclear->relief-for-compliance"]');
    expect(await link.getAttribute("data-answer")).toBe("unanswered");
    expect(await link.getAttribute("data-first-mover")).toBe("PRK");
    expect(await link.textContent()).toContain("PRK moved first");
    const arrow = link.locator(".answer-unanswered line[stroke-dasharray]");
    expect(await arrow.count()).toBe(1);
    // The step counted on 2019-04-21 (a year held); the arrow runs to the day the wait ended, 1060 days on.
    const step = link.locator('.step[data-step="restraint-nuclear"] circle');
    const [x1, x2] = [Number(await arrow.getAttribute("x1")), Number(await arrow.getAttribute("x2"))];
    expect(Math.abs(x1 - Number(await step.getAttribute("cx")))).toBeLessThan(0.5);
    expect(x2).toBeGreaterThan(x1);
    expect(await link.locator(".answer title").textContent()).toContain("unanswered, 1060 days waited");

    const text = page.locator('#reciprocity li[data-link="restraint-nuclear->relief-for-compliance"]');
    expect(await text.textContent()).toContain("moved first: PRK");
    expect(await text.textContent()).toContain(
      "PRK held restraint-nuclear from 2018-04-21 (a step on 2019-04-21)",
    );
    expect(await text.textContent()).toContain(
      "UNSC owed relief-for-compliance: unanswered, 1060 days waited",
    );
    expect(await page.locator('#reciprocity li[data-party="PRK"]').textContent()).toContain(
      "2 steps; 2 owed an answer: 2 unanswered",
    );
    await page.locator("#sequence").screenshot({ path: join(ARTIFACTS, "board-sequence-unsc.png") });
    await page.close();
  });

  it("double-freeze-2017: PRK moved first; the exercise freeze answered its moratorium late", async () => {
    const page = await board("double-freeze-2017", "2022-10-28");
    const link = page.locator('#sequence [data-link="dprk-test-moratorium->exercise-restraint"]');
    expect(await link.getAttribute("data-answer")).toBe("late");
    expect(await link.getAttribute("data-first-mover")).toBe("PRK");
    expect(await link.locator("text.first-mover").textContent()).toBe("PRK moved first");
    // The label sits on PRK's lane (the top one here: PRK's step is the one answered).
    const label = Number(await link.locator("text.first-mover").getAttribute("y"));
    const prk = Number(
      await link.locator('.step[data-step="dprk-test-moratorium"] circle').getAttribute("cy"),
    );
    expect(prk - label).toBeGreaterThan(0);
    expect(prk - label).toBeLessThan(20);
    const back = page.locator('#sequence [data-link="exercise-restraint->dprk-test-moratorium"]');
    expect(await back.getAttribute("data-answer")).toBe("preceded");
    expect(await back.locator("text.first-mover").textContent()).toBe("PRK moved first");
    expect(await page.locator("#reciprocity").textContent()).toContain("moved first: PRK");
    await page.locator("#sequence").screenshot({ path: join(ARTIFACTS, "board-sequence-double-freeze.png") });
    await page.close();
  });

  it("whose move reads as words: 'no deadline' rather than '(due)', and what a move waits for", async () => {
    const page = await board("singapore-2018", "2022-10-28");
    const moves = (await page.locator("#next-moves").textContent()) ?? "";
    expect(moves).toContain("must perform (no deadline)");
    expect(moves).not.toContain("(due)");
    await board("denuclearization-first", "2022-10-28", page);
    const waiting = page.locator('#next-moves li[data-state="waiting"]');
    expect(await waiting.count()).toBeGreaterThan(0);
    for (const text of await waiting.allTextContents()) {
      expect(text).toContain("waits for verified-dismantlement to be fulfilled");
      expect(text).not.toMatch(/[[\]{}"]/);
    }
    await page.close();
  });

  it("a fixture deal: late, overdue and reversed steps, each debtor's own part, a shared quantity, verification, blocked moves", async () => {
    const ev = await evaluation("test-phased-deal", "2025-06-30");
    const page = await board("test-phased-deal", "2025-06-30");
    expect(await page.locator("#summary").textContent()).toContain(
      "First breach: PRK declare-programme (overdue)",
    );

    // The table.
    expect(await tableStatus(page, "declare-programme")).toBe("fulfilled_late");
    expect(
      await page.locator('tr[data-obligation="declare-programme"] .status-cell').textContent(),
    ).toContain("15 days late");
    expect(await tableStatus(page, "liaison-office")).toBe("overdue");
    expect(await tableStatus(page, "fuel")).toBe("overdue");
    const fuel = (await page.locator('tr[data-obligation="fuel"] .status-cell').textContent()) ?? "";
    expect(fuel).toContain("48% of 950,000 t");
    expect(fuel).toContain("USA: 300,000 t of its share 475,000 t (50%)");
    expect(await tableStatus(page, "shut-reactor")).toBe("reversed");
    const reactor = page.locator('tr[data-obligation="shut-reactor"] .status-cell');
    expect(await reactor.locator("[data-verification]").getAttribute("data-verification")).toBe("verified");
    expect(await reactor.textContent()).toContain("verified on 2024-02-20");
    expect(await reactor.textContent()).toContain("undone on 2025-03-01");
    expect(await tableStatus(page, "no-drills")).toBe("violated");
    const parts = page.locator('tr[data-obligation="no-drills"] .parts li');
    expect(
      await parts.evaluateAll((lis) =>
        lis.map((li) => [
          li.getAttribute("data-party"),
          li.querySelector("[data-status]")?.getAttribute("data-status"),
        ]),
      ),
    ).toEqual([
      ["USA", "active"],
      ["KOR", "violated"],
    ]);

    // The strip: a row per obligation and, for no-drills, one per debtor.
    const start = "2024-01-01";
    expect(statuses(await segments(page, "declare-programme"))).toEqual([
      ["active", start, "2024-01-31"],
      ["overdue", "2024-02-01", "2024-02-14"],
      ["fulfilled_late", "2024-02-15", "2025-06-30"],
    ]);
    expect((await segments(page, "declare-programme"))[2]!.title).toContain("fulfilled late, 15 days late");
    expect(statuses(await segments(page, "shut-reactor"))).toEqual([
      ["active", start, "2024-02-09"],
      ["fulfilled", "2024-02-10", "2025-02-28"],
      ["reversed", "2025-03-01", "2025-06-30"],
    ]);
    expect(statuses(await segments(page, "no-drills", "KOR"))).toEqual([
      ["active", start, "2024-08-04"],
      ["violated", "2024-08-05", "2025-06-30"],
    ]);
    expect(statuses(await segments(page, "no-drills", "USA"))).toEqual([["active", start, "2025-06-30"]]);
    // The obligation's row is its worst part, as the engine rates it.
    expect(statuses(await segments(page, "no-drills"))).toEqual([
      ["active", start, "2024-08-04"],
      ["violated", "2024-08-05", "2025-06-30"],
    ]);
    for (const o of ev.obligations) expectContiguous(await segments(page, o.id), start, "2025-06-30");

    // Whose move: overdue, waiting and blocked, in words.
    const moves = page.locator("#next-moves");
    expect(
      await moves.locator('li[data-state="overdue"][data-obligation="liaison-office"]').textContent(),
    ).toContain("is overdue: was due 2024-03-31, still owed");
    expect(await moves.locator('li[data-state="waiting"]').textContent()).toContain(
      "waits for liaison-office to be fulfilled",
    );
    const blocked = (await moves.locator('li[data-state="blocked"]').textContent()) ?? "";
    expect(blocked).toContain("can no longer start: no-drills was broken on 2024-08-05");
    expect(blocked.match(/can no longer start/g)).toHaveLength(1);

    // The sequence: fuel answered the shutdown in part; the shutdown was undone.
    const link = page.locator('#sequence [data-link="shut-reactor->fuel"]');
    expect(await link.getAttribute("data-answer")).toBe("partly");
    expect(await link.locator('.step[data-step="fuel"]').getAttribute("data-kind")).toBe("partial");
    expect(await link.locator(".undone title").textContent()).toBe("undone on 2025-03-01");
    expect(await page.locator('#reciprocity li[data-link="shut-reactor->fuel"]').textContent()).toContain(
      "USA+KOR+JPN answered only in part with fuel (48%) by 2024-06-01, after 112 days",
    );
    await page.screenshot({ path: join(ARTIFACTS, "board-fixture-deal.png"), fullPage: true });
    await page.close();
  });

  it("at 390×844 the board fits the screen: no horizontal overflow, the charts drawn to their boxes", async () => {
    const page = await dashboard!.open("/api/health");
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [agreement, asOf] of [
      ["unsc-resolutions", "2022-10-28"],
      ["double-freeze-2017", "2022-10-28"],
      ["test-phased-deal", "2025-06-30"],
    ] as const) {
      await board(agreement, asOf, page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const overflow = await page.evaluate(() =>
        [...document.querySelectorAll("#status-strip > svg, #sequence svg")]
          .map((svg) => [svg.getBoundingClientRect().right, svg.parentElement!.getBoundingClientRect().right])
          .filter(([svg, box]) => svg! > box! + 0.5),
      );
      expect(overflow).toEqual([]);
      if (agreement === "unsc-resolutions")
        await page.screenshot({ path: join(ARTIFACTS, "board-unsc-390.png"), fullPage: true });
    }
    // Picked in the same board: from an agreement without links to one with them, the new charts fit too.
    await board("moratorium-2018", "2022-10-28", page);
    expect(await page.locator("#sequence svg").count()).toBe(0);
    await page.selectOption("#agreement", "unsc-resolutions");
    await page.waitForSelector('#sequence [data-link="restraint-nuclear->relief-for-compliance"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const widest = await page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll("#sequence svg")].map((s) => s.getBoundingClientRect().right),
      ),
    );
    expect(widest).toBeLessThanOrEqual(390);
    await page.close();
  });
});
