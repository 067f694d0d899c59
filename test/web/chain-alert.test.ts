import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type Dashboard } from "./browser.js";

// A ledger changed outside Lockstep is said to be on every view, not only on the ledger's own page.
let dashboard: Dashboard | undefined;
beforeAll(async () => {
  dashboard = await startDashboard();
});
afterAll(async () => {
  await dashboard?.close();
});

describe("the chain alert", () => {
  it("is absent on an intact ledger, and on every view once an entry is changed", async () => {
    const first = await dashboard!.open("/#timeline");
    await first.waitForSelector("#timeline-list li");
    expect(await first.locator("#chain-alert").count()).toBe(0);
    await first.close();

    const raw = new Database(dashboard!.db);
    raw.exec("DROP TRIGGER entries_no_update");
    const last = raw.prepare("SELECT max(seq) FROM entries").pluck().get() as number;
    const body = raw.prepare("SELECT body FROM entries WHERE seq = ?").pluck().get(last) as string;
    raw.prepare("UPDATE entries SET body = ? WHERE seq = ?").run(body.replace('"date":"', '"date":"1'), last);
    raw.close();

    for (const view of ["timeline", "board", "ledger", "react"]) {
      const page = await dashboard!.open(`/#${view}`);
      const alert = page.locator("#chain-alert");
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(new RegExp(`broken at entry ${last} \\(ev_[0-9a-f]{20}\\)`));
      expect(await alert.textContent()).not.toMatch(/[{}]/);
      await page.close();
    }
  });
});
