import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { format, resolveConfig } from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- plain ES modules shared with scripts/update-simulation-doc.mjs, without type declarations.
import { commandBlocks, run } from "../../scripts/case-study-blocks.mjs";
// @ts-expect-error -- as above.
import { comparisonTables, refresh } from "../../scripts/simulation-comparison.mjs";

const file = resolve(import.meta.dirname, "../../docs/simulation.md");
const doc = readFileSync(file, "utf8");
let ledger: string;

beforeAll(() => {
  ledger = join(mkdtempSync(join(tmpdir(), "lockstep-simulation-doc-")), "lockstep.db");
  run("lockstep demo", ledger);
});

describe("docs/simulation.md shows what Lockstep computes (npm run simulation-doc refreshes it)", () => {
  it("prints under each command what the command prints", () => {
    const blocks = commandBlocks(doc) as { command: string; output: string }[];
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) expect(run(b.command, ledger), b.command).toBe(b.output);
  });

  it("has the comparison and the sensitivity tables as scripts/simulation-comparison.mjs computes them", async () => {
    // Formatted as `prettier --write` has it, with the project's settings.
    const options = { ...(await resolveConfig(file)), filepath: file };
    const fresh = await format(refresh(doc, await comparisonTables(ledger)) as string, options);
    expect(doc).toBe(fresh);
  }, 180_000);
});
