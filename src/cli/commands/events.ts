import type { Command } from "commander";
import { allowBrokenOption, dbOption, readStore } from "../ledger-options.js";
import type { StoredEvent } from "../../ledger/index.js";
import type { LedgerStore } from "../../store/index.js";
import { actorsToCheck } from "../../store/actors.js";
import { toCsv, toEventJson, toJsonLines } from "../../importers/export.js";
import {
  filterIssues,
  InputError,
  matcherFromFilters,
  type EventFilters,
  type EventMatcher,
} from "../../model/index.js";
import { action, UsageError, type CommonOptions } from "../errors.js";
import { renderTable, truncate } from "../table.js";

interface EventsFlags extends CommonOptions, EventFilters {
  history?: boolean;
  format?: string;
  limit?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The matcher from positional terms (`actor=PRK class=ICBM`) and the flags that spell the same terms, checked
 * against the ledger as the API checks it: a typo (`actr=PRK`, `klass=ICBM`, `actor=NKR`) is refused with what was
 * meant, never read as a filter that matches nothing.
 */
export async function matcherFromFlags(
  store: LedgerStore,
  terms: string[],
  flags: Omit<EventsFlags, "format" | "limit">,
): Promise<EventMatcher> {
  const matcher = matcherFromFilters(terms, flags);
  const issues = filterIssues(matcher, await actorsToCheck(store, [matcher]));
  if (issues.length)
    throw new InputError(
      "invalid filter",
      issues.map((issue) => ({ issue })),
    );
  return matcher;
}

function actorsText(e: StoredEvent): string {
  const a = e.actors.join("+");
  return e.targets?.length ? `${a} → ${e.targets.join("+")}` : a;
}

function renderEvents(events: StoredEvent[], history: boolean): string {
  const rows = events.map((e) => [
    e.end ? `${e.date}…${e.end}` : e.date,
    e.type,
    actorsText(e),
    e.count,
    truncate(e.summary ?? "", 60),
    e.confidence + (e.supersededBy ? " (superseded)" : ""),
    e.sources.length,
    e.id,
  ]);
  const title = history ? "all entries, superseded ones included" : "current view";
  return (
    renderTable(["date", "type", "actor → target", "count", "summary", "confidence", "sources", "id"], rows) +
    `${events.length} event(s), ${events.reduce((n, e) => n + e.count, 0)} counted unit(s) (${title})\n`
  );
}

export function registerEvents(program: Command): void {
  program
    .command("events")
    .description("list events in the ledger, filtered; export them as JSON, JSON Lines or CSV")
    .argument("[terms...]", "filter terms key=value[,value] (actor=PRK type=missile_launch class=ICBM,IRBM)")
    .option("--actor <codes>", "any of the event's actors (repeatable, or comma-separated)", collect)
    .option("--target <codes>", "any of the event's targets", collect)
    .option("--type <types>", "event type(s)", collect)
    .option("--from <date>", "local date, inclusive (a partial date such as 2022-10 is its first day)")
    .option("--to <date>", "local date, inclusive (a partial date such as 2022-10 is its last day)")
    .option(
      "--where <attr=values>",
      "attribute filter, e.g. class=ICBM,IRBM or scale=large (repeatable)",
      collect,
    )
    .option("--history", "include superseded events and retractions")
    .option("--format <format>", "table | json | jsonl | csv", "table")
    .option("--limit <n>", "at most this many events (the first by date)")
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option("--json", "same as --format json")
    .action(
      action(async (terms: string[], flags: EventsFlags) => {
        const format = flags.json ? "json" : (flags.format ?? "table");
        if (!["table", "json", "jsonl", "csv"].includes(format))
          throw new UsageError(`--format must be table, json, jsonl or csv, not "${format}"`);
        const limit = flags.limit === undefined ? undefined : Number(flags.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0))
          throw new UsageError(`--limit must be a whole number, not "${flags.limit}"`);
        let events = await readStore(flags, async (store) =>
          store.queryEvents(await matcherFromFlags(store, terms, flags), { history: flags.history ?? false }),
        );
        if (limit !== undefined) events = events.slice(0, limit);
        const out =
          format === "json"
            ? JSON.stringify(events.map(toEventJson), null, 2) + "\n"
            : format === "jsonl"
              ? toJsonLines(events)
              : format === "csv"
                ? toCsv(events)
                : renderEvents(events, flags.history ?? false);
        process.stdout.write(out);
      }),
    );
}
