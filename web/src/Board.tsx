import { useEffect, useState } from "react";
import { getJson, type AgreementSummary, type Evaluation } from "./api";
import { NextMoves } from "./board/NextMoves";
import { Obligations } from "./board/Obligations";
import { ReciprocityText } from "./board/ReciprocityText";
import { Sequence } from "./board/Sequence";
import { StatusStrip } from "./board/StatusStrip";
import { Summary } from "./board/Summary";
import { dayNumber, fromDayNumber } from "./board/time";
import { ErrorBox, Loading, Parties, isDay, isoDay } from "./common";
import { writeRoute } from "./route";

const DEFAULT_AGREEMENT = "moratorium-2018";

/** The as-of date a link asks for, if it is a real day no later than today; otherwise today. */
function asOfIn(link: URLSearchParams): string {
  const today = isoDay(new Date());
  const asked = link.get("asOf") ?? "";
  return isDay(asked) && asked <= today ? asked : today;
}

/** `link`: the parameters of the link the board was opened from (`agreement`, `asOf`). */
export function Board({ link }: { link: URLSearchParams }) {
  const [agreements, setAgreements] = useState<AgreementSummary[] | null>(null);
  const [listError, setListError] = useState<Error | null>(null);
  const [id, setId] = useState(() => link.get("agreement") ?? DEFAULT_AGREEMENT);
  const [asOf, setAsOf] = useState(() => asOfIn(link));
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    getJson<{ agreements: AgreementSummary[] }>("/api/agreements", abort.signal)
      .then((r) => {
        setAgreements(r.agreements);
        setId(
          (current) =>
            [current, DEFAULT_AGREEMENT].find((c) => r.agreements.some((a) => a.id === c)) ??
            r.agreements[0]?.id ??
            current,
        );
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setListError(e);
      });
    return () => abort.abort();
  }, []);

  // The address follows what is shown, once the slider rests: browsers refuse a flood of history updates.
  useEffect(() => {
    if (!agreements) return;
    const timer = setTimeout(() => writeRoute("board", new URLSearchParams({ agreement: id, asOf })), 150);
    return () => clearTimeout(timer);
  }, [agreements, id, asOf]);

  useEffect(() => {
    if (!agreements || !/^\d{4}-\d\d-\d\d$/.test(asOf)) return;
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    getJson<Evaluation>(`/api/agreements/${encodeURIComponent(id)}/evaluation?asOf=${asOf}`, abort.signal)
      .then((r) => {
        setEvaluation(r);
        setLoading(false);
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => abort.abort();
  }, [agreements, id, asOf, attempt]);

  if (listError) return <ErrorBox error={listError} />;
  if (!agreements) return <Loading what="agreements" />;
  const agreement = agreements.find((a) => a.id === id);
  const first = agreement?.effective ?? agreement?.signed ?? "2006-01-01";
  const today = isoDay(new Date());
  const min = dayNumber(first < today ? first : today);
  const max = dayNumber(today);

  return (
    <section aria-labelledby="board-title" className="view" data-as-of={evaluation?.asOf ?? ""}>
      <h2 id="board-title">Agreement board</h2>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Agreement{" "}
          <select id="agreement" value={id} onChange={(e) => setId(e.target.value)}>
            {agreements.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          As of{" "}
          <input
            type="date"
            id="as-of"
            value={asOf}
            max={today}
            onChange={(e) => {
              if (e.target.value) setAsOf(e.target.value);
            }}
          />
        </label>
        <label className="slider">
          <span className="visually-hidden">As of (slider)</span>
          <input
            type="range"
            id="as-of-slider"
            min={min}
            max={max}
            step={1}
            value={Math.min(max, Math.max(min, dayNumber(asOf)))}
            aria-valuetext={asOf}
            onChange={(e) => setAsOf(fromDayNumber(Number(e.target.value)))}
          />
          <span className="muted small">
            {first} … {today}
          </span>
        </label>
      </form>
      {agreement?.summary && <p className="summary">{agreement.summary}</p>}
      {agreement && (
        <p className="muted">
          Status: {agreement.status}
          {agreement.signed ? ` · signed ${agreement.signed}` : ""}
          {agreement.effective ? ` · effective ${agreement.effective}` : ""} · parties:{" "}
          {agreement.parties.map((p) => (
            <span key={p.id}>
              <Parties ids={p.id} /> <span className="small">({p.role})</span>{" "}
            </span>
          ))}
        </p>
      )}
      {loading && <Loading what={`the evaluation as of ${asOf}`} />}
      {error && <ErrorBox error={error} retry={() => setAttempt((n) => n + 1)} />}
      {evaluation && <EvaluationView evaluation={evaluation} stale={loading} />}
    </section>
  );
}

function EvaluationView({ evaluation: ev, stale }: { evaluation: Evaluation; stale: boolean }) {
  return (
    <div className={stale ? "stale" : ""} aria-busy={stale}>
      <p>
        <strong>As of {ev.asOf}</strong>
        {ev.agreement.hypothetical && (
          <span className="badge" title="a proposal, evaluated as if it had been in force">
            hypothetical
          </span>
        )}
      </p>
      <Summary ev={ev} />
      <h3>Phase</h3>
      {ev.phases.length === 0 ? (
        <p className="muted">This agreement defines no phases.</p>
      ) : (
        <p id="phase">
          {ev.phase ? (
            <>
              <strong>{ev.phase.title}</strong> since {ev.phase.since}
            </>
          ) : (
            "No phase entered yet."
          )}{" "}
          <span className="muted">
            ({ev.phases.map((p) => `${p.title}: ${p.entered ?? "not entered"}`).join("; ")})
          </span>
        </p>
      )}
      <h3>Status over time</h3>
      <StatusStrip ev={ev} />
      <h3>Obligations</h3>
      <Obligations ev={ev} />
      <h3>Whose move</h3>
      <NextMoves ev={ev} />
      <h3>Steps and answers</h3>
      <Sequence ev={ev} />
      <h3>Reciprocity account</h3>
      <ReciprocityText ev={ev} />
    </div>
  );
}
