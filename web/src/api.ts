/** The JSON API of `lockstep serve`, as the dashboard reads it (same origin, under /api). */

export interface Source {
  url?: string;
  title?: string;
  publisher?: string;
  date?: string;
  quote?: string;
}

/** An event in the interchange form of GET /api/events. */
export interface LedgerEvent {
  id: string;
  date: string;
  end?: string;
  time?: string;
  actor: string | string[];
  target?: string | string[];
  type: string;
  count?: number;
  attributes?: Record<string, unknown>;
  summary?: string;
  sources: Source[];
  confidence?: string;
  note?: string;
}

/** An event as the evaluation cites it (evidence). */
export interface EvidenceEvent {
  id: string;
  date: string;
  type: string;
  actors: string[];
  count?: number;
  summary?: string;
  confidence?: string;
  sources: Source[];
}

export interface AgreementSummary {
  id: string;
  title: string;
  status: string;
  signed?: string;
  effective?: string;
  summary?: string;
  parties: { id: string; role: string; name?: string }[];
  obligations: { id: string; title: string; kind: string; debtors: string[] }[];
}

export interface HistoryStep {
  date: string;
  from: string;
  to: string;
  cause: { kind: string; text: string; events?: string[] };
}

export interface ObligationState {
  id: string;
  title: string;
  debtor: string[];
  creditor: string[];
  kind: string;
  counts: string;
  status: string;
  provisional: boolean;
  since: string | null;
  started: string | null;
  due: string | null;
  evidence: EvidenceEvent[];
  history: HistoryStep[];
  note?: string;
  source?: Source & { document?: string; article?: string };
}

export interface Evaluation {
  agreement: { id: string; title: string; status: string; hypothetical: boolean; effective?: string };
  asOf: string;
  phase: { id: string; title: string; since: string } | null;
  phases: { id: string; title: string; entered: string | null }[];
  obligations: ObligationState[];
  nextMoves: {
    party: string | string[];
    obligation: string;
    title: string;
    kind: string;
    state: string;
    due: string | null;
    waitingOn?: unknown;
  }[];
  reciprocity: {
    party: string | string[];
    obligation: string;
    title: string;
    step: string;
    date: string;
    owed: {
      obligation: string;
      title: string;
      debtor: string | string[];
      answer: string;
      date: string | null;
      daysWaited: number | null;
      evidence?: EvidenceEvent[];
    }[];
  }[];
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  head: string;
  firstBroken?: Record<string, unknown>;
}

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
    const message = (body as { error?: string }).error ?? `HTTP ${response.status}`;
    throw new Error(`${path}: ${message}`);
  }
  return body as T;
}

/** Every current event: GET /api/events pages by at most 1000. */
export async function getAllEvents(signal?: AbortSignal): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = [];
  for (;;) {
    const page = await getJson<{ total: number; events: LedgerEvent[] }>(
      `/api/events?limit=1000&offset=${events.length}`,
      signal,
    );
    events.push(...page.events);
    if (page.events.length === 0 || events.length >= page.total) return events;
  }
}

export const actorsOf = (e: { actor: string | string[] }): string[] =>
  Array.isArray(e.actor) ? e.actor : [e.actor];

export const list = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? v.join("+") : (v ?? "");

/** One problem with a request, as the API reports it: `path` names the field (`sources.0.url`). */
export interface ApiIssue {
  path?: string;
  message: string;
  record?: string;
}

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
    const b = (body ?? {}) as { error?: string; issues?: ApiIssue[] };
    throw new ApiFailure(response.status, b.error ?? `HTTP ${response.status}`, b.issues ?? []);
  }
  return body as T;
}

/** A window test's numbers (window or pre-window) as GET /api/analysis/react gives them; JSON turns ∞ and NaN into null. */
export interface WindowSummary {
  days: number;
  share: number;
  observed: number;
  effectShare: number;
  expected: number;
  nullInterval: [number | null, number | null];
  rateRatio: number | null;
  rateRatioInterval: [number | null, number | null];
  pOneSided: number;
  pTwoSided: number;
}

/** GET /api/analysis/react: the same JSON as `lockstep react --json`. */
export interface ReactResult {
  method: string;
  cause: string;
  effect: string;
  from: string;
  to: string;
  causesSkipped: number;
  effectSkipped: { partialDate: number; noWeight: number };
  windowTest: {
    days: number;
    effectTotal: number;
    causes: number;
    permutations: number;
    shiftStep: number;
    window: WindowSummary;
    preWindow: WindowSummary;
  };
  eventStudy: {
    k: number;
    lags: number[];
    mean: (number | null)[];
    lower: (number | null)[];
    upper: (number | null)[];
    dailyMean: number;
    causeDays: number;
    excluded: number;
    permutations: number;
  };
}
