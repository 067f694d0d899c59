import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";

// The README's library example, run as a user's script would run it: `import … from "lockstep"` resolved through
// the package's exports (the built dist/, with its type declarations beside it).
describe('import { … } from "lockstep"', () => {
  it("builds the demo ledger, evaluates an agreement by id and reads a page of events", () => {
    const dir = mkdtempSync(join(tmpdir(), "lockstep-library-"));
    const script = join(repoRoot, "test/library/.example.mjs");
    writeFileSync(
      script,
      `import { openLedger, importKoreaScenario, findAgreement, evaluate, queryEvents, queryEventPage } from "lockstep";
const ledger = openLedger(${JSON.stringify(join(dir, "korea.db"))});
await importKoreaScenario(ledger);
const verdict = evaluate(findAgreement("moratorium-2018"), queryEvents(ledger), "2022-10-28");
const page = queryEventPage(ledger, { types: ["missile_launch"] }, { limit: 5, offset: 0 });
console.log(JSON.stringify({ answer: verdict.summary.text, launches: page.total }));
ledger.close();
`,
    );
    const r = spawnSync(process.execPath, [script], { cwd: repoRoot, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { answer: string; launches: number };
    expect(out.answer).toMatch(/^First breach: PRK no-icbm-launches \(violated\) on 2022-03-16/);
    expect(out.launches).toBeGreaterThan(150);
  });

  it("ships type declarations for the entry", () => {
    const r = spawnSync(process.execPath, ["-e", "require('node:fs').accessSync('dist/index.d.ts')"], {
      cwd: repoRoot,
    });
    expect(r.status).toBe(0);
  });
});
