import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module shared with scripts/update-case-study.mjs, which has no type declarations.
import { commandBlocks, quotes, run, staleQuotes } from "../../scripts/case-study-blocks.mjs";

const doc = readFileSync(resolve(import.meta.dirname, "../../docs/case-study-2022-10-28.md"), "utf8");
const blocks = commandBlocks(doc) as { command: string; output: string }[];
let ledger: string;

beforeAll(() => {
  ledger = join(mkdtempSync(join(tmpdir(), "lockstep-case-study-")), "lockstep.db");
  run("lockstep demo", ledger);
});

describe("docs/case-study-2022-10-28.md shows what each command prints (npm run case-study refreshes it)", () => {
  it("has commands with their outputs", () => {
    expect(blocks.length).toBeGreaterThan(10);
    for (const b of blocks) expect(b.output).not.toBe("(output)\n");
  });

  it.each(blocks.map((b) => [b.command, b.output]))("%s", (command, output) => {
    expect(run(command, ledger)).toBe(output);
  });

  it("quotes in its prose only what an output above prints (numbers are never typed by hand)", () => {
    expect((quotes(doc) as unknown[]).length).toBeGreaterThan(0);
    const stale = (staleQuotes(doc) as { quote: string; line: number }[]).map(
      (q) => `line ${q.line}: ${q.quote}`,
    );
    expect(stale).toEqual([]);
  });
});
