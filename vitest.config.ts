import { defineConfig } from "vitest/config";
import { findPostgres } from "./test/ledger/postgres/cluster.js";

// The server suite runs a second time on PostgreSQL (test/server/engine.ts): every ledger a test builds is served
// from a copy in a throwaway cluster. Without PostgreSQL's binaries that run is left out and says so, unless CI
// requires it (LOCKSTEP_REQUIRE_POSTGRES), where it fails instead.
const postgres = findPostgres();
const noPostgres = "missing" in postgres ? postgres.missing : undefined;
if (noPostgres && !process.env.LOCKSTEP_REQUIRE_POSTGRES)
  console.warn(`The server suite on PostgreSQL is SKIPPED: ${noPostgres}`);

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
                name: "server on postgresql",
                include: ["test/server/**/*.test.ts"],
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
