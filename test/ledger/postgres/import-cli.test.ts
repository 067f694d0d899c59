import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { importFile } from "../../../src/importers/index.js";
import { openStore, type LedgerStore } from "../../../src/store/index.js";
import { gdeltRows } from "../../importers/gdelt-fixture.js";
import { lockstep, repoRoot } from "../../cli/run-cli.js";
import { describePostgres, newDatabase, rowsOf } from "./postgres.js";

const dir = mkdtempSync(join(tmpdir(), "lockstep-pg-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const korea = (name: string) => join(repoRoot, "scenarios/korea", name);
// Large enough (over 4 MiB) to be prepared on a worker thread and written as a bulk import; row 7 is rejected.
const gdelt = join(dir, "gdelt.CSV");
writeFileSync(gdelt, gdeltRows(30_000, [7]));

describePostgres("lockstep import --db postgres://", (cluster) => {
  it("the same files give the same reports and the same entries as on a SQLite file", async () => {
    // One line that is not an event: rejected (and written to the report) with --skip-invalid.
    const mixed = join(dir, "mixed.jsonl");
    writeFileSync(mixed, `{"type":"summit","date":"2018-06-12"}\n` + validLines());
    const runs = [
      [korea("cns")],
      [korea("events.jsonl"), korea("summits.jsonl")],
      [korea("events.jsonl")], // every record a duplicate
      [mixed, "--skip-invalid", "--report", join(dir, "rejected.jsonl")],
      [gdelt, "--format", "gdelt", "--skip-invalid", "--report", join(dir, "rejected-gdelt.jsonl")],
    ];
    const file = join(dir, "ledger.db");
    const url = newDatabase(cluster());
    for (const args of runs) {
      const [a, b] = [
        lockstep(["import", ...args, "--db", file]),
        lockstep(["import", ...args, "--db", url]),
      ];
      expect(a.code, a.stderr).toBe(0);
      expect(b, args.join(" ")).toEqual(a);
    }
    // The reports say something: the duplicates were skipped, the bad rows rejected.
    const again = lockstep(["import", korea("events.jsonl"), "--json", "--db", url]);
    const report = JSON.parse(again.stdout) as {
      ledger: string;
      imports: { added: number; duplicates: number }[];
    };
    expect(report.ledger).toBe(url);
    expect(report.imports[0]!.added).toBe(0);
    expect(report.imports[0]!.duplicates).toBeGreaterThan(0);
    const [onFile, onServer] = [file, url].map((db) => lockstep(["verify", "--json", "--db", db]));
    const head = (r: { stdout: string }) => JSON.parse(r.stdout) as { ok: boolean; entries: number };
    expect(head(onFile!).ok).toBe(true);
    expect(head(onServer!).ok).toBe(true);
    expect(head(onServer!).entries).toBe(head(onFile!).entries);
    // The same entries, in the same order; their times (and so the links) are each import's own.
    const stores = [await openStore(file, { readonly: true }), await openStore(url, { readonly: true })];
    const [a, b] = await Promise.all(stores.map(untimedRows));
    await Promise.all(stores.map((st) => st.close()));
    expect(b).toEqual(a);
  });

  it("with the same recorded time, the same files give the same head hash on both", async () => {
    const stores = [await openStore(join(dir, "timed.db")), await openStore(newDatabase(cluster()))];
    const recordedAt = "2026-01-01T00:00:00.000Z";
    for (const st of stores)
      for (const f of [korea("cns"), korea("events.jsonl"), gdelt])
        await importFile(st, f, {
          recordedAt,
          ...(f.endsWith(".CSV") ? { format: "gdelt", skipInvalid: true } : {}),
        });
    const [a, b] = await Promise.all(stores.map((st) => st.verify({ quick: true })));
    await Promise.all(stores.map((st) => st.close()));
    expect(a!.ok).toBe(true);
    expect([b!.entries, b!.head]).toEqual([a!.entries, a!.head]);
  });

  it("an import that fails writes nothing, and an unreachable server is named without its password", () => {
    const url = newDatabase(cluster());
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, `{"type":"summit","date":"2018-06-12"}\n`);
    const r = lockstep(["import", bad, "--db", url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl/);
    expect(lockstep(["verify", "--quick", "--db", url]).stdout).toContain("chain intact, 0 entries");
    const down = lockstep(["import", bad, "--db", "postgres://ann:pw-9x@127.0.0.1:1/ledger"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /--db postgres:\/\/ann@127\.0\.0\.1:1\/ledger: cannot open the PostgreSQL ledger/,
    );
    expect(down.stderr).not.toContain("pw-9x");
  });
});

/** The entries of a ledger without their recorded times and links. */
async function untimedRows(store: LedgerStore): Promise<unknown[]> {
  const rows = JSON.parse(await rowsOf(store)) as { entries: Record<string, unknown>[] };
  return rows.entries.map(({ recorded_at: _, prev_hash: __, hash: ___, ...rest }) => rest);
}

/** A few valid JSON Lines events (from the bundled record). */
function validLines(): string {
  return (
    [
      `{"type":"summit","date":"2018-06-12","actor":"USA","target":"PRK","summary":"test summit","sources":[{"url":"https://example.org/a"}],"confidence":"confirmed"}`,
      `{"type":"summit","date":"2019-02-27","actor":"USA","target":"PRK","summary":"test summit 2","sources":[{"url":"https://example.org/b"}],"confidence":"confirmed"}`,
    ].join("\n") + "\n"
  );
}
