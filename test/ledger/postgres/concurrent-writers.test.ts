import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it, onTestFinished } from "vitest";
import { PostgresStore } from "../../../src/store/postgres/store.js";
import { repoRoot } from "../../cli/run-cli.js";
import { items, launch } from "../helpers.js";
import { describePostgres, newDatabase } from "./postgres.js";

const PROCESSES = 4;
const IMPORTS = 5;
const SIZE = 300;

function writer(url: string, tag: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, "writer.mjs"), url, tag, String(IMPORTS), String(SIZE)],
      { cwd: repoRoot },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describePostgres("concurrent writers", (cluster) => {
  it(`${PROCESSES} writer processes and 3 pools in this one append at once: every event counted, the chain verifies`, async () => {
    // The writers run the built store, as the CLI and the server would (npm test builds it first).
    expect(
      existsSync(join(repoRoot, "dist/store/postgres/store.js")),
      "dist/ is missing: run npm run build",
    ).toBe(true);
    const url = newDatabase(cluster());
    await (await PostgresStore.open(url)).close();
    const pools = await Promise.all([0, 1, 2].map(() => PostgresStore.open(url)));
    onTestFinished(() =>
      Promise.all(pools.map((p) => p.close().catch(() => undefined))).then(() => undefined),
    );
    const local = pools.map(async (store, p) => {
      let added = 0;
      for (let b = 0; b < IMPORTS; b++) {
        const day = (i: number) =>
          new Date(Date.UTC(2010, 0, 1) + (b * SIZE + i) * 86_400_000).toISOString().slice(0, 10);
        const batch = Array.from({ length: SIZE }, (_, i) =>
          launch(day(i), { sources: [{ title: `pool ${p} report ${b} ${i}` }] }),
        );
        added += (
          await store.appendEvents(items(`pool${p}-${b}`, batch), {
            importer: "jsonl",
            file: `pool${p}-${b}`,
          })
        ).added;
      }
      return added;
    });
    const processes = Array.from({ length: PROCESSES }, (_, p) => writer(url, `process${p}`));
    const [results, inHere] = await Promise.all([Promise.all(processes), Promise.all(local)]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const added = [...results.map((r) => (JSON.parse(r.stdout) as { added: number }).added), ...inHere];
    const expected = (PROCESSES + pools.length) * IMPORTS * SIZE;
    expect(added.reduce((a, b) => a + b, 0)).toBe(expected);
    const store = pools[0]!;
    expect(await store.countEntries()).toBe(expected);
    const report = await store.verify();
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(expected);
    expect(report.imports?.records).toBe((PROCESSES + pools.length) * IMPORTS);
  });
});
