import { defineConfig } from "vitest/config";
import { findPostgres } from "./test/ledger/postgres/cluster.js";

// The server suite and the store-level suites of the ledger, the importers and the engine run a second time on
// PostgreSQL (test/store/engine.ts): every ledger a test builds is a new database in a throwaway cluster. Without
// PostgreSQL's binaries that run is left out and says so, unless CI requires it (LOCKSTEP_REQUIRE_POSTGRES), where it
// fails instead.
const postgres = findPostgres();
const noPostgres = "missing" in postgres ? postgres.missing : undefined;
if (noPostgres && !process.env.LOCKSTEP_REQUIRE_POSTGRES)
  console.warn(`The suites on PostgreSQL are SKIPPED: ${noPostgres}`);

/** Test files written against the store (LedgerStore), whatever the engine: they run on both. */
const BOTH_ENGINES = ["test/server/**/*.test.ts", "test/store/**/*.test.ts"];

const shared = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "sqlite", include: ["test/**/*.test.ts", "src/**/*.test.ts"] } },
      ...(noPostgres && !process.env.LOCKSTEP_REQUIRE_POSTGRES
        ? []
        : [
            {
              test: {
                ...shared,
                name: "on postgresql",
                include: BOTH_ENGINES,
                // Already PostgreSQL's own (or, token-cli, the command line on a file).
                exclude: [
                  "test/server/postgres.test.ts",
                  "test/server/replica.test.ts",
                  "test/server/token-cli.test.ts",
                ],
                env: { LOCKSTEP_TEST_ENGINE: "postgres" },
              },
            },
          ]),
    ],
  },
});
