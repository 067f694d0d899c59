import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";

const WEB = join(repoRoot, "web", "src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** Every `import … from "…"` and `export … from "…"`, with what it names (multi-line lists included). */
const FROM = /^(import|export)\s+([^;]*?)\s+from\s+["']([^"']+)["']/gms;

describe("the dashboard's imports", () => {
  it("takes only types from src/ (`import type`, `export type`): no engine code is bundled into the web", () => {
    const fromSrc: string[] = [];
    const untyped: string[] = [];
    for (const file of sources(WEB)) {
      // A bare or dynamic import of src/ would bundle it whatever it names.
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bimport\s*\(?\s*["'](\.\.\/)+src\/[^"']*["']/g))
        untyped.push(`${relative(repoRoot, file)}: ${m[0]}`);
      for (const m of text.matchAll(FROM)) {
        const [, , names, spec] = m;
        if (!/^(\.\.\/)+src\//.test(spec!)) continue;
        const where = `${relative(repoRoot, file)}: ${m[0].replace(/\s+/g, " ")}`;
        fromSrc.push(where);
        if (!names!.startsWith("type ")) untyped.push(where);
      }
    }
    expect(untyped).toEqual([]);
    // The evaluation's types do come from the engine.
    expect(fromSrc.some((w) => w.includes("src/engine/result.js"))).toBe(true);
  });
});
