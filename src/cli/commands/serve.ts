import type { Command } from "commander";
import { existsSync } from "node:fs";
import { resolveLedgerPath } from "../../ledger/index.js";
import { isPostgresUrl, redactUrl, type LedgerStore } from "../../store/index.js";
import { dbOption, useStore } from "../ledger-options.js";
import { importKoreaScenario } from "../../scenario/build.js";
import { buildServer } from "../../server/app.js";
import { action, UsageError } from "../errors.js";

interface ServeFlags {
  db?: string;
  port: string;
  host: string;
  agreements?: string[];
  cors?: string;
  logLevel: string;
  demoIfMissing?: boolean;
  requestTimeout: string;
  analysisTimeout: string;
  checkpoint?: string;
  readReplica?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "serve the ledger as a JSON API under /api (reference at /api/docs) and the dashboard at /; writing needs a token",
    )
    .addOption(dbOption())
    .option(
      "--read-replica <url>",
      "with a postgres:// --db: read from this hot standby of it (writes still go to --db, answered once the standby has them)",
    )
    .option("--port <n>", "port to listen on (0: any free port)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--agreements <dir>", "also serve the agreement YAML files in DIR (repeatable)", collect)
    .option("--cors <origin>", "let browser pages from ORIGIN (or *) call the API; no CORS without it")
    .option(
      "--demo-if-missing",
      "build the demo ledger (as `lockstep demo`) first if the ledger file does not exist (or the PostgreSQL ledger is empty)",
    )
    .option(
      "--request-timeout <seconds>",
      "longest time a client may take to send a whole request (slower ones get 408)",
      "60",
    )
    .option("--analysis-timeout <seconds>", "an analysis running longer is stopped and answered 503", "30")
    .option(
      "--checkpoint <file>",
      "publish this signed checkpoint (lockstep checkpoint --out FILE) at /api/checkpoint",
    )
    .option("--log-level <level>", "fatal | error | warn | info | debug | trace | silent", "info")
    .action(
      action(async (flags: ServeFlags) => {
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port must be a port number 0..65535, not "${flags.port}"`);
        const timeout = Number(flags.requestTimeout);
        if (!/^\d+(\.\d+)?$/.test(flags.requestTimeout) || timeout < 1 || timeout > 3600)
          throw new UsageError(
            `--request-timeout must be seconds from 1 to 3600, not "${flags.requestTimeout}"`,
          );
        const analysisTimeout = Number(flags.analysisTimeout);
        if (!/^\d+(\.\d+)?$/.test(flags.analysisTimeout) || analysisTimeout <= 0 || analysisTimeout > 3600)
          throw new UsageError(
            `--analysis-timeout must be seconds from 0.1 to 3600, not "${flags.analysisTimeout}"`,
          );
        const db = resolveLedgerPath(flags.db);
        const onServer = isPostgresUrl(db);
        // Printed and logged without a password.
        const shown = onServer ? redactUrl(db) : db;
        if (flags.demoIfMissing && (onServer ? await useStore(flags, emptyLedger) : !existsSync(db))) {
          process.stderr.write(
            `${shown} ${onServer ? "holds no events" : "does not exist"}: building the demo ledger from scenarios/korea\n`,
          );
          await useStore(flags, (store) => importKoreaScenario(store), { create: true });
        }
        // The chain checked before serving (in full the first time, then from the point kept in the ledger): each
        // request then checks only what was added since, and a break is said on every answer.
        await useStore(flags, verifyBeforeServing);
        const app = await buildServer({
          db,
          ...(flags.readReplica ? { readReplica: flags.readReplica } : {}),
          ...(flags.agreements ? { agreements: flags.agreements } : {}),
          ...(flags.cors ? { cors: flags.cors } : {}),
          logLevel: flags.logLevel,
          requestTimeoutMs: timeout * 1000,
          analysisTimeoutMs: analysisTimeout * 1000,
          ...(flags.checkpoint ? { checkpoint: flags.checkpoint } : {}),
        });
        const stop = () => {
          app.log.info("shutting down");
          void app.close().then(() => process.exit(0));
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        const address = await app.listen({ port, host: flags.host });
        // Said in words, once, beside the JSON log lines: where to point a browser.
        process.stderr.write(
          `lockstep: serving ${shown}\n  dashboard  ${address}/\n  API        ${address}/api (reference: ${address}/api/docs)\n`,
        );
      }),
    );
}

/** Whether a PostgreSQL ledger has no entries yet (its schema made now if missing: the demo goes into it). */
const emptyLedger = async (store: LedgerStore) => (await store.countEntries()) === 0;

async function verifyBeforeServing(store: LedgerStore): Promise<void> {
  const report = await store.verifySinceLastCheck();
  process.stderr.write(
    report.ok
      ? `lockstep: chain intact (${report.entries} entries)\n`
      : `lockstep: WARNING: the chain is broken at entry ${report.firstBroken?.seq}: ${report.firstBroken?.reason}; every answer says so (Lockstep-Chain header)\n`,
  );
}
