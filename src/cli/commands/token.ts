import type { Command } from "commander";
import {
  createToken,
  isTokenRole,
  listTokens,
  openLedger,
  resolveLedgerPath,
  revokeToken,
  TOKEN_ROLES,
} from "../../ledger/index.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { renderTable } from "../table.js";

interface TokenFlags extends CommonOptions {
  role?: string;
}

export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description("API tokens for `lockstep serve`: only a hash of each is stored in the ledger file");

  token
    .command("create")
    .description("create a token and print it, once")
    .requiredOption(
      "--role <role>",
      "editor (may add events and imports) | admin (may also create, list and revoke tokens over the API)",
    )
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--json", "print {id, role, createdAt, token}")
    .action(
      action((flags: TokenFlags) => {
        const role = flags.role ?? "";
        if (!isTokenRole(role))
          throw new UsageError(`--role must be ${TOKEN_ROLES.join(" or ")}, not "${role}"`);
        const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
        try {
          const t = createToken(ledger, role);
          if (flags.json) printJson(t);
          else
            process.stdout.write(
              `${t.token}\n` +
                `Token ${t.id} (${t.role}) created. It is shown only now: keep it; the ledger stores its hash.\n` +
                `Use it as: Authorization: Bearer ${t.token.slice(0, 8)}…\n`,
            );
        } finally {
          ledger.close();
        }
      }),
    );

  token
    .command("list")
    .description("list tokens: ids, roles and dates (never the tokens)")
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--json", "print a machine-readable list")
    .action(
      action((flags: CommonOptions) => {
        const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
        try {
          const tokens = listTokens(ledger);
          if (flags.json) printJson(tokens);
          else
            process.stdout.write(
              renderTable(
                ["id", "role", "created", "revoked"],
                tokens.map((t) => [t.id, t.role, t.createdAt, t.revokedAt ?? ""]),
              ) + `${tokens.length} token(s)\n`,
            );
        } finally {
          ledger.close();
        }
      }),
    );

  token
    .command("revoke")
    .description("revoke a token: requests with it are refused from now on")
    .argument("<id>", "the token's id (tok_…), as `lockstep token list` shows it")
    .option("--db <path>", "ledger file (default: $LOCKSTEP_DB or ./lockstep.db)")
    .option("--json", "print a machine-readable result")
    .action(
      action((id: string, flags: CommonOptions) => {
        const ledger = openLedger(resolveLedgerPath(flags.db), { mustExist: true });
        try {
          if (!revokeToken(ledger, id)) throw new UsageError(`no live token ${id} (see lockstep token list)`);
          if (flags.json) printJson({ revoked: id });
          else process.stdout.write(`Token ${id} revoked.\n`);
        } finally {
          ledger.close();
        }
      }),
    );
}
