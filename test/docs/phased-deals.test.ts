import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { format } from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- plain ES modules shared with scripts/update-phased-deals.mjs, without type declarations.
import { run } from "../../scripts/case-study-blocks.mjs";
// @ts-expect-error -- as above.
import { DEALS, readEvents, refresh } from "../../scripts/phased-deals-tables.mjs";

const file = resolve(import.meta.dirname, "../../docs/phased-deals.md");
let events: unknown[];

beforeAll(() => {
  const ledger = join(mkdtempSync(join(tmpdir(), "lockstep-phased-deals-")), "lockstep.db");
  run("lockstep demo", ledger);
  events = readEvents(ledger) as unknown[];
});

describe("docs/phased-deals.md shows what Lockstep says of each deal (npm run phased-deals refreshes it)", () => {
  it("has a table for each bundled deal, and each is what Lockstep computes", async () => {
    const doc = readFileSync(file, "utf8");
    for (const id of Object.keys(DEALS as Record<string, string[]>))
      expect(doc).toContain(`<!-- lockstep:${id} -->`);
    const fresh = await format(refresh(doc, events) as string, { filepath: file });
    expect(doc).toBe(fresh);
  });

  it("was written with the expected verdicts first, from history, for every obligation", () => {
    const doc = readFileSync(file, "utf8");
    for (const section of doc.split("\n## ").slice(1)) {
      const expected = section.indexOf("### Expected verdicts");
      const computed = section.indexOf("### What Lockstep says");
      expect(expected).toBeGreaterThan(0);
      expect(computed).toBeGreaterThan(expected);
    }
  });
});
