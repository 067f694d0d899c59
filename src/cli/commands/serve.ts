import type { Command } from "commander";
import { resolveLedgerPath } from "../../ledger/index.js";
import { buildServer } from "../../server/app.js";
import { action, UsageError } from "../errors.js";

interface ServeFlags {
  db?: string;
  port: string;
  host: string;
  agreements?: string[];
  cors?: string;
  logLevel: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the ledger as a JSON API under /api (reference at /api/docs); writing needs a token")
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--port <n>", "port to listen on (0: any free port)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--agreements <dir>", "also serve the agreement YAML files in DIR (repeatable)", collect)
    .option("--cors <origin>", "let browser pages from ORIGIN (or *) call the API; no CORS without it")
    .option("--log-level <level>", "fatal | error | warn | info | debug | trace | silent", "info")
    .action(
      action(async (flags: ServeFlags) => {
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port must be a port number 0..65535, not "${flags.port}"`);
        const app = await buildServer({
          db: resolveLedgerPath(flags.db),
          ...(flags.agreements ? { agreements: flags.agreements } : {}),
          ...(flags.cors ? { cors: flags.cors } : {}),
          logLevel: flags.logLevel,
        });
        const stop = () => {
          app.log.info("shutting down");
          void app.close().then(() => process.exit(0));
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        await app.listen({ port, host: flags.host });
      }),
    );
}
