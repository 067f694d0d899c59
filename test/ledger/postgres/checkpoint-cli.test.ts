import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { lockstep, repoRoot } from "../../cli/run-cli.js";
import { copied, koreaOnBoth, onBoth } from "./korea-copy.js";
import { describePostgres } from "./postgres.js";

const dir = mkdtempSync(join(tmpdir(), "lockstep-pg-checkpoint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = join(dir, "signing.key");
const pub = `${key}.pub`;

/** A checkpoint file's signed lines but its time: the time, and so the signature, are each run's own. */
const untimed = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("time ") && !line.startsWith("— "))
    .join("\n");

/** `checkpoint --origin test/korea` on the file and on its copy: the two files, their text the same. */
function checkpointBoth(file: string, url: string, name: string): { sqlite: string; postgres: string } {
  const out = { sqlite: join(dir, `${name}-sqlite.txt`), postgres: join(dir, `${name}-postgres.txt`) };
  for (const [db, to] of [
    [file, out.sqlite],
    [url, out.postgres],
  ] as const) {
    const r = lockstep(["checkpoint", "--key", key, "--out", to, "--origin", "test/korea", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
  }
  expect(untimed(out.postgres)).toBe(untimed(out.sqlite));
  return out;
}

const against = (cp: string, json = false) => [
  "verify",
  "--quick",
  "--against",
  cp,
  "--key",
  pub,
  ...(json ? ["--json"] : []),
];

describePostgres("checkpoint and verify --against on --db postgres://", (cluster) => {
  let file = "";
  let url = "";
  beforeAll(async () => {
    ({ file, url } = await koreaOnBoth(cluster(), dir));
    const r = lockstep(["checkpoint", "keygen", "--out", key, "--name", "example.org/lockstep"]);
    expect(r.code, r.stderr).toBe(0);
  });

  it("sign the same checkpoint on the copy as on the file, which verifies on both, in the same words", () => {
    const cp = checkpointBoth(file, url, "korea");
    expect(untimed(cp.sqlite)).toMatch(
      /^test\/korea\n\d+\n[0-9a-f]{64}\ntokens \d+ [0-9a-f]{64}\nimports \d+ /,
    );
    for (const signed of [cp.sqlite, cp.postgres])
      for (const json of [false, true]) {
        const { sqlite, postgres } = onBoth(against(signed, json), file, url);
        expect(sqlite.code, sqlite.stderr).toBe(0);
        expect(sqlite.stdout).toMatch(json ? /"checkpoint"/ : /extends the checkpoint/);
        expect(postgres).toEqual(sqlite);
      }
  });

  it("refuse, the same way on both, a checkpoint of the ledger with one more event: entries were cut", () => {
    // The longer ledger: one event imported into a copy of the file, then copied to a new database.
    const longer = join(dir, "longer.db");
    copyFileSync(file, longer);
    const event = join(dir, "one.jsonl");
    writeFileSync(event, oneEvent());
    const imported = lockstep(["import", event, "--db", longer]);
    expect(imported.code, imported.stderr).toBe(0);
    const cp = checkpointBoth(longer, copied(cluster(), longer), "longer");
    for (const signed of [cp.sqlite, cp.postgres])
      for (const json of [false, true]) {
        const { sqlite, postgres } = onBoth(against(signed, json), file, url);
        expect(sqlite.code).toBe(1);
        expect(sqlite.stdout + sqlite.stderr).toMatch(/entries were cut from its end/);
        expect(postgres).toEqual(sqlite);
      }
  });

  it("name the database in the default origin, never the URL's password", () => {
    const secret = "s3cret-pw";
    const at = url.replace("//lockstep@", `//lockstep:${secret}@`);
    expect(at).toContain(secret);
    const r = lockstep(["checkpoint", "--key", key, "--db", at]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`example.org/lockstep/${url.split("/").pop()}`);
    expect(r.stdout + r.stderr).not.toContain(secret);
  });
});

/** One event the Korean record does not hold: its first summit, a year after the record ends. */
function oneEvent(): string {
  const first = readFileSync(join(repoRoot, "scenarios/korea/summits.jsonl"), "utf8").split("\n")[0]!;
  const summit = JSON.parse(first) as { date: string; summary: string };
  return (
    JSON.stringify({ ...summit, date: "2024-06-01", summary: "A summit added after the checkpoint" }) + "\n"
  );
}
