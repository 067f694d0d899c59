import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openLedger } from "../../../src/ledger/index.js";
import { importKoreaScenario } from "../../../src/scenario/build.js";
import { copyLedger, engineInfo, openStore } from "../../../src/store/index.js";
import { lockstep } from "../../cli/run-cli.js";
import { describePostgres, newDatabase } from "./postgres.js";

const dir = mkdtempSync(join(tmpdir(), "lockstep-pg-commands-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a command prints on the file and on its copy in PostgreSQL, the ledger's name made the same on both. */
function onBoth(args: string[], file: string, url: string) {
  const [a, b] = [lockstep([...args, "--db", file]), lockstep([...args, "--db", url])];
  const same = (r: typeof a, where: string) => ({
    code: r.code,
    stdout: r.stdout.replaceAll(where, "LEDGER"),
    stderr: r.stderr.replaceAll(where, "LEDGER"),
  });
  return { sqlite: same(a, file), postgres: same(b, url) };
}

describePostgres("reading commands on --db postgres://", (cluster) => {
  const file = join(dir, "korea.db");
  let url = "";
  beforeAll(async () => {
    const ledger = openLedger(file);
    await importKoreaScenario(ledger);
    ledger.close();
    url = newDatabase(cluster());
    const [from, to] = [await openStore(file, { readonly: true }), await openStore(url)];
    await copyLedger(from, to);
    await Promise.all([from.close(), to.close()]);
  });

  it("events and summary print the same on the Korean record's copy as on its file", () => {
    const commands = [
      ["events"],
      ["events", "actor=PRK", "class=ICBM,IRBM", "--format", "json"],
      ["events", "--history", "--format", "csv", "actor=KOR"],
      ["events", "--type", "missile_launch", "--from", "2022-10", "--to", "2023", "--format", "jsonl"],
      ["events", "--limit", "5"],
      ["summary"],
      ["summary", "type=missile_launch", "--unit", "count", "--json"],
    ];
    for (const args of commands) {
      const { sqlite, postgres } = onBoth(args, file, url);
      expect(sqlite.code, `${args.join(" ")}: ${sqlite.stderr}`).toBe(0);
      expect(postgres, args.join(" ")).toEqual(sqlite);
    }
    // A typo in a filter is refused the same way on both.
    const { sqlite, postgres } = onBoth(["events", "actr=PRK"], file, url);
    expect(sqlite.code).toBe(1);
    expect(postgres).toEqual(sqlite);
  });

  it("verify gives the same report on both, and LOCKSTEP_DB names the URL as --db does", () => {
    const quick = onBoth(["verify", "--quick"], file, url);
    expect(quick.sqlite.code).toBe(0);
    expect(quick.postgres).toEqual(quick.sqlite);
    // The database checks are each engine's own; every other line is the same.
    const full = onBoth(["verify"], file, url);
    const lines = (out: string) => out.split("\n").filter((l) => !l.startsWith("database intact: "));
    expect(full.postgres.code).toBe(0);
    expect(lines(full.postgres.stdout)).toEqual(lines(full.sqlite.stdout));
    expect(full.postgres.stdout).toMatch(/^database intact: /m);
    const env = lockstep(["events", "actor=PRK", "--format", "csv"], { env: { LOCKSTEP_DB: url } });
    expect(env).toEqual(lockstep(["events", "actor=PRK", "--format", "csv", "--db", url]));
  });

  it("a server that cannot be reached, or a database without a ledger: an error naming --db and the URL, never the password", () => {
    const secret = "s3cret-pw";
    const down = `postgres://ann:${secret}@127.0.0.1:1/ledger`;
    for (const args of [["events"], ["summary"], ["verify"]]) {
      const r = lockstep([...args, "--db", down]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^lockstep: --db postgres:\/\/ann@127\.0\.0\.1:1\/ledger: cannot open the PostgreSQL ledger/,
      );
      expect(r.stderr + r.stdout).not.toContain(secret);
    }
    const env = lockstep(["events"], { env: { LOCKSTEP_DB: down } });
    expect(env.stderr).toMatch(/^lockstep: LOCKSTEP_DB postgres:\/\/ann@127\.0\.0\.1:1\/ledger: cannot open/);
    const empty = newDatabase(cluster());
    const none = lockstep(["events", "--db", empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`--db ${empty}: no ledger in this database`);
  });

  it("the store names the engine and the server's version, as /api/health gives them", async () => {
    const store = await openStore(url, { readonly: true });
    const info = await engineInfo(store);
    await store.close();
    expect(info).toEqual({ name: "postgresql", version: cluster().psql("SHOW server_version").trim() });
  });
});
