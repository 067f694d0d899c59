import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openLedger } from "../../../src/ledger/index.js";
import { importKoreaScenario } from "../../../src/scenario/build.js";
import { PostgresStore } from "../../../src/store/postgres/store.js";
import { lockstep } from "../../cli/run-cli.js";
import { describePostgres, newDatabase } from "./postgres.js";

const dir = mkdtempSync(join(tmpdir(), "lockstep-copy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verifyJson = (db: string) => {
  const r = lockstep(["verify", "--json", "--db", db]);
  const { ledger: _, database: __, ...report } = JSON.parse(r.stdout) as Record<string, unknown>;
  return { code: r.code, report };
};

describePostgres("lockstep copy", (cluster) => {
  it("copies the Korean record to PostgreSQL and back: the same head, and verify says the same of both files", async () => {
    const file = join(dir, "korea.db");
    const ledger = openLedger(file);
    await importKoreaScenario(ledger);
    ledger.close();
    const url = newDatabase(cluster());
    const there = lockstep(["copy", "--from", file, "--to", url, "--json"]);
    expect(there.code, there.stderr).toBe(0);
    const back = join(dir, "back.db");
    const home = lockstep(["copy", "--from", url, "--to", back]);
    expect(home.code, home.stderr).toBe(0);
    const a = JSON.parse(there.stdout) as { entries: number; head: string; ms: number };
    expect(home.stdout).toContain(`Copied ${a.entries} entries (head ${a.head})`);
    console.log(
      `lockstep copy of the Korean record (${a.entries} entries) to PostgreSQL: ${a.ms} ms; ${home.stdout.trim()}`,
    );
    const [original, copied] = [verifyJson(file), verifyJson(back)];
    expect(original.code).toBe(0);
    expect(copied).toEqual(original);
    expect(original.report.head).toBe(a.head);
    const pg = await PostgresStore.open(url, { readonly: true });
    const report = await pg.verify();
    await pg.close();
    expect({ ...report, database: undefined }).toEqual({ ...original.report, ok: true, database: undefined });

    // Into a ledger that holds something: refused, and nothing changes.
    const again = lockstep(["copy", "--from", file, "--to", url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the ledger is not empty; a copy goes only into an empty ledger/);
    const onto = lockstep(["copy", "--from", url, "--to", file]);
    expect(onto.code).toBe(1);
    expect(onto.stderr).toContain(`${file}: the ledger is not empty`);
    expect(verifyJson(file)).toEqual(original);
  });

  it("names the flag and the URL at fault, never its password, and leaves no file behind", () => {
    const secret = "s3cret-pw";
    const cases: [string[], RegExp][] = [
      [
        ["--from", `postgres://ann:${secret}@127.0.0.1:1/`, "--to", join(dir, "x.db")],
        /--from postgres:\/\/ann@127\.0\.0\.1:1\/: names no database/,
      ],
      [
        ["--from", `postgres://ann:${secret}@127.0.0.1:1/ledger`, "--to", join(dir, "y.db")],
        /postgres:\/\/ann@127\.0\.0\.1:1\/ledger: cannot open the PostgreSQL ledger/,
      ],
      [
        ["--from", join(dir, "missing.db"), "--to", `postgres://ann:${secret}@127.0.0.1:1/ledger`],
        /--from .*missing\.db: no such ledger file/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = lockstep(["copy", ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr + r.stdout).not.toContain(secret);
    }
    expect(existsSync(join(dir, "x.db"))).toBe(false);
    expect(existsSync(join(dir, "y.db"))).toBe(false);
  });

  it("refuses to read a database without a ledger", () => {
    const url = newDatabase(cluster());
    const r = lockstep(["copy", "--from", url, "--to", join(dir, "z.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no ledger in this database/);
    expect(existsSync(join(dir, "z.db"))).toBe(false);
    const none = url.replace(/\/[^/]+$/, "/no_such_db");
    const missing = lockstep(["copy", "--from", join(dir, "korea.db"), "--to", none]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `${none}: cannot open the PostgreSQL ledger: database "no_such_db" does not exist`,
    );
  });
});
