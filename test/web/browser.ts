import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEFAULT_WEB_DIR } from "../../src/server/app.js";
import { repoRoot } from "../cli/run-cli.js";
import { demoLedger, startServer, type Running } from "../server/helpers.js";

/** Debian's `chromium` package; CI installs it (`apt-get install -y chromium`). */
export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = join(repoRoot, "test-artifacts");

/** A real server on a fresh demo ledger and a headless Chromium with a fresh profile. */
export interface Dashboard {
  server: Running;
  /** The ledger file the server reads. */
  db: string;
  tokens: { editor: string; admin: string; revoked: string };
  /** A new tab at `path`, failing on any uncaught page error while it loads. */
  open(path: string): Promise<Page>;
  /** What the browser refused under the dashboard's Content-Security-Policy, in any tab opened so far. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** `agreements`: directories of agreement files the server serves besides the bundled ones. */
export async function startDashboard(options: { agreements?: string[] } = {}): Promise<Dashboard> {
  // Fail, do not skip: a dashboard nobody tested is not a dashboard that works.
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: the browser tests need Debian's chromium package (apt-get install -y chromium)`,
    );
  if (!existsSync(join(DEFAULT_WEB_DIR, "index.html")))
    throw new Error(`${DEFAULT_WEB_DIR}/index.html is missing: run \`npm run build\` first`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const { db, tokens } = await demoLedger();
  const server = await startServer({ db, ...(options.agreements ? { agreements: options.agreements } : {}) });
  const profile = mkdtempSync(join(tmpdir(), "lockstep-chromium-"));
  let browser: BrowserContext | undefined;
  try {
    // A fresh profile (--user-data-dir, which playwright sets from this argument) for every run.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  } catch (err) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const context = browser;
  const cspViolations: string[] = [];
  return {
    server,
    db,
    tokens,
    cspViolations,
    async open(path) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
      await page.goto(`${server.url}${path}`);
      expect(errors).toEqual([]);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
      // Every file's tabs, not only the test that looks: the policy must hold wherever the dashboard goes.
      expect(cspViolations).toEqual([]);
    },
  };
}
