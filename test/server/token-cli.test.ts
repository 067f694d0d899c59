import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findToken, hashToken, openLedger } from "../../src/ledger/index.js";
import { lockstep, repoRoot } from "../cli/run-cli.js";
import { demoLedger } from "./helpers.js";

describe("lockstep token", () => {
  it("creates a token printed once, lists ids, roles and dates but never tokens, and revokes", async () => {
    const { db } = await demoLedger();
    const made = lockstep(["token", "create", "--role", "editor", "--db", db]);
    expect(made.code).toBe(0);
    const token = made.stdout.split("\n")[0]!;
    expect(token).toMatch(/^lst_[A-Za-z0-9_-]{43}$/);
    const id = /Token (tok_[0-9a-f]+) \(editor\)/.exec(made.stdout)![1]!;

    const ledger = openLedger(db, { mustExist: true });
    try {
      // Only the hash is stored.
      const stored = ledger.db.prepare("SELECT * FROM tokens WHERE id = ?").get(id) as Record<
        string,
        unknown
      >;
      expect(stored.hash).toBe(hashToken(token));
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(findToken(ledger, token)?.role).toBe("editor");
    } finally {
      ledger.close();
    }

    const list = lockstep(["token", "list", "--db", db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(id);
    expect(list.stdout).not.toContain("lst_");
    expect(lockstep(["token", "revoke", id, "--db", db]).code).toBe(0);
    const after = JSON.parse(lockstep(["token", "list", "--db", db, "--json"]).stdout) as {
      id: string;
      revokedAt?: string;
    }[];
    expect(after.find((t) => t.id === id)?.revokedAt).toBeDefined();
    const again = lockstep(["token", "revoke", id, "--db", db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no live token/);
    expect(lockstep(["token", "create", "--role", "owner", "--db", db]).stderr).toMatch(
      /--role must be editor or admin/,
    );
  });
});

describe("token expiry", () => {
  it("--expires P90D: valid until then, refused after, and said in the list; a bad duration is refused", async () => {
    const { db } = await demoLedger();
    const made = JSON.parse(
      lockstep(["token", "create", "--role", "editor", "--expires", "P90D", "--db", db, "--json"]).stdout,
    ) as { token: string; createdAt: string; expiresAt: string };
    const days = (Date.parse(made.expiresAt) - Date.parse(made.createdAt)) / 86_400_000;
    expect(days).toBe(90);
    const ledger = openLedger(db, { mustExist: true });
    try {
      expect(findToken(ledger, made.token)?.role).toBe("editor");
      expect(findToken(ledger, made.token, new Date(Date.parse(made.expiresAt) - 1000))).toBeDefined();
      expect(findToken(ledger, made.token, new Date(Date.parse(made.expiresAt) + 1000))).toBeUndefined();
    } finally {
      ledger.close();
    }
    expect(lockstep(["token", "list", "--db", db]).stdout).toContain(made.expiresAt);
    const bad = lockstep(["token", "create", "--role", "editor", "--expires", "90 days", "--db", db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--expires must be a duration such as P90D/);
  });
});

describe("lockstep serve", () => {
  it("listens, logs JSON with pino, and answers /api/health", async () => {
    const { db } = await demoLedger();
    const child = spawn(
      process.execPath,
      [join(repoRoot, "dist/cli/main.js"), "serve", "--db", db, "--port", "0"],
      {
        cwd: repoRoot,
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const m = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const r = await fetch(`${url}/api/health`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses a missing ledger with a message", () => {
    const r = lockstep(["serve", "--db", "/nonexistent/lockstep.db", "--port", "0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no ledger at/);
  });
});
