/** The JSON API of `lockstep serve`, as the dashboard reads it (same origin, under /api). */
import type { Agreement, Obligation } from "../../src/agreement/agreement.js";
import type { CatalogEntry } from "../../src/agreement/catalog.js";
import type { EventStudyResult } from "../../src/analysis/event-study.js";
import type { EventJson } from "../../src/importers/export.js";
import type { ReactResult as SrcReactResult } from "../../src/analysis/run.js";
import type { RegressReport } from "../../src/analysis/run-regress.js";
import type { WithoutCause as SrcWithoutCause } from "../../src/analysis/leave-one-out.js";
import type { ApiErrorBody, ApiIssue } from "../../src/server/errors.js";
import type { WindowSummary as SrcWindowSummary, WindowTestResult } from "../../src/analysis/window-test.js";

/*
 * GET /api/agreements/:id/evaluation returns the engine's `Evaluation` as it is: its types come from the engine, as
 * types only (erased from the bundle), so that the board cannot drift from what the server sends.
 */
export type {
  AnswerStatus,
  Cause,
  Evaluation,
  Evidence,
  LinkAccount,
  NextMove,
  ObligationResult,
  ObligationStatus,
  PartResult,
  PartyAccount,
  QuantityResult,
  Step,
  Transition,
} from "../../src/engine/result.js";

/** A source an event cites (src/model/event.ts). */
export type { Source } from "../../src/model/event.js";

/** An event in the interchange form of GET /api/events (src/importers/export.ts: `actor`, not `actors`). */
export type LedgerEvent = EventJson;

/**
 * GET /api/agreements: each agreement the server evaluates, in brief (src/server/routes/agreements.ts), with each
 * obligation's matcher as written (`counts`).
 */
export type AgreementSummary = Pick<
  Agreement,
  "id" | "title" | "status" | "signed" | "effective" | "summary" | "parties"
> & {
  origin: CatalogEntry["origin"];
  obligations: (Pick<Obligation, "id" | "title" | "kind" | "debtors" | "debtorMode"> & { counts: string })[];
};

/** GET /api/verify and health's `chain`: the ledger's own report (src/ledger/verify.ts). */
export type { VerifyReport } from "../../src/ledger/verify.js";

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal: signal ?? null, headers: { accept: "application/json" } });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${path}: HTTP ${response.status}, not JSON`);
  }
  if (!response.ok) {
    const message = (body as Partial<ApiErrorBody>).error ?? `HTTP ${response.status}`;
    throw new Error(`${path}: ${message}`);
  }
  return body as T;
}

/** GET /api/events/facets: how many events of each type, and the days the whole record spans. */
export type { EventFacets } from "../../src/ledger/query.js";

/** What a view asks GET /api/events for; an empty value asks for no filter. */
export interface EventQuery {
  /** The first and last day of a range: the events that overlap it. */
  from?: string;
  to?: string;
  type?: string;
  /** Words that must all appear in the event's record, in any case. */
  q?: string;
  /** `date` (the default), `actors`, `type`, `count` or `confidence`; `-date` for descending. */
  sort?: string;
}

/** The most events GET /api/events gives in one answer. */
export const PAGE_LIMIT = 1000;

/** Some of the events that match a query, and how many match in all. */
export interface EventsRead {
  total: number;
  events: LedgerEvent[];
}

export function eventsPath(query: EventQuery, offset: number, limit: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  params.set("limit", String(limit));
  params.set("offset", String(offset));
  return `/api/events?${params}`;
}

/**
 * Up to `count` of the events matching `query`, from the `offset`th on, in pages of at most 1,000: the first page
 * says how many match, and the pages after it are asked for together.
 */
export async function getEvents(
  query: EventQuery,
  { offset = 0, count }: { offset?: number; count: number },
  signal?: AbortSignal,
): Promise<EventsRead> {
  const first = await getJson<EventsRead>(eventsPath(query, offset, Math.min(count, PAGE_LIMIT)), signal);
  const end = offset + Math.min(count, Math.max(0, first.total - offset));
  const rest: Promise<EventsRead>[] = [];
  for (let at = offset + first.events.length; at < end; at += PAGE_LIMIT)
    rest.push(getJson<EventsRead>(eventsPath(query, at, Math.min(PAGE_LIMIT, end - at)), signal));
  const pages = await Promise.all(rest);
  return { total: first.total, events: [first, ...pages].flatMap((p) => p.events) };
}

export const actorsOf = (e: { actor: string | string[] }): string[] =>
  Array.isArray(e.actor) ? e.actor : [e.actor];

export const list = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? v.join("+") : (v ?? "");

/** One problem with a request, as the API reports it: `path` names the field (`sources.0.url`). */
export type { ApiIssue } from "../../src/server/errors.js";

/** A write the API refused: its HTTP status, its message and the issues it listed. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

/** A write with `Authorization: Bearer TOKEN` (none when the token is empty); throws ApiFailure on 4xx/5xx. */
export async function send<T>(
  path: string,
  init: { method: string; token: string; body: BodyInit; contentType: string },
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": init.contentType };
  if (init.token.trim()) headers.authorization = `Bearer ${init.token.trim()}`;
  let response: Response;
  try {
    response = await fetch(path, { method: init.method, headers, body: init.body });
  } catch (e) {
    throw new ApiFailure(0, `the server did not answer: ${(e as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const b = (body ?? {}) as Partial<ApiErrorBody>;
    throw new ApiFailure(response.status, b.error ?? `HTTP ${response.status}`, b.issues ?? []);
  }
  return body as T;
}

/** GET /api/coverage: the period each family of events covers (src/model/coverage.ts). */
export type { CoverageEntry } from "../../src/model/coverage.js";

/** A number as JSON gives it back: JSON.stringify writes NaN and ±Infinity as null (in tuples and lists too). */
type JsonNumber<T> = T extends number ? number | null : { [K in keyof T]: JsonNumber<T[K]> };

/** `T` as JSON gives it, where its members `K` may be NaN or ±Infinity. */
type NonFiniteAsNull<T, K extends keyof T> = Omit<T, K> & { [P in K]: JsonNumber<T[P]> };

/**
 * A window test's numbers (window or pre-window) as GET /api/analysis/react gives them: the ratios and the null's
 * quantiles may be NaN or ∞ (no effect, or an empty null), which arrive as null.
 */
export type WindowSummary = NonFiniteAsNull<
  SrcWindowSummary,
  "effectShare" | "expected" | "nullInterval" | "rateRatio" | "rateRatioInterval"
>;

/** The window test without one cause (leaveOneOut): its ratio is NaN or ∞ when the null's mean is 0. */
export type WithoutCause = NonFiniteAsNull<SrcWithoutCause, "expected" | "rateRatio">;

/** GET /api/analysis/react: the JSON of `lockstep react --json` (src/analysis/run.ts). */
export type ReactResult = Omit<SrcReactResult, "windowTest" | "eventStudy" | "leaveOneOut"> & {
  windowTest: Omit<WindowTestResult, "window" | "preWindow"> & {
    window: WindowSummary;
    preWindow: WindowSummary;
  };
  /** The means and their band are NaN at every lag when no cause day is used. */
  eventStudy: NonFiniteAsNull<EventStudyResult, "mean" | "lower" | "upper" | "dailyMean">;
  leaveOneOut?: { withoutEach: WithoutCause[]; mostInfluential: WithoutCause | null };
};

/** A term of a count model as JSON gives it: exp of a large estimate or interval end is ∞, which arrives as null. */
export type CountTerm = NonFiniteAsNull<
  RegressReport["model"]["terms"][number],
  "rateRatio" | "rateRatioInterval" | "interval" | "p"
>;

/** GET /api/analysis/regress: the JSON of `lockstep regress --json` (src/analysis/run-regress.ts). */
export type RegressResult = Omit<RegressReport, "model"> & {
  model: Omit<RegressReport["model"], "terms"> & { terms: CountTerm[] };
};
