import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cutEntries, promoteWithLog, rewriteEntry, sql } from "../ledger/attacker.js";
import { lockstep, tempDir } from "./run-cli.js";

const line = (date: string) =>
  JSON.stringify({ date, actor: "PRK", type: "nuclear_test", sources: [{ title: `report ${date}` }] });

/** A ledger of three tests and a token, a key pair, and a checkpoint of the ledger signed with it. */
function published() {
  const dir = tempDir();
  const db = join(dir, "l.db");
  const events = join(dir, "e.jsonl");
  writeFileSync(events, [line("2016-01-06"), line("2016-09-09"), line("2017-09-03")].join("\n"));
  expect(lockstep(["import", events, "--db", db]).code).toBe(0);
  const token = JSON.parse(
    lockstep(["token", "create", "--role", "editor", "--db", db, "--json"]).stdout,
  ) as {
    id: string;
  };
  const key = join(dir, "signing.pem");
  const gen = lockstep(["checkpoint", "keygen", "--out", key, "--name", "example.org/lockstep"]);
  expect(gen.stderr).toBe("");
  expect(gen.code).toBe(0);
  const checkpoint = join(dir, "checkpoint.txt");
  const signed = lockstep(["checkpoint", "--key", key, "--db", db, "--out", checkpoint]);
  expect(signed.stderr).toBe("");
  expect(signed.code).toBe(0);
  const verify = (...more: string[]) =>
    lockstep(["verify", "--db", db, "--against", checkpoint, "--key", `${key}.pub`, ...more]);
  return { dir, db, key, pub: `${key}.pub`, checkpoint, gen, signed, tokenId: token.id, verify };
}

describe("lockstep checkpoint", () => {
  it("keygen writes a private key only its owner reads, and the verifier key beside it and on stdout", () => {
    const { key, pub, gen } = published();
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key, "utf8")).toMatch(
      /^Lockstep checkpoint signing key: .*\nKey name: example\.org\/lockstep\n.*\n-----BEGIN PRIVATE KEY-----\n/,
    );
    const verifierKey = readFileSync(pub, "utf8").trim();
    expect(verifierKey).toMatch(/^example\.org\/lockstep\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(gen.stdout).toContain(verifierKey);
    expect(gen.stdout).not.toContain("PRIVATE");
    // Never overwritten by accident.
    const again = lockstep(["checkpoint", "keygen", "--out", key]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/signing\.pem exists; use --force/);
  });

  it("signs a checkpoint note: origin, count, head (hex), time, token and import logs, signature", () => {
    const { db, key, checkpoint, signed } = published();
    const note = readFileSync(checkpoint, "utf8");
    const head = (JSON.parse(lockstep(["verify", "--db", db, "--json"]).stdout) as { head: string }).head;
    expect(note).toMatch(
      new RegExp(
        `^example\\.org/lockstep/l\\.db\\n3\\n${head}\\ntime \\S+Z\\ntokens 1 [0-9a-f]{64}\\nimports 1 [0-9a-f]{64}\\n\\n— example\\.org/lockstep \\S+\\n$`,
      ),
    );
    expect(signed.stdout).toMatch(/written to .*checkpoint\.txt: 3 entries/);
    const printed = lockstep(["checkpoint", "--key", key, "--db", db, "--origin", "lockstep.example/korea"]);
    expect(printed.stdout).toMatch(/^lockstep\.example\/korea\n3\n/);
  });

  it("verify --against: the ledger extends it, also after more events and tokens", () => {
    const { dir, db, verify } = published();
    const ok = verify();
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /extends the checkpoint .*checkpoint\.txt \(example\.org\/lockstep\/l\.db, .*, signed by example\.org\/lockstep\): entry 3 has its head/,
    );
    const more = join(dir, "more.jsonl");
    writeFileSync(more, line("2022-11-03"));
    expect(lockstep(["import", more, "--db", db]).code).toBe(0);
    expect(lockstep(["token", "create", "--role", "admin", "--db", db]).code).toBe(0);
    const later = verify("--json");
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout)).toMatchObject({
      ok: true,
      entries: 4,
      checkpoint: { ok: true, problems: [] },
    });
  });

  it("catches a cut tail, which plain verify cannot", () => {
    const { db, verify } = published();
    cutEntries(db, 1);
    expect(lockstep(["verify", "--db", db]).code).toBe(0);
    const r = verify();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("does NOT extend the checkpoint");
    expect(r.stderr).toContain(
      "the ledger has 2 entries, fewer than the 3 of the checkpoint: entries were cut from its end",
    );
  });

  it("catches an entry rewritten with its later hashes recomputed, which plain verify cannot", () => {
    const { db, verify } = published();
    rewriteEntry(db, 1, (e) => {
      e.date = "2016-01-07";
    });
    expect(lockstep(["verify", "--db", db]).code).toBe(0);
    const r = verify("--quick");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /entry 3 has hash [0-9a-f]{64}, not the checkpoint's [0-9a-f]{64}: the ledger was rewritten at or before entry 3/,
    );
  });

  it("catches tokens and token log rewritten together", () => {
    const { db, verify, tokenId } = published();
    promoteWithLog(db, tokenId);
    expect(lockstep(["verify", "--db", db]).code).toBe(0);
    const r = verify();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /token log record 1 has hash .*: the token log was rewritten at or before token log record 1/,
    );
  });

  it("plain verify reports a token row forged with SQL, and an import row altered", () => {
    const { db } = published();
    sql(db, (raw) => {
      raw.exec("UPDATE tokens SET role = 'admin'");
      raw.exec("DROP TRIGGER imports_no_update");
      raw.exec("UPDATE imports SET file = 'elsewhere.jsonl'");
    });
    const r = lockstep(["verify", "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /token log BROKEN — changed outside Lockstep:\n {2}token tok_\w+: its role is admin in the tokens table but editor in the token log/,
    );
    expect(r.stderr).toMatch(
      /import log BROKEN — changed outside Lockstep:\n {2}import 1: its hash does not match its content/,
    );
  });

  it("a checkpoint changed after signing is a BAD SIGNATURE; another key is named as such", () => {
    const { dir, checkpoint, verify, db } = published();
    const note = readFileSync(checkpoint, "utf8");
    writeFileSync(checkpoint, note.replace(/^3$/m, "2"));
    const bad = verify();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /checkpoint\.txt: BAD SIGNATURE by example\.org\/lockstep: the checkpoint was changed after it was signed/,
    );
    expect(bad.stdout).toBe(""); // refused before the ledger is read

    writeFileSync(checkpoint, note);
    const other = join(dir, "other.pem");
    expect(lockstep(["checkpoint", "keygen", "--out", other, "--name", "example.org/lockstep"]).code).toBe(0);
    const wrong = lockstep(["verify", "--db", db, "--against", checkpoint, "--key", `${other}.pub`]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/not signed by the key given \(example\.org\/lockstep, id [0-9a-f]{8}\)/);
  });

  it("says what is missing or wrong in the command", () => {
    const { db, checkpoint, key } = published();
    const noKey = lockstep(["verify", "--db", db, "--against", checkpoint]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/--against needs --key/);
    const noFile = lockstep(["verify", "--db", db, "--against", "nowhere.txt", "--key", `${key}.pub`]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toBe("lockstep: checkpoint nowhere.txt does not exist\n");
    const privateAsPublic = lockstep(["verify", "--db", db, "--against", checkpoint, "--key", key]);
    expect(privateAsPublic.code).toBe(1);
    expect(privateAsPublic.stderr).toMatch(
      /signing\.pem: this is a signing key, .* verifying needs its verifier key/,
    );
    const noSigningKey = lockstep(["checkpoint", "--db", db]);
    expect(noSigningKey.code).toBe(1);
    expect(noSigningKey.stderr).toMatch(/--key FILE is required/);
    const badName = lockstep(["checkpoint", "keygen", "--out", join(tempDir(), "k.pem"), "--name", "a b"]);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/--name: "a b" cannot name a key/);
  });
});
