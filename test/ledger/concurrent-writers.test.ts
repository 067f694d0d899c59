import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countCurrentEvents, createToken, openLedger } from "../../src/ledger/index.js";
import { repoRoot, tempDir } from "../cli/run-cli.js";
import { request, startServer } from "../server/helpers.js";

const N = 1000;
const MAIN = join(repoRoot, "dist/cli/main.js");

/** N distinct events, tagged so that no two writers' events are alike. */
function events(tag: string, n = N): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      JSON.stringify({
        type: "statement",
        date: day,
        actor: "PRK",
        attributes: { subject: `${tag} ${i}` },
        sources: [{ title: `${tag} source ${i}` }],
      }),
    );
  }
  return lines.join("\n") + "\n";
}

/** A process run to its end: its exit code and output. */
function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, LOCKSTEP_DB: "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
  });
}

/** Another process holds the write lock for `ms`, as a slow writer would; resolves once it holds it. */
function holdWriteLock(db: string, ms: number): Promise<{ done: Promise<unknown> }> {
  const script = `
    const Database = require(${JSON.stringify(join(repoRoot, "node_modules/better-sqlite3"))});
    const db = new Database(${JSON.stringify(db)});
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("ROLLBACK"); db.close(); }, ${ms});
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", script], { cwd: repoRoot });
    const done = new Promise((r) => child.on("close", r));
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("locked")) resolve({ done });
    });
  });
}

/** A write as a client makes it: a 503 (the ledger busy) is tried again, as its Retry-After says (shortened here). */
async function write<T>(send: () => ReturnType<typeof request<T>>): ReturnType<typeof request<T>> {
  for (;;) {
    const r = await send();
    if (r.status !== 503) return r;
    expect(r.headers.get("retry-after")).toBeTruthy();
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

describe("concurrent writers", () => {
  it("two CLI imports, an API import and API posts while another process holds the lock: nothing is lost", async () => {
    const dir = tempDir();
    const db = join(dir, "ledger.db");
    const files = ["a", "b"].map((tag) => {
      const file = join(dir, `${tag}.jsonl`);
      writeFileSync(file, events(tag));
      return file;
    });
    const ledger = openLedger(db);
    const token = createToken(ledger, "editor").token;
    ledger.close();
    const server = await startServer({ db });
    try {
      const holder = await holdWriteLock(db, 2000);
      const posts = Array.from({ length: 20 }, (_, i) =>
        write(() =>
          request(`${server.url}/api/events`, {
            method: "POST",
            token,
            json: JSON.parse(events(`post-${i}`, 1)) as unknown,
          }),
        ),
      );
      const [a, b, api, ...posted] = await Promise.all([
        run([MAIN, "import", files[0]!, "--db", db]),
        run([MAIN, "import", files[1]!, "--db", db]),
        write(() =>
          request<{ added: number; duplicates: number }>(`${server.url}/api/imports?format=jsonl`, {
            method: "POST",
            token,
            headers: { "content-type": "application/x-ndjson" },
            body: events("api"),
          }),
        ),
        ...posts,
        holder.done,
      ]);
      for (const r of [a, b]) {
        expect(r.stderr).toBe("");
        expect(r.stdout).toMatch(new RegExp(`${N} added, 0 duplicate`));
      }
      expect(api!.status).toBe(201);
      expect(api!.body).toMatchObject({ added: N, duplicates: 0 });
      for (const p of posted.slice(0, 20) as { status: number }[]) expect(p.status).toBe(201);
    } finally {
      await server.close();
    }
    const check = openLedger(db, { readonly: true });
    try {
      expect(countCurrentEvents(check)).toBe(3 * N + 20);
    } finally {
      check.close();
    }
    const verify = await run([MAIN, "verify", "--db", db]);
    expect(verify.code).toBe(0);
  }, 60_000);
});
