import type { Evaluation, ObligationResult, PartResult, Transition } from "../api";
import { Parties, Status } from "../common";
import { statusLabel } from "../statuses";
import { EvidenceByYear } from "./EvidenceByYear";
import { NEVER_VIOLATED_LABEL, NEVER_VIOLATED_WHY, neverViolated } from "./never-violated";
import { amount, plural, quantityWords } from "./words";

const lateWords = (r: { status: string; daysLate: number | null }) =>
  r.status === "fulfilled_late" && r.daysLate !== null ? `${plural(r.daysLate, "day")} late` : null;

function Part({ p }: { p: PartResult }) {
  const late = lateWords(p);
  return (
    <li data-party={p.party}>
      <Parties ids={p.party} /> <Status status={p.status} provisional={p.provisional} />
      {p.since ? <span className="muted small"> since {p.since}</span> : null}
      {late && <span className="late"> {late}</span>}
      {p.quantity && <span className="small"> · {quantityWords(p.quantity)}</span>}
    </li>
  );
}

/** In place of a green "active" that would read as kept: owed, open-ended, and unable to be broken. */
function OpenEnded({ o }: { o: ObligationResult }) {
  return (
    <span
      className="status status-open-ended"
      data-status={o.status}
      data-open-ended="true"
      title={NEVER_VIOLATED_WHY}
    >
      {NEVER_VIOLATED_LABEL}
      {o.provisional ? <abbr title="provisional">*</abbr> : null}
    </span>
  );
}

/** The status and what qualifies it: how late, each debtor's own part, how much was done, whether verified. */
function StatusCell({ o }: { o: ObligationResult }) {
  const late = lateWords(o);
  const q = o.quantity;
  const v = o.verification;
  return (
    <td className="status-cell">
      {neverViolated(o) ? <OpenEnded o={o} /> : <Status status={o.status} provisional={o.provisional} />}
      {late && <div className="late">{late}</div>}
      {o.parties && (
        <ul className="parts" aria-label="Each debtor's part">
          {o.parties.map((p) => (
            <Part key={p.party} p={p} />
          ))}
        </ul>
      )}
      {q && (
        <div className="quantity small" data-share={q.share}>
          {quantityWords(q)}
          <span className="muted">
            : {amount(q.done, q.required.unit)} done
            {q.contributions.length ? `, from ${plural(q.contributions.length, "event")}` : ""}
          </span>
          {q.byParty && (
            <ul className="by-party">
              {q.byParty.map((b) => (
                <li key={b.party}>
                  {b.party}: {amount(b.done, q.required.unit)}
                  {b.owed !== null && b.share !== null
                    ? ` of its share ${amount(b.owed, q.required.unit)} (${Math.round(b.share * 100)}%)`
                    : ""}
                </li>
              ))}
            </ul>
          )}
          {q.notCounted.length > 0 && (
            <div className="muted">
              not counted: {q.notCounted.map((n) => `${n.date} (${n.reason})`).join("; ")}
            </div>
          )}
        </div>
      )}
      {v && (
        <div className="verification small" data-verification={v.status} title={`verified by ${v.by}`}>
          {v.status}
          {v.date ? ` on ${v.date}` : ""}{" "}
          <span className="muted">
            (by <code>{v.by}</code>)
          </span>
        </div>
      )}
      {o.keep && (
        <div className="keep small">
          then {o.keep.kind} <code>{o.keep.counts}</code>
          {o.keep.until ? ` until ${o.keep.until}` : ""}
          {o.keep.reversedBy.length > 0 && (
            <span className="late"> — undone on {o.keep.reversedBy.map((e) => e.date).join(", ")}</span>
          )}
        </div>
      )}
      {o.afterWithdrawal.length > 0 && (
        <div className="small muted">
          {plural(o.afterWithdrawal.length, "event")} after withdrawal, not counted
        </div>
      )}
    </td>
  );
}

function HistoryItem({ h }: { h: Transition }) {
  return (
    <li>
      <time dateTime={h.date}>{h.date}</time>
      {h.party ? <> {h.party}</> : null}: {statusLabel(h.from)} → <Status status={h.to} />
      {h.daysLate !== undefined ? ` (${plural(h.daysLate, "day")} late)` : ""}{" "}
      <span className="muted">{h.cause.text}</span>
    </li>
  );
}

function Row({ o }: { o: ObligationResult }) {
  const owedBy = o.debtorMode === "each" ? "owed by each of" : "owed by";
  return (
    <tr data-obligation={o.id} data-status={o.status}>
      <th scope="row">
        {o.title}
        <div className="muted small">
          <code>{o.id}</code> · {o.kind} · {owedBy} <Parties ids={o.debtor} />
        </div>
        <div className="muted small">
          counts: <code>{o.counts}</code>
        </div>
        {o.source?.url && (
          <div className="small">
            <a href={o.source.url} target="_blank" rel="noreferrer noopener">
              {o.source.title ?? "text"}
            </a>
          </div>
        )}
        {o.note && <div className="small muted">{o.note}</div>}
      </th>
      <StatusCell o={o} />
      <td>{o.since ?? "—"}</td>
      <td>{o.due ?? <span className="muted">no deadline</span>}</td>
      <td className="evidence">
        <EvidenceByYear evidence={o.evidence} />
      </td>
      <td>
        <details>
          <summary>{plural(o.history.length, "change")}</summary>
          <ol className="history">
            {o.history.map((h, i) => (
              <HistoryItem key={i} h={h} />
            ))}
          </ol>
        </details>
      </td>
    </tr>
  );
}

export function Obligations({ ev }: { ev: Evaluation }) {
  return (
    <>
      <p className="muted small">
        * provisional: the status rests only on events marked unverified or disputed, or a step awaits
        verification.
      </p>
      <div className="table-wrap">
        <table className="obligations">
          <thead>
            <tr>
              <th scope="col">Obligation</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col">Due</th>
              <th scope="col">Evidence</th>
              <th scope="col">History</th>
            </tr>
          </thead>
          <tbody>
            {ev.obligations.map((o) => (
              <Row key={o.id} o={o} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
