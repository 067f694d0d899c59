import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { createToken, openLedger, revokeToken, type Ledger } from "../../src/ledger/index.js";
import { importKoreaScenario } from "../../src/scenario/build.js";
import { buildServer, type ServerOptions } from "../../src/server/app.js";
import { served } from "./engine.js";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "lockstep-server-"));
}

/**
 * A ledger built as `lockstep demo` builds it, with an editor, an admin and a revoked token: `db` is its file, or
 * when the suite runs on PostgreSQL the URL of its copy (engine.ts).
 */
export async function demoLedger(dir = tempDir()) {
  const db = join(dir, "korea.db");
  const ledger: Ledger = openLedger(db);
  let tokens: { editor: string; admin: string; revoked: string };
  try {
    await importKoreaScenario(ledger);
    const editor = createToken(ledger, "editor").token;
    const admin = createToken(ledger, "admin").token;
    const revoked = createToken(ledger, "editor");
    revokeToken(ledger, revoked.id);
    tokens = { editor, admin, revoked: revoked.token };
  } finally {
    ledger.close();
  }
  return { db: await served(db), dir, tokens };
}

export interface Running {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** A real server on an ephemeral loopback port. */
export async function startServer(options: Partial<ServerOptions> & { db: string }): Promise<Running> {
  const app = await buildServer({ logLevel: "silent", ...options });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function request<T = Record<string, unknown>>(
  url: string,
  init: RequestInit & { token?: string; json?: unknown } = {},
): Promise<Res<T>> {
  const { token, json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
  if (json !== undefined) headers.set("content-type", "application/json");
  const r = await fetch(url, {
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (the docs page)
  }
  return { status: r.status, headers: r.headers, body: body as T, text };
}

export interface ErrorBody {
  error: string;
  issues?: { path?: string; message: string; record?: string }[];
}

/** Every error: the uniform body, and no stack trace. */
export function expectError(r: { status: number; body: unknown; text: string }, status: number): ErrorBody {
  expect(r.status).toBe(status);
  expect(typeof (r.body as ErrorBody).error).toBe("string");
  expect(Object.keys(r.body as object).every((k) => k === "error" || k === "issues")).toBe(true);
  expect(r.text).not.toMatch(/\bat .*\.(ts|js):\d+|"stack"/);
  return r.body as ErrorBody;
}
