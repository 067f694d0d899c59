import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { koreaCoverageFile } from "../../../src/scenario/korea.js";
import { lockstep } from "../../cli/run-cli.js";
import { copied, koreaOnBoth, onBoth } from "./korea-copy.js";
import { describePostgres, newDatabase } from "./postgres.js";

const dir = mkdtempSync(join(tmpdir(), "lockstep-pg-ledger-commands-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AS_OF = ["--as-of", "2023-06-30"];

describePostgres(
  "audit, check, explain, coverage, actors, types, token and demo on --db postgres://",
  (cluster) => {
    let file = "";
    let url = "";
    beforeAll(async () => {
      ({ file, url } = await koreaOnBoth(cluster(), dir));
    });

    it("print the same on the Korean record's copy as on its file, in text and JSON", () => {
      const commands = [
        ["audit"],
        ["audit", "--all", "--json"],
        ["check", "moratorium-2018", ...AS_OF],
        ["check", "singapore-2018", ...AS_OF, "--format", "md"],
        ["check", "military-agreement-2018", ...AS_OF, "--json"],
        // Today is past the coverage's end: the note on stderr is the same on both.
        ["check", "unsc-resolutions", "--json"],
        ["explain", "moratorium-2018", "no-icbm-launches", ...AS_OF],
        ["explain", "moratorium-2018", "no-icbm-launches", ...AS_OF, "--json"],
        ["coverage"],
        ["coverage", "--json"],
        ["actors"],
        ["actors", "--json"],
        ["types"],
        ["types", "--json"],
        ["token", "list"],
        ["token", "list", "--json"],
      ];
      for (const args of commands) {
        const { sqlite, postgres } = onBoth(args, file, url);
        expect(sqlite.code, `${args.join(" ")}: ${sqlite.stderr}`).toBeLessThanOrEqual(1);
        expect(sqlite.stdout, args.join(" ")).not.toBe("");
        expect(postgres, args.join(" ")).toEqual(sqlite);
      }
    });

    it("refuse what they refuse on the file the same way", () => {
      for (const args of [
        // A near miss is suggested from the agreement, which either engine evaluates.
        ["explain", "moratorium-2018", "no-icbm", ...AS_OF],
        ["check", "moratorium-2018", "--as-of", "2023-02-30"],
        ["token", "revoke", "tok_missing"],
      ]) {
        const { sqlite, postgres } = onBoth(args, file, url);
        expect(sqlite.code, args.join(" ")).toBe(1);
        expect(postgres, args.join(" ")).toEqual(sqlite);
      }
    });

    it("coverage --load replaces the coverage on PostgreSQL as on a file", () => {
      const [there, here] = [copied(cluster(), file), join(dir, "coverage.db")];
      copyFileSync(file, here);
      const korea = JSON.parse(readFileSync(koreaCoverageFile(), "utf8")) as { series: unknown[] };
      const one = join(dir, "one-series.json");
      writeFileSync(one, JSON.stringify({ ...korea, series: korea.series.slice(0, 1) }));
      const loaded = onBoth(["coverage", "--load", one, "--json"], here, there);
      expect(loaded.sqlite.code, loaded.sqlite.stderr).toBe(0);
      expect(JSON.parse(loaded.sqlite.stdout)).toHaveLength(1);
      expect(loaded.postgres).toEqual(loaded.sqlite);
      // Read back afterwards, by a command that only reads.
      expect(onBoth(["coverage"], here, there).postgres).toEqual(onBoth(["coverage"], here, there).sqlite);
    });

    it("token create, list and revoke round trip on PostgreSQL", () => {
      const there = copied(cluster(), file);
      const created = lockstep([
        "token",
        "create",
        "--role",
        "editor",
        "--expires",
        "P90D",
        "--json",
        "--db",
        there,
      ]);
      expect(created.code, created.stderr).toBe(0);
      const t = JSON.parse(created.stdout) as { id: string; role: string; token: string; expiresAt: string };
      expect(t).toMatchObject({ role: "editor", id: expect.stringMatching(/^tok_/) as string });
      expect(t.expiresAt).toBeTruthy();
      const list = () =>
        JSON.parse(lockstep(["token", "list", "--json", "--db", there]).stdout) as {
          id: string;
          revokedAt?: string;
        }[];
      expect(list().map((x) => x.id)).toEqual([t.id]);
      expect(list()[0]!.revokedAt).toBeUndefined();
      const revoked = lockstep(["token", "revoke", t.id, "--db", there]);
      expect(revoked).toMatchObject({ code: 0, stdout: `Token ${t.id} revoked.\n` });
      expect(list()[0]!.revokedAt).toBeTruthy();
      const again = lockstep(["token", "revoke", t.id, "--db", there]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`no live token ${t.id}`);
      // The token itself is never stored or listed.
      expect(lockstep(["token", "list", "--db", there]).stdout).not.toContain(t.token);
    });

    it("demo builds the record into an empty database, as into a new file, and refuses one that holds a ledger", () => {
      const [there, here] = [newDatabase(cluster()), join(dir, "demo.db")];
      const demo = onBoth(["demo", "--json"], here, there);
      expect(demo.sqlite.code, demo.sqlite.stderr).toBe(0);
      expect(demo.postgres.code, demo.postgres.stderr).toBe(0);
      // Each entry records when it was written: the heads differ between two builds, and the checks of the database
      // are each engine's own; the imports, the summary and the count are the same.
      const built = (out: string) => {
        const j = JSON.parse(out) as { chain: { ok: boolean; entries: number } };
        return { ...j, chain: { ok: j.chain.ok, entries: j.chain.entries } };
      };
      expect(built(demo.postgres.stdout)).toEqual(built(demo.sqlite.stdout));
      expect(built(demo.postgres.stdout).chain.ok).toBe(true);
      expect(onBoth(["events", "--format", "csv"], here, there).postgres.stdout).toEqual(
        onBoth(["events", "--format", "csv"], here, there).sqlite.stdout,
      );
      // Entries are append-only on PostgreSQL: neither a second demo nor --force replaces them.
      const again = lockstep(["demo", "--db", there]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^lockstep: --db postgres:\/\/.* holds a ledger \(\d+ entries\)/);
      const forced = lockstep(["demo", "--force"], { env: { LOCKSTEP_DB: there } });
      expect(forced.code).toBe(1);
      expect(forced.stderr).toContain(
        `LOCKSTEP_DB ${there}: demo --force cannot empty a PostgreSQL database`,
      );
    });
  },
);
