import type { Agreement, Obligation } from "../agreement/index.js";
import type { DatedEvent } from "./event-index.js";
import { toEvidence } from "./evidence.js";
import type { Machine, PartSpec } from "./machine.js";
import type { OutsideTermsReader } from "./outside-terms.js";
import type { Record as ReplayRecord, PartRecord } from "./record.js";
import {
  FINAL_STATUSES,
  type ObligationResult,
  type ObligationStatus,
  type PartResult,
  type QuantityResult,
  type Transition,
  type VerificationResult,
} from "./result.js";
import type { PartState, Snapshot } from "./snapshot.js";
import { spellsOf } from "./spells.js";

/** Worst first: the status an obligation owed by each debtor shows when its parts differ. */
const WORST_FIRST: readonly ObligationStatus[] = [
  "violated",
  "reversed",
  "overdue",
  "active",
  "suspended",
  "dormant",
  "fulfilled_late",
  "fulfilled",
  "terminated",
  "discharged",
];
/** Statuses every part must reach: the obligation reached them when the last part did. */
const WHEN_ALL: readonly ObligationStatus[] = ["fulfilled_late", "fulfilled", "terminated", "discharged"];

const byPlace = (a: DatedEvent, b: DatedEvent) => a.position - b.position;

/** The events of several lists, each once, in the index's order. */
function uniqueInOrder(lists: readonly (readonly DatedEvent[])[]): DatedEvent[] {
  const seen = new Set<number>();
  const out: DatedEvent[] = [];
  for (const list of lists)
    for (const e of list)
      if (!seen.has(e.position)) {
        seen.add(e.position);
        out.push(e);
      }
  return out.length > 1 ? out.sort(byPlace) : out;
}

function provisional(o: Obligation, s: PartState, r: PartRecord): boolean {
  if (o.verifiedBy && (s.status === "fulfilled" || s.status === "fulfilled_late") && s.verifiedOn === null)
    return true;
  if (r.evidence.some((e) => e.event.confidence === "disputed") && s.performedOn !== null) return true;
  return s.weakOnly;
}

function quantityOf(o: Obligation, s: PartState, r: PartRecord): QuantityResult | undefined {
  const q = o.quantity;
  if (!q) return undefined;
  const owed = o.kind === "maintain" ? q.value * s.periods : q.value;
  return {
    required: { value: q.value, unit: q.unit },
    owed,
    done: s.done,
    share: owed > 0 ? s.done / owed : 1,
    contributions: r.amounts
      .filter((a) => a.counted !== null)
      .map((a) => ({
        event: a.event.event.id,
        date: a.event.event.date,
        value: a.event.event.amount!.value,
        unit: a.event.event.amount!.unit,
        counted: a.counted!,
      })),
    notCounted: r.amounts
      .filter((a) => a.counted === null)
      .map((a) => ({ event: a.event.event.id, date: a.event.event.date, reason: a.reason! })),
  };
}

function partResult(spec: PartSpec, s: PartState, r: PartRecord): PartResult {
  const quantity = quantityOf(spec.obligation, s, r);
  return {
    party: spec.party!,
    status: s.status,
    provisional: provisional(spec.obligation, s, r),
    since: s.since,
    due: s.due,
    daysLate: s.daysLate,
    evidence: r.evidence.map(toEvidence),
    history: r.history,
    ...(quantity ? { quantity } : {}),
    afterWithdrawal: r.afterWithdrawal.map(toEvidence),
  };
}

/** What one debtor of several did toward a joint quantity, against its share where the file gives one. */
function byParty(o: Obligation, r: PartRecord): QuantityResult["byParty"] {
  if (!o.quantity || o.debtors.length < 2) return undefined;
  return o.debtors.map((party) => {
    const share = o.shares?.[party] ?? null;
    const done = r.amounts
      .filter((a) => a.counted !== null && a.event.event.actors.includes(party))
      .reduce(
        (sum, a) => sum + a.counted! / a.event.event.actors.filter((x) => o.debtors.includes(x)).length,
        0,
      );
    return { party, share, owed: share === null ? null : share * o.quantity!.value, done };
  });
}

/** The worst status of the parts day by day, as the days it changed: the obligation's own status over time. */
function statusChanges(histories: Transition[][]): { date: string; status: ObligationStatus }[] {
  const current: ObligationStatus[] = histories.map(() => "dormant");
  const days = [...new Set(histories.flatMap((h) => h.map((t) => t.date)))].sort();
  const out: { date: string; status: ObligationStatus }[] = [];
  for (const day of days) {
    histories.forEach((h, i) => {
      for (const t of h) if (t.date === day) current[i] = t.to;
    });
    const status = WORST_FIRST.find((x) => current.includes(x))!;
    if (out.at(-1)?.status !== status) out.push({ date: day, status });
  }
  return out;
}

/** The worst status of the parts, since when the obligation has had it. */
function aggregate(parts: PartState[]): { status: ObligationStatus; since: string | null } {
  const status = WORST_FIRST.find((x) => parts.some((s) => s.status === x)) ?? parts[0]!.status;
  const sinces = parts
    .filter((s) => s.status === status)
    .map((s) => s.since)
    .filter((x): x is string => x !== null)
    .sort();
  return { status, since: (WHEN_ALL.includes(status) ? sinces.at(-1) : sinces[0]) ?? null };
}

export function obligationResult(
  a: Agreement,
  m: Machine,
  o: Obligation,
  snapshot: Snapshot,
  record: ReplayRecord,
  outside: OutsideTermsReader,
  asOf: string,
): ObligationResult {
  const specs = m.partsOf.get(o.id)!;
  const states = specs.map((p) => snapshot.parts[p.index]!);
  const records = specs.map((p) => record.parts[p.index]!);
  const doc = o.source ? a.documents.find((d) => d.id === o.source!.document) : undefined;
  const each = o.debtorMode === "each";
  const { status, since } = each ? aggregate(states) : { status: states[0]!.status, since: states[0]!.since };
  const history: Transition[] = each
    ? specs
        .flatMap((p, i) => records[i]!.history.map((h) => ({ ...h, party: p.party! })))
        .sort((x, y) => x.date.localeCompare(y.date))
    : records[0]!.history;
  // One part's evidence is already in order and counts each event once: the usual case, and the large one.
  const evidence =
    records.length === 1 ? records[0]!.evidence : uniqueInOrder(records.map((r) => r.evidence));
  const counted = new Set(evidence.map((e) => e.position));
  const context = uniqueInOrder(records.map((r) => r.cited)).filter((e) => !counted.has(e.position));
  const started = states.map((s) => s.started).find((x) => x !== null) ?? null;
  const due =
    states
      .map((s) => s.due)
      .filter((x): x is string => x !== null)
      .sort()[0] ?? null;
  const lates = states.map((s) => s.daysLate).filter((x): x is number => x !== null);
  const quantity = each ? undefined : quantityOf(o, states[0]!, records[0]!);
  const shares = each ? undefined : byParty(o, records[0]!);
  const verification = verificationOf(o, states, records);
  const spells =
    o.kind === "refrain" || o.kind === "maintain" ? spellsOf(o, states[0]!, records[0]!, asOf) : undefined;
  return {
    id: o.id,
    title: o.title,
    debtor: o.debtors,
    debtorMode: o.debtorMode,
    creditor: o.creditors,
    kind: o.kind,
    counts: o.countsText,
    status,
    provisional: specs.some((p, i) => provisional(o, states[i]!, records[i]!)),
    since,
    started,
    due,
    daysLate: lates.length ? Math.max(...lates) : null,
    violable: o.kind !== "perform" || o.window !== undefined || (m.parallel.get(o.id)?.length ?? 0) > 0,
    evidence: evidence.map(toEvidence),
    history,
    context: context.map(toEvidence),
    afterWithdrawal: uniqueInOrder(records.map((r) => r.afterWithdrawal)).map(toEvidence),
    outsideTerms: outside.read(o, {
      started,
      // In force until it ended, and never past its window: a violated refrain stays in force to its window's end.
      end: status === "violated" && o.kind === "refrain" ? null : endOf(status, since),
      due,
    }),
    ...(each
      ? {
          parties: specs.map((p, i) => partResult(p, states[i]!, records[i]!)),
          statusChanges: statusChanges(records.map((r) => r.history)),
        }
      : {}),
    ...(quantity ? { quantity: shares ? { ...quantity, byParty: shares } : quantity } : {}),
    ...(verification ? { verification } : {}),
    ...(o.then
      ? {
          keep: {
            kind: o.then.kind,
            counts: o.then.countsText,
            until: states[0]!.keepUntil,
            reversedBy: uniqueInOrder(records.map((r) => r.reversal)).map(toEvidence),
          },
        }
      : {}),
    ...(spells && !each ? { spells } : {}),
    ...(o.note ? { note: o.note } : {}),
    ...(o.source
      ? {
          source: { ...o.source, ...(doc ? { title: doc.title, ...(doc.url ? { url: doc.url } : {}) } : {}) },
        }
      : {}),
  };
}

function endOf(status: ObligationStatus, since: string | null): string | null {
  return FINAL_STATUSES.includes(status) ? since : null;
}

function verificationOf(
  o: Obligation,
  states: PartState[],
  records: PartRecord[],
): VerificationResult | undefined {
  if (!o.verifiedBy) return undefined;
  const performed = states.every((s) => s.performedOn !== null);
  const verified = performed && states.every((s) => s.verifiedOn !== null);
  const disputed = records.some((r) => r.evidence.some((e) => e.event.confidence === "disputed"));
  const dates = states
    .map((s) => s.verifiedOn)
    .filter((x): x is string => x !== null)
    .sort();
  return {
    by: o.verifiedBy.text,
    status: disputed ? "disputed" : verified ? "verified" : "unverified",
    date: verified ? dates.at(-1)! : null,
    evidence: uniqueInOrder(records.map((r) => r.verification)).map(toEvidence),
  };
}
