import type { ReactNode } from "react";
import { list, type Evidence, type LedgerEvent, type Source } from "./api";
import { statusLabel } from "./statuses";
import { partyColor } from "./parties";

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div className="error" role="alert">
      <strong>Could not load:</strong> {error.message}
      {retry && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Parties({ ids }: { ids: string | string[] | undefined }) {
  const all = Array.isArray(ids) ? ids : ids ? [ids] : [];
  return (
    <span className="parties">
      {all.map((id) => (
        <span key={id} className="party" style={{ borderColor: partyColor(id), color: partyColor(id) }}>
          {id}
        </span>
      ))}
    </span>
  );
}

export function Sources({ sources }: { sources: Source[] }) {
  if (!sources.length) return <p className="muted">No sources recorded.</p>;
  return (
    <ul className="sources">
      {sources.map((s, i) => {
        const label = s.title ?? s.url ?? "source";
        return (
          <li key={i}>
            {s.url ? (
              <a href={s.url} target="_blank" rel="noreferrer noopener">
                {label}
              </a>
            ) : (
              label
            )}
            {s.publisher && <span className="muted"> — {s.publisher}</span>}
            {s.date && <span className="muted"> ({s.date})</span>}
            {s.quote && <blockquote>{s.quote}</blockquote>}
          </li>
        );
      })}
    </ul>
  );
}

/** One event with its sources, for the timeline's detail panel and the board's evidence. */
export function EventCard({ event, children }: { event: LedgerEvent | Evidence; children?: ReactNode }) {
  const actors = "actors" in event ? event.actors : event.actor;
  const end = "end" in event ? event.end : undefined;
  const targets = "targets" in event ? event.targets : "target" in event ? event.target : undefined;
  return (
    <article className="event-card" data-event={event.id}>
      <h3>
        <time dateTime={event.date}>{event.date}</time>
        {end ? <> – {end}</> : null} · {event.type.replaceAll("_", " ")}
        {event.count && event.count > 1 ? ` ×${event.count}` : ""}
        {"amount" in event && event.amount
          ? ` · ${event.amount.value.toLocaleString("en-US")} ${event.amount.unit}`
          : ""}
      </h3>
      <p>
        <Parties ids={actors} /> {event.summary ?? ""}
      </p>
      {targets && targets.length ? <p className="muted">Target: {list(targets)}</p> : null}
      {event.confidence && <p className="muted">Confidence: {event.confidence}</p>}
      {children}
      <Sources sources={event.sources} />
      <p className="muted small">
        <code>{event.id}</code>
      </p>
    </article>
  );
}

export function Status({ status, provisional }: { status: string; provisional?: boolean }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      {statusLabel(status)}
      {provisional ? (
        <abbr title="provisional: rests only on unverified or disputed events, or awaits verification">
          *
        </abbr>
      ) : null}
    </span>
  );
}

/** The dates of the API, where the views have always found them (defined in days.ts, which tests can read). */
export { isDay, isoDay, toDate } from "./days";

/** The event-type filter shared by the timeline and the ledger. */
export function TypeSelect(props: {
  id: string;
  types: string[];
  value: string;
  onChange: (type: string) => void;
}) {
  return (
    <label>
      Type{" "}
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">all types</option>
        {props.types.map((t) => (
          <option key={t} value={t}>
            {t.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </label>
  );
}
