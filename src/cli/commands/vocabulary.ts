import type { Command } from "commander";
import { allowBrokenOption, dbOption, readStore } from "../ledger-options.js";
import { ACTOR_ALIASES, actorName, ATTRIBUTE_SCHEMAS, EVENT_TYPES } from "../../model/index.js";
import { action, printJson, type CommonOptions } from "../errors.js";
import { renderTable } from "../table.js";

/** The words a filter can use: the actors the ledger has (with their other names), and the event types. */
export function registerVocabulary(program: Command): void {
  program
    .command("actors")
    .description(
      "the actor codes in the ledger, with their names, the other names a filter takes, and event counts",
    )
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option("--json", "print them as JSON")
    .action(
      action(async (flags: CommonOptions) => {
        await readStore(flags, async (store) => {
          const rows = (await store.ledgerActors()).map((a) => ({
            ...a,
            name: actorName(a.code),
            aliases: Object.keys(ACTOR_ALIASES).filter((alias) => ACTOR_ALIASES[alias] === a.code),
          }));
          if (flags.json) return printJson(rows);
          process.stdout.write(
            renderTable(
              ["code", "name", "also", "as actor", "as target"],
              rows.map((r) => [
                r.code,
                r.name === r.code ? "" : r.name,
                r.aliases.join(", "),
                r.asActor,
                r.asTarget,
              ]),
            ) + `${rows.length} actor(s) in the current view\n`,
          );
        });
      }),
    );

  program
    .command("types")
    .description(
      "the event types, the attributes each can have, and how many events of each the ledger holds",
    )
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option("--json", "print them as JSON")
    .action(
      action(async (flags: CommonOptions) => {
        await readStore(flags, async (store) => {
          const counts = new Map((await store.eventFacets()).types.map((t) => [t.type, t]));
          const rows = EVENT_TYPES.map((type) => ({
            type,
            events: counts.get(type)?.events ?? 0,
            first: counts.get(type)?.first ?? null,
            last: counts.get(type)?.last ?? null,
            attributes: Object.keys(
              (ATTRIBUTE_SCHEMAS as Record<string, { entries?: Record<string, unknown> }>)[type]?.entries ??
                {},
            ),
          }));
          if (flags.json) return printJson(rows);
          process.stdout.write(
            renderTable(
              ["type", "events", "first", "last", "attributes"],
              rows.map((r) => [r.type, r.events, r.first ?? "", r.last ?? "", r.attributes.join(", ")]),
            ),
          );
        });
      }),
    );
}
