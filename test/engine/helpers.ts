import { formatAgreementIssue, parseAgreement, type Agreement } from "../../src/agreement/index.js";
import { type Evaluation, type ObligationStatus } from "../../src/engine/index.js";
import { parseEvent, type Confidence, type LedgerEvent } from "../../src/model/index.js";

/**
 * An agreement from inline YAML. `header` gives the lines before `obligations:`; by default an agreement in force
 * from 2020-01-01 between PRK and USA (USA also a creditor where an obligation names it). Fails on any error.
 */
export function agreement(obligationsAndMore: string, header = HEADER): Agreement {
  const r = parseAgreement(header + obligationsAndMore, "test.yaml");
  const errors = r.issues.filter((i) => i.severity === "error");
  if (errors.length || !r.agreement) throw new Error(errors.map(formatAgreementIssue).join("\n"));
  return r.agreement;
}

export const HEADER = `id: test
title: Test
status: in_force
effective: 2020-01-01
parties:
  - { id: PRK, role: party }
  - { id: USA, role: party }
`;

const DEFAULT_ATTRIBUTES: Record<string, Record<string, unknown>> = {
  missile_launch: { class: "SRBM" },
  military_exercise: { name: "Exercise", status: "held", scale: "large" },
  summit_or_meeting: { name: "Talks" },
  declaration: { subject: "freeze", effect: "announced" },
  statement: { subject: "talks" },
  sanctions_imposed: { authority: "UNSC", instrument: "Resolution" },
  sanctions_relieved: { authority: "UNSC", instrument: "Resolution" },
  aid_delivered: { goods: "heavy_fuel_oil" },
  facility_status: { facility: "Yongbyon reactor", status: "shut_down" },
  inspection: { body: "IAEA", action: "confirmed" },
  withdrawal: { agreement: "the agreement" },
};

let serial = 0;

/**
 * A valid ledger event: `ev("2020-03-01", "PRK", "missile_launch", { class: "ICBM" })`. Each call makes a distinct
 * event (its summary carries a serial number), so two events on the same day are two events.
 */
export function ev(
  date: string,
  actor: string,
  type: string,
  attributes: Record<string, unknown> = {},
  extra: {
    confidence?: Confidence;
    summary?: string;
    amount?: { value: number; unit: string };
    end?: string;
  } = {},
): LedgerEvent {
  const r = parseEvent({
    type,
    date,
    actor,
    attributes: { ...(DEFAULT_ATTRIBUTES[type] ?? {}), ...attributes },
    sources: [{ title: `source ${++serial}` }],
    summary: extra.summary ?? `event ${serial}`,
    ...(extra.confidence ? { confidence: extra.confidence } : {}),
    ...(extra.amount ? { amount: extra.amount } : {}),
    ...(extra.end ? { end: extra.end } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.event;
}

export interface Verdict {
  status: ObligationStatus;
  since: string | null;
  /** The kind of cause of the last transition, null while dormant. */
  cause: string | null;
}

/** Every obligation's status, since when, and why: the expected value of a trace test. */
export function verdicts(result: Evaluation): Record<string, Verdict> {
  return Object.fromEntries(
    result.obligations.map((o) => [
      o.id,
      { status: o.status, since: o.since, cause: o.history.at(-1)?.cause.kind ?? null },
    ]),
  );
}

export const v = (status: ObligationStatus, since: string | null, cause: string | null): Verdict => ({
  status,
  since,
  cause,
});

export const dormant: Verdict = { status: "dormant", since: null, cause: null };

export function obligation(result: Evaluation, id: string) {
  const o = result.obligations.find((x) => x.id === id);
  if (!o) throw new Error(`no obligation ${id}`);
  return o;
}
