import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import Fastify, { type FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fastifyStatic from "@fastify/static";
import compress from "@fastify/compress";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import type { StoredEvent } from "../ledger/index.js";
import { loadCatalog, type CatalogEntry } from "../agreement/index.js";
import { engineInfo, isPostgresUrl, openStore, SqliteStore, type LedgerStore } from "../store/index.js";
import { analysisPool, type AnalysisPool } from "./analysis-pool.js";
import type { AnalysisJob } from "./analysis-jobs.js";
import { chainHeader, chainWatch, type ChainState } from "./chain-watch.js";
import { ApiError, installErrorHandlers } from "./errors.js";
import { freshReads } from "./fresh-reads.js";
import { openReadReplica, type ReadReplica, type ReplicaHealth } from "./read-replica.js";
import { registerAgreementRoutes } from "./routes/agreements.js";
import { registerAnalysisRoutes } from "./routes/analysis.js";
import { registerCheckpointRoutes } from "./routes/checkpoint.js";
import { registerEventRoutes } from "./routes/events.js";
import { registerImportRoutes } from "./routes/imports.js";
import { registerLedgerRoutes } from "./routes/ledger.js";
import { registerSimulationRoutes } from "./routes/simulations.js";
import { registerTokenRoutes } from "./routes/tokens.js";

export const MIB = 1024 * 1024;

/** The built dashboard (`npm run build`): dist/web at the repository root, from src/server or dist/server alike. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

export interface ServerOptions {
  /**
   * The ledger: a SQLite file, which must exist (`lockstep demo` or `lockstep import` make one), or a PostgreSQL
   * database's postgres:// URL (`lockstep copy` or `lockstep import` fill it).
   */
  db: string;
  /**
   * With a PostgreSQL `db`: a hot standby of it (streaming replication) that the reads go to; writes still go to
   * `db`, and are answered once the standby has them (read-replica.ts).
   */
  readReplica?: string;
  /** Directories of agreement YAML files served besides the bundled ones. */
  agreements?: string[];
  /** Allow browsers on this origin (or `*`) to call the API. Without it no CORS header is sent. */
  cors?: string;
  /** pino level (default info); `silent` for tests. */
  logLevel?: string;
  /** Or a logger of one's own. */
  logger?: Logger;
  /** Largest request body: imports (default 10 MiB) and everything else (default 1 MiB). */
  importBodyLimit?: number;
  bodyLimit?: number;
  /**
   * Longest time to receive a whole request, headers and body, in ms (default 60 s: a 10 MiB import at 200 kB/s);
   * a client sending a byte at a time is cut off with 408 rather than holding a connection for ever.
   */
  requestTimeoutMs?: number;
  /** An analysis running longer is stopped and answered 503 (default 30 s). */
  analysisTimeoutMs?: number;
  /** Threads analyses run on (default: the CPUs less one, at most 4). */
  analysisThreads?: number;
  /** The built dashboard served at `/` (default: dist/web); `false` serves none. */
  webDir?: string | false;
  /** A signed checkpoint (`lockstep checkpoint --out FILE`) to publish at GET /api/checkpoint. */
  checkpoint?: string;
}

/** What the routes share: the ledger's store, the agreements, and caches keyed by the ledger's last entry. */
export interface ServerContext {
  /** The ledger, on either engine: every route reads it through the store (src/store); a replica's, if given. */
  store: LedgerStore;
  /** The ledger the tokens are checked against: the primary, where a revocation lands first. */
  tokens: LedgerStore;
  /** With a read replica: where it is and how far behind the primary (/api/health). */
  replica?: () => Promise<ReplicaHealth>;
  /** The database engine and its version, read once at start (/api/health names them). */
  engine: Awaited<ReturnType<typeof engineInfo>>;
  catalog: Map<string, CatalogEntry>;
  importBodyLimit: number;
  /** The current view, read once per ledger state (every write moves the last entry). */
  currentEvents(): Promise<StoredEvent[]>;
  /** A cache of serialized responses, bounded in bytes, emptied whenever the ledger changes. */
  cached(key: string, make: () => unknown): Promise<string>;
  /** The chain's state, checked since the last check (chain-watch.ts). */
  chain: (fresh?: boolean) => Promise<ChainState>;
  /** A small value (a count) kept until the ledger changes. */
  remembered<T>(key: string, make: () => T | Promise<T>): Promise<T>;
  /**
   * An analysis, run on the pool of threads with its time limit (analysis-pool.ts), answered from the cache when
   * the same request was answered at the same ledger state; the same request running already is waited for.
   */
  analysis(key: string, job: AnalysisJob): Promise<string>;
  /**
   * Runs a write, one at a time, on a connection of its own: an import reads its file over many turns of the event
   * loop, and requests served meanwhile must see the ledger as committed, not half an import (which may yet roll
   * back). Writes wait for each other here rather than for SQLite's lock, which would block the event loop; on
   * PostgreSQL the writes of several servers wait for each other on the chain's head (an advisory lock).
   */
  write<T>(change: (writer: LedgerStore) => T | Promise<T>): Promise<T>;
}

/** The response cache: at most this many answers and bytes; a larger answer is not kept. */
const CACHE_SIZE = 256;
const CACHE_BYTES = 64 * 1024 ** 2;
const CACHE_ONE_BYTES = 8 * 1024 ** 2;

/** Where the context reads and writes: one store, or a replica for reads and its primary for writes and tokens. */
interface Stores {
  reads: LedgerStore;
  primary: LedgerStore;
  replica?: ReadReplica;
}

function makeContext(
  { reads: store, primary, replica }: Stores,
  catalog: Map<string, CatalogEntry>,
  importBodyLimit: number,
  pool: AnalysisPool,
  chain: ServerContext["chain"],
  lastSeq: () => Promise<number>,
): Omit<ServerContext, "engine"> {
  let events: { seq: number; view: Promise<StoredEvent[]> } | undefined;
  let cacheAt = -1;
  const cache = new Map<string, string>();
  let cacheBytes = 0;
  const values = new Map<string, unknown>();
  const running = new Map<string, Promise<string>>();
  let writes: Promise<unknown> = Promise.resolve();
  /** Empties the caches when the ledger has moved on since they were filled; the ledger's state. */
  const sync = async () => {
    const seq = await lastSeq();
    if (seq > cacheAt) {
      cache.clear();
      values.clear();
      cacheBytes = 0;
      cacheAt = seq;
    }
    return seq;
  };
  const keep = (seq: number, key: string, json: string) => {
    // Read at an earlier state than the caches now hold (a write landed meanwhile): not kept.
    if (seq !== cacheAt || json.length > CACHE_ONE_BYTES) return;
    // Least recently used first: evict from the front until the new answer fits.
    while (cache.size && (cache.size >= CACHE_SIZE || cacheBytes + json.length > CACHE_BYTES)) {
      const [oldest, old] = cache.entries().next().value!;
      cache.delete(oldest);
      cacheBytes -= old.length;
    }
    cache.set(key, json);
    cacheBytes += json.length;
  };
  const hit = (key: string): string | undefined => {
    const json = cache.get(key);
    if (json !== undefined) {
      cache.delete(key);
      cache.set(key, json);
    }
    return json;
  };
  return {
    store,
    tokens: primary,
    ...(replica ? { replica: () => replica.health() } : {}),
    catalog,
    importBodyLimit,
    chain,
    async currentEvents() {
      const seq = await lastSeq();
      // One read per ledger state, shared by the requests that ask meanwhile.
      if (events?.seq !== seq) {
        const view = store.queryEvents();
        events = { seq, view };
        view.catch(() => {
          if (events?.view === view) events = undefined;
        });
      }
      return events.view;
    },
    async cached(key, make) {
      const seq = await sync();
      let json = hit(key);
      if (json === undefined) {
        json = JSON.stringify(await make());
        keep(seq, key, json);
      }
      return json;
    },
    async remembered<T>(key: string, make: () => T | Promise<T>): Promise<T> {
      const seq = await sync();
      if (values.has(key)) return values.get(key) as T;
      const value = await make();
      if (seq === cacheAt) {
        if (values.size >= CACHE_SIZE) values.delete(values.keys().next().value!);
        values.set(key, value);
      }
      return value;
    },
    async analysis(key, job) {
      const seq = await sync();
      const json = hit(key);
      if (json !== undefined) return json;
      const runKey = `${seq} ${key}`;
      let answer = running.get(runKey);
      if (!answer) {
        answer = pool.run(job).then(async (outcome) => {
          if ("json" in outcome) {
            if ((await sync()) === seq) keep(seq, key, outcome.json);
            return outcome.json;
          }
          // A fault in the analysis: logged with the request by the error handler, answered "internal error".
          if (outcome.status === 500) throw new Error(outcome.error);
          throw new ApiError(
            outcome.status,
            outcome.error,
            outcome.issues,
            outcome.retryAfter !== undefined ? { "Retry-After": String(outcome.retryAfter) } : undefined,
          );
        });
        running.set(runKey, answer);
        void answer.finally(() => running.delete(runKey)).catch(() => undefined);
      }
      return answer;
    },
    write(change) {
      const done = writes.then(async () => {
        const writer = await writerFor(primary);
        try {
          return await change(writer);
        } finally {
          if (writer !== primary) await writer.close();
          // Answered once the replica has it: the client's next read, served from there, sees its write.
          await replica?.catchUp();
        }
      });
      writes = done.catch(() => undefined);
      return done;
    },
  };
}

/**
 * The store a write goes through. SQLite: a connection of its own (an in-memory ledger has no second one), waiting
 * for a lock at most 1 s, since SQLite waits by blocking the thread, and with it every request. PostgreSQL: the
 * server's own pool, whose appends run in a transaction on one connection while others read what is committed.
 */
async function writerFor(store: LedgerStore): Promise<LedgerStore> {
  if (store.engine === "postgres" || store.location === ":memory:") return store;
  return SqliteStore.open(store.location, { mustExist: true, waitMs: 1000 });
}

/** The ledger the server reads: a SQLite file that must exist, or a PostgreSQL database whose ledger must. */
async function openLedgerStore(db: string): Promise<LedgerStore> {
  if (!isPostgresUrl(db)) return openStore(db, { mustExist: true });
  // As on SQLite, serving does not make a ledger (`lockstep copy` or `lockstep import` do), but brings one of an
  // older schema up to date.
  await (await openStore(db, { flag: "--db", readonly: true })).close();
  return openStore(db, { flag: "--db" });
}

/** The JSON API, ready to listen; the ledger is opened now and closed with the server. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const catalog = loadCatalog(options.agreements ?? []);
  const primary = await openLedgerStore(options.db);
  const replica = options.readReplica
    ? await openReadReplica(options.readReplica, primary).catch(async (err) => {
        await primary.close();
        throw err;
      })
    : undefined;
  const store = replica?.store ?? primary;
  const logger =
    options.logger ?? pino({ level: options.logLevel ?? "info", redact: ["req.headers.authorization"] });
  const requestTimeout = options.requestTimeoutMs ?? 60_000;
  const app = Fastify({
    loggerInstance: logger,
    // Node checks the timeouts below on a timer (30 s by default): a tenth of the limit keeps the cut-off near it.
    serverFactory: (handler) => {
      const server = createServer(
        {
          requestTimeout,
          headersTimeout: Math.min(requestTimeout, 20_000),
          connectionsCheckingInterval: Math.max(100, Math.floor(requestTimeout / 10)),
        },
        handler,
      );
      // Fastify's own idle time for kept-alive connections (which it sets only on a server it makes): a short one
      // races clients reusing the connection (ECONNRESET). An idle connection is not timed by the limits above.
      server.keepAliveTimeout = 72_000;
      return server;
    },
    bodyLimit: options.bodyLimit ?? MIB,
    // Behind a proxy, give the real client address in logs only if told; no trust by default.
    trustProxy: false,
    // Fastify's Ajv drops members a schema does not allow and stops at the first problem; a request naming a
    // parameter this API does not know is refused instead (a typo must not be silently ignored), with every problem.
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
  }) as unknown as FastifyInstance;
  app.addHook("onClose", async () => {
    await store.close();
    if (store !== primary) await primary.close();
  });
  // The routes' response schemas (schemas/) document the API and are its tests' contract, never a serializer:
  // fast-json-stringify would silently drop a member a schema does not name and coerce a value to its type.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandlers(app);
  // A route that takes no query parameters refuses any (a typo must not be ignored), as those with a schema do.
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || !route.schema || route.schema.hide || route.schema.querystring)
      return;
    route.schema = {
      ...route.schema,
      querystring: { type: "object", additionalProperties: false, properties: {} },
    };
  });
  // gzip or brotli as the client accepts, for answers over 1 KiB: event pages and evaluations shrink tenfold.
  await app.register(compress, { threshold: 1024 });
  // Every API answer, errors included: JSON is not to be sniffed into something a browser runs, nor kept in a
  // shared cache (tokens and evaluations change with the ledger). The dashboard sets its own (registerDashboard).
  app.addHook("onSend", async (request, reply) => {
    if (!request.url.startsWith("/api/")) return;
    void reply.header("X-Content-Type-Options", "nosniff");
    void reply.header("Cache-Control", "no-store");
    void reply.header("Referrer-Policy", "no-referrer");
  });

  if (options.cors) {
    const allowed = options.cors;
    app.addHook("onRequest", async (request, reply) => {
      const origin = request.headers.origin;
      if (allowed === "*" || origin === allowed) {
        void reply.header("Access-Control-Allow-Origin", allowed === "*" ? "*" : origin);
        void reply.header("Vary", "Origin");
      }
    });
    app.options("/api/*", { schema: { hide: true } }, async (_request, reply) => {
      return reply
        .header("Access-Control-Allow-Methods", "GET, POST, DELETE")
        .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        .header("Access-Control-Max-Age", "600")
        .status(204)
        .send();
    });
  }

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Lockstep API",
        version: "0.1.0",
        description:
          "The Lockstep ledger over HTTP: events, imports, agreements evaluated against the ledger, action–reaction analyses, agreements played as roadmap games and the hash chain. Reading is open; writing needs `Authorization: Bearer TOKEN` (`lockstep token create`). Errors are `{error, issues?}`; each issue names the field at fault in `path`.",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
      tags: [
        { name: "ledger", description: "health and the hash chain" },
        { name: "events", description: "reading and adding events" },
        { name: "agreements", description: "agreements and their evaluation" },
        { name: "analysis", description: "action–reaction analyses" },
        { name: "simulations", description: "agreements played as roadmap games" },
        { name: "tokens", description: "API tokens (admin)" },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const pool = analysisPool(
    {
      db: options.readReplica ?? options.db,
      threads: options.analysisThreads ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
      timeoutMs: options.analysisTimeoutMs ?? 30_000,
      maxWaiting: 32,
    },
    store,
  );
  app.addHook("onClose", async () => pool.close());
  const engine = await engineInfo(store);
  // The ledger's state, read once for the requests that ask at the same time (a round trip on PostgreSQL).
  const lastSeq = freshReads(() => store.lastSeq());
  const chain = await chainWatch(store, lastSeq);
  const ctx = {
    ...makeContext(
      { reads: store, primary, ...(replica ? { replica } : {}) },
      catalog,
      options.importBodyLimit ?? 10 * MIB,
      pool,
      chain,
      lastSeq,
    ),
    engine,
  };
  // Every API answer says whether the ledger it was read from is intact: a reader of any route sees a break.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/"))
      void reply.header("Lockstep-Chain", chainHeader((await ctx.chain()).report));
  });
  registerLedgerRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  await app.register(async (scope) => registerImportRoutes(scope, ctx));
  registerAgreementRoutes(app, ctx);
  registerAnalysisRoutes(app, ctx);
  registerSimulationRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerCheckpointRoutes(app, options.checkpoint);
  await registerDashboard(app, options.webDir ?? DEFAULT_WEB_DIR);
  return app;
}

/**
 * The dashboard runs only its own script and talks only to this server; nothing may frame it. Styles may be inline:
 * Observable Plot writes a <style> into each chart.
 */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The web dashboard's static files at `/`; the API keeps `/api`. Without a build, `/` says how to make one. */
async function registerDashboard(app: FastifyInstance, webDir: string | false): Promise<void> {
  if (webDir === false) return;
  if (existsSync(join(webDir, "index.html"))) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: "/",
      decorateReply: false,
      wildcard: false,
      index: "index.html",
      schemaHide: true,
      // Its own max-age=0 would overwrite the Cache-Control set below.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader("X-Content-Type-Options", "nosniff");
        // Vite names each built asset by its content's hash: a name never changes content, so it is kept for good;
        // the page itself is asked for again every time, to pick up a new build.
        res.setHeader(
          "Cache-Control",
          /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}\.\w+$/.test(path)
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        );
        if (path.endsWith(".html")) {
          res.setHeader("Content-Security-Policy", DASHBOARD_CSP);
          res.setHeader("Referrer-Policy", "no-referrer");
        }
      },
    });
    return;
  }
  app.get("/", { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type("text/plain; charset=utf-8")
      .send("The dashboard is not built: run `npm run build`. The JSON API is under /api (see /api/docs).\n"),
  );
}
