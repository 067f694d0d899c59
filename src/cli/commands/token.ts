import type { Command } from "commander";
import { isTokenRole, TOKEN_ROLES } from "../../ledger/index.js";
import { addDurationToInstant, parseDuration } from "../../agreement/duration.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { dbOption, useStore } from "../ledger-options.js";
import { renderTable } from "../table.js";

interface TokenFlags extends CommonOptions {
  role?: string;
  expires?: string;
}

/** The instant a token made now expires after an ISO 8601 duration of days, weeks, months or years (P90D). */
export function expiryOf(text: string, now: Date): string {
  const d = parseDuration(text);
  if (!d || d.years + d.months + d.days === 0)
    throw new UsageError(`--expires must be a duration such as P90D, P2W, P6M or P1Y, not "${text}"`);
  try {
    return addDurationToInstant(now, d);
  } catch {
    throw new UsageError(`--expires ${text} ends after the year 9999`);
  }
}

export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description("API tokens for `lockstep serve`: only a hash of each is stored in the ledger");

  token
    .command("create")
    .description("create a token and print it, once")
    .requiredOption(
      "--role <role>",
      "editor (may add events and imports) | admin (may also create, list and revoke tokens over the API)",
    )
    .addOption(dbOption(true))
    .option(
      "--expires <duration>",
      "the token stops working after this long: P90D, P2W, P6M, P1Y (default: never)",
    )
    .option("--json", "print {id, role, createdAt, expiresAt?, token}")
    .action(
      action(async (flags: TokenFlags) => {
        const role = flags.role ?? "";
        if (!isTokenRole(role))
          throw new UsageError(`--role must be ${TOKEN_ROLES.join(" or ")}, not "${role}"`);
        const now = new Date();
        const expiresAt = flags.expires ? expiryOf(flags.expires, now) : undefined;
        await useStore(flags, async (store) => {
          const t = await store.createToken(role, now, expiresAt);
          if (flags.json) printJson(t);
          else
            process.stdout.write(
              `${t.token}\n` +
                `Token ${t.id} (${t.role}) created${t.expiresAt ? `, valid until ${t.expiresAt}` : ""}. It is shown only now: keep it; the ledger stores its hash.\n` +
                `Use it as: Authorization: Bearer ${t.token.slice(0, 8)}…\n`,
            );
        });
      }),
    );

  token
    .command("list")
    .description("list tokens: ids, roles and dates (never the tokens)")
    .addOption(dbOption(true))
    .option("--json", "print a machine-readable list")
    .action(
      action(async (flags: CommonOptions) => {
        await useStore(flags, async (store) => {
          const tokens = await store.listTokens();
          if (flags.json) printJson(tokens);
          else
            process.stdout.write(
              renderTable(
                ["id", "role", "created", "expires", "revoked"],
                tokens.map((t) => [t.id, t.role, t.createdAt, t.expiresAt ?? "", t.revokedAt ?? ""]),
              ) + `${tokens.length} token(s)\n`,
            );
        });
      }),
    );

  token
    .command("revoke")
    .description("revoke a token: requests with it are refused from now on")
    .argument("<id>", "the token's id (tok_…), as `lockstep token list` shows it")
    .addOption(dbOption(true))
    .option("--json", "print a machine-readable result")
    .action(
      action(async (id: string, flags: CommonOptions) => {
        await useStore(flags, async (store) => {
          if (!(await store.revokeToken(id)))
            throw new UsageError(`no live token ${id} (see lockstep token list)`);
          if (flags.json) printJson({ revoked: id });
          else process.stdout.write(`Token ${id} revoked.\n`);
        });
      }),
    );
}
