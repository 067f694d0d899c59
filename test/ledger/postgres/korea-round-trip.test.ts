import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openLedger } from "../../../src/ledger/index.js";
import { importKoreaScenario } from "../../../src/scenario/build.js";
import { copyLedger } from "../../../src/store/copy.js";
import { PostgresStore } from "../../../src/store/postgres/store.js";
import { SqliteStore } from "../../../src/store/sqlite/store.js";
import { koreaMatcher, koreaQueryOptions } from "../../store/korea-filters.js";
import { describePostgres, newDatabase, rowsOf } from "./postgres.js";

describePostgres("the Korean record copied SQLite → PostgreSQL → SQLite", (cluster) => {
  let sqlite: SqliteStore;
  let pg: PostgresStore;
  let back: SqliteStore;
  const timings: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "lockstep-round-trip-"));
  beforeAll(async () => {
    const ledger = openLedger(join(dir, "korea.db"));
    await importKoreaScenario(ledger);
    await new SqliteStore(ledger).createToken("editor", new Date("2024-01-01T00:00:00Z"));
    sqlite = new SqliteStore(ledger);
    pg = await PostgresStore.open(newDatabase(cluster()));
    back = SqliteStore.open(join(dir, "back.db"));
    const there = await copyLedger(sqlite, pg);
    const home = await copyLedger(pg, back);
    timings.push(`SQLite → PostgreSQL ${there.ms} ms`, `PostgreSQL → SQLite ${home.ms} ms`);
    console.log(`Korean record (${there.entries} entries) copied: ${timings.join(", ")}`);
  });
  afterAll(async () => {
    await sqlite?.close();
    await pg?.close();
    await back?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives byte-identical rows (entries, supersessions, logs, tokens, coverage) and the same head on all three", async () => {
    const original = await rowsOf(sqlite);
    expect(original.length).toBeGreaterThan(1_000_000);
    expect(await rowsOf(pg)).toBe(original);
    expect(await rowsOf(back)).toBe(original);
    // The import log's times too (rowsOf leaves them out, for ledgers written apart).
    const imports = async (s: SqliteStore | PostgresStore) => {
      const d = await s.dump();
      const rows = await d.imports();
      await d.close();
      return rows;
    };
    expect(await imports(back)).toEqual(await imports(sqlite));
    const reports = await Promise.all([sqlite.verify(), pg.verify(), back.verify()]);
    const chain = reports.map((r) => ({ ...r, database: r.database?.ok }));
    expect(chain[0]!.ok).toBe(true);
    expect(chain[1]).toEqual(chain[0]);
    expect(chain[2]).toEqual(chain[0]);
  });

  it("refuses to copy into a ledger that is not empty", async () => {
    await expect(copyLedger(sqlite, pg)).rejects.toThrow(
      /is not empty; a copy goes only into an empty ledger/,
    );
    await expect(copyLedger(pg, back)).rejects.toThrow(/is not empty/);
  });

  it("filters pick the same events on both, for any matcher, words, order and page", async () => {
    await fc.assert(
      fc.asyncProperty(
        koreaMatcher,
        koreaQueryOptions,
        fc.nat(30),
        fc.integer({ min: 0, max: 40 }),
        async (m, o, offset, limit) => {
          expect(await pg.queryEvents(m, o)).toEqual(await sqlite.queryEvents(m, o));
          expect(await pg.countEvents(m, o)).toBe(await sqlite.countEvents(m, o));
          const [a, b] = [
            await sqlite.queryEventPage(m, { ...o, offset, limit }),
            await pg.queryEventPage(m, { ...o, offset, limit }),
          ];
          expect(b).toEqual(a);
          if (a.next) {
            const page = { ...o, offset: 0, limit, after: a.next };
            expect(await pg.queryEventPage(m, page)).toEqual(await sqlite.queryEventPage(m, page));
          }
        },
      ),
      { numRuns: 120, seed: 15 },
    );
  });

  it("counts, facets and actors are the same on both", async () => {
    for (const history of [false, true]) {
      expect(await pg.eventFacets({ history })).toEqual(await sqlite.eventFacets({ history }));
      expect(await pg.ledgerActors({ history })).toEqual(await sqlite.ledgerActors({ history }));
    }
    expect(await pg.countEntries()).toBe(await sqlite.countEntries());
    expect(await pg.countCurrentEvents()).toBe(await sqlite.countCurrentEvents());
    expect(await pg.readCoverage()).toEqual(await sqlite.readCoverage());
    expect(await pg.listTokens()).toEqual(await sqlite.listTokens());
  });
});
