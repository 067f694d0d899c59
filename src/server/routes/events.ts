import type { FastifyInstance } from "fastify";
import { toEventJson } from "../../importers/index.js";
import {
  EVENT_ORDERS,
  type EventOrder,
  type ImportItem,
  type PageCursor,
  type QueryOptions,
} from "../../ledger/index.js";
import { filterIssues, InputError, matcherFromFilters, type EventFilters } from "../../model/index.js";
import type { ServerContext } from "../app.js";
import { ApiError, apiIssue } from "../errors.js";
import { requireRole } from "../auth.js";
import { jsonBodyErrors, LEDGER_BUSY, requestErrors, tokenErrors } from "../schemas/errors.js";
import { eventPageAnswer, eventsAddedAnswers, facetsAnswer } from "../schemas/events.js";
import { actorsToCheck } from "../../store/actors.js";

const RESERVED = new Set([
  "actor",
  "target",
  "type",
  "from",
  "to",
  "where",
  "history",
  "limit",
  "offset",
  "q",
  "sort",
  "after",
]);
/** `date`, `-date` (latest first), `type`, …: each order either way. */
const SORTS = EVENT_ORDERS.flatMap((o) => [o, `-${o}`]);
const MAX_LIMIT = 1000;

interface EventsQuery extends EventFilters {
  history?: boolean;
  q?: string;
  sort?: string;
  after?: string;
  limit: number;
  offset: number;
  [attribute: string]: unknown;
}

const stringList = { type: "array", items: { type: "string" } } as const;

function wholeNumber(param: string, value: number, max: number, written: string | null): void {
  if (
    (written !== null && !/^\d{1,16}$/.test(written)) ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    value > max
  )
    throw new ApiError(400, `${param} must be a whole number from 0 to ${max}`, [
      { path: param, message: `must be a whole number from 0 to ${max}`, received: written ?? String(value) },
    ]);
}

/** A cursor as it travels: opaque to the client, the order's value and the entry number inside. */
function writeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify([c.value, c.seq])).toString("base64url");
}

function readCursor(text: string): PageCursor {
  try {
    const [value, seq] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if ((typeof value === "string" || typeof value === "number") && Number.isSafeInteger(seq))
      return { value, seq: seq as number };
  } catch {
    // refused below
  }
  throw new ApiError(400, "after must be the `next` of a page of this list", [
    { path: "after", message: "not a cursor this API gave", received: text },
  ]);
}

export function registerEventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: EventsQuery }>(
    "/api/events",
    {
      schema: {
        tags: ["events"],
        summary: "List events, filtered, in date order",
        description:
          "The filters of `lockstep events`. `actor`, `target` and `type` may be repeated or comma-separated; `from`/`to` are inclusive local dates (a partial date is allowed); attribute terms are given as `where=class=ICBM,IRBM` (repeatable) or directly as `class=ICBM,IRBM`. `history` includes superseded events and retractions. Events are in the interchange form of `lockstep events --format json`; `total` counts all matches. A full page carries `next`: pass it as `after` for the page after it (a keyset cursor: as fast deep in the list as at its start, where `offset` reads every event it skips).",
        querystring: {
          type: "object",
          additionalProperties: true,
          properties: {
            actor: { ...stringList, description: "any of the event's actors" },
            target: { ...stringList, description: "any of the event's targets" },
            type: { ...stringList, description: "event type(s)" },
            from: { type: "string", description: "first local day, inclusive" },
            to: { type: "string", description: "last local day, inclusive" },
            where: { ...stringList, description: "attribute term key=value[,value]" },
            history: { type: "boolean", default: false },
            q: {
              type: "string",
              maxLength: 200,
              description:
                "words that must all appear in the event's record (ids, actors, attributes, summary, sources), in any case",
            },
            after: {
              type: "string",
              maxLength: 400,
              description:
                "a page's `next`: the page after it, found by the index however deep (offset reads every event it skips)",
            },
            sort: { type: "string", enum: SORTS, default: "date", description: "order; `-` for descending" },
            limit: { type: "integer", minimum: 0, maximum: MAX_LIMIT, default: 100 },
            offset: { type: "integer", minimum: 0, default: 0 },
          },
        },
        response: {
          200: eventPageAnswer,
          ...requestErrors(
            "a parameter refused (a limit out of range, a cursor this API did not give), or a filter naming an attribute no event can have or an actor none has",
          ),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      // Ajv's coercion takes "Infinity", "0x10", "1e3" or " 5" for integers: the numbers are read again as written.
      const raw = new URL(request.url, "http://x").searchParams;
      wholeNumber("limit", q.limit, MAX_LIMIT, raw.get("limit"));
      wholeNumber("offset", q.offset, Number.MAX_SAFE_INTEGER, raw.get("offset"));
      const attributeTerms: string[] = [];
      for (const [key, value] of Object.entries(q)) {
        if (RESERVED.has(key)) continue;
        for (const v of Array.isArray(value) ? value : [value]) attributeTerms.push(`${key}=${String(v)}`);
      }
      const matcher = matcherFromFilters(attributeTerms, {
        ...(q.actor ? { actor: q.actor } : {}),
        ...(q.target ? { target: q.target } : {}),
        ...(q.type ? { type: q.type } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.where ? { where: q.where } : {}),
      });
      // An attribute that no event can have, or an actor none has, is a mistake to report, not a filter matching
      // nothing.
      // Kept per ledger state and codes named: a code the ledger lacks costs a read of every entry's actors.
      const actors = await ctx.remembered(
        `actors ${JSON.stringify([matcher.actors, matcher.with, matcher.targets])}`,
        () => actorsToCheck(ctx.store, [matcher]),
      );
      const issues = filterIssues(matcher, actors);
      if (issues.length)
        throw new InputError(
          "invalid filter",
          issues.map((issue) => ({ issue })),
        );
      const sort = q.sort ?? "date";
      const options: QueryOptions = {
        history: q.history ?? false,
        ...(q.q?.trim() ? { words: q.q.trim().split(/\s+/).slice(0, 20) } : {}),
        order: { by: sort.replace(/^-/, "") as EventOrder, descending: sort.startsWith("-") },
      };
      const key = JSON.stringify([matcher, options]);
      // The count of matches changes only with the ledger: one count per filter and ledger state, however many
      // pages are asked for (a count over a million entries takes a good part of a second).
      const total = await ctx.remembered(`count ${key}`, () => ctx.store.countEvents(matcher, options));
      // A page is kept as its JSON until the ledger changes: the dashboard and its readers ask for the same ones.
      const after = q.after === undefined ? undefined : readCursor(q.after);
      const json = await ctx.cached(`events ${q.limit} ${q.offset} ${q.after ?? ""} ${key}`, async () => {
        const page = await ctx.store.queryEventPage(matcher, {
          ...options,
          limit: q.limit,
          offset: q.offset,
          total,
          ...(after ? { after } : {}),
        });
        return {
          total: page.total,
          limit: q.limit,
          offset: q.offset,
          ...(page.next ? { next: writeCursor(page.next) } : {}),
          events: page.events.map(toEventJson),
        };
      });
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.get<{ Querystring: { history?: boolean } }>(
    "/api/events/facets",
    {
      schema: {
        tags: ["events"],
        summary: "How many events of each type, and the days they span",
        description:
          "`events`, `first` (the first event's first day), `last` (the last day an event reaches) and the same for each type: what the dashboard needs to draw the whole record without reading it. `history` counts superseded events and retractions too.",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { history: { type: "boolean", default: false } },
        },
        response: {
          200: facetsAnswer,
          ...requestErrors("a parameter other than `history`, or `history` not a boolean"),
        },
      },
    },
    async (request, reply) => {
      const history = request.query.history ?? false;
      const json = await ctx.cached(`facets ${history}`, () => ctx.store.eventFacets({ history }));
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.post<{ Body: unknown }>(
    "/api/events",
    {
      onRequest: requireRole(ctx.tokens, "editor"),
      schema: {
        tags: ["events"],
        summary: "Add one event or an array of events (editor)",
        description:
          "Events in the interchange form (docs/interchange.md), each with its sources. All-or-nothing: if any event is invalid, nothing is written and the response lists every problem, its `path` naming the field (`sources.0.url`, or `1.date` for the second event of an array). Events already in the ledger are counted as duplicates. 201 with the ids of the events added.",
        security: [{ bearer: [] }],
        body: {
          description: "an event, or an array of events",
          anyOf: [{ type: "object" }, { type: "array", items: { type: "object" } }],
        },
        response: {
          ...eventsAddedAnswers,
          ...requestErrors(
            "an invalid event (nothing was written; each issue's `path` names the field), an empty array, a body that does not parse, or a query parameter",
          ),
          ...tokenErrors("editor"),
          ...jsonBodyErrors("the server's body limit (1 MiB by default)"),
          503: LEDGER_BUSY,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const list = Array.isArray(body) ? (body as unknown[]) : [body];
      if (list.length === 0) throw new ApiError(400, "no events: the array is empty");
      const file = `api/${request.token!.id}`;
      const items: ImportItem[] = list.map((input, i) => ({ where: { file, record: String(i) }, input }));
      try {
        const report = await ctx.write((writer) =>
          writer.appendEvents(items, { importer: "api", file, keepEvents: true }),
        );
        return reply.status(report.added ? 201 : 200).send({
          added: report.added,
          duplicates: report.duplicates,
          ids: (report.events ?? []).map((e) => e.id),
        });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        throw new ApiError(
          400,
          `${err.issues.length} problem(s) in the request; nothing was written`,
          err.issues.map(({ issue, where }) => {
            const prefix = Array.isArray(body) && where ? where.record : undefined;
            const path = [prefix, issue.path].filter((x) => x !== undefined && x !== "").join(".");
            return {
              ...apiIssue(issue, prefix !== undefined ? where : undefined),
              ...(path ? { path } : {}),
            };
          }),
        );
      }
    },
  );
}
